package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The eight indicator scores of every zone-year. Ranked metrics are ordered within their (year, zone
 * type) group by a window, highest first, on exact values (a ratio's rank key, not its 18 rounded
 * decimals), undefined values after every defined one and tied among themselves; the rank score is
 * {@code max(0, F − step × (rank − 1))}, or 0 for an undefined value when the rules say so. Scores are
 * DECIMAL(6,2): the rules' points, weights and steps keep them on 0.01 steps (Rules checks it).
 */
public final class RankScore {
  public static final String SCORE_TYPE = "decimal(6,2)";

  /**
   * The ranked metrics: the metric, the column that orders it (a ratio's exact rank key; sales and tax
   * are exact decimals already), and the name its rank and rank score take.
   */
  static final String[][] RANKED = {
    {"sales_growth", ZoneMetrics.rankKey("sales_growth"), "sales_growth"}, {"sales", "sales", "sales"},
    {"tax_growth", ZoneMetrics.rankKey("tax_growth"), "tax_growth"}, {"tax", "tax", "tax"},
    {"specialty_share_change", ZoneMetrics.rankKey("specialty_share_change"), "specialty_change"},
    {"specialty_share_pct", ZoneMetrics.rankKey("specialty_share_pct"), "specialty_share"},
    {"tax_per_mu", ZoneMetrics.rankKey("tax_per_mu"), "tax_per_mu"},
    {"sales_per_mu", ZoneMetrics.rankKey("sales_per_mu"), "sales_per_mu"},
  };

  private RankScore() {}

  static WindowSpec group() {
    return Window.partitionBy("year", "zone_type");
  }

  /**
   * The rank of a metric in its group by the column that orders it: competition (1, 1, 3) or dense,
   * undefined (null) values last, all tied.
   */
  static Column rankOf(String orderColumn, Rules.Ranking ranking) {
    WindowSpec ordered = group().orderBy(col(orderColumn).desc_nulls_last());
    return ranking.ties() == Rules.TieMethod.DENSE ? dense_rank().over(ordered) : rank().over(ordered);
  }

  /** max(0, F − step × (rank − 1)); for an undefined metric, 0 when the rules say so. */
  static Column rankScore(String metric, String rankColumn, BigDecimal full, Rules.Ranking ranking) {
    Column byRank = greatest(lit(BigDecimal.ZERO),
        lit(full).minus(lit(ranking.step()).multiply(col(rankColumn).minus(1))));
    return ranking.undefined() == Rules.UndefinedRank.ZERO
        ? when(col(metric).isNull(), lit(BigDecimal.ZERO)).otherwise(byRank) : byRank;
  }

  static Column weighted(Column a, BigDecimal wa, Column b, BigDecimal wb) {
    return round(a.multiply(lit(wa)).plus(b.multiply(lit(wb))), 2).cast(SCORE_TYPE);
  }

  static Column capped(String points, BigDecimal cap) {
    return round(least(col(points), lit(cap)), 2).cast(SCORE_TYPE);
  }

  /** Adds ranks, rank scores and the eight indicator scores to the zone metrics. */
  public static Dataset<Row> score(Dataset<Row> metrics, Rules rules) {
    Rules.Indicators ind = rules.indicators();
    BigDecimal[] fulls = {
      ind.scale().full(), ind.scale().full(), ind.tax().full(), ind.tax().full(),
      ind.specialty().full(), ind.specialty().full(), ind.perMu().full(), ind.perMu().full()
    };
    Dataset<Row> ranked = metrics;
    for (int i = 0; i < RANKED.length; i++) {
      String name = RANKED[i][2];
      ranked = ranked.withColumn("rank_" + name, rankOf(RANKED[i][1], rules.ranking()));
      ranked = ranked.withColumn("rankscore_" + name, rankScore(RANKED[i][0], "rank_" + name, fulls[i],
          rules.ranking()));
    }
    return ranked
        .withColumn("score_scale", weighted(col("rankscore_sales_growth"), ind.scale().growthWeight(),
            col("rankscore_sales"), ind.scale().levelWeight()))
        .withColumn("score_tax", weighted(col("rankscore_tax_growth"), ind.tax().growthWeight(),
            col("rankscore_tax"), ind.tax().levelWeight()))
        .withColumn("score_specialty", weighted(col("rankscore_specialty_change"), ind.specialty().growthWeight(),
            col("rankscore_specialty_share"), ind.specialty().levelWeight()))
        .withColumn("score_per_mu", weighted(col("rankscore_tax_per_mu"), ind.perMu().taxWeight(),
            col("rankscore_sales_per_mu"), ind.perMu().salesWeight()))
        .withColumn("score_cultivation", capped("cultivation_points", ind.cultivation().cap()))
        .withColumn("score_talent", capped("talent_points", ind.talent().cap()))
        .withColumn("score_investment", capped("investment_points", ind.investment().cap()))
        .withColumn("score_capacity", capped("capacity_points", ind.capacity().cap()))
        .withColumn("total_score", col("score_scale").plus(col("score_tax")).plus(col("score_specialty"))
            .plus(col("score_per_mu")).plus(col("score_cultivation")).plus(col("score_talent"))
            .plus(col("score_investment")).plus(col("score_capacity")).cast(SCORE_TYPE));
  }
}
