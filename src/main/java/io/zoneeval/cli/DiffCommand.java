package io.zoneeval.cli;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.publish.RunDiff;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "What a correction moved: every value of gold.zone_results and gold.zone_metrics of a year that "
        + "differs between two committed runs, as CSV year,zone_id,column,before,after.")
public final class DiffCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, paramLabel = "YYYY", description = "The year.")
  int year;

  @Option(names = "--from", paramLabel = "RUN_ID",
      description = "The run before (default: the published run, else the one before the latest).")
  String from;

  @Option(names = "--to", paramLabel = "RUN_ID", description = "The run after (default: the latest).")
  String to;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = sparkOptions.resultsReader();
    Warehouse warehouse = sparkOptions.warehouse(spark);
    RunDiff.Runs runs = RunDiff.runs(CommitLog.readResults(warehouse), year, from, to);
    List<RunDiff.Change> changes = RunDiff.diff(warehouse, year, runs);
    System.err.println("[zone-eval] " + year + ": run " + runs.from().id() + " → run " + runs.to().id() + ": "
        + changes.size() + " value(s) changed");
    RunDiff.print(changes, System.out);
    return 0;
  }
}
