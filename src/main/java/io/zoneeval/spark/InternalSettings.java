package io.zoneeval.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The internal Spark and Delta settings the job sets, all of them: every other setting it sets is public.
 * One says where the session's own catalog lives; the others are here because no public setting does their
 * work and going without costs far more than seconds on one machine (measured in docs/performance.md,
 * "Internal settings, in one place"). A release may rename or drop an internal setting; Spark then ignores
 * the key and the job runs as without it, slower, with the same results.
 * {@code -Dzoneeval.internalSettings=false} (ZONE_EVAL_JAVA_OPTS, or spark-submit's
 * {@code --driver-java-options}) leaves out those of speed.
 */
public final class InternalSettings {
  private static final String PROPERTY = "zoneeval.internalSettings";

  /**
   * Every session, whatever the switch: the session's own views (published.*) live in Spark's in-memory
   * catalog, also on a cluster whose defaults name Hive's metastore (they would be written there). Public
   * API sets this key only to Hive's ({@code enableHiveSupport}).
   */
  private static final Map<String, String> CATALOG = Map.of("spark.sql.catalogImplementation", "in-memory");

  /**
   * Every session. Delta writes a table's file list into each commit's checksum only to derive the next
   * checksum's list, and for a table's first commit lists the empty table with a Spark job: twenty jobs
   * when a fresh warehouse's tables are created ("prepare tables" of data-samples 4.1 s against 7.8 s).
   */
  private static final Map<String, String> EVERY_SESSION = Map.of(
      "spark.databricks.delta.allFilesInCrc.enabled", "false");

  /**
   * On one machine: Delta's log replay in two tasks, not its cluster-sized default of fifty. Each task
   * generates its own code for the log's actions: without any of these settings a re-evaluation of
   * data-samples took 88-128 s instead of 33-37 s, with this one alone 40.5 s.
   */
  private static final Map<String, String> LOCAL = Map.of("spark.databricks.delta.snapshotPartitions", "2");

  /**
   * Expressions evaluated as they are instead of compiled to Java first, for zone-level rows (a few hundred
   * a year): compiling costs milliseconds per expression and query shape, which so few rows never win back
   * (the scores of data-samples' re-evaluation 7.4-8.0 s against 13.5-15.6 s compiled).
   * The results do not change: Spark's interpreted and compiled forms of an expression are meant to agree,
   * and its own expression tests check both; AnnualCycleIT compares the interpreted test session's gold
   * with the cluster's compiled run, row for row.
   */
  private static final Map<String, String> INTERPRETED = Map.of(
      "spark.sql.codegen.wholeStage", "false",
      "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  private InternalSettings() {}

  /** Whether the job sets them: yes, unless -Dzoneeval.internalSettings=false. */
  public static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").strip());
  }

  /** The settings of a new session ({@code local}: on one machine); the catalog's alone when they are off. */
  public static Map<String, String> forSession(boolean local) {
    return forSession(local, enabled());
  }

  static Map<String, String> forSession(boolean local, boolean enabled) {
    Map<String, String> settings = new LinkedHashMap<>(CATALOG);
    if (enabled) {
      settings.putAll(EVERY_SESSION);
      if (local) {
        settings.putAll(LOCAL);
      }
    }
    return settings;
  }

  /** The settings for zone-level rows ({@link #INTERPRETED}); none when they are off. */
  public static Map<String, String> interpreted() {
    return interpreted(enabled());
  }

  static Map<String, String> interpreted(boolean enabled) {
    return enabled ? INTERPRETED : Map.of();
  }

  /** Sets {@link #interpreted()} on a session: a command that reads only zone-level results. */
  public static void interpret(SparkSession spark) {
    interpreted().forEach(spark.conf()::set);
  }

  /** Every key this class may set, whether or not it is on. */
  static java.util.Set<String> keys() {
    java.util.Set<String> keys = new java.util.TreeSet<>(CATALOG.keySet());
    keys.addAll(EVERY_SESSION.keySet());
    keys.addAll(LOCAL.keySet());
    keys.addAll(INTERPRETED.keySet());
    return keys;
  }
}
