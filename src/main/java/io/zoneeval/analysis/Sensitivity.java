package io.zoneeval.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.evaluate.AwardAllocation;
import io.zoneeval.evaluate.ExactMath;
import io.zoneeval.evaluate.RankScore;
import io.zoneeval.evaluate.ZoneMetrics;
import io.zoneeval.publish.ReportData;
import io.zoneeval.rules.Rules;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * How firmly each zone holds its place: in each of N draws, every indicator score of a committed result
 * is multiplied by (1 + u), u uniform in [−P, P], one u per draw and indicator shared by every zone; the
 * total is their sum, and the final order and prizes are decided again by the evaluation's own code
 * ({@link AwardAllocation}: vetoes last, the rules' tie-break, eligibility, prize counts), each draw a
 * group of its own. Per zone: the median and the 5th and 95th percentiles of its rank over the draws, and
 * the share of draws in which it wins a prize.
 *
 * <p>The draws are data: one Spark job over (draw × zone) rows, u a function of (seed, draw, indicator)
 * computed in Spark from a hash, so the same seed gives the same output anywhere, and more draws cost more
 * rows, not more jobs. Every multiplier and total is an exact decimal: u is a multiple of P / 10^6.
 */
public final class Sensitivity {
  /** The CSV's header: the contract of the spec's sensitivity. */
  public static final String HEADER = "year,zone_id,zone_type,base_rank,median_rank,p5_rank,p95_rank,prize_share,boundary";

  /** u = k × P / 10^U_DIGITS, k an integer uniform in [−10^U_DIGITS, 10^U_DIGITS] (2,000,001 values). */
  static final int U_DIGITS = 6;
  private static final long U_STEPS = BigDecimal.ONE.movePointRight(U_DIGITS).longValueExact();
  /**
   * A spread of at most this many decimals keeps u within 12 decimals and a score × (1 + u) within 14: exact
   * in {@link #DRAWN_SCORE} (a score is at most 100, so at most 200 after the draw).
   */
  static final int SPREAD_DIGITS = 6;
  private static final String DRAWN_SCORE = "decimal(20,14)";
  /** The quantiles reported, in percent, and the share's decimals. */
  private static final BigDecimal P5 = new BigDecimal("0.05");
  private static final BigDecimal MEDIAN = new BigDecimal("0.5");
  private static final BigDecimal P95 = new BigDecimal("0.95");
  private static final int SHARE_DECIMALS = 4;

  private Sensitivity() {}

  /** N draws, spread P, seed S; refused unless N ≥ 1 and 0 ≤ P < 1 with at most six decimals. */
  public record Settings(long draws, BigDecimal spread, long seed) {
    public Settings {
      if (draws < 1) {
        throw new Refused("--draws must be at least 1, not " + draws);
      }
      if (spread.signum() < 0 || spread.compareTo(BigDecimal.ONE) >= 0) {
        throw new Refused("--spread must be in [0, 1), not " + spread.toPlainString());
      }
      spread = spread.signum() == 0 ? BigDecimal.ZERO : spread.stripTrailingZeros();
      if (spread.scale() > SPREAD_DIGITS) {
        throw new Refused("--spread " + spread.toPlainString() + " has more than " + SPREAD_DIGITS + " decimals");
      }
    }
  }

  /** One zone's ranks over the draws, and in how many of them it won a prize. */
  public record Interval(int year, String zoneId, String zoneName, String zoneType, int baseRank, Integer basePrize,
      int medianRank, int p5Rank, int p95Rank, long prizeDraws, long draws) {
    /** The share of draws with a prize, rounded half-up to four decimals. */
    public BigDecimal prizeShare() {
      return BigDecimal.valueOf(prizeDraws).divide(BigDecimal.valueOf(draws), SHARE_DECIMALS, RoundingMode.HALF_UP);
    }

    /** Some draws give it a prize and some do not. */
    public boolean boundary() {
      return prizeDraws > 0 && prizeDraws < draws;
    }
  }

  /** The intervals of a year's zones, by zone type and base rank; the run and rules they were drawn from. */
  public record Result(int year, CommitLog.Run run, Rules rules, Settings settings, List<Interval> zones) {}

  /**
   * The draws over run {@code runId}'s result of {@code year} (null: its published run, else its latest
   * committed one), decided by the rules that run evaluated with.
   */
  public static Result compute(SparkSession spark, Warehouse warehouse, int year, String runId, Settings settings) {
    CommitLog.Run run = CommittedResult.of(CommitLog.readResults(warehouse), year, runId);
    Rules rules = ReportData.rulesOf(run);
    return new Result(year, run, rules, settings, intervals(base(spark, warehouse, run, year, rules), rules, settings));
  }

  /**
   * The committed result's zones of the year, with what deciding an order again needs: the eight indicator
   * scores, the final rank (base_rank) and prize (base_prize) of gold.zone_results, the vetoing incidents and county policy of
   * gold.zone_metrics, and the rank keys of the rules' per-mu tie-breaks, computed from the same exact
   * figures (tax or sales in fen, land in m²) and by the same function as the evaluation's.
   */
  static Dataset<Row> base(SparkSession spark, Warehouse warehouse, CommitLog.Run run, int year, Rules rules) {
    List<String> fromResults = new ArrayList<>(List.of("year", "zone_id", "zone_name", "zone_type"));
    fromResults.addAll(RankScore.INDICATOR_SCORES);
    fromResults.add("final_rank");
    fromResults.add("award_prize");
    List<String> fromMetrics = List.of("vetoing_incidents", "county_has_policy", "county_policy_missing",
        "above_scale_tax", "above_scale_sales", "above_scale_land_m2");
    StructType resultsType = Tables.zoneResults(rules).structType();
    StructType metricsType = Tables.ZONE_METRICS.structType();
    StructType schema = new StructType();
    for (String c : fromResults) {
      schema = schema.add(c.replace("final_rank", "base_rank").replace("award_prize", "base_prize"),
          resultsType.apply(c).dataType());
    }
    for (String c : fromMetrics) {
      schema = schema.add(c, metricsType.apply(c).dataType());
    }
    Map<Object, Map<String, Object>> metrics = new java.util.HashMap<>();
    CommittedResult.rows(warehouse, run, Tables.ZONE_METRICS, year).forEach(m -> metrics.put(m.get("zone_id"), m));
    List<Row> rows = new ArrayList<>();
    for (Map<String, Object> r : CommittedResult.rows(warehouse, run, Tables.ZONE_RESULTS, year)) {
      Map<String, Object> m = metrics.get(r.get("zone_id"));
      if (m == null) {
        throw new Refused("run " + run.id() + ": gold.zone_metrics has no row of " + year + " " + r.get("zone_id"));
      }
      List<Object> values = new ArrayList<>();
      fromResults.forEach(c -> values.add(r.get(c)));
      fromMetrics.forEach(c -> values.add(m.get(c)));
      rows.add(RowFactory.create(values.toArray()));
    }
    if (rows.isEmpty()) {
      throw new Refused("run " + run.id() + ": gold.zone_results has no rows of " + year);
    }
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    Rules.Data data = rules.data();
    for (String criterion : rules.finalOrder().tieBreak()) {
      String amount = switch (criterion) {
        case "tax_per_mu" -> "above_scale_tax";
        case "sales_per_mu" -> "above_scale_sales";
        default -> null;
      };
      if (amount != null) {
        Column fen = col(amount).multiply(lit(100)).cast(ZoneMetrics.ZONE_FEN);
        frame = frame.withColumn(ZoneMetrics.rankKey(criterion), ExactMath.PER_MU_KEY.apply(fen,
            col("above_scale_land_m2"), lit(data.muPerM2Numerator()), lit(data.muPerM2Denominator())));
      }
    }
    return frame;
  }

  /**
   * u of a draw and indicator (its position in {@link RankScore#INDICATOR_SCORES}): k × P / 10^6, k =
   * xxhash64(seed, draw, indicator) mod (2·10^6 + 1) − 10^6, an exact decimal in [−P, P].
   */
  public static Column u(Column draw, int indicator, Settings settings) {
    Column k = pmod(xxhash64(lit(settings.seed()), draw, lit(indicator)), lit(2 * U_STEPS + 1)).minus(lit(U_STEPS));
    return k.cast("decimal(" + (U_DIGITS + 1) + ",0)").multiply(lit(settings.spread().movePointLeft(U_DIGITS)));
  }

  /**
   * The draws of {@code base} (one row per zone, as {@link #base} gives it) decided again, one row per
   * (draw, zone): draw, the zone's columns, total_score of the draw, and the result columns of {@link
   * AwardAllocation#allocate} (final_rank, award_prize…) within the draw.
   */
  public static Dataset<Row> draws(Dataset<Row> base, Rules rules, Settings settings) {
    Column total = null;
    for (int i = 0; i < RankScore.INDICATOR_SCORES.size(); i++) {
      Column term = col(RankScore.INDICATOR_SCORES.get(i))
          .multiply(lit(BigDecimal.ONE).plus(u(col("draw"), i, settings))).cast(DRAWN_SCORE);
      total = total == null ? term : total.plus(term);
    }
    Dataset<Row> drawn = base.sparkSession().range(settings.draws()).toDF("draw").crossJoin(base)
        .withColumn("total_score", total);
    return AwardAllocation.allocate(drawn, rules, List.of("draw"));
  }

  /**
   * One row per zone of {@code base}: year, zone_id, zone_name, zone_type, base_rank, base_prize, and over the draws
   * the nearest-rank median, 5th and 95th percentile of its final rank (the ⌈p·N⌉-th smallest) and
   * prize_draws, the draws that gave it a prize; ordered by zone type and base rank.
   */
  public static Dataset<Row> intervalFrame(Dataset<Row> base, Rules rules, Settings settings) {
    String[] zone = {"year", "zone_id", "zone_name", "zone_type", "base_rank", "base_prize"};
    Dataset<Row> byRank = draws(base, rules, settings)
        .groupBy(cols(zone, "final_rank"))
        .agg(count(lit(1)).as("draws_at_rank"),
            count(when(col("award_prize").isNotNull(), lit(1))).as("prize_draws"));
    // Draws at this rank or better: the p-quantile is the first rank where they reach ⌈p·N⌉.
    Dataset<Row> cumulative = byRank.withColumn("draws_up_to_rank", sum("draws_at_rank").over(
        Window.partitionBy("year", "zone_id").orderBy("final_rank")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
    return cumulative.groupBy(cols(zone)).agg(
            quantile(MEDIAN, settings.draws()).as("median_rank"),
            quantile(P5, settings.draws()).as("p5_rank"),
            quantile(P95, settings.draws()).as("p95_rank"),
            sum("prize_draws").as("prize_draws"))
        .orderBy("zone_type", "base_rank");
  }

  /** {@link #intervalFrame}'s rows, collected: a few dozen. */
  public static List<Interval> intervals(Dataset<Row> base, Rules rules, Settings settings) {
    List<Interval> zones = new ArrayList<>();
    for (Row r : intervalFrame(base, rules, settings).collectAsList()) {
      zones.add(new Interval(r.<Integer>getAs("year"), r.getAs("zone_id"), r.getAs("zone_name"), r.getAs("zone_type"),
          r.<Integer>getAs("base_rank"), r.<Integer>getAs("base_prize"), r.<Integer>getAs("median_rank"), r.<Integer>getAs("p5_rank"),
          r.<Integer>getAs("p95_rank"), r.<Long>getAs("prize_draws"), settings.draws()));
    }
    return List.copyOf(zones);
  }

  private static Column quantile(BigDecimal p, long draws) {
    return min(when(col("draws_up_to_rank").geq(lit(nearestRank(p, draws))), col("final_rank")));
  }

  /** ⌈p·n⌉, at least 1: the nearest-rank position of the p-quantile among n values. */
  static long nearestRank(BigDecimal p, long n) {
    return Math.max(1, p.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).longValueExact());
  }

  private static Column[] cols(String[] names, String... more) {
    List<Column> all = new ArrayList<>();
    for (String n : names) {
      all.add(col(n));
    }
    for (String n : more) {
      all.add(col(n));
    }
    return all.toArray(Column[]::new);
  }

  /** The CSV: {@link #HEADER}, then one line per zone, in the order given (by zone type and base rank). */
  public static void print(List<Interval> zones, PrintStream out) {
    out.println(HEADER);
    for (Interval z : zones) {
      out.println(String.join(",", String.valueOf(z.year()), WhatIf.csv(z.zoneId()), z.zoneType(),
          String.valueOf(z.baseRank()), String.valueOf(z.medianRank()), String.valueOf(z.p5Rank()),
          String.valueOf(z.p95Rank()), z.prizeShare().toPlainString(), String.valueOf(z.boundary())));
    }
    out.flush();
  }
}
