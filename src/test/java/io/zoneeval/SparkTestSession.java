package io.zoneeval;

import io.zoneeval.spark.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test run (local[2], UI off, few shuffle partitions), created on first
 * use and shared by every test class, as Iceberg's Spark tests do: a session costs seconds to start.
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
    }
    return spark;
  }

  /** The warehouse folder the shared session's catalog lives in. */
  public static synchronized Path warehouse() {
    get();
    return warehouse;
  }
}
