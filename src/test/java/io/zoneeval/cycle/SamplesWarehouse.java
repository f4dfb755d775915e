package io.zoneeval.cycle;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.cluster.StandaloneCluster;
import io.zoneeval.rules.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * data-samples evaluated once per test run, the way the README's first command does it (all of it one
 * delivery: 2022 ingested, 2023 and 2024 evaluated), on a Spark standalone cluster
 * (cluster/run-standalone: the cluster jar, two executors in worker JVMs of their own), into a warehouse that
 * several test classes read: the one evaluation of the samples as one folder that the suite pays for.
 * StandaloneClusterIT checks where it ran; SamplesEvaluationIT holds its gold to the reference
 * implementation, AnnualCycleIT this JVM's own runs of the same records to its gold.
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
        Path dir = Files.createTempDirectory("zone-eval-samples");
        StandaloneCluster.Run run = StandaloneCluster.run("--input", "data-samples", "--warehouse", dir.toString());
        if (run.status() != 0) {
          throw new IllegalStateException("evaluate on data-samples (cluster/run-standalone) failed:\n"
              + StandaloneCluster.tail(run.output()));
        }
        evaluateOutput = run.output();
        warehouse = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return warehouse;
  }

  /** What the run printed (the script's and the driver's output). */
  public static synchronized String output() {
    get();
    return evaluateOutput;
  }

  /**
   * gold.zone_results, zone_scores and zone_metrics of a year by zone, at the versions the committed runs
   * left, every column as text but the run. Read by path: the session's catalog setting is left alone, so
   * the other integration tests may run meanwhile.
   */
  public static Map<String, String> goldOf(String warehouse, int year) {
    Warehouse w = new Warehouse(SparkTestSession.get(), warehouse);
    Map<String, Long> committed = CommitLog.read(w).committedVersions();
    Map<String, String> rows = new TreeMap<>();
    for (var table : List.of(Tables.ZONE_RESULTS, Tables.zoneScores(Rules.defaults()), Tables.ZONE_METRICS)) {
      for (Row r : w.read(table, committed.get(table.qualifiedName())).filter("year = " + year).drop("run_id")
          .collectAsList()) {
        rows.merge(r.getAs("zone_id"), r.toString(), (a, b) -> a + " | " + b);
      }
    }
    return rows;
  }

}
