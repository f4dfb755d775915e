package io.zoneeval.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.zoneeval.ingest.Bronze;
import io.zoneeval.ingest.RawInput;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseLock;
import io.zoneeval.spark.Progress;
import io.zoneeval.spark.Version;
import io.zoneeval.evaluate.ZoneResults;
import io.zoneeval.rules.Rules;
import io.zoneeval.evaluate.EnterpriseYear;
import io.zoneeval.ingest.Validation;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The annual run: raw files → bronze → silver → gold, for every year of the input or one year.
 * A year is always computed from the raw records (its own and the year before's), never from what an
 * earlier run left, and each table's rows of the years written are replaced in one Delta commit.
 */
public final class EvaluationJob {

  /** What to evaluate. {@code year} null means every year of zones.csv. */
  public record Request(String inputDir, String warehouse, Integer year, Rules rules, String rulesFile,
      String rulesSha256, Charset charset) {}

  /** Counts of one input file: every record read is either accepted or rejected. */
  public record FileCount(RawFile file, long read, long accepted, long rejected) {}

  /** What a run did. */
  public record Outcome(String runId, List<Integer> years, List<FileCount> counts, Map<String, Long> tableVersions) {}

  /** A problem that stops the run before any table changes, with a one-line reason. */
  public static final class JobException extends RuntimeException {
    public JobException(String message) {
      super(message);
    }
  }

  private final SparkSession spark;
  private final Progress progress;

  public EvaluationJob(SparkSession spark, Progress progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }

  /**
   * Runs the evaluation while holding the warehouse's lock ({@link WarehouseLock}): a second run on the
   * same warehouse fails at once with the holder's name instead of racing this one.
   */
  public Outcome run(Request request) {
    String runId = newRunId();
    try (WarehouseLock lock = WarehouseLock.acquire(request.warehouse(), "run " + runId, Duration.ZERO)) {
      return run(request, runId);
    }
  }

  private Outcome run(Request request, String runId) {
    Instant started = Instant.now();
    Rules rules = request.rules();
    progress.line("run %s: input %s, warehouse %s, rules %s", runId, request.inputDir(), request.warehouse(),
        rules.name());

    // Stages, for whoever measures the run: ingest (raw → bronze), validate (typed and checked rows,
    // counted), aggregate (silver tables and enterprise-year facts written), score (gold computed),
    // write (gold tables and the run record written).
    progress.stage("ingest");
    // Every input file is checked (present, header) before anything is written.
    // One pass per file on the driver: the delivery's checksum and the byte ranges executors read.
    long splitBytes = splitBytes(spark, request.inputDir());
    Map<RawFile, RawInput> inputs = progress.step("check input files", () -> RawInput.open(request.inputDir(),
        request.charset(), spark.sparkContext().hadoopConfiguration(), splitBytes));
    sizeShufflePartitions(inputs);
    inputs.values().forEach(in -> {
      if (!in.extraColumns().isEmpty()) {
        progress.line("note: %s has extra column(s) %s, ignored", in.file().fileName(), in.extraColumns());
      }
    });

    Warehouse warehouse = new Warehouse(spark, request.warehouse());
    List<TableDef> tables = Tables.all(rules);
    progress.step("prepare tables", () -> {
      warehouse.ensureSchemas(tables);
      inParallel(tables.stream().map(t -> (Runnable) () -> warehouse.ensure(t)).toList());
    });

    // The Delta version of every table the run writes, recorded in gold.runs.
    Map<String, Long> versions = new java.util.concurrent.ConcurrentSkipListMap<>();

    // Bronze: a delivery (same bytes, same charset) is appended once; a re-delivery is recognised.
    Timestamp ingestedAt = Timestamp.from(started);
    Map<String, String> ledger = new java.util.HashMap<>();
    warehouse.read(Tables.DELIVERIES).select("delivery_id", "run_id").collectAsList()
        .forEach(r -> ledger.putIfAbsent(r.getString(0), r.getString(1)));
    Map<RawFile, Dataset<Row>> bronze = new EnumMap<>(RawFile.class);
    List<Row> newDeliveries = new ArrayList<>();
    List<Runnable> ingests = new ArrayList<>();
    for (RawInput input : inputs.values()) {
      TableDef table = Tables.bronze(input.file());
      String ingestedBy = ledger.get(input.deliveryId());
      if (ingestedBy != null) {
        progress.line("bronze %-28s already ingested by run %s (same content), reused", input.file().fileName(),
            ingestedBy);
      } else {
        // Files go to different tables: they are ingested at once (the small ones cost only their commit).
        ingests.add(() -> {
          progress.step(String.format("bronze %-28s %,d bytes", input.file().fileName(), input.sizeBytes()),
              () -> warehouse.append(table, Bronze.read(spark, input, runId, ingestedAt)));
          versions.put(table.qualifiedName(), warehouse.version(table));
        });
        ingestedBy = runId;
        newDeliveries.add(RowFactory.create(input.deliveryId(), input.file().fileName(), input.path(),
            input.sizeBytes(), runId, ingestedAt));
      }
      bronze.put(input.file(), warehouse.read(table)
          .filter(col(Bronze.DELIVERY).equalTo(input.deliveryId()).and(col(Bronze.RUN_ID).equalTo(ingestedBy))));
    }
    inParallel(ingests);
    if (!newDeliveries.isEmpty()) {
      progress.step("bronze deliveries ledger", () ->
          warehouse.append(Tables.DELIVERIES, spark.createDataFrame(newDeliveries, Tables.DELIVERIES.structType())));
      versions.put(Tables.DELIVERIES.qualifiedName(), warehouse.version(Tables.DELIVERIES));
    }

    // Silver: typed, checked rows. The checked rows of each file are kept in memory (spilling to disk),
    // and everything after reads them: the count, the silver tables, the rejects, the enterprise-year
    // facts. Not so the invoices of a run of every year, tens of millions of rows: keeping them cost a
    // fifth of the run (building the cache, and at 40M invoices writing it to disk and reading it back).
    // Their silver table is written straight from the check, and what needs them after reads it back
    // (its accepted rows are all the file's accepted rows: an accepted invoice is of a roster, so of a
    // year with zones). A run of one year needs the other years' invoices too: it keeps them.
    progress.stage("validate");
    java.util.Set<RawFile> streamed = request.year() == null ? java.util.EnumSet.of(RawFile.INVOICES)
        : java.util.EnumSet.noneOf(RawFile.class);
    List<Dataset<Row>> kept = new ArrayList<>();
    Validation validation = new Validation(rules);
    // A file not kept is checked once: the rows of its repeated ids are checked a second time, to find
    // the first good line of each, and none when its delivery has none (the usual case). Which ids
    // repeat is counted once per delivery and kept in bronze.repeated_ids: a later run of the same
    // delivery reads them instead of looking at every id again.
    java.util.Set<RawFile> unrepeated = java.util.EnumSet.noneOf(RawFile.class);
    Map<RawFile, Dataset<Row>> recheck = new EnumMap<>(RawFile.class);
    Map<String, Long> counted = streamed.isEmpty() ? Map.of() : repeatedIdsCounted(warehouse);
    for (RawFile file : streamed) {
      RawInput input = inputs.get(file);
      Long repeatedCount = counted.get(input.deliveryId());
      Dataset<Row> repeated;
      if (repeatedCount != null) {
        repeated = warehouse.read(Tables.REPEATED_IDS).filter(col("delivery_id").equalTo(input.deliveryId())
                .and(col("hash_function").equalTo(Validation.ID_HASH_FUNCTION)).and(col("id_hash").isNotNull()))
            .select(col("id_hash").as(Validation.REPEATED_ID), col(Validation.OCCURRENCES));
        progress.line("repeated ids %-22s %,d (counted when the delivery was first evaluated)", file.fileName(),
            repeatedCount);
      } else {
        repeated = validation.repeatedIds(file, bronze.get(file));
        if (repeated != null) {
          // Kept (a few rows): stored, then used to find the rows of repeated ids, without counting again.
          repeated = repeated.persist(StorageLevel.MEMORY_AND_DISK());
          kept.add(repeated);
          repeatedCount = progress.step("repeated ids " + file.fileName(), repeated::count);
          storeRepeatedIds(warehouse, input, repeated, repeatedCount, runId, Timestamp.from(Instant.now()));
          versions.put(Tables.REPEATED_IDS.qualifiedName(), warehouse.version(Tables.REPEATED_IDS));
        }
      }
      if (repeatedCount != null && repeatedCount == 0) {
        unrepeated.add(file);
      } else {
        recheck.put(file, validation.candidates(file, bronze.get(file), repeated));
      }
    }
    Validation.Result validated = progress.step("plan validation", () -> validation.validate(bronze,
        (file, rows) -> {
          if (streamed.contains(file)) {
            return rows;
          }
          Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
          kept.add(persisted);
          return persisted;
        }, unrepeated, recheck));
    List<FileCount> counts = new ArrayList<>(progress.step("validate", () -> count(validated, bronze, streamed)));
    for (FileCount c : counts) {
      if (!streamed.contains(c.file())) {
        progress.line("  %-26s read %,9d = accepted %,9d + rejected %,7d", c.file().fileName(), c.read(),
            c.accepted(), c.rejected());
      }
    }

    TreeSet<Integer> inputYears = new TreeSet<>(validated.accepted(RawFile.ZONES).select("year").distinct()
        .as(org.apache.spark.sql.Encoders.INT()).collectAsList());
    if (inputYears.isEmpty()) {
      throw new JobException(request.inputDir() + "/zones.csv: no valid zone rows, nothing to evaluate");
    }
    List<Integer> years = new ArrayList<>();
    if (request.year() != null) {
      if (!inputYears.contains(request.year())) {
        throw new JobException("--year " + request.year() + ": zones.csv has no zones for that year (it has "
            + inputYears + ")");
      }
      years.add(request.year());
    } else {
      years.addAll(inputYears);
    }

    progress.stage("aggregate");
    String inYears = Warehouse.yearPredicate(years);
    List<Runnable> silverWrites = new ArrayList<>();
    for (RawFile file : RawFile.values()) {
      TableDef table = Tables.silver(file, rules);
      Dataset<Row> rows = validated.accepted(file);
      silverWrites.add(() -> {
        progress.step("silver " + table.name(), () -> {
          if (table.partitionedByYear()) {
            warehouse.replaceYears(table, rows.filter(col("year").isin(years.toArray())), years);
          } else {
            warehouse.overwrite(table, rows);
          }
        });
        versions.put(table.qualifiedName(), warehouse.version(table));
      });
    }
    inParallel(silverWrites);

    // A file not kept is counted from what was written: its accepted rows are its silver rows of these
    // years (every year of the input), the rest of what bronze holds of the delivery is rejected.
    Validation.Result checked = validated;
    for (int i = 0; i < counts.size(); i++) {
      RawFile file = counts.get(i).file();
      if (!streamed.contains(file)) {
        continue;
      }
      TableDef table = Tables.silver(file, rules);
      Dataset<Row> written = warehouse.read(table, versions.get(table.qualifiedName()))
          .filter(col("year").isin(years.toArray()));
      checked = checked.withAccepted(file, written);
      long read = counts.get(i).read();
      long accepted = progress.step("count " + file.fileName(), written::count);
      counts.set(i, new FileCount(file, read, accepted, read - accepted));
      progress.line("  %-26s read %,9d = accepted %,9d + rejected %,7d", file.fileName(), read, accepted,
          read - accepted);
    }

    // The count already says which files have rejects: the others (the invoices, usually) are not read
    // again only to find none.
    List<RawFile> withRejects = counts.stream().filter(c -> c.rejected() > 0).map(FileCount::file).toList();
    Dataset<Row> rejects = checked.rejects(withRejects).withColumn("run_id", lit(runId));
    // Rejects of a year with no zones (an invoice dated 9999-12-31) belong to no evaluation: every run
    // rewrites them with those of its own years, so that no rejected record is missing from the table.
    String noZoneYear = "year NOT IN (" + inputYears.stream().map(String::valueOf)
        .collect(java.util.stream.Collectors.joining(", ")) + ")";
    // One predicate for the rows written and the rows replaced, so that the two cannot drift apart.
    String rejectsWritten = "(" + inYears + ") OR year IS NULL OR " + noZoneYear;
    List<Runnable> afterSilver = new ArrayList<>();
    afterSilver.add(() -> {
      progress.step("silver rejects", () -> warehouse.replaceWhere(Tables.REJECTS,
          rejects.filter(rejectsWritten), rejectsWritten));
      versions.put(Tables.REJECTS.qualifiedName(), warehouse.version(Tables.REJECTS));
    });
    Dataset<Row> enterpriseYear = EnterpriseYear.compute(checked, rules).persist(StorageLevel.MEMORY_AND_DISK());
    afterSilver.add(() -> {
      progress.step("silver enterprise_year", () -> warehouse.replaceYears(Tables.ENTERPRISE_YEAR,
          enterpriseYear.filter(col("year").isin(years.toArray())), years));
      versions.put(Tables.ENTERPRISE_YEAR.qualifiedName(), warehouse.version(Tables.ENTERPRISE_YEAR));
    });
    inParallel(afterSilver);

    // Gold is computed for every year of the input, so that a year always sees the year before it
    // (growth, previous last place); only the requested years are written.
    progress.stage("score");
    Validation.Result silver = checked;
    Dataset<Row> results = progress.step("score", () -> ZoneResults.compute(silver, enterpriseYear, rules)
        .withColumn("run_id", lit(runId)).filter(col("year").isin(years.toArray())).localCheckpoint());
    progress.stage("write");
    inParallel(List.of(Tables.ZONE_METRICS, Tables.zoneScores(rules), Tables.zoneResults(rules)).stream()
        .map(table -> (Runnable) () -> {
          progress.step("gold " + table.name(), () -> warehouse.replaceYears(table, results, years));
          versions.put(table.qualifiedName(), warehouse.version(table));
        }).toList());

    recordRun(warehouse, request, runId, started, years, inputs, counts, versions);
    versions.put(Tables.RUNS.qualifiedName(), warehouse.version(Tables.RUNS));
    kept.forEach(Dataset::unpersist);
    enterpriseYear.unpersist();
    progress.endStage();
    progress.line("run %s done: years %s", runId, years);
    return new Outcome(runId, years, counts, versions);
  }

  /**
   * The deliveries whose repeated ids bronze.repeated_ids holds, counted with this code's hash, and how
   * many ids of each repeat.
   */
  private static Map<String, Long> repeatedIdsCounted(Warehouse warehouse) {
    Map<String, Long> counted = new java.util.HashMap<>();
    warehouse.read(Tables.REPEATED_IDS)
        .filter(col("id_hash").isNull().and(col("hash_function").equalTo(Validation.ID_HASH_FUNCTION)))
        .select("delivery_id", Validation.OCCURRENCES).collectAsList()
        .forEach(r -> counted.putIfAbsent(r.getString(0), r.getLong(1)));
    return counted;
  }

  /** Appends a delivery's repeated ids, and the row that records it counted, in one commit. */
  private void storeRepeatedIds(Warehouse warehouse, RawInput input, Dataset<Row> repeated, long repeatedCount,
      String runId, Timestamp countedAt) {
    Dataset<Row> marker = spark.createDataFrame(List.of(RowFactory.create(input.deliveryId(),
        input.file().fileName(), null, repeatedCount, Validation.ID_HASH_FUNCTION, runId, countedAt)),
        Tables.REPEATED_IDS.structType());
    Dataset<Row> ids = repeated.select(lit(input.deliveryId()).as("delivery_id"),
        lit(input.file().fileName()).as("source"), col(Validation.REPEATED_ID).as("id_hash"),
        col(Validation.OCCURRENCES), lit(Validation.ID_HASH_FUNCTION).as("hash_function"), lit(runId).as("run_id"),
        lit(countedAt).as("counted_at"));
    progress.step("store repeated ids " + input.file().fileName(),
        () -> warehouse.append(Tables.REPEATED_IDS, ids.unionByName(marker)));
  }

  /**
   * Runs independent steps (writes of different tables) at once: on a small machine most of a step's
   * time is the driver's planning and Delta's commit, which overlap well.
   */
  static void inParallel(List<Runnable> steps) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (Runnable step : steps) {
        futures.add(pool.submit(step));
      }
      for (java.util.concurrent.Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          futures.forEach(other -> other.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Accepted and rejected rows of every file, in ONE Spark job (which also fills the persisted checked
   * rows): a job per file costs a second each of scheduling on a small machine. A file not kept
   * ({@code streamed}) is only read here (its bronze rows counted); it is judged when its silver table
   * is written, and its counts are completed then.
   */
  private static List<FileCount> count(Validation.Result checked, Map<RawFile, Dataset<Row>> bronze,
      java.util.Set<RawFile> streamed) {
    Dataset<Row> outcomes = null;
    for (var e : checked.checked().entrySet()) {
      Dataset<Row> one = streamed.contains(e.getKey())
          ? bronze.get(e.getKey()).select(lit(e.getKey().name()).as("file"), lit(null).cast("boolean").as("ok"))
          : e.getValue().select(lit(e.getKey().name()).as("file"), col(Validation.REASON).isNull().as("ok"));
      outcomes = outcomes == null ? one : outcomes.unionAll(one);
    }
    // Per file: accepted, rejected, and read where the outcome is not known yet.
    Map<String, long[]> byFile = new java.util.HashMap<>();
    for (Row r : outcomes.groupBy("file", "ok").count().collectAsList()) {
      int slot = r.isNullAt(1) ? 2 : r.getBoolean(1) ? 0 : 1;
      byFile.computeIfAbsent(r.getString(0), k -> new long[3])[slot] = r.getLong(2);
    }
    List<FileCount> counts = new ArrayList<>();
    for (RawFile file : checked.checked().keySet()) {
      long[] n = byFile.getOrDefault(file.name(), new long[3]);
      counts.add(new FileCount(file, n[0] + n[1] + n[2], n[0], n[1]));
    }
    return counts;
  }

  /** Session setting that says the shuffle partitions are the job's to size (not the user's). */
  public static final String AUTO_SHUFFLE = "spark.zoneeval.shufflePartitions.auto";

  /**
   * Sizes the shuffle to the input: about one partition per 16 MB of raw CSV (rows in memory are a few
   * times their text), at least 8; adaptive execution then coalesces the small shuffles of the
   * zone-level tables into a task or two.
   */
  private void sizeShufflePartitions(Map<RawFile, RawInput> inputs) {
    if (!Boolean.parseBoolean(spark.conf().get(AUTO_SHUFFLE, "false"))) {
      return;
    }
    long bytes = inputs.values().stream().mapToLong(RawInput::sizeBytes).sum();
    int partitions = (int) Math.max(8, Math.min(4000, bytes / (16L << 20)));
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitions));
    progress.line("input %,d bytes: %d shuffle partitions (adaptive execution coalesces small ones)", bytes,
        partitions);
  }

  /**
   * Byte ranges of raw files read by one task: the input split over the cores (two ranges a core),
   * between 4 MB and 128 MB.
   */
  private static long splitBytes(SparkSession spark, String inputDir) {
    int slots = Math.max(1, spark.sparkContext().defaultParallelism());
    long largest = 0;
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(inputDir);
      var fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(dir)) {
        for (var status : fs.listStatus(dir)) {
          largest = Math.max(largest, status.getLen());
        }
      }
    } catch (java.io.IOException e) {
      // the input check reports a folder that cannot be read
    }
    return Math.max(4L << 20, Math.min(RawInput.DEFAULT_SPLIT_BYTES, largest / (2L * slots)));
  }

  private void recordRun(Warehouse warehouse, Request request, String runId, Instant started, List<Integer> years,
      Map<RawFile, RawInput> inputs, List<FileCount> counts, Map<String, Long> versions) {
    List<Row> inputRows = new ArrayList<>();
    for (FileCount c : counts) {
      RawInput in = inputs.get(c.file());
      inputRows.add(RowFactory.create(c.file().fileName(), in.path(), in.sizeBytes(), in.sha256(), in.charset(),
          c.read(), c.accepted(), c.rejected()));
    }
    Row run = RowFactory.create(runId, Timestamp.from(started), Timestamp.from(Instant.now()),
        scala.jdk.javaapi.CollectionConverters.asScala(years).toSeq(), request.inputDir(),
        scala.jdk.javaapi.CollectionConverters.asScala(inputRows).toSeq(), request.rules().name(),
        request.rulesSha256(), request.rulesFile(), Version.current(),
        scala.jdk.javaapi.CollectionConverters.asScala(versions));
    Dataset<Row> frame = spark.createDataFrame(List.of(run), Tables.RUNS.structType());
    warehouse.append(Tables.RUNS, frame);
  }
}
