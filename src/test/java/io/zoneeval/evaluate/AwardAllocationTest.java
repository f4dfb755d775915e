package io.zoneeval.evaluate;

import static io.zoneeval.evaluate.MetricsFrame.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.rules.Rules;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vetoes, final order, prizes, interview and leadership, on hand-made metric frames. */
class AwardAllocationTest {
  private static SparkSession spark;
  private static final Rules RULES = Rules.defaults();

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private static Map<String, Row> results(MetricsFrame.Zone... zones) {
    return results(RULES, zones);
  }

  private static Map<String, Row> results(Rules rules, MetricsFrame.Zone... zones) {
    Dataset<Row> awarded = AwardAllocation.allocate(RankScore.score(MetricsFrame.of(spark, zones), rules), rules);
    // The year before's last places, from the same frame, as one run evaluating both years takes them.
    Dataset<Row> allocated = AwardAllocation.withLeadership(awarded, awarded.filter("interview")
        .selectExpr("year + 1 AS year", "zone_id"));
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : allocated.orderBy("year", "zone_type", "final_rank").collectAsList()) {
      out.put(r.<Integer>getAs("year") + "/" + r.getAs("zone_id"), r);
    }
    return out;
  }

  private static String prize(Row r) {
    return r.isNullAt(r.fieldIndex("award_prize")) ? "-"
        : r.<Integer>getAs("award_prize") + ":" + r.<java.math.BigDecimal>getAs("award_amount_wan").toPlainString();
  }

  /**
   * Seven KEY zones whose totals differ only through capped points (every ranked indicator ties at
   * full marks, 60 points): totals 60 + capacity points.
   */
  private static MetricsFrame.Zone key(String id, String capacity) {
    return zone(2024, id, "KEY").capacity(capacity);
  }

  @Test
  void aPrizePassesOverACountyWithoutPolicyAndTheNextEligibleZoneMovesUp() {
    // Totals: A 70, B 69, C 68, D 67, E 66, F 65, G 64. A's county has no policy: A stays first with
    // no prize. KEY prizes: 1st ×1 (600), 2nd ×2 (400), 3rd ×3 (200) go to B; C, D; E, F, G.
    Map<String, Row> r = results(key("A", "10").noPolicy(), key("B", "9"), key("C", "8"), key("D", "7"),
        key("E", "6"), key("F", "5"), key("G", "4"));
    assertThat(r.values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("A", "B", "C", "D", "E", "F", "G");
    assertThat(r.values()).extracting(AwardAllocationTest::prize)
        .containsExactly("-", "1:600.00", "2:400.00", "2:400.00", "3:200.00", "3:200.00", "3:200.00");
    assertThat(r.get("2024/A").<Boolean>getAs("award_eligible")).isFalse();
    assertThat(r.get("2024/A").<String>getAs("ineligible_reason")).isEqualTo("所在县(市、区)无配套政策，不参加评优");
  }

  @Test
  void anIncidentVetoPutsTheZoneLastAndVetoedZonesAreOrderedByTotal() {
    // OPTIMIZED: P 70 (vetoed), Q 69, R 68 (vetoed), S 67. Final order: Q, S, then the vetoed P (70)
    // before R (68). Prizes (1st 500, 2nd 300, 3rd ×2 100) for eligible Q, S only: 500 and 300.
    // The last (R) is interviewed.
    Map<String, Row> r = results(
        zone(2024, "P", "OPTIMIZED").capacity("10").incidents(1), zone(2024, "Q", "OPTIMIZED").capacity("9"),
        zone(2024, "R", "OPTIMIZED").capacity("8").incidents(2), zone(2024, "S", "OPTIMIZED").capacity("7"));
    assertThat(r.values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("Q", "S", "P", "R");
    assertThat(r.values()).extracting(AwardAllocationTest::prize).containsExactly("1:500.00", "2:300.00", "-", "-");
    assertThat(r.values()).extracting(x -> x.<Boolean>getAs("interview")).containsExactly(false, false, false, true);
    assertThat(r.get("2024/P").<Boolean>getAs("vetoed")).isTrue();
    // The reasons are published: Chinese, with the count and the severities the rules veto.
    assertThat(r.get("2024/P").<String>getAs("veto_reason")).isEqualTo("否决：发生较大及以上安全或环境事件1起");
    assertThat(r.get("2024/R").<String>getAs("veto_reason")).isEqualTo("否决：发生较大及以上安全或环境事件2起");
    assertThat(r.get("2024/R").<String>getAs("ineligible_reason")).isEqualTo("已被否决，不参加评优");
    assertThat(r.get("2024/Q").<String>getAs("veto_reason")).isNull();
    assertThat(r.get("2024/Q").<String>getAs("ineligible_reason")).isNull();
  }

  @Test
  void theVetoReasonNamesTheSeveritiesOfTheRules() {
    Rules majorOnly = io.zoneeval.rules.TestRules.replacing("incident_severities: [larger, major, especially_major]",
        "incident_severities: [major, especially_major]", "incident_kinds: [safety, environment]",
        "incident_kinds: [safety]");
    Map<String, Row> r = results(majorOnly, zone(2024, "P", "KEY").incidents(3), zone(2024, "Q", "KEY"));
    assertThat(r.get("2024/P").<String>getAs("veto_reason")).isEqualTo("否决：发生重大及以上安全事件3起");
  }

  @Test
  void aCountyMissingFromThePoliciesIsNamedAsSuchInTheReason() {
    Map<String, Row> r = results(zone(2024, "A", "KEY").policyMissing(), zone(2024, "B", "KEY").noPolicy(),
        zone(2024, "C", "KEY"));
    assertThat(r.get("2024/A").<Boolean>getAs("award_eligible")).isFalse();
    assertThat(r.get("2024/A").<String>getAs("ineligible_reason"))
        .isEqualTo("所在县(市、区)本年度无配套政策记录，视为无配套政策，不参加评优");
    assertThat(r.get("2024/B").<String>getAs("ineligible_reason")).isEqualTo("所在县(市、区)无配套政策，不参加评优");
  }

  @Test
  void equalTotalsAreOrderedByTaxPerMuThenZoneIdAndFlagged() {
    // Every ranked metric ties at rank 1 (full marks) except tax per mu (F = 20, weight 0.6); sales
    // per mu is undefined for all (rank 1, 20 × 0.4 = 8). Capacity points offset the per-mu scores:
    //   X: tax per mu 100 → rank 1 → 0.6 × 20 + 8 = 20.00; 10 + 10 + 20 + 20.00 + 0   = 60.00
    //   Y: tax per mu 50  → rank 2 → 0.6 × 19.5 + 8 = 19.70;            + 19.70 + 0.3 = 60.00
    //   Z: undefined      → rank 3 → 0.6 × 19 + 8 = 19.40;              + 19.40 + 0.6 = 60.00
    //   W: undefined      → rank 3 → 19.40;                             + 19.40 + 1.6 = 61.00
    // Final order: W; then the tie X (100/mu), Y (50/mu), Z (undefined last); X, Y, Z are flagged.
    Map<String, Row> r = results(
        zone(2024, "X", "KEY").taxPerMu("100"), zone(2024, "Y", "KEY").taxPerMu("50").capacity("0.3"),
        zone(2024, "Z", "KEY").capacity("0.6"), zone(2024, "W", "KEY").capacity("1.6"));
    assertThat(r.values()).extracting(x -> x.<java.math.BigDecimal>getAs("total_score").toPlainString())
        .containsExactly("61.00", "60.00", "60.00", "60.00");
    assertThat(r.values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("W", "X", "Y", "Z");
    assertThat(r.values()).extracting(x -> x.<Boolean>getAs("decided_by_tie_break"))
        .containsExactly(false, true, true, true);
  }

  @Test
  void equalTotalsAndEqualTaxPerMuFallBackToZoneId() {
    // Two zones identical in every figure: total 60 each, tax per mu both undefined → zone id: M1, M2.
    Map<String, Row> r = results(zone(2024, "M2", "KEY"), zone(2024, "M1", "KEY"));
    assertThat(r.values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("M1", "M2");
    assertThat(r.values()).extracting(x -> x.<Integer>getAs("final_rank")).containsExactly(1, 2);
  }

  @Test
  void interviewIsTheLastOfEachGroupAndLeadershipNeedsTwoYearsRunning() {
    // 2023 KEY: A 61, B 60 → B last. 2024 KEY: A 61, B 60 → B last again → leadership adjustment.
    // 2023 OPTIMIZED: C 60, D 61 → C last; 2024 OPTIMIZED: C 61, D 60 → D last, but D was not last in
    // 2023 → interview only; C was last in 2023 only → neither.
    Map<String, Row> r = results(
        zone(2023, "A", "KEY").capacity("1"), zone(2023, "B", "KEY"),
        zone(2024, "A", "KEY").capacity("1"), zone(2024, "B", "KEY"),
        zone(2023, "C", "OPTIMIZED"), zone(2023, "D", "OPTIMIZED").capacity("1"),
        zone(2024, "C", "OPTIMIZED").capacity("1"), zone(2024, "D", "OPTIMIZED"));
    assertThat(r.get("2023/B").<Boolean>getAs("interview")).isTrue();
    assertThat(r.get("2023/B").<Boolean>getAs("leadership_adjustment")).isFalse();
    assertThat(r.get("2024/B").<Boolean>getAs("interview")).isTrue();
    assertThat(r.get("2024/B").<Boolean>getAs("leadership_adjustment")).isTrue();
    assertThat(r.get("2024/D").<Boolean>getAs("interview")).isTrue();
    assertThat(r.get("2024/D").<Boolean>getAs("leadership_adjustment")).isFalse();
    assertThat(r.get("2024/C").<Boolean>getAs("leadership_adjustment")).isFalse();
    assertThat(r.values().stream().filter(x -> x.<Boolean>getAs("interview")).count()).isEqualTo(4);
  }

  @Test
  void equalTotalsAreOrderedByTheExactTaxPerMuNotItsRoundedDecimals() {
    // B1 1/3 and A1 333333333333333333/10^18 show the same tax per mu (0.333333333333333333); B1's is larger.
    // Tax per mu ranks B1 1 (0.6 × 20 = 12) and A1 2 (0.6 × 19.5 = 11.7); A1's capacity 0.3 evens the
    // totals (60.00 each). The tie-break puts B1 first; by the rounded figures, zone id would put A1 first.
    Map<String, Row> r = results(zone(2024, "B1", "KEY").taxPerMu(1, 3),
        zone(2024, "A1", "KEY").taxPerMu(333333333333333333L, 1_000_000_000_000_000_000L).capacity("0.3"));
    assertThat(r.values()).extracting(x -> x.<java.math.BigDecimal>getAs("total_score").toPlainString())
        .containsExactly("60.00", "60.00");
    assertThat(r.values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("B1", "A1");
  }

  @Test
  void theTieBreakFollowsTheRules() {
    // P1: tax per mu 10 (rank 2: 0.6 × 19.5 = 11.7), sales per mu 100 (rank 1: 0.4 × 20 = 8), capacity 0.1;
    // P2: tax per mu 20 (rank 1: 12), sales per mu 50 (rank 2: 7.8). Totals: 40 + 19.70 + 0.10 = 59.80 and
    // 40 + 19.80 = 59.80. By tax per mu (the default) P2 first; by sales per mu, P1.
    MetricsFrame.Zone[] zones = {zone(2024, "P1", "KEY").taxPerMu("10").salesPerMu("100").capacity("0.1"),
        zone(2024, "P2", "KEY").taxPerMu("20").salesPerMu("50")};
    assertThat(results(zones).values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("P2", "P1");
    Rules bySales = io.zoneeval.rules.TestRules.replacing("tie_break: [tax_per_mu, zone_id]",
        "tie_break: [sales_per_mu, zone_id]");
    assertThat(results(bySales, zones).values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("P1", "P2");
    Rules byId = io.zoneeval.rules.TestRules.replacing("tie_break: [tax_per_mu, zone_id]", "tie_break: [zone_id]");
    assertThat(results(byId, zones).values()).extracting(x -> x.<String>getAs("zone_id")).containsExactly("P1", "P2");
  }
}
