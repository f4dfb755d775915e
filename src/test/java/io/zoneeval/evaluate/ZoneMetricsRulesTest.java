package io.zoneeval.evaluate;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * The metric definitions of the spec, from raw records through validation and aggregation, on one
 * small hand-made city: zones K1, K2 (2023 and 2024) and K3 (new in 2024); enterprises E1…E5.
 * Each test states the arithmetic it checks.
 */
class ZoneMetricsRulesTest {
  private static final Map<String, Row> GOLD = new HashMap<>();

  @BeforeAll
  static void evaluate() {
    RawFixture f = new RawFixture()
        .zone(2023, "K1", "C1", "重点发展型", "C38").zone(2023, "K2", "C1", "重点发展型", "C39")
        .zone(2024, "K1", "C1", "重点发展型", "C38").zone(2024, "K2", "C1", "重点发展型", "C39")
        .zone(2024, "K3", "C2", "重点发展型", "C38")
        .policy(2023, "C1", true).policy(2024, "C1", true).policy(2024, "C2", false)
        .enterprise(2023, 1, "K1", "C3811", true).enterprise(2023, 2, "K1", "C3911", false)
        .enterprise(2023, 3, "K2", "C3911", true)
        .enterprise(2024, 1, "K1", "C3811", true).enterprise(2024, 2, "K1", "C3911", true)
        .enterprise(2024, 3, "K2", "C3911", true).enterprise(2024, 4, "K2", "C2011", true)
        .enterprise(2024, 5, "K3", "C3811", true)
        .add(RawFile.INVOICES,
            "V1," + uscc(1) + ",2023-03-01,500.00,65.00,normal",
            "V2," + uscc(2) + ",2023-03-01,500.00,65.00,normal",
            "V3," + uscc(1) + ",2024-03-01,1000.00,130.00,normal",
            "V4," + uscc(1) + ",2024-04-01,-100.00,-13.00,red",
            "V5," + uscc(1) + ",2024-05-01,50.00,6.50,red",
            "V6," + uscc(1) + ",2024-06-01,5000.00,650.00,void",
            "V7," + uscc(2) + ",2024-06-01,300.00,39.00,normal")
        .add(RawFile.TAX_PAYMENTS,
            "T1," + uscc(1) + ",增值税,2023-04-01,200.00",
            "T2," + uscc(1) + ",增值税,2024-04-01,400.00",
            "T3," + uscc(1) + ",增值税,2024-09-01,-100.00",
            "T4," + uscc(1) + ",企业所得税,2025-01-01,999.00")
        .add(RawFile.LAND_PARCELS,
            "L1," + uscc(1) + ",1000,2020-01-01,",
            "L2," + uscc(1) + ",500,2024-12-31,",
            "L3," + uscc(1) + ",700,2019-01-01,2024-12-31",
            "L4," + uscc(1) + ",300,2019-01-01,2025-01-01")
        .add(RawFile.RECOGNITIONS,
            uscc(1) + ",high_tech,2023-05-01",
            uscc(1) + ",high_tech,2024-05-01",
            uscc(1) + ",listed,2024-01-01")
        .add(RawFile.TALENTS,
            "TA1," + uscc(3) + ",national,2024-01-01", "TA2," + uscc(3) + ",national,2024-02-01",
            "TA3," + uscc(3) + ",national,2024-03-01", "TA4," + uscc(3) + ",national,2024-04-01")
        .add(RawFile.PROJECTS,
            "P1,K1,tech_upgrade,8000000.00,2023-01-01,2024-03-01",
            "P2,K1,tech_upgrade,7999999.99,2023-01-01,2024-03-01",
            "P3,K2,major,,2024-02-01,",
            "P4,K2,major,,2023-01-01,2024-06-01")
        .add(RawFile.STANDARD_FACTORIES,
            "F1,K1,15000,2024-02-01", "F2,K1,10000,2024-03-01", "F3,K2,9999.99,2024-03-01")
        .add(RawFile.LAND_REVITALIZATIONS,
            "R1,K1,60,2024-02-01", "R2,K1,40,2024-03-01", "R3,K2,49.99,2024-03-01")
        .add(RawFile.INCIDENTS,
            "I1,K2,safety,larger,2024-05-01", "I2,K1,environment,general,2024-05-01");
    for (Row r : f.evaluate(SparkTestSession.get(), Rules.defaults()).collectAsList()) {
      GOLD.put(r.<Integer>getAs("year") + "/" + r.getAs("zone_id"), r);
    }
  }

