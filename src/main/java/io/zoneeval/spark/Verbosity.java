package io.zoneeval.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * {@code --verbose}: the whole error of a failed command, and Spark's reports of failed tasks, which
 * log4j2.properties turns off otherwise (a failure is one line, {@link Failures}): every logger that
 * file sets to {@code off} is set to {@code warn}.
 */
public final class Verbosity {
  private static volatile boolean verbose;

  private Verbosity() {}

  public static void verbose() {
    verbose = true;
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggers().values().stream()
        .filter(logger -> logger.getLevel() == Level.OFF)
        .map(LoggerConfig::getName)
        .toList()
        .forEach(name -> Configurator.setLevel(name, Level.WARN));
  }

  public static boolean isVerbose() {
    return verbose;
  }
}
