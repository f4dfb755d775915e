package io.zoneeval.catalog;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The thin I/O layer over the Delta tables: creates them from their {@link TableDef} (with NOT NULL
 * columns and CHECK constraints, registered by name in the session's catalog), and writes them by
 * path, so that a write never depends on what the catalog holds.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final String root;
  private final java.util.Set<String> knownChecks = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = qualified(spark, root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
  }

  /** The folder as a full URI (file:/abs/path, hdfs://…): the catalog stores locations that way. */
  private static String qualified(SparkSession spark, String root) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String root() {
    return root;
  }

  public String location(TableDef table) {
    return root + "/" + table.schema() + "/" + table.name();
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Creates the schemas (bronze, silver, gold) of these tables, one at a time: tables are then created
   * in parallel, and two threads creating the same schema make the Hive metastore log an
   * AlreadyExistsException with its stack trace (harmless, but alarming on a console).
   */
  public void ensureSchemas(Collection<TableDef> tables) {
    var catalog = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().catalog();
    for (String schema : tables.stream().map(TableDef::schema).collect(Collectors.toCollection(java.util.TreeSet::new))) {
      if (!catalog.databaseExists(schema)) {
        createSchema(schema);
      }
    }
  }

  /** The schema, in this warehouse's folder, if the catalog lacks it. */
  private void createSchema(String schema) {
    spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema + " LOCATION " + quote(root + "/" + schema));
  }

  /** Creates the table if needed, or re-points the catalog at this warehouse's copy of it. */
  public void ensure(TableDef table) {
    String location = location(table);
    String registered = registeredLocation(table);
    if (registered != null && sameLocation(registered, location)) {
      addMissingChecks(table);
      return;
    }
    createSchema(table.schema());
    if (registered != null) {
      // The catalog names a table of another warehouse: the entry goes, the data stays (external table).
      spark.sql("DROP TABLE " + table.qualifiedName());
    }
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table.qualifiedName()).append(" (");
    List<String> columns = new ArrayList<>();
    for (TableDef.Col c : table.columns()) {
      columns.add("`" + c.name() + "` " + c.type() + (c.notNull() ? " NOT NULL" : "")
          + (c.comment() == null ? "" : " COMMENT " + quote(c.comment())));
    }
    ddl.append(String.join(", ", columns)).append(") USING DELTA");
    if (!table.partitionBy().isEmpty()) {
      ddl.append(" PARTITIONED BY (").append(String.join(", ", table.partitionBy())).append(")");
    }
    ddl.append(" LOCATION ").append(quote(location));
    if (table.comment() != null) {
      ddl.append(" COMMENT ").append(quote(table.comment()));
    }
    if (!table.checks().isEmpty() || !table.properties().isEmpty()) {
      // CHECK constraints are Delta table properties; set at creation they cost no extra commit.
      List<String> props = new ArrayList<>();
      table.checks().forEach((name, expr) -> props.add(quote("delta.constraints." + name) + " = " + quote(expr)));
      table.properties().forEach((key, value) -> props.add(quote(key) + " = " + quote(value)));
      ddl.append(" TBLPROPERTIES (").append(String.join(", ", props)).append(")");
    }
    spark.sql(ddl.toString());
    // Created just now with every check and property: nothing to read back.
    knownChecks.add(table.qualifiedName());
  }

  /**
   * Makes the warehouse's tables queryable by name when the catalog lacks them (a warehouse copied
   * elsewhere, a fresh metastore): each Delta folder found is registered as an external table.
   */
  public void registerExisting(List<TableDef> tables) {
    for (TableDef table : tables) {
      if (registeredLocation(table) != null) {
        continue;
      }
      org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location(table), "_delta_log");
      try {
        var fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(log)) {
          createSchema(table.schema());
          spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " USING DELTA LOCATION "
              + quote(fs.makeQualified(new org.apache.hadoop.fs.Path(location(table))).toString()));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Where the catalog says the table is, or null when it has no such table; a metadata lookup only. */
  private String registeredLocation(TableDef table) {
    var catalog = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().catalog();
    var id = new org.apache.spark.sql.catalyst.TableIdentifier(table.name(), scala.Option.apply(table.schema()));
    if (!catalog.databaseExists(table.schema()) || !catalog.tableExists(id)) {
      return null;
    }
    try {
      return catalog.getTableMetadata(id).location().toString();
    } catch (Exception e) {
      return null;
    }
  }

  private static boolean sameLocation(String registered, String location) {
    String a = registered.replaceFirst("^file:", "").replaceAll("/+$", "");
    String b = location.replaceFirst("^file:", "").replaceAll("/+$", "");
    return a.equals(b);
  }

  /** Adds the CHECK constraints and table properties a table created by an older version lacks. */
  private void addMissingChecks(TableDef table) {
    if ((table.checks().isEmpty() && table.properties().isEmpty()) || knownChecks.contains(table.qualifiedName())) {
      return;
    }
    knownChecks.add(table.qualifiedName());
    Map<String, String> props = spark.sql("SHOW TBLPROPERTIES " + table.qualifiedName()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1), (a, b) -> a));
    List<String> missing = new ArrayList<>();
    table.properties().forEach((key, value) -> {
      if (!value.equals(props.get(key))) {
        missing.add(quote(key) + " = " + quote(value));
      }
    });
    if (!missing.isEmpty()) {
      spark.sql("ALTER TABLE " + table.qualifiedName() + " SET TBLPROPERTIES (" + String.join(", ", missing) + ")");
    }
    for (var check : table.checks().entrySet()) {
      String existing = props.get("delta.constraints." + check.getKey().toLowerCase(java.util.Locale.ROOT));
      if (existing == null) {
        spark.sql("ALTER TABLE " + table.qualifiedName() + " ADD CONSTRAINT " + check.getKey()
            + " CHECK (" + check.getValue() + ")");
      } else if (!sameExpression(existing, check.getValue())) {
        // The rules changed a bound (a full mark, a prize): the constraint follows them. Delta checks the
        // rows already there when the constraint is added; if they break it, the old one stays.
        spark.sql("ALTER TABLE " + table.qualifiedName() + " DROP CONSTRAINT " + check.getKey());
        try {
          spark.sql("ALTER TABLE " + table.qualifiedName() + " ADD CONSTRAINT " + check.getKey()
              + " CHECK (" + check.getValue() + ")");
        } catch (Exception e) { // Delta's AnalysisException is a checked exception
          spark.sql("ALTER TABLE " + table.qualifiedName() + " ADD CONSTRAINT " + check.getKey()
              + " CHECK (" + existing + ")");
          throw new ConstraintViolation(table.qualifiedName() + ": rows already in the table break CHECK "
              + check.getKey() + " as these rules define it (" + check.getValue() + "), was (" + existing + ")");
        }
      }
    }
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

  /** A write refused because the table it would leave breaks one of the table's group checks. */
  public static final class ConstraintViolation extends RuntimeException {
    public ConstraintViolation(String message) {
      super(message);
    }
  }

  /**
   * Refuses a write, before anything is committed, when the table it would leave ({@code kept}, the
   * rows the write keeps, plus {@code frame}) breaks a group check: a rule over several rows (one
   * interview per (year, type)…) that Delta's row CHECK constraints cannot express.
   */
  void checkGroups(TableDef table, Dataset<Row> frame, Dataset<Row> kept) {
    if (table.groupChecks().isEmpty()) {
      return;
    }
    Dataset<Row> after = kept == null ? frame : kept.unionByName(frame);
    for (var check : table.groupChecks().entrySet()) {
      TableDef.GroupCheck g = check.getValue();
      Column[] keys = g.groupBy().stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
      List<Row> broken = after.groupBy(keys).agg(org.apache.spark.sql.functions.expr(g.condition()).as("_ok"))
          .filter("NOT coalesce(_ok, false)").limit(3).collectAsList();
      if (!broken.isEmpty()) {
        List<String> groups = new ArrayList<>();
        for (Row r : broken) {
          List<String> parts = new ArrayList<>();
          for (int i = 0; i < g.groupBy().size(); i++) {
            parts.add(g.groupBy().get(i) + "=" + r.get(i));
          }
          groups.add("(" + String.join(", ", parts) + ")");
        }
        throw new ConstraintViolation(table.qualifiedName() + ": CHECK " + check.getKey() + " (" + g.condition()
            + " per " + String.join(", ", g.groupBy()) + ") would not hold for " + String.join(", ", groups)
            + "; nothing written");
      }
    }
  }

  private Dataset<Row> current(TableDef table) {
    return conform(table, read(table));
  }

  public void append(TableDef table, Dataset<Row> frame) {
    Dataset<Row> rows = conform(table, frame);
    checkGroups(table, rows, table.groupChecks().isEmpty() ? null : current(table));
    rows.write().format("delta").mode("append").save(location(table));
  }

  /** Replaces exactly the rows of the given years, atomically (one Delta commit). */
  public void replaceYears(TableDef table, Dataset<Row> frame, Collection<Integer> years) {
    replaceWhere(table, frame, yearPredicate(years));
  }

  public static String yearPredicate(Collection<Integer> years) {
    return "year IN (" + years.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
  }

  /** Replaces the rows matching {@code predicate} by {@code frame}, whose rows must all match it. */
  public void replaceWhere(TableDef table, Dataset<Row> frame, String predicate) {
    Dataset<Row> rows = conform(table, frame);
    checkGroups(table, rows,
        table.groupChecks().isEmpty() ? null : current(table).filter("NOT coalesce(" + predicate + ", false)"));
    rows.write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(location(table));
  }

  public void overwrite(TableDef table, Dataset<Row> frame) {
    Dataset<Row> rows = conform(table, frame);
    checkGroups(table, rows, null);
    rows.write().format("delta").mode("overwrite").save(location(table));
  }

  /** The table as of one of its versions (a run reads back what it wrote, whatever was written since). */
  public Dataset<Row> read(TableDef table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(table));
  }

  public Dataset<Row> read(TableDef table) {
    return spark.read().format("delta").load(location(table));
  }

  /** The table's current Delta version: the newest commit file of its log. */
  public long version(TableDef table) {
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location(table), "_delta_log");
    try {
      long newest = -1;
      var fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (var status : fs.listStatus(log)) {
        String name = status.getPath().getName();
        if (name.matches("[0-9]{20}\\.json")) {
          newest = Math.max(newest, Long.parseLong(name.substring(0, 20)));
        }
      }
      return newest;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
