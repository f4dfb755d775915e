package io.zoneeval.evaluate;

import static io.zoneeval.evaluate.MetricsFrame.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rank scores and the eight indicators, on hand-made metric frames, with the arithmetic written out. */
class RankScoreTest {
  private static SparkSession spark;
  private static final Rules RULES = Rules.defaults();

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private static Map<String, Row> byZone(Dataset<Row> scored) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : scored.orderBy("zone_id").collectAsList()) {
      out.put(r.getAs("zone_id"), r);
    }
    return out;
  }

  private static BigDecimal dec(Row r, String column) {
    return r.getAs(column);
  }

  @Test
  void theSpecsWorkedExample() {
    // (2024, KEY): sales growth A 20 %, B 20 %, C 5 %, D undefined (new) → ranks 1, 1, 3, 4
    //   → rank scores (F = 10) 10, 10, 9, 8.5.
    // Sales A 900, B 500, C 500, D 100 万元 → ranks 1, 2, 2, 4 → 10, 9.5, 9.5, 8.5.
    // score_scale = 0.6 × growth score + 0.4 × sales score:
    //   A 6 + 4 = 10.00, B 6 + 3.8 = 9.80, C 5.4 + 3.8 = 9.20, D 5.1 + 3.4 = 8.50.
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "A", "KEY").salesGrowth("0.2").sales("9000000"),
        zone(2024, "B", "KEY").salesGrowth("0.2").sales("5000000"),
        zone(2024, "C", "KEY").salesGrowth("0.05").sales("5000000"),
        zone(2024, "D", "KEY").salesGrowth(null).sales("1000000")), RULES));
    assertThat(s.values()).extracting(r -> r.<Integer>getAs("rank_sales_growth")).containsExactly(1, 1, 3, 4);
    assertThat(s.values()).extracting(r -> r.<Integer>getAs("rank_sales")).containsExactly(1, 2, 2, 4);
    assertThat(s.values()).extracting(r -> dec(r, "score_scale").toPlainString())
        .containsExactly("10.00", "9.80", "9.20", "8.50");
  }

  @Test
  void tiesShareARankAndTheNextRankSkips() {
    // Tax 300, 300, 200, 200, 100 → competition ranking 1, 1, 3, 3, 5 (never 1, 2, 3 or by row order)
    //   → rank scores 10, 10, 9, 9, 8 → × 0.4 = 4, 4, 3.6, 3.6, 3.2; tax growth all undefined (rank 1,
    //   score 10 × 0.6 = 6) → score_tax 10.00, 10.00, 9.60, 9.60, 9.20.
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "Z1", "KEY").tax("300"), zone(2024, "Z2", "KEY").tax("300"),
        zone(2024, "Z3", "KEY").tax("200"), zone(2024, "Z4", "KEY").tax("200"),
        zone(2024, "Z5", "KEY").tax("100")), RULES));
    assertThat(s.values()).extracting(r -> r.<Integer>getAs("rank_tax")).containsExactly(1, 1, 3, 3, 5);
    assertThat(s.values()).extracting(r -> dec(r, "score_tax").toPlainString())
        .containsExactly("10.00", "10.00", "9.60", "9.60", "9.20");
  }

  @Test
  void undefinedMetricsRankAfterEveryDefinedOneAndTieAmongThemselves() {
    // Tax per mu: X 50, Y undefined, Z 10, W undefined → X 1, Z 2, Y and W both 3.
    // Rank scores (F = 20): 20, 19.5, 19, 19 → × 0.6 = 12, 11.7, 11.4, 11.4;
    // sales per mu undefined for all → all rank 1 → 20 × 0.4 = 8.
    // score_per_mu: X 20.00, Z 19.70, Y 19.40, W 19.40.
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "W", "OPTIMIZED"), zone(2024, "X", "OPTIMIZED").taxPerMu("50"),
        zone(2024, "Y", "OPTIMIZED"), zone(2024, "Z", "OPTIMIZED").taxPerMu("10")), RULES));
    assertThat(s.get("X").<Integer>getAs("rank_tax_per_mu")).isEqualTo(1);
    assertThat(s.get("Z").<Integer>getAs("rank_tax_per_mu")).isEqualTo(2);
    assertThat(s.get("Y").<Integer>getAs("rank_tax_per_mu")).isEqualTo(3);
    assertThat(s.get("W").<Integer>getAs("rank_tax_per_mu")).isEqualTo(3);
    assertThat(List.of("W", "X", "Y", "Z")).extracting(z -> dec(s.get(z), "score_per_mu").toPlainString())
        .containsExactly("19.40", "20.00", "19.40", "19.70");
  }

  @Test
  void groupsAreRankedSeparatelyByYearAndType() {
    // K1 is alone in (2024, KEY) and O1 leads (2024, OPTIMIZED) with less sales than K1: each is first
    // of its own group; K2 of 2023 is first of (2023, KEY).
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "K1", "KEY").sales("100"), zone(2024, "O1", "OPTIMIZED").sales("50"),
        zone(2024, "O2", "OPTIMIZED").sales("10"), zone(2023, "K2", "KEY").sales("1")), RULES));
    assertThat(s.get("K1").<Integer>getAs("rank_sales")).isEqualTo(1);
    assertThat(s.get("O1").<Integer>getAs("rank_sales")).isEqualTo(1);
    assertThat(s.get("O2").<Integer>getAs("rank_sales")).isEqualTo(2);
    assertThat(s.get("K2").<Integer>getAs("rank_sales")).isEqualTo(1);
  }

  @Test
  void rankScoresNeverGoBelowZero() {
    // 25 zones with distinct sales: the 21st place would score 10 − 0.5 × 20 = 0, the 25th −2 → 0.
    MetricsFrame.Zone[] zones = new MetricsFrame.Zone[25];
    for (int i = 0; i < 25; i++) {
      zones[i] = zone(2024, String.format("Z%02d", i), "KEY").sales(String.valueOf(1000 - i));
    }
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark, zones), RULES));
    assertThat(dec(s.get("Z20"), "rankscore_sales")).isEqualByComparingTo("0");
    assertThat(dec(s.get("Z24"), "rankscore_sales")).isEqualByComparingTo("0");
    assertThat(dec(s.get("Z19"), "rankscore_sales")).isEqualByComparingTo("0.5");
  }

  @Test
  void everyCapHoldsAndPointsBelowTheCapCountInFull() {
    // Uncapped points 14.3 / 11 / 12 / 13 → capped at 10 each; 9.75 / 0.1 stay as they are.
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "A", "KEY").cultivation("14.3").talent("11").investment("12").capacity("13"),
        zone(2024, "B", "KEY").cultivation("0.1").talent("9.75").investment("9").capacity("2")), RULES));
    assertThat(List.of("score_cultivation", "score_talent", "score_investment", "score_capacity"))
        .extracting(c -> dec(s.get("A"), c).toPlainString()).containsOnly("10.00");
    assertThat(List.of("score_cultivation", "score_talent", "score_investment", "score_capacity"))
        .extracting(c -> dec(s.get("B"), c).toPlainString()).containsExactly("0.10", "9.75", "9.00", "2.00");
  }

  @Test
  void totalIsTheSumOfTheEightScores() {
    // One zone alone in its group: every ranked indicator at full marks (10 + 10 + 20 + 20 = 60),
    // plus cultivation 1.5, talent 3.25, investment 2, capacity 4 → 70.75.
    Row r = RankScore.score(MetricsFrame.of(spark,
        zone(2024, "A", "KEY").cultivation("1.5").talent("3.25").investment("2").capacity("4")), RULES).first();
    assertThat(dec(r, "total_score")).isEqualByComparingTo("70.75");
  }

  @Test
  void ratiosThatDifferBeyondThe18thDecimalRankApartAndEqualFractionsTie() {
    // Tax per mu: A 1/3 and B 333333333333333333/10^18 both show 0.333333333333333333, A is larger by
    // 3.3·10^-19 → ranks 1, 2. C 2/6 is A's fraction written differently → tied with A at 1. D 0.3 → 4.
    // Sales growth below zero the same way: E −1/3 is below F −333333333333333333/10^18.
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "A", "KEY").taxPerMu(1, 3).salesGrowth(-333333333333333333L, 1_000_000_000_000_000_000L),
        zone(2024, "B", "KEY").taxPerMu(333333333333333333L, 1_000_000_000_000_000_000L).salesGrowth(-1, 3),
        zone(2024, "C", "KEY").taxPerMu(2, 6).salesGrowth(-2, 6),
        zone(2024, "D", "KEY").taxPerMu("0.3").salesGrowth("-0.4")), RULES));
    assertThat(dec(s.get("A"), "tax_per_mu")).isEqualTo(dec(s.get("B"), "tax_per_mu"));
    assertThat(List.of("A", "B", "C", "D")).extracting(z -> s.get(z).<Integer>getAs("rank_tax_per_mu"))
        .containsExactly(1, 3, 1, 4);
    // −333…/10^18 (A) is the highest; B and C (−1/3, −2/6) tie below it; D −0.4 last.
    assertThat(List.of("A", "B", "C", "D")).extracting(z -> s.get(z).<Integer>getAs("rank_sales_growth"))
        .containsExactly(1, 2, 2, 4);
  }

  @Test
  void denseTiesRankTheNextValueRightAfterTheTie() {
    // The alternative of ranking.ties: tax 300, 300, 200, 100 → dense 1, 1, 2, 3 (competition: 1, 1, 3, 4).
    Rules dense = io.zoneeval.rules.TestRules.replacing("ties: competition", "ties: dense");
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "Z1", "KEY").tax("300"), zone(2024, "Z2", "KEY").tax("300"),
        zone(2024, "Z3", "KEY").tax("200"), zone(2024, "Z4", "KEY").tax("100")), dense));
    assertThat(s.values()).extracting(r -> r.<Integer>getAs("rank_tax")).containsExactly(1, 1, 2, 3);
    // Rank scores 10, 10, 9.5, 9 → × 0.4 = 4, 4, 3.8, 3.6; tax growth all undefined: rank 1, 6 → 10, 10, 9.8, 9.6.
    assertThat(s.values()).extracting(r -> dec(r, "score_tax").toPlainString())
        .containsExactly("10.00", "10.00", "9.80", "9.60");
  }

  @Test
  void undefinedMetricsScoreZeroWhenTheRulesSaySo() {
    // ranking.undefined: zero. Tax per mu X 50, Z 10, Y and W undefined: ranked as with `last` (X 1, Z 2,
    // Y and W 3), but Y and W score 0 on it instead of 19. Sales per mu is undefined for every zone: 0 for
    // all (with `last`, all would tie at 1 with 20). score_per_mu = 0.6 × tax part + 0.4 × 0:
    // X 0.6 × 20 = 12.00, Z 0.6 × 19.5 = 11.70, Y and W 0.00.
    Rules zero = io.zoneeval.rules.TestRules.replacing("  undefined: last", "  undefined: zero");
    Map<String, Row> s = byZone(RankScore.score(MetricsFrame.of(spark,
        zone(2024, "W", "OPTIMIZED"), zone(2024, "X", "OPTIMIZED").taxPerMu("50"),
        zone(2024, "Y", "OPTIMIZED"), zone(2024, "Z", "OPTIMIZED").taxPerMu("10")), zero));
    assertThat(List.of("W", "X", "Y", "Z")).extracting(z -> s.get(z).<Integer>getAs("rank_tax_per_mu"))
        .containsExactly(3, 1, 3, 2);
    assertThat(List.of("W", "X", "Y", "Z")).extracting(z -> dec(s.get(z), "rankscore_tax_per_mu").toPlainString())
        .containsExactly("0.0", "20.0", "0.0", "19.5");
    assertThat(List.of("W", "X", "Y", "Z")).extracting(z -> dec(s.get(z), "score_per_mu").toPlainString())
        .containsExactly("0.00", "12.00", "0.00", "11.70");
  }
}
