package io.zoneeval.cli;

import io.zoneeval.publish.Report;
import io.zoneeval.publish.ReportData;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the report of a year: its published run (公示 or 批准), else its latest committed run marked 草稿: "
        + "results-YYYY.xlsx, "
        + "results-YYYY.csv (UTF-8 with BOM) and report-YYYY.html (one self-contained page). With --run, the "
        + "report as that run left the tables (Delta time travel to the versions it recorded in gold.runs).")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--year", paramLabel = "YYYY",
      description = "The year (default: the latest a committed run evaluated; with --run, the latest year the run wrote).")
  Integer year;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the three files into.")
  Path out;

  @Option(names = "--run", paramLabel = "RUN_ID",
      description = "Reproduce the report of this run (see gold.runs), even after later runs changed the tables.")
  String run;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = sparkOptions.resultsReader();
    ReportData data = ReportData.load(spark, sparkOptions.warehouse, year, run);
    for (Path file : Report.write(data, out)) {
      System.out.println(file);
    }
    System.err.println("[zone-eval] report " + data.year() + " of run " + data.runIds() + " (" + data.stateChinese()
        + "): " + data.zones().size() + " zones");
    return 0;
  }
}
