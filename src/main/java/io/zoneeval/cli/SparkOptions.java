package io.zoneeval.cli;

import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseLock;
import io.zoneeval.catalog.WarehouseModes;
import io.zoneeval.spark.Sessions;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every command that needs Spark shares. */
public final class SparkOptions {
  /**
   * The warehouses taken by the command line running on this thread: a command runs on the thread that
   * called {@link ZoneEvalCli#execute}, and one JVM may run several command lines at once (tests).
   */
  private static final ThreadLocal<java.util.List<WarehouseLock>> HELD =
      ThreadLocal.withInitial(java.util.ArrayList::new);

  /** Gives back the warehouses the command line of this thread took (when it has run). */
  static void releaseWarehouses() {
    HELD.get().forEach(WarehouseLock::close);
    HELD.remove();
  }

  @Option(names = "--warehouse", defaultValue = "warehouse", paramLabel = "DIR",
      description = "Warehouse folder (or hdfs:// / s3a:// URI) holding the Delta tables. Default: ${DEFAULT-VALUE}.")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: what spark-submit says, else local[*] (every core).")
  String master;

  @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "0",
      description = "spark.sql.shuffle.partitions; 0 = sized by the job, with adaptive coalescing.")
  int shufflePartitions;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
      description = "A writer (ingest, evaluate, publish, approve, rebuild) waits up to this long for another "
          + "writer of the warehouse instead of failing at once. Readers never wait. Default: ${DEFAULT-VALUE}.")
  long waitSeconds;

  // Issue 17: a local warehouse is owner-only (folders 700, files 600) unless this is given.
  @Option(names = "--group-readable",
      description = "A local warehouse this command creates or writes is readable by its group too (folders 750, "
          + "files 640) instead of by its owner only (700, 600); the same as -D" + WarehouseModes.GROUP_READABLE_PROPERTY
          + "=true. bin/zone-eval then runs Java under umask 027 instead of 077.")
  boolean groupReadable;

  private void applyModes() {
    if (groupReadable) {
      WarehouseModes.groupReadable(true);
    }
  }

  /**
   * A session for a command that writes the warehouse. The writer lock is taken first, before the
   * seconds a session takes to start: a second writer fails at once (or waits, with --wait); the stages
   * take it again (it is re-entrant within the process).
   */
  SparkSession writer(String command) {
    applyModes();
    warehouse = Sessions.absoluteWarehouse(warehouse);
    HELD.get().add(WarehouseLock.acquire(warehouse, "zone-eval " + command, Duration.ofSeconds(waitSeconds)));
    return Sessions.create(new Sessions.Settings(warehouse, master, shufflePartitions));
  }

  /** A session for a command that only reads: no lock, any number at once, the last committed state. */
  SparkSession reader() {
    applyModes();
    warehouse = Sessions.absoluteWarehouse(warehouse);
    return Sessions.create(new Sessions.Settings(warehouse, master, shufflePartitions));
  }

  /**
   * A reader of gold's zone-level rows only (a report, a diff of runs): expressions interpreted, not
   * compiled, which for so few rows is faster (see ResultQueries).
   */
  SparkSession resultsReader() {
    SparkSession spark = reader();
    Sessions.INTERPRETED.forEach(spark.conf()::set);
    return spark;
  }

  Warehouse warehouse(SparkSession spark) {
    return new Warehouse(spark, warehouse);
  }
}
