package io.zoneeval.evaluate;

import static io.zoneeval.evaluate.MetricsFrame.zone;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.publish.ReportColumns;
import io.zoneeval.rules.Indicator;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * An indicator is declared once ({@link Indicator#ALL}): a ninth one in a test registry, with its points
 * column, appears in the gold tables' columns and CHECKs, in the score and total, and in the report's
 * columns, with no other change.
 */
class IndicatorRegistryTest {
  private static final Rules RULES = Rules.defaults();

  /** 绿色发展: 0.5 per ton of energy saved, capped at 5 (a made-up ninth indicator). */
  private static final Indicator GREEN = new Indicator("green", "score_green", "绿色发展 / 节能降耗",
      "节能降耗", "#2ca02c", r -> new BigDecimal("5"), List.of(), new Indicator.Points("green_points", "decimal(12,4)", "节能降耗分(未封顶)"),
      r -> "0.5 per ton of energy saved, capped", List.of("green_points"));

  private static List<Indicator> nine() {
    List<Indicator> all = new ArrayList<>(Indicator.ALL);
    all.add(GREEN);
    return all;
  }

  @Test
  void aNinthIndicatorIsInTheSchemaTheChecksAndTheReport() {
    TableDef scores = Tables.zoneScores(RULES, nine());
    TableDef results = Tables.zoneResults(RULES, nine());
    assertThat(scores.columnNames()).contains("green_points", "score_green", "total_score");
    assertThat(results.columnNames()).contains("score_green").doesNotContain("green_points");
    assertThat(scores.column("score_green").term()).isEqualTo("节能降耗得分");
    assertThat(scores.checks()).containsEntry("green_range", "score_green BETWEEN 0 AND 5")
        .containsEntry("total_range", "total_score BETWEEN 0 AND 100");
    assertThat(results.checks().get("total_is_sum")).endsWith("+ score_capacity + score_green");
    assertThat(scores.checks().get("points_non_negative")).contains("green_points >= 0");
    // The eight of the annex: the tables as declared.
    assertThat(Tables.ZONE_RESULTS.checks().get("total_is_sum")).isEqualTo("total_score = score_scale + score_tax "
        + "+ score_specialty + score_per_mu + score_cultivation + score_talent + score_investment + score_capacity");

    assertThat(ReportColumns.league(nine())).extracting(ReportColumns.Column::source)
        .containsSubsequence("score_capacity", "score_green", "total_score");
    assertThat(ReportColumns.league(nine())).hasSize(ReportColumns.league().size() + 1);
    assertThat(ReportColumns.metrics(nine())).extracting(ReportColumns.Column::header)
        .contains("节能降耗分(未封顶)", "节能降耗得分");
  }

  @Test
  void theNinthIndicatorScoresAndCountsInTheTotal() {
    // A zone alone in its group: every ranked metric first (full marks 10 + 10 + 20 + 20 = 60), no points
    // for the four counted ones; green points 7.25 capped at 5 → total 65.00.
    Row r = RankScore.score(MetricsFrame.of(SparkTestSession.get(), zone(2024, "A", "KEY").salesGrowth("0.1"))
        .withColumn("green_points", lit(new BigDecimal("7.25")).cast("decimal(12,4)")), RULES, nine())
        .select(col("score_green"), col("total_score")).first();
    assertThat(r.<BigDecimal>getAs("score_green")).isEqualByComparingTo("5.00");
    assertThat(r.<BigDecimal>getAs("total_score")).isEqualByComparingTo("65.00");
  }
}