  private static BigDecimal dec(String zoneYear, String column) {
    return GOLD.get(zoneYear).getAs(column);
  }

  private static Object value(String zoneYear, String column) {
    return GOLD.get(zoneYear).getAs(column);
  }

  @Test
  void redInvoicesCountNegativeAndVoidInvoicesCountNothing() {
    // K1 2024: E1 1000.00 − 100.00 (red, signed) − 50.00 (red, given unsigned) + 0 (void 5000.00)
    //          = 850.00; E2 300.00 → 1 150.00.
    assertThat(dec("2024/K1", "sales")).isEqualByComparingTo("1150.00");
  }

  @Test
  void refundsCountNegativeAndTaxCountsByEntryDate() {
    // K1 2024: 400.00 − 100.00 (refund) = 300.00; the 999.00 entered on 2025-01-01 is not 2024's.
    assertThat(dec("2024/K1", "tax")).isEqualByComparingTo("300.00");
    assertThat(dec("2023/K1", "tax")).isEqualByComparingTo("200.00");
  }

  @Test
  void growthComparesWithTheZonesOwnPreviousYear() {
    // Sales 1 150 vs 1 000 → 0.15; tax 300 vs 200 → 0.5. K3 is new in 2024: undefined.
    assertThat(dec("2024/K1", "sales_growth")).isEqualByComparingTo("0.15");
    assertThat(dec("2024/K1", "tax_growth")).isEqualByComparingTo("0.5");
    assertThat(value("2024/K3", "sales_growth")).isNull();
    // K2 had sales 0 in 2023 (E3 issued no invoice): previous value ≤ 0 → undefined.
    assertThat(value("2024/K2", "sales_growth")).isNull();
  }

  @Test
  void specialtyShareAndItsChangeInPercentagePoints() {
    // K1 (specialty C38): 2023 E1 500 of 1 000 → 50 %; 2024 E1 850 of 1 150 → 73.913043478260869565 %.
    // Change = 73.913043478260869565 − 50 = 23.913043478260869565 percentage points.
    assertThat(dec("2023/K1", "specialty_share_pct")).isEqualByComparingTo("50");
    assertThat(dec("2024/K1", "specialty_share_pct")).isEqualByComparingTo("73.913043478260869565");
    assertThat(dec("2024/K1", "specialty_share_change_pp")).isEqualByComparingTo("23.913043478260869565");
    // K2 had no sales in 2023 → share undefined then → change undefined.
    assertThat(value("2024/K2", "specialty_share_change")).isNull();
  }

  @Test
  void landIsWhatIsHeldOn31DecemberIncludingAcquiredThatDayExcludingReleasedThatDay() {
    // E1 at 2024-12-31: L1 1000 (held) + L2 500 (acquired that day: held) + L4 300 (released
    // 2025-01-01: held) = 1 800 m²; L3 released 2024-12-31 is not held. At 2023-12-31: L1 1000 + L3 700
    // + L4 300 = 2 000 m² (L2 not yet acquired).
    assertThat(dec("2024/K1", "above_scale_land_m2")).isEqualByComparingTo("1800");
    assertThat(dec("2023/K1", "above_scale_land_m2")).isEqualByComparingTo("2000");
    // 1 800 m² × 15 / 10 000 = 2.7 mu exactly.
    assertThat(dec("2024/K1", "above_scale_land_mu")).isEqualByComparingTo("2.7");
  }

