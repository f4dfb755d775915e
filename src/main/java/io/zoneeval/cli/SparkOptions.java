package io.zoneeval.cli;

import io.zoneeval.catalog.WarehouseLock;
import io.zoneeval.spark.Sessions;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every command that needs Spark shares. */
public final class SparkOptions {
  private static final java.util.List<WarehouseLock> HELD = new java.util.ArrayList<>();

  /** Gives back the warehouses the commands of this process took (when a command line has run). */
  static void releaseWarehouses() {
    synchronized (HELD) {
      HELD.forEach(WarehouseLock::close);
      HELD.clear();
    }
  }

  @Option(names = "--warehouse", defaultValue = "warehouse", paramLabel = "DIR",
      description = "Warehouse folder (or hdfs:// / s3a:// URI) holding the Delta tables and the catalog. Default: ${DEFAULT-VALUE}.")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: what spark-submit says, else local[*] (every core).")
  String master;

  @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "0",
      description = "spark.sql.shuffle.partitions; 0 = Spark's default with adaptive coalescing.")
  int shufflePartitions;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
      description = "When another zone-eval process holds the warehouse, wait up to this long for it "
          + "instead of failing at once. Default: ${DEFAULT-VALUE}.")
  long waitSeconds;

  SparkSession session(String command) {
    // The session, the job and the printed tables all use the one absolute location.
    warehouse = Sessions.absoluteWarehouse(warehouse);
    // Held until the command ends: the embedded metastore admits one process per warehouse, and a
    // second evaluation must not race the first on the same tables.
    synchronized (HELD) {
      HELD.add(WarehouseLock.acquire(warehouse, "zone-eval " + command, Duration.ofSeconds(waitSeconds)));
    }
    return Sessions.create(new Sessions.Settings(warehouse, master, shufflePartitions, true));
  }
}
