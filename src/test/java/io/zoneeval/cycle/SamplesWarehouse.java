package io.zoneeval.cycle;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * data-samples evaluated once per test JVM, the way the README's first command does it (all of it one
 * delivery: 2022 ingested, 2023 and 2024 evaluated), into a warehouse that several test classes read: the
 * one full evaluation of the samples that the suite pays for.
 */
public final class SamplesWarehouse {
  public static final String RESULT_COLUMNS = "year, zone_id, zone_type, score_scale, score_tax, score_specialty, "
      + "score_per_mu, score_cultivation, score_talent, score_investment, score_capacity, total_score, vetoed, "
      + "award_eligible, final_rank, award_prize, award_amount_wan, interview, leadership_adjustment";

  private static Path warehouse;
  private static String evaluateOutput;

  private SamplesWarehouse() {}

  public static synchronized Path get() {
    if (warehouse == null) {
      SparkTestSession.get();
      try {
        warehouse = Files.createTempDirectory("zone-eval-samples");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Cli.Result r = Cli.run("evaluate", "--warehouse", warehouse.toString());
      if (r.status() != 0) {
        throw new IllegalStateException("evaluate on data-samples failed: " + r.err());
      }
      evaluateOutput = r.out() + "\n" + r.err();
    }
    return warehouse;
  }

  /** What the evaluation printed (stdout, then stderr). */
  public static synchronized String output() {
    get();
    return evaluateOutput;
  }

  /**
   * gold.zone_results and gold.zone_metrics of a year by zone, at the versions the committed runs left,
   * every column as text but the run. Read by path: the session's catalog setting is left alone, so the
   * other integration tests may run meanwhile.
   */
  public static Map<String, String> goldOf(String warehouse, int year) {
    Warehouse w = new Warehouse(SparkTestSession.get(), warehouse);
    Map<String, Long> committed = CommitLog.read(w).committedVersions();
    Map<String, String> rows = new TreeMap<>();
    for (var table : List.of(Tables.ZONE_RESULTS, Tables.ZONE_METRICS)) {
      for (Row r : w.read(table, committed.get(table.qualifiedName())).filter("year = " + year).drop("run_id")
          .collectAsList()) {
        rows.merge(r.getAs("zone_id"), r.toString(), (a, b) -> a + " | " + b);
      }
    }
    return rows;
  }

}