  @Test
  void perMuIsASumOverASumOfAboveSizeFirmsAndFirmsWithoutLandAddToTheNumeratorOnly() {
    // K1 2024 above-size: E1 (tax 300, sales 850, land 1 800 m²) and E2 (tax 0, sales 300, no land).
    // Tax per mu = 300 / 2.7 = 111.111111111111111111; sales per mu = 1 150 / 2.7 = 425.925925925925925926.
    assertThat(dec("2024/K1", "tax_per_mu")).isEqualByComparingTo("111.111111111111111111");
    assertThat(dec("2024/K1", "sales_per_mu")).isEqualByComparingTo("425.925925925925925926");
    assertThat(value("2024/K1", "above_scale_without_land_count")).isEqualTo(1);
    // K3: one above-size firm, no land at all → Σ land = 0 → undefined.
    assertThat(value("2024/K3", "tax_per_mu")).isNull();
  }

  @Test
  void newAboveSizeFirmsComeFromTheRosters() {
    // 2024: E2 (K1) was on the 2023 roster below size; E4 (K2) and E5 (K3) were absent → 1 each.
    // 2023: the input has no 2022 roster at all → nobody is new.
    assertThat(value("2024/K1", "new_above_scale_count")).isEqualTo(1);
    assertThat(value("2024/K2", "new_above_scale_count")).isEqualTo(1);
    assertThat(value("2024/K3", "new_above_scale_count")).isEqualTo(1);
    assertThat(value("2023/K1", "new_above_scale_count")).isEqualTo(0);
  }

  @Test
  void aRecognitionCountsOnlyTheFirstTime() {
    // E1 high_tech 2023 (0.5 in 2023) and again 2024 (not new); listed 2024 (3). K1 2024 cultivation
    // = listed 3 + new above-size E2 0.5 = 3.5; 2023 = high_tech 0.5.
    assertThat(dec("2024/K1", "cultivation_points")).isEqualByComparingTo("3.5");
    assertThat(dec("2024/K1", "score_cultivation")).isEqualByComparingTo("3.50");
    assertThat(dec("2023/K1", "cultivation_points")).isEqualByComparingTo("0.5");
  }

  @Test
  void equipmentInvestmentOf8MillionIsInclusive() {
    // P1 8 000 000.00 qualifies (含), P2 7 999 999.99 does not → 1 × 2 = 2 points.
    assertThat(value("2024/K1", "tech_upgrade_projects")).isEqualTo(1);
    assertThat(dec("2024/K1", "score_investment")).isEqualByComparingTo("2.00");
    // Major projects count in their construction year: P3 in 2024 (5), P4 in 2023.
    assertThat(dec("2024/K2", "score_investment")).isEqualByComparingTo("5.00");
    assertThat(dec("2023/K2", "score_investment")).isEqualByComparingTo("5.00");
  }

  @Test
  void capacityCountsWholeUnitsOfTheZonesYearTotal() {
    // K1: factories 15 000 + 10 000 = 25 000 m² → floor(2.5) = 2 × 1 = 2; revitalised 60 + 40 = 100 mu
    //     → floor(2) = 2 × 2 = 4 → 6. K2: 9 999.99 m² → 0; 49.99 mu → 0.
    assertThat(dec("2024/K1", "score_capacity")).isEqualByComparingTo("6.00");
    assertThat(dec("2024/K2", "score_capacity")).isEqualByComparingTo("0.00");
  }

  @Test
  void talentPointsAreCapped() {
    // K2: 4 national talents × 3 = 12 → capped at 10.
    assertThat(dec("2024/K2", "talent_points")).isEqualByComparingTo("12");
    assertThat(dec("2024/K2", "score_talent")).isEqualByComparingTo("10.00");
  }

  @Test
  void aLargerIncidentVetoesAndAGeneralOneDoesNot() {
    assertThat(value("2024/K2", "vetoed")).isEqualTo(true);
    assertThat(value("2024/K2", "final_rank")).isEqualTo(3);
    assertThat(value("2024/K1", "vetoed")).isEqualTo(false);
  }

  @Test
  void aZoneOfACountyWithoutPolicyIsRankedButNotEligible() {
    assertThat(value("2024/K3", "award_eligible")).isEqualTo(false);
    assertThat(value("2024/K3", "award_prize")).isNull();
    assertThat(value("2024/K1", "award_eligible")).isEqualTo(true);
  }
}
