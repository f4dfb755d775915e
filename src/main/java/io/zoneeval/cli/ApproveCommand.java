package io.zoneeval.cli;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.publish.Publications;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Make a year's published result final (批准): evaluating the year again is then refused unless "
        + "evaluate --reopen \"REASON\".")
public final class ApproveCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, paramLabel = "YYYY", description = "The year.")
  int year;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = sparkOptions.writer("approve");
    CommitLog.Run approved = Publications.approve(sparkOptions.warehouse(spark), year);
    System.err.println("[zone-eval] " + year + ": run " + approved.id() + " approved (批准)");
    return 0;
  }
}
