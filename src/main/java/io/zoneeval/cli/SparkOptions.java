package io.zoneeval.cli;

import io.zoneeval.spark.Sessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every command that needs Spark shares. */
public final class SparkOptions {
  @Option(names = "--warehouse", defaultValue = "warehouse", paramLabel = "DIR",
      description = "Warehouse folder (or hdfs:// / s3a:// URI) holding the Delta tables and the catalog. Default: ${DEFAULT-VALUE}.")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: what spark-submit says, else local[*] (every core).")
  String master;

  @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "0",
      description = "spark.sql.shuffle.partitions; 0 = Spark's default with adaptive coalescing.")
  int shufflePartitions;

  SparkSession session() {
    // The session, the job and the printed tables all use the one absolute location.
    warehouse = Sessions.absoluteWarehouse(warehouse);
    return Sessions.create(new Sessions.Settings(warehouse, master, shufflePartitions, true));
  }
}
