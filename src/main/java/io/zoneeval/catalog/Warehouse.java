package io.zoneeval.catalog;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import io.zoneeval.spark.Parallel;

/**
 * The thin I/O layer over the Delta tables of one warehouse folder: every table lives at
 * {@code <warehouse>/<schema>/<name>} and is created, read and written by path, so that no metastore is
 * needed and any number of processes can read while one writes. Tables are created from their
 * {@link TableDef} (NOT NULL columns, comments, CHECK constraints, properties), and every write first
 * checks the rules over several rows that Delta's row constraints cannot express.
 */
public final class Warehouse {
  /** The layout this code reads and writes, kept in a file of the warehouse folder. */
  static final String LAYOUT_FILE = "_zone_eval_layout";
  static final String LAYOUT = "2: bronze files + bronze.deliveries, silver by (file, year), gold by run";

  private final SparkSession spark;
  private final String root;
  private final java.util.Set<String> checked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = qualified(spark, root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
  }

  /** The folder as a full URI (file:/abs/path, hdfs://…). */
  static String qualified(SparkSession spark, String root) {
    Path path = new Path(root);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String location(TableDef table) {
    return root + "/" + table.schema() + "/" + table.name();
  }

  private FileSystem fs() {
    try {
      return new Path(root).getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the table has been created (its log has a first commit). */
  public boolean exists(TableDef table) {
    return version(table) >= 0;
  }

  /**
   * Refuses a warehouse written by an older layout of zone-eval (bronze tables of records, silver without
   * its deliveries): its tables cannot be read as this version's. A fresh folder is marked with the layout.
   */
  public void checkLayout() {
    Path marker = new Path(root, LAYOUT_FILE);
    try {
      FileSystem fs = fs();
      if (fs.exists(marker)) {
        return;
      }
      boolean older = fs.exists(new Path(root, "gold")) || fs.exists(new Path(root, "silver"));
      if (older) {
        throw new IllegalStateException(root + " was written by an older zone-eval (no " + LAYOUT_FILE
            + "): ingest the raw files again into a new warehouse folder");
      }
      fs.mkdirs(new Path(root));
      try (var out = fs.create(marker, false)) {
        out.write((LAYOUT + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(root + ": cannot be written: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the tables that do not exist yet (in parallel: a creation is one small commit each) and
   * brings the CHECK constraints and properties of existing ones up to these definitions once per process.
   */
  public void ensure(Collection<TableDef> tables) {
    Parallel.run(tables.stream().map(t -> (Runnable) () -> ensure(t)).toList());
  }

  public void ensure(TableDef table) {
    if (!exists(table)) {
      create(table);
    } else {
      addMissingChecks(table);
    }
    checked.add(table.qualifiedName());
  }

  private void create(TableDef table) {
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).location(location(table));
    for (TableDef.Col c : table.columns()) {
      var column = DeltaTable.columnBuilder(spark, c.name()).dataType(c.type()).nullable(!c.notNull());
      if (c.comment() != null) {
        column = column.comment(c.comment());
      }
      builder = builder.addColumn(column.build());
    }
    if (!table.partitionBy().isEmpty()) {
      builder = builder.partitionedBy(table.partitionBy().toArray(String[]::new));
    }
    if (table.comment() != null) {
      builder = builder.comment(table.comment());
    }
    // CHECK constraints are table properties: set at creation they cost no extra commit.
    for (var check : table.checks().entrySet()) {
      builder = builder.property("delta.constraints." + check.getKey().toLowerCase(java.util.Locale.ROOT),
          check.getValue());
    }
    for (var property : table.properties().entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
    checked.add(table.qualifiedName());
  }

  private String pathName(TableDef table) {
    return "delta.`" + location(table) + "`";
  }

  /** Adds the CHECK constraints and table properties a table created by an older rules file lacks. */
  private void addMissingChecks(TableDef table) {
    if ((table.checks().isEmpty() && table.properties().isEmpty()) || !checked.add(table.qualifiedName())) {
      return;
    }
    // Read by Delta Kernel: SHOW TBLPROPERTIES would cost Delta's snapshot reconstruction jobs per table.
    Map<String, String> props = SnapshotFiles.properties(spark.sparkContext().hadoopConfiguration(), location(table));
    List<String> missing = new ArrayList<>();
    table.properties().forEach((key, value) -> {
      if (!value.equals(props.get(key))) {
        missing.add(quote(key) + " = " + quote(value));
      }
    });
    if (!missing.isEmpty()) {
      spark.sql("ALTER TABLE " + pathName(table) + " SET TBLPROPERTIES (" + String.join(", ", missing) + ")");
    }
    for (var check : table.checks().entrySet()) {
      String existing = props.get("delta.constraints." + check.getKey().toLowerCase(java.util.Locale.ROOT));
      if (existing == null) {
        spark.sql("ALTER TABLE " + pathName(table) + " ADD CONSTRAINT " + check.getKey()
            + " CHECK (" + check.getValue() + ")");
      } else if (!sameExpression(existing, check.getValue())) {
        // The rules changed a bound (a full mark, a prize): the constraint follows them. Delta checks the
        // rows already there when the constraint is added; if they break it, the old one stays.
        spark.sql("ALTER TABLE " + pathName(table) + " DROP CONSTRAINT " + check.getKey());
        try {
          spark.sql("ALTER TABLE " + pathName(table) + " ADD CONSTRAINT " + check.getKey()
              + " CHECK (" + check.getValue() + ")");
        } catch (Exception e) { // Delta's AnalysisException is a checked exception
          spark.sql("ALTER TABLE " + pathName(table) + " ADD CONSTRAINT " + check.getKey()
              + " CHECK (" + existing + ")");
          throw new ConstraintViolation(table.qualifiedName() + ": rows already in the table break CHECK "
              + check.getKey() + " as these rules define it (" + check.getValue() + "), was (" + existing + ")");
        }
      }
    }
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static boolean sameExpression(String a, String b) {
    return a.replaceAll("\\s+", "").equalsIgnoreCase(b.replaceAll("\\s+", ""));
  }

  /** The frame with exactly the table's columns, in its order and types. */
  public static Dataset<Row> conform(TableDef table, Dataset<Row> frame) {
    List<Column> out = new ArrayList<>();
    for (TableDef.Col c : table.columns()) {
      out.add(col("`" + c.name() + "`").cast(c.type()).as(c.name()));
    }
    return frame.select(out.toArray(Column[]::new));
  }

  /** A write refused because the table it would leave breaks one of the table's checks. */
  public static final class ConstraintViolation extends RuntimeException {
    public ConstraintViolation(String message) {
      super(message);
    }
  }

  /**
   * Refuses a write, before anything is committed, when the table it would leave ({@code kept}, the rows
   * the write keeps, plus {@code frame}) breaks a group check: a rule over several rows (one interview
   * per (year, type)…). Every group check of the warehouse groups by year; a write that replaces whole
   * years leaves the other years' groups as they were, so only the written rows need checking then
   * ({@code kept} null).
   */
  void checkGroups(TableDef table, Dataset<Row> frame, Dataset<Row> kept) {
    if (table.groupChecks().isEmpty()) {
      return;
    }
    Dataset<Row> after = kept == null ? frame : kept.unionByName(frame);
    // The checks that group alike are one aggregation: a job each costs more than the rows it reads.
    Map<List<String>, List<Map.Entry<String, TableDef.GroupCheck>>> byGrouping = new java.util.LinkedHashMap<>();
    table.groupChecks().entrySet().forEach(e -> byGrouping.computeIfAbsent(e.getValue().groupBy(), g -> new ArrayList<>())
        .add(e));
    for (var grouping : byGrouping.entrySet()) {
      List<String> groupBy = grouping.getKey();
      List<Map.Entry<String, TableDef.GroupCheck>> checks = grouping.getValue();
      Column[] keys = groupBy.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
      List<Column> conditions = new ArrayList<>();
      Column allHold = org.apache.spark.sql.functions.lit(true);
      for (int i = 0; i < checks.size(); i++) {
        conditions.add(org.apache.spark.sql.functions.expr(checks.get(i).getValue().condition()).as("_ok" + i));
        allHold = allHold.and(org.apache.spark.sql.functions.coalesce(col("_ok" + i),
            org.apache.spark.sql.functions.lit(false)));
      }
      List<Row> broken = after.groupBy(keys).agg(conditions.get(0), conditions.subList(1, conditions.size())
          .toArray(Column[]::new)).filter(org.apache.spark.sql.functions.not(allHold)).limit(3).collectAsList();
      if (broken.isEmpty()) {
        continue;
      }
      Row first = broken.get(0);
      int failing = 0;
      while (failing < checks.size() && Boolean.TRUE.equals(first.get(groupBy.size() + failing))) {
        failing++;
      }
      TableDef.GroupCheck g = checks.get(failing).getValue();
      List<String> groups = new ArrayList<>();
      for (Row r : broken) {
        if (Boolean.TRUE.equals(r.get(groupBy.size() + failing))) {
          continue;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
          parts.add(groupBy.get(i) + "=" + r.get(i));
        }
        groups.add("(" + String.join(", ", parts) + ")");
      }
      throw new ConstraintViolation(table.qualifiedName() + ": CHECK " + checks.get(failing).getKey() + " ("
          + g.condition() + " per " + String.join(", ", groupBy) + ") would not hold for " + String.join(", ", groups)
          + "; nothing written");
    }
  }

  private boolean groupsAllByYear(TableDef table) {
    return table.groupChecks().values().stream().allMatch(g -> g.groupBy().contains("year"));
  }

  public void append(TableDef table, Dataset<Row> frame) {
    Dataset<Row> rows = conform(table, frame);
    checkGroups(table, rows, table.groupChecks().isEmpty() ? null : conform(table, read(table)));
    rows.write().format("delta").mode("append").save(location(table));
  }

  /** Replaces exactly the rows of the given years, atomically (one Delta commit). */
  public void replaceYears(TableDef table, Dataset<Row> frame, Collection<Integer> years) {
    Dataset<Row> rows = conform(table, frame);
    checkGroups(table, rows, groupsAllByYear(table) ? null
        : conform(table, read(table)).filter("NOT (" + yearPredicate(years) + ")"));
    write(rows, yearPredicate(years), table, mayHoldYears(years));
  }

  /** Whether a file may hold rows of the years, by its partition values (a file without a year may). */
  private static java.util.function.Predicate<SnapshotFiles.DataFile> mayHoldYears(Collection<Integer> years) {
    return file -> {
      String year = file.partitionValues().get("year");
      return year == null || years.contains(Integer.valueOf(year));
    };
  }

  /**
   * Prepares a {@link #replaceYears} of the table that is to follow: where it will be Delta's replaceWhere
   * (the table holds rows of the years), has Delta reconstruct the table's state now, which it keeps for
   * the replacement (the same version: the writer holds the lock). A re-evaluation calls it while the
   * enterprise facts are computed, so that the gold writes do not wait for a Spark job per table first.
   */
  public void prepareReplaceYears(TableDef table, Collection<Integer> years) {
    if (exists(table) && !appendsOnly(table, mayHoldYears(years))) {
      read(table).filter(yearPredicate(years)).inputFiles();
    }
  }

  /** Whether a replacement is an append: Delta Kernel's list of the files shows none that may hold a replaced row. */
  private boolean appendsOnly(TableDef table, java.util.function.Predicate<SnapshotFiles.DataFile> mayHold) {
    if (!exists(table)) {
      return false;
    }
    SnapshotFiles snapshot = SnapshotFiles.latest(spark.sparkContext().hadoopConfiguration(), location(table));
    return snapshot.plainParquet() && snapshot.files().stream().noneMatch(mayHold);
  }

  public static String yearPredicate(Collection<Integer> years) {
    if (years.isEmpty()) {
      return "false";
    }
    return "year IN (" + years.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
  }

  /** Replaces every row of the table by {@code frame}, in one commit (a rebuild's emptying of silver). */
  public void replaceAll(TableDef table, Dataset<Row> frame) {
    Dataset<Row> rows = conform(table, frame);
    checkGroups(table, rows, null);
    write(rows, "true", table, file -> true);
  }

  /** Replaces the rows matching {@code predicate} by {@code frame}, whose rows must all match it. */
  public void replaceWhere(TableDef table, Dataset<Row> frame, String predicate) {
    Dataset<Row> rows = conform(table, frame);
    checkGroups(table, rows, table.groupChecks().isEmpty() ? null
        : conform(table, read(table)).filter("NOT coalesce(" + predicate + ", false)"));
    write(rows, predicate, table, file -> true);
  }

  /**
   * Writes the rows over those of the table that match {@code predicate}, in one commit: Delta's
   * replaceWhere, the rows held to the predicate first (a row that does not match it fails the write, named
   * by the table). Before it writes, replaceWhere lists the table's files with Spark jobs (its state,
   * reconstructed from the log: about a second a table in a fresh JVM). Where Delta Kernel's list of the
   * files (no Spark job) shows that no file can hold a replaced row ({@code mayHold}, by a file's partition
   * values: a year the table does not hold yet, every table of a fresh warehouse, a new year's delivery, its
   * first evaluation), the same commit is an append. The append relies on the warehouse's lock: nothing
   * commits between Kernel's look and the append.
   */
  private void write(Dataset<Row> rows, String predicate, TableDef table,
      java.util.function.Predicate<SnapshotFiles.DataFile> mayHold) {
    Column matches = functions.when(functions.coalesce(functions.expr(predicate), functions.lit(false)),
        functions.lit(true)).otherwise(functions.raise_error(functions.lit(table.qualifiedName()
            + ": a row written does not match " + predicate + "; nothing written")));
    Dataset<Row> held = rows.filter(matches);
    if (appendsOnly(table, mayHold)) {
      held.write().format("delta").mode("append").save(location(table));
    } else {
      held.write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(location(table));
    }
  }

  /** The table as of one of its versions. */
  public Dataset<Row> read(TableDef table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(table));
  }

  /** The table's latest version: within a writer (which holds the lock and repaired the tables), the committed one. */
  public Dataset<Row> read(TableDef table) {
    return spark.read().format("delta").load(location(table));
  }

  /**
   * The rows of the years {@code keep} accepts, at the table's latest version, of a table partitioned by
   * year alone. Its files are listed by Delta Kernel ({@link SnapshotFiles}: no Spark job) and read as
   * Parquet, the other years pruned before Spark sees a file; a table that needs a Delta reader feature,
   * or whose files are not laid out as {@code year=Y/…}, is read by Delta and filtered.
   */
  public Dataset<Row> readYears(TableDef table, IntPredicate keep) {
    return readYears(table, keep, -1);
  }

  /** The same, at a version of the table ({@code version} -1: the latest): a reader's committed version. */
  public Dataset<Row> readYears(TableDef table, IntPredicate keep, long version) {
    SnapshotFiles snapshot = yearPartitioned(table, version);
    String tablePath = new Path(location(table)).toUri().getPath();
    Set<Integer> years = new TreeSet<>();
    List<String> paths = new ArrayList<>();
    boolean yearFolders = true;
    for (SnapshotFiles.DataFile file : snapshot.files()) {
      String year = file.partitionValues().get("year");
      if (year == null || !keep.test(Integer.parseInt(year))) {
        continue;
      }
      years.add(Integer.parseInt(year));
      paths.add(file.path());
      Path folder = new Path(file.path()).getParent();
      yearFolders &= folder.getName().equals("year=" + year) && folder.getParent().toUri().getPath().equals(tablePath);
    }
    if (!snapshot.plainParquet() || !yearFolders) {
      return read(table, snapshot.version()).filter(col("year").isin(years.toArray()));
    }
    StructType schema = (StructType) DataType.fromJson(snapshot.schemaJson());
    if (paths.isEmpty()) {
      // Nullable, as Spark's file sources make every column read from files.
      return spark.createDataFrame(List.of(), new StructType(java.util.Arrays.stream(schema.fields())
          .map(f -> new org.apache.spark.sql.types.StructField(f.name(), f.dataType(), true, f.metadata()))
          .toArray(org.apache.spark.sql.types.StructField[]::new)));
    }
    // basePath: the year comes from each file's folder, typed by the table's schema, as Delta's log gives it.
    return spark.read().schema(schema).option("basePath", location(table)).parquet(paths.toArray(String[]::new))
        .select(java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col)
            .toArray(Column[]::new));
  }

  /**
   * The years a table partitioned by year alone holds records of, at its latest version: the year folders
   * of its data files as Delta Kernel lists them (no Spark job; a Spark write opens a file in a year's
   * folder only for a row of that year), or, for a table that needs a Delta reader feature (deletion
   * vectors could have removed every row of a file), by reading it.
   */
  public Set<Integer> years(TableDef table) {
    return years(table, -1);
  }

  /** The same, at a version of the table ({@code version} -1: the latest). */
  public Set<Integer> years(TableDef table, long version) {
    SnapshotFiles snapshot = yearPartitioned(table, version);
    Set<Integer> years = new TreeSet<>();
    if (!snapshot.plainParquet()) {
      read(table, snapshot.version()).select("year").distinct().collectAsList().forEach(r -> years.add(r.getInt(0)));
      return years;
    }
    for (SnapshotFiles.DataFile file : snapshot.files()) {
      String year = file.partitionValues().get("year");
      if (year != null) {
        years.add(Integer.parseInt(year));
      }
    }
    return years;
  }

  /** The table's snapshot (-1: latest) as Delta Kernel lists it; refused unless it is partitioned by year alone. */
  private SnapshotFiles yearPartitioned(TableDef table, long version) {
    SnapshotFiles snapshot = SnapshotFiles.at(spark.sparkContext().hadoopConfiguration(), location(table), version);
    if (!snapshot.partitionColumns().equals(List.of("year"))) {
      throw new IllegalArgumentException(table.qualifiedName() + " is partitioned by " + snapshot.partitionColumns()
          + ", not by year alone");
    }
    return snapshot;
  }

  /**
   * The rows of a small table (a log, a year's zone results), read on this thread with Delta Kernel rather
   * than by a Spark job: as plain Java values by column name. {@code version} -1: the latest.
   */
  public List<Map<String, Object>> rows(TableDef table, long version) {
    return LogTables.read(spark.sparkContext().hadoopConfiguration(), location(table), version);
  }

  /**
   * {@link #rows}, those of one year (a zone-level table's year, as a run left it): only the files of the
   * year's partition are read, however many years the table holds.
   */
  public List<Map<String, Object>> rowsOfYear(TableDef table, long version, int year) {
    io.delta.kernel.expressions.Predicate ofYear = new io.delta.kernel.expressions.Predicate("=",
        new io.delta.kernel.expressions.Column("year"), io.delta.kernel.expressions.Literal.ofInt(year));
    return LogTables.read(spark.sparkContext().hadoopConfiguration(), location(table), version, ofYear).stream()
        .filter(r -> Integer.valueOf(year).equals(r.get("year"))).toList();
  }

  /** The table's current Delta version, from its log's file names; -1 when it has none. */
  public long version(TableDef table) {
    Path log = new Path(location(table), "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return -1;
      }
      long newest = -1;
      for (var status : fs.listStatus(log)) {
        String name = status.getPath().getName();
        if (name.length() == 25 && name.endsWith(".json") && name.substring(0, 20).chars().allMatch(Character::isDigit)) {
          newest = Math.max(newest, Long.parseLong(name.substring(0, 20)));
        }
      }
      return newest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Takes a table back to an earlier version (a new commit with that version's content). */
  public void restore(TableDef table, long version) {
    DeltaTable.forPath(spark, location(table)).restoreToVersion(version);
  }

  /**
   * Takes back what a writer that died before its log row left in these tables: each table newer than
   * its committed version (or, never committed, than its creation) is restored to that version. Only a
   * writer calls this, holding the warehouse's lock; the logs themselves are single appends, never
   * partial. Returns the tables restored, as "name vN → vM".
   */
  public List<String> takeBackUncommitted(CommitLog log, Collection<TableDef> tables) {
    Map<String, Long> committed = log.committedVersions();
    List<String> restored = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Runnable> steps = new ArrayList<>();
    for (TableDef table : tables) {
      if (table == Tables.INGESTS || table == Tables.RUNS || table == Tables.PUBLICATIONS) {
        continue;
      }
      long current = version(table);
      long target = committed.getOrDefault(table.qualifiedName(), 0L);
      if (current > target) {
        steps.add(() -> {
          restore(table, target);
          restored.add(table.qualifiedName() + " v" + current + " → v" + target);
        });
      }
    }
    Parallel.run(steps);
    return restored;
  }
}
