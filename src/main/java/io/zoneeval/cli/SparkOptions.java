package io.zoneeval.cli;

import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseLock;
import io.zoneeval.catalog.WarehouseModes;
import io.zoneeval.spark.DriverFootprint;
import io.zoneeval.spark.ExecutorTasks;
import io.zoneeval.spark.InternalSettings;
import io.zoneeval.spark.Progress;
import io.zoneeval.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** A command of this process took a warehouse to write it (what a stop in the middle may have left). */
  private static volatile boolean writer;

  static boolean wroteAnything() {
    return writer;
  }

  /** Gives back the warehouses the command line of this thread took (when it has run). */
  static void releaseWarehouses() {
    HELD.get().forEach(WarehouseLock::close);
    HELD.remove();
  }

  /** The environment variable that names the warehouse of every command that is given no --warehouse. */
  static final String WAREHOUSE_ENV = "ZONE_EVAL_WAREHOUSE";

  /** The warehouse of a command without --warehouse: the environment's, else ./warehouse. */
  static String defaultWarehouse(java.util.Map<String, String> environment) {
    String named = environment.get(WAREHOUSE_ENV);
    return named == null || named.isBlank() ? "warehouse" : named;
  }

  // The field's initial value is picocli's default (no defaultValue attribute), so the environment is read
  // in one method a test can call (an environment variable cannot be set in a running JVM).
  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Warehouse folder (or hdfs:// / s3a:// URI) holding the Delta tables. Default: $" + WAREHOUSE_ENV
          + " if set, else ./warehouse (here: ${DEFAULT-VALUE}); --warehouse wins over it.")
  String warehouse = defaultWarehouse(System.getenv());

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
    writer = true;
    HELD.get().add(WarehouseLock.acquire(warehouse, "zone-eval " + command, Duration.ofSeconds(waitSeconds)));
    return Sessions.create(new Sessions.Settings(warehouse, master, shufflePartitions));
  }

  /**
   * On a cluster, after a writing command: where it ran, and what the driver held and moved (the data
   * team's check that the records went through the executors, and its guide to the driver's memory).
   */
  static void summariseCluster(SparkSession spark, Progress progress) {
    if (!spark.sparkContext().isLocal()) {
      progress.line("master %s, application %s, executors: %s", spark.sparkContext().master(),
          spark.sparkContext().applicationId(), String.join("; ", ExecutorTasks.describe()));
      progress.line("%s", DriverFootprint.describe());
    }
  }

  /**
   * A session for a command that only reads: no lock, any number at once, the last committed state. A
   * warehouse that is not there is refused in one line (a mistyped folder would otherwise give a session
   * without tables, and each query the same "table not found"); a local one before the seconds a session
   * takes to start.
   */
  SparkSession reader() {
    applyModes();
    warehouse = Sessions.absoluteWarehouse(warehouse);
    Path local = localFolder(warehouse);
    if (local != null && !Files.isDirectory(local)) {
      throw noWarehouse();
    }
    SparkSession spark = Sessions.create(new Sessions.Settings(warehouse, master, shufflePartitions));
    if (local == null && !existsRemote(spark)) {
      throw noWarehouse();
    }
    return spark;
  }

  private IllegalArgumentException noWarehouse() {
    return new IllegalArgumentException(warehouse + ": no such warehouse folder (--warehouse DIR or " + WAREHOUSE_ENV
        + " names it; ingest or evaluate creates one)");
  }

  /** The local folder a warehouse names (a path, a file:/// URI); null for another file system's URI. */
  static Path localFolder(String warehouse) {
    if (!warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return Path.of(warehouse);
    }
    try {
      return warehouse.regionMatches(true, 0, "file:", 0, 5) ? Path.of(java.net.URI.create(warehouse)) : null;
    } catch (IllegalArgumentException e) {
      return null; // file://host/...: left to Hadoop's file system, as a remote one
    }
  }

  private boolean existsRemote(SparkSession spark) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(warehouse);
    try {
      return root.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(warehouse + ": " + e.getMessage(), e);
    }
  }

  /**
   * A reader of gold's zone-level rows only (a report, a diff of runs, the catalog's DDL): expressions
   * interpreted, not compiled, which for so few rows is faster (InternalSettings).
   */
  SparkSession resultsReader() {
    SparkSession spark = reader();
    InternalSettings.interpret(spark);
    return spark;
  }

  Warehouse warehouse(SparkSession spark) {
    return new Warehouse(spark, warehouse);
  }
}
