package io.zoneeval.cycle;

import io.zoneeval.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
