package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.rules.Indicator;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The indicator scores of every zone-year ({@link Indicator#ALL}). Ranked metrics are ordered within their (year, zone
 * type) group by a window, highest first, on exact values (a ratio's rank key, not its 18 rounded
 * decimals), undefined values after every defined one and tied among themselves; the rank score is
 * {@code max(0, F − step × (rank − 1))}, or 0 for an undefined value when the rules say so. Scores are
 * DECIMAL(6,2): the rules' points, weights and steps keep them on 0.01 steps (Rules checks it).
 */
public final class RankScore {
  public static final String SCORE_TYPE = "decimal(6,2)";

  /** The indicator scores, in the annex's order (the registry's); the total is their sum. */
  public static final List<String> INDICATOR_SCORES = Indicator.ALL.stream().map(Indicator::scoreColumn).toList();

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

  /** Σ weight × rank score of an indicator's ranked metrics, on its 0.01 steps. */
  static Column weighted(List<Column> rankScores, List<BigDecimal> weights) {
    Column sum = null;
    for (int i = 0; i < rankScores.size(); i++) {
      Column term = rankScores.get(i).multiply(lit(weights.get(i)));
      sum = sum == null ? term : sum.plus(term);
    }
    return round(sum, 2).cast(SCORE_TYPE);
  }

  static Column capped(String points, BigDecimal cap) {
    return round(least(col(points), lit(cap)), 2).cast(SCORE_TYPE);
  }

  /** Adds ranks, rank scores and the indicator scores of the registry to the zone metrics. */
  public static Dataset<Row> score(Dataset<Row> metrics, Rules rules) {
    return score(metrics, rules, Indicator.ALL);
  }

  /**
   * The same for a registry of indicators: each ranked metric ordered by its exact rank key where the
   * metrics have one (ratios), else by its own exact value (sales, tax); each counted indicator's points
   * capped; the total their sum.
   */
  public static Dataset<Row> score(Dataset<Row> metrics, Rules rules, List<Indicator> indicators) {
    Set<String> columns = Set.of(metrics.columns());
    // Three layers of new columns (ColumnLayer): the ranks, their scores, the indicators' scores.
    ColumnLayer ranks = new ColumnLayer();
    ColumnLayer rankScores = new ColumnLayer();
    ColumnLayer scores = new ColumnLayer();
    for (Indicator indicator : indicators) {
      BigDecimal full = indicator.full().apply(rules);
      if (indicator.counted()) {
        scores.put(indicator.scoreColumn(), capped(indicator.points().column(), full));
        continue;
      }
      List<Column> weightedScores = new ArrayList<>();
      List<BigDecimal> weights = new ArrayList<>();
      for (Indicator.RankedMetric m : indicator.ranked()) {
        String key = ZoneMetrics.rankKey(m.metric());
        String rank = "rank_" + m.rankName();
        ranks.put(rank, rankOf(columns.contains(key) ? key : m.metric(), rules.ranking()));
        rankScores.put("rankscore_" + m.rankName(), rankScore(m.metric(), rank, full, rules.ranking()));
        weightedScores.add(col("rankscore_" + m.rankName()));
        weights.add(m.weight().apply(rules));
      }
      scores.put(indicator.scoreColumn(), weighted(weightedScores, weights));
    }
    return scores.addTo(rankScores.addTo(ranks.addTo(metrics)))
        .withColumn("total_score", indicators.stream().map(i -> col(i.scoreColumn())).reduce(Column::plus)
            .orElseThrow().cast(SCORE_TYPE));
  }
}
