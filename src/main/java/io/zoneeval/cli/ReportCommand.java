package io.zoneeval.cli;

import io.zoneeval.publish.Notice;
import io.zoneeval.publish.Report;
import io.zoneeval.publish.ReportData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the report of a year: its published run (公示 or 批准), else its latest committed run marked 草稿: "
        + "results-YYYY.xlsx, "
        + "results-YYYY.csv (UTF-8 with BOM) and report-YYYY.html (one self-contained page). With --run, the "
        + "report as that run left the tables (Delta time travel to the versions it recorded in gold.runs). "
        + "With --notice, the page is the public notice (公示): issuer, notice period, where and how to object; "
        + "without, it is a draft (草稿) for internal review.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--year", paramLabel = "YYYY",
      description = "The year (default: the latest a committed run evaluated; with --run, the latest year the run wrote).")
  Integer year;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the three files into.")
  Path out;

  @Option(names = "--run", paramLabel = "RUN_ID",
      description = "Reproduce the report of this run (see gold.runs), even after later runs changed the tables.")
  String run;

  @Option(names = "--notice", paramLabel = "FILE",
      description = "The public notice's settings, YAML: issuer, objection_contact, days (see docs/notice-example.yaml).")
  Path notice;

  @Option(names = "--notice-from", paramLabel = "YYYY-MM-DD",
      description = "First day of the notice period (default: the day the run was published, in gold.publications; "
          + "else today).")
  LocalDate noticeFrom;

  @Option(names = "--notice-to", paramLabel = "YYYY-MM-DD",
      description = "Last day of the notice period (default: after the settings' days working days, Monday to Friday, "
          + "counting the first; public holidays are not known: give this over one).")
  LocalDate noticeTo;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    if (notice == null && (noticeFrom != null || noticeTo != null)) {
      throw new Notice.NoticeException("--notice-from and --notice-to need --notice FILE");
    }
    // Checked before Spark starts: a mistake in the file costs no session.
    Notice.Settings settings = notice == null ? null : Notice.load(notice);
    if (settings != null && noticeFrom != null && noticeTo != null) {
      Notice.of(settings, noticeFrom, noticeTo);
    }
    SparkSession spark = sparkOptions.resultsReader();
    ReportData data = ReportData.load(spark, sparkOptions.warehouse, year, run);
    Notice onPage = settings == null ? null : Notice.of(settings,
        noticeFrom != null ? noticeFrom : Notice.defaultFrom(data.publishedAt(), Clock.systemUTC()), noticeTo);
    for (Path file : Report.write(data, onPage, out)) {
      System.out.println(file);
    }
    System.err.println("[zone-eval] report " + data.year() + " of run " + data.runIds() + " (" + data.stateChinese()
        + "): " + data.zones().size() + " zones; the page is "
        + (onPage == null ? "a draft (草稿: no --notice)"
            : data.draft() ? "a draft of the notice (the year is not published yet), " + onPage.period()
            : "the public notice, " + onPage.period()));
    return 0;
  }
}
