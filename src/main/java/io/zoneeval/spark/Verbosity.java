package io.zoneeval.spark;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code --verbose}: the whole error of a failed command, and Spark's reports of failed tasks, which
 * log4j2.properties keeps quiet otherwise (a failure is one line, {@link Failures}).
 */
public final class Verbosity {
  /** The loggers log4j2.properties turns off for a quiet failure. */
  private static final List<String> TASK_FAILURE_LOGGERS = List.of("org.apache.spark.executor.Executor",
      "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.scheduler.TaskSchedulerImpl",
      "org.apache.spark.util.Utils", "org.apache.spark.sql.execution.datasources", "org.apache.spark.internal.io",
      "org.apache.spark.storage.DiskBlockObjectWriter", "org.apache.spark.sql.delta.files");
  private static volatile boolean verbose;

  private Verbosity() {}

  public static void verbose() {
    verbose = true;
    TASK_FAILURE_LOGGERS.forEach(name -> Configurator.setLevel(name, Level.WARN));
  }

  public static boolean isVerbose() {
    return verbose;
  }
}
