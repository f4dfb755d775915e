package io.zoneeval.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every command runs in.
 *
 * <p>The catalog is a Hive metastore on embedded Derby inside the warehouse folder, so the tables a run
 * writes can be queried by name from a later process; the tables themselves are Delta tables at paths
 * under the same folder. On a cluster the master comes from spark-submit and the metastore can be a
 * remote one ({@code spark.hadoop.hive.metastore.uris}); nothing here hard-codes either.
 */
public final class Sessions {
  private Sessions() {}

  /** Settings of a session; {@code master} null means "whatever spark-submit or the environment says". */
  public record Settings(String warehouse, String master, int shufflePartitions, boolean hiveCatalog) {
    public static Settings local(String warehouse) {
      return new Settings(warehouse, null, 0, true);
    }
  }

  /** Columns of the warehouse whose values are (nearly) all different: see {@link #create}. */
  static final java.util.List<String> UNIQUE_COLUMNS =
      java.util.List.of("_record", "_line", "invoice_id", "payment_id", "amount", "tax_amount");

  public static SparkSession create(Settings settings) {
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
    builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.adaptive.coalescePartitions.enabled", "true")
        // Delta's own defaults keep a run's history readable for time travel, and allow the
        // replaceWhere overwrite of one year that is our unit of atomic rewrite.
        .config("spark.databricks.delta.replaceWhere.constraintCheck.enabled", "true")
        .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
        // A write into a table partitioned by year keeps a file open per year in each task instead of
        // sorting every row by year first (Spark's default; the sort held the whole task's rows, of
        // tens of millions of invoices). Past this many years in one task, Spark sorts again.
        .config("spark.sql.maxConcurrentOutputFileWriters", "8");
    for (String column : UNIQUE_COLUMNS) {
      // A column whose every value is new (an invoice number, a record's raw text) gains nothing from a
      // Parquet dictionary or min/max statistics, and both cost a hash or a comparison per value written
      // (nearly half of Parquet's writing time in the 2M profile). Data skipping uses Delta's own
      // statistics, not these.
      builder.config("spark.hadoop.parquet.enable.dictionary#" + column, "false");
      builder.config("spark.hadoop.parquet.column.statistics.enabled#" + column, "false");
    }
    if (master != null && master.startsWith("local")) {
      // One machine: Delta's log replay and a run's small tables need few tasks, not Spark's
      // cluster-sized defaults (50 snapshot partitions, a checksum pass after every commit).
      builder
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.databricks.delta.writeChecksumFile.enabled", "false")
          .config("spark.sql.shuffle.partitions", "8");
    }
    if (settings.shufflePartitions() > 0) {
      builder.config("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()));
    } else if (System.getProperty("spark.sql.shuffle.partitions") == null) {
      // Nobody said how many: the job sizes the shuffle to its input, and adaptive execution coalesces.
      builder.config(io.zoneeval.job.EvaluationJob.AUTO_SHUFFLE, "true");
    }
    if (settings.hiveCatalog()) {
      if (System.getProperty("spark.hadoop.hive.metastore.uris") == null
          && System.getProperty("spark.hadoop.javax.jdo.option.ConnectionURL") == null) {
        builder.config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + warehouse + "/metastore_db;create=true");
      }
      System.setProperty("derby.stream.error.file", warehouse + "/derby.log");
      // The embedded metastore only maps table names to Delta paths, which can be registered again
      // from the warehouse folder; it does not need Derby's fsync on every statement.
      System.setProperty("derby.system.durability", "test");
      builder.enableHiveSupport();
    }
    return builder.getOrCreate();
  }

  /**
   * The executors a non-local session has had, as "id host:port (cores, tasks)", the driver left out;
   * what the status REST API's /executors reports, read from the driver's own status store.
   */
  public static java.util.List<String> executors(SparkSession spark) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (org.apache.spark.status.api.v1.ExecutorSummary e : scala.jdk.javaapi.CollectionConverters.asJava(
        spark.sparkContext().statusStore().executorList(false))) {
      if (!"driver".equals(e.id())) {
        out.add(String.format(java.util.Locale.ROOT, "%s %s (%d core%s, %d tasks%s)", e.id(), e.hostPort(),
            e.totalCores(), e.totalCores() == 1 ? "" : "s", e.totalTasks(), e.isActive() ? "" : ", gone"));
      }
    }
    return out;
  }

  /**
   * A local warehouse folder as an absolute path; a URI (hdfs://, s3a://, file://) unchanged. The catalog
   * resolves a relative schema or table location against the warehouse, not the working directory, so
   * every location the job writes must be absolute.
   */
  public static String absoluteWarehouse(String warehouse) {
    return isRemote(warehouse) ? warehouse : Path.of(warehouse).toAbsolutePath().normalize().toString();
  }

  static boolean isRemote(String path) {
    return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }
}
