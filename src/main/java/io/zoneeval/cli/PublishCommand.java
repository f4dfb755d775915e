package io.zoneeval.cli;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.publish.Publications;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Put a committed run's result of a year on public notice (公示); report --year then writes it.")
public final class PublishCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, paramLabel = "YYYY", description = "The year.")
  int year;

  @Option(names = "--run", paramLabel = "RUN_ID", description = "The run (default: the year's latest committed run).")
  String run;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = sparkOptions.writer("publish");
    CommitLog.Run published = Publications.publish(sparkOptions.warehouse(spark), year, run);
    System.err.println("[zone-eval] " + year + ": run " + published.id() + " on public notice (公示)");
    return 0;
  }
}
