package io.zoneeval.spark;

import io.zoneeval.catalog.WarehouseCatalog;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every command runs in.
 *
 * <p>No metastore: the session catalog is {@link WarehouseCatalog}, which finds the warehouse's tables by
 * name in the warehouse folder itself and reads each at its committed version, so any number of
 * processes can query one warehouse, also while a writer commits. On a cluster the master comes from
 * spark-submit and the warehouse may be an {@code hdfs://} or {@code s3a://} URI; nothing here
 * hard-codes either.
 */
public final class Sessions {
  private Sessions() {}

  /** Settings of a session; {@code master} null means "whatever spark-submit or the environment says". */
  public record Settings(String warehouse, String master, int shufflePartitions) {
    public static Settings local(String warehouse) {
      return new Settings(warehouse, null, 0);
    }
  }

  /** Columns of the warehouse whose values are (nearly) all different: see {@link #create}. */
  static final java.util.List<String> UNIQUE_COLUMNS =
      java.util.List.of("raw_text", "_line", "line", "invoice_id", "payment_id", "amount", "tax_amount");

  /**
   * Text columns whose Parquet min/max per row group can never skip one: the lineage columns hold one value
   * per delivered file (Delta's statistics per file already say which), and an invoice's seller and status
   * come in no order. Their dictionaries stay (they make the columns small).
   */
  static final java.util.List<String> UNSKIPPABLE_COLUMNS =
      java.util.List.of("_delivery_id", "_source_file", "seller_uscc", "status");

  /** Session setting that says the shuffle partitions are the job's to size (not the user's). */
  public static final String AUTO_SHUFFLE = "spark.zoneeval.shufflePartitions.auto";

  public static SparkSession create(Settings settings) {
    DriverFootprint.watch();
    SparkSession.Builder builder = SparkSession.builder().appName("zone-eval");
    String master = settings.master();
    if (master == null && System.getProperty("spark.master") == null) {
      // Started outside spark-submit (the launcher, tests): run locally on every core.
      master = "local[*]";
    }
    if (master != null) {
      builder.master(master);
    }
    String warehouse = absoluteWarehouse(settings.warehouse());
    // The executors and their tasks, for the summary a run on a cluster ends with; beside any listener the
    // submitter named.
    String listeners = System.getProperty("spark.extraListeners", "").strip();
    builder.config("spark.extraListeners",
        (listeners.isEmpty() ? "" : listeners + ",") + ExecutorTasks.class.getName());
    builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", WarehouseCatalog.class.getName())
        // The session's own views (published.*) live in Spark's in-memory catalog (InternalSettings); its
        // folder is the warehouse's, so that nothing is written beside the caller's working directory.
        .config("spark.sql.warehouse.dir", warehouse + "/_session")
        // Stated, not assumed: a value that does not fit its type is an error, never a silent null or a
        // wrapped number. Raw text is parsed by the job's own code, which never throws on a bad value.
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.adaptive.coalescePartitions.enabled", "true")
        // replaceWhere checks that every row written matches the years it replaces.
        .config("spark.databricks.delta.replaceWhere.constraintCheck.enabled", "true")
        .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
        // Issue 17: every file and folder Hadoop's file systems create (Delta's log, Parquet and .crc files,
        // bronze copies) is owner-only, 600/700 (640/750 when group-readable): see WarehouseModes.
        .config("spark.hadoop.fs.permissions.umask-mode", io.zoneeval.catalog.WarehouseModes.umaskMode());
    for (String column : UNIQUE_COLUMNS) {
      // A column whose every value is new (an invoice number, a line) gains nothing from a Parquet
      // dictionary or min/max statistics, and both cost a hash or a comparison per value written.
      builder.config("spark.hadoop.parquet.enable.dictionary#" + column, "false");
      builder.config("spark.hadoop.parquet.column.statistics.enabled#" + column, "false");
    }
    for (String column : UNSKIPPABLE_COLUMNS) {
      // Parquet's writer compares every text value with its row group's min and max, byte by byte, for
      // statistics that can never skip a row group of these columns: a large share of the executors'
      // CPU in a large ingest, for nothing (docs/performance.md, "Statistics off for the text columns").
      builder.config("spark.hadoop.parquet.column.statistics.enabled#" + column, "false");
    }
    if (master != null && master.startsWith("local")) {
      // Issue 17: shuffle and spill files hold enterprise-level rows; on one machine they go under a folder
      // only this user can enter (Spark creates them with the process's umask).
      PrivateScratch.folder().ifPresent(dir -> builder.config("spark.local.dir", dir));
      // One machine: a run's small tables need few shuffle partitions (and Delta's log replay few tasks:
      // InternalSettings). Delta's checksum file (.crc) after each commit is kept (its default): derived
      // from the commit and the previous one, it spares the next JVM a Spark job per table for the table's
      // protocol and metadata (docs/performance.md, "Delta's checksum files").
      // 2 MB memory pages: Spark sizes its pages (each hash map and sort of a task takes at least one)
      // to the heap over the cores, 64 MB here, zeroed as allocated and pooled on the heap: far more than
      // tables of a few thousand rows need, and heap the collector pauses for (docs/performance.md,
      // "2 MB memory pages").
      builder
          .config("spark.sql.shuffle.partitions", "8")
          .config("spark.buffer.pageSize", "2m");
      // Hadoop's local file system without a chmod or readlink process per file and per commit.
      io.zoneeval.catalog.LocalFiles.HADOOP_SETTINGS.forEach(
          (key, value) -> builder.config("spark.hadoop." + key, value));
    }
    // The internal settings, in one place (InternalSettings: why each, and the switch that leaves them out).
    InternalSettings.forSession(master != null && master.startsWith("local")).forEach(builder::config);
    if (settings.shufflePartitions() > 0) {
      builder.config("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()));
    } else if (System.getProperty("spark.sql.shuffle.partitions") == null) {
      // Nobody said how many: the job sizes the shuffle to its input, and adaptive execution coalesces.
      builder.config(AUTO_SHUFFLE, "true");
    }
    SparkSession spark = builder.getOrCreate();
    spark.conf().set(WarehouseCatalog.WAREHOUSE_CONF, warehouse);
    return spark;
  }

  /**
   * The settings for a few hundred rows: no adaptive re-planning (each adaptive stage is a Spark job of
   * its own, which for a few hundred rows costs more than the work), one shuffle partition, and
   * interpreted expressions ({@link InternalSettings#interpreted}).
   */
  public static java.util.Map<String, String> smallRows() {
    java.util.Map<String, String> small = new java.util.HashMap<>(InternalSettings.interpreted());
    small.put("spark.sql.adaptive.enabled", "false");
    small.put("spark.sql.shuffle.partitions", "1");
    return small;
  }

  /**
   * Runs a computation over zone-level rows (a few hundred) with the settings such rows want
   * ({@link #smallRows}). The session's settings are restored afterwards; nothing else may run in the
   * session meanwhile.
   */
  public static synchronized <T> T zoneLevel(SparkSession spark, java.util.function.Supplier<T> computation) {
    java.util.Map<String, String> small = smallRows();
    java.util.Map<String, String> before = setIn(spark, small.keySet());
    small.forEach(spark.conf()::set);
    try {
      return computation.get();
    } finally {
      restore(spark, before);
    }
  }

  /**
   * What the session has set of {@code keys}, by key: the value, or null where it has set none (Spark's
   * default). Reads no default, so an internal key a release no longer knows is no error (InternalSettings).
   */
  public static java.util.Map<String, String> setIn(SparkSession spark, java.util.Collection<String> keys) {
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    keys.forEach(key -> values.put(key, spark.conf().get(key, null)));
    return values;
  }

  /** Sets the session's settings back to {@code values} ({@link #setIn}'s): a null unsets the key. */
  public static void restore(SparkSession spark, java.util.Map<String, String> values) {
    values.forEach((key, value) -> {
      if (value == null) {
        spark.conf().unset(key);
      } else {
        spark.conf().set(key, value);
      }
    });
  }

  /**
   * A session of its own (the same Spark, its own settings) with the settings of zone-level rows: for work
   * on such rows that runs while the main session computes something else.
   */
  public static SparkSession zoneLevelSession(SparkSession spark) {
    SparkSession session = spark.newSession();
    smallRows().forEach((key, value) -> session.conf().set(key, value));
    return session;
  }

  /**
   * A local warehouse folder as an absolute path; a URI (hdfs://, s3a://, file://, and file:/data/x without
   * an authority) unchanged: every location the job writes must be absolute.
   */
  public static String absoluteWarehouse(String warehouse) {
    return isRemote(warehouse) ? warehouse : Path.of(warehouse).toAbsolutePath().normalize().toString();
  }

  static boolean isRemote(String path) {
    return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*");
  }
}
