package io.zoneeval;

import io.zoneeval.spark.InternalSettings;
import io.zoneeval.spark.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test run (local[2], UI off, few shuffle partitions, interpreted expressions),
 * created on first use and shared by every test class, as Iceberg's Spark tests do: a session costs
 * seconds to start.
 */
public final class SparkTestSession {
  private static SparkSession spark;
  private static Path warehouse;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      try {
        warehouse = Files.createTempDirectory("zone-eval-test-warehouse");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spark = Sessions.create(new Sessions.Settings(warehouse.toString(), "local[2]", 2));
      spark.sparkContext().setLogLevel("ERROR");
      // Tiny frames: expressions interpreted, not compiled to Java first, as the evaluation's zone level
      // runs in production (InternalSettings.interpreted). Compiling was 40% of the CPU samples of the zone-level
      // tests; interpreted, the unit tests take a fifth less. The compiled path is what bin/zone-eval and
      // the cluster run use; StandaloneClusterIT compares the cluster's gold with this session's, row for row.
      smallRows(spark);
    }
    return spark;
  }

  private static void smallRows(SparkSession session) {
    InternalSettings.interpret(session);
  }

  /**
   * A session of its own on the test run's SparkContext: its own settings, catalog and views, the same
   * executors and cached data (what a command line run in this JVM takes, so that one test's warehouse
   * setting is not another's).
   */
  public static synchronized SparkSession newSession() {
    SparkSession session = get().newSession();
    smallRows(session);
    return session;
  }

  /** The warehouse folder the shared session's catalog lives in. */
  public static synchronized Path warehouse() {
    get();
    return warehouse;
  }
}
