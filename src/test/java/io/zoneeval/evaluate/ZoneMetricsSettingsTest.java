package io.zoneeval.evaluate;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.rules.Rules;
import io.zoneeval.rules.TestRules;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each decision of the rules file that shapes a zone's figures, with both of its values: one small city
 * evaluated with the bundled rules and once with every alternative (the settings touch different zones
 * and figures, so one run tells each apart).
 * <ul>
 *   <li>K1 (county C1, specialty C38), 2023 and 2024: E1 (C3811, specialty) and E2 (C2011); tax of two
 *       types; factories and revitalised land.</li>
 *   <li>K2 (county C9, which county_policies.csv lacks for 2024): E3.</li>
 *   <li>K3 (county C1): E4 with red-letter invoices, one given unsigned.</li>
 * </ul>
 */
class ZoneMetricsSettingsTest {
  private static final Map<String, Row> DEFAULTS = new HashMap<>();
  private static final Map<String, Row> ALTERNATIVES = new HashMap<>();

  static final Rules ALTERNATIVE_RULES = TestRules.replacing(
      "missing_county_policy_counts_as_policy: false", "missing_county_policy_counts_as_policy: true",
      "red_invoice_amount: negative_absolute", "red_invoice_amount: as_given",
      "tax_types_excluded: []", "tax_types_excluded: [个人所得税]",
      "change: percentage_points", "change: relative",
      "units: whole", "units: proportional");

  @BeforeAll
  static void evaluate() {
    RawFixture f = new RawFixture()
        .zone(2023, "K1", "C1", "重点发展型", "C38")
        .zone(2024, "K1", "C1", "重点发展型", "C38").zone(2024, "K2", "C9", "重点发展型", "C38")
        .zone(2024, "K3", "C1", "重点发展型", "C38")
        .policy(2023, "C1", true).policy(2024, "C1", true)
        .enterprise(2023, 1, "K1", "C3811", true).enterprise(2023, 2, "K1", "C2011", true)
        .enterprise(2024, 1, "K1", "C3811", true).enterprise(2024, 2, "K1", "C2011", true)
        .enterprise(2024, 3, "K2", "C3811", true).enterprise(2024, 4, "K3", "C3811", true)
        .add(RawFile.INVOICES,
            "V1," + uscc(1) + ",2023-03-01,600.00,78.00,normal",
            "V2," + uscc(2) + ",2023-03-01,400.00,52.00,normal",
            "V3," + uscc(1) + ",2024-03-01,700.00,91.00,normal",
            "V4," + uscc(2) + ",2024-03-01,300.00,39.00,normal",
            "V5," + uscc(4) + ",2024-03-01,500.00,65.00,normal",
            "V6," + uscc(4) + ",2024-04-01,50.00,6.50,red",
            "V7," + uscc(4) + ",2024-05-01,-20.00,-2.60,red")
        .add(RawFile.TAX_PAYMENTS,
            "T1," + uscc(1) + ",增值税,2024-04-01,100.00",
            "T2," + uscc(1) + ",个人所得税,2024-04-01,30.00")
        .add(RawFile.STANDARD_FACTORIES, "F1,K1,15000,2024-02-01")
        .add(RawFile.LAND_REVITALIZATIONS, "R1,K1,60,2024-02-01");
    for (Row r : f.evaluate(SparkTestSession.get(), Rules.defaults()).collectAsList()) {
      DEFAULTS.put(r.<Integer>getAs("year") + "/" + r.getAs("zone_id"), r);
    }
    for (Row r : f.evaluate(SparkTestSession.get(), ALTERNATIVE_RULES).collectAsList()) {
      ALTERNATIVES.put(r.<Integer>getAs("year") + "/" + r.getAs("zone_id"), r);
    }
  }

  private static Object value(Map<String, Row> gold, String zoneYear, String column) {
    return gold.get(zoneYear).getAs(column);
  }

  private static BigDecimal dec(Map<String, Row> gold, String zoneYear, String column) {
    return gold.get(zoneYear).getAs(column);
  }

  @Test
  void aCountyThatThePoliciesLackIsAFindingAndByDefaultHasNoPolicy() {
    // K2's county C9 has no row for 2024: flagged whatever the setting; not eligible by default.
    assertThat(value(DEFAULTS, "2024/K2", "county_policy_missing")).isEqualTo(true);
    assertThat(value(DEFAULTS, "2024/K2", "county_has_policy")).isEqualTo(false);
    assertThat(value(DEFAULTS, "2024/K2", "award_eligible")).isEqualTo(false);
    assertThat(value(DEFAULTS, "2024/K2", "ineligible_reason"))
        .isEqualTo("所在县(市、区)本年度无配套政策记录，视为无配套政策，不参加评优");
    assertThat(value(DEFAULTS, "2024/K1", "county_policy_missing")).isEqualTo(false);
    assertThat(value(DEFAULTS, "2024/K3", "county_policy_missing")).isEqualTo(false);
  }

  @Test
  void aMissingCountyCountsAsAPolicyWhenTheRulesSaySoAndIsStillAFinding() {
    assertThat(value(ALTERNATIVES, "2024/K2", "county_policy_missing")).isEqualTo(true);
    assertThat(value(ALTERNATIVES, "2024/K2", "county_has_policy")).isEqualTo(true);
    assertThat(value(ALTERNATIVES, "2024/K2", "award_eligible")).isEqualTo(true);
    assertThat(value(ALTERNATIVES, "2024/K2", "ineligible_reason")).isNull();
  }

  @Test
  void redInvoicesCountNegativeByDefaultAndWithTheirSignAsGiven() {
    // K3: 500.00 normal; red 50.00 (unsigned in the file) and red −20.00.
    // negative_absolute: 500 − 50 − 20 = 430.00; as_given: 500 + 50 − 20 = 530.00.
    assertThat(dec(DEFAULTS, "2024/K3", "sales")).isEqualByComparingTo("430.00");
    assertThat(dec(ALTERNATIVES, "2024/K3", "sales")).isEqualByComparingTo("530.00");
  }

  @Test
  void everyTaxTypeCountsByDefaultAndExcludedTypesDoNot() {
    // K1 2024: 增值税 100.00 + 个人所得税 30.00 = 130.00; with 个人所得税 excluded, 100.00.
    assertThat(dec(DEFAULTS, "2024/K1", "tax")).isEqualByComparingTo("130.00");
    assertThat(dec(ALTERNATIVES, "2024/K1", "tax")).isEqualByComparingTo("100.00");
  }

  @Test
  void theSpecialtyShareChangeIsInPercentagePointsByDefaultOrRelative() {
    // K1: share 600/1000 = 60 % in 2023, 700/1000 = 70 % in 2024 (no red invoices in K1).
    // Percentage points: 70 − 60 = 10; relative: 70/60 − 1 = 0.166666666666666667.
    assertThat(dec(DEFAULTS, "2024/K1", "specialty_share_change")).isEqualByComparingTo("10");
    assertThat(dec(ALTERNATIVES, "2024/K1", "specialty_share_change"))
        .isEqualByComparingTo("0.166666666666666667");
    // Both are kept as columns whichever scores.
    assertThat(dec(DEFAULTS, "2024/K1", "specialty_share_change_rel")).isEqualByComparingTo("0.166666666666666667");
    assertThat(dec(ALTERNATIVES, "2024/K1", "specialty_share_change_pp")).isEqualByComparingTo("10");
  }

  @Test
  void capacityCountsWholeUnitsByDefaultOrProportionalOnes() {
    // K1: factories 15 000 m² (1.5 units of 10 000 × 1 point), revitalised 60 亩 (1.2 units of 50 × 2 points).
    // Whole: 1 + 2 = 3.00; proportional: 1.5 + 2.4 = 3.90.
    assertThat(dec(DEFAULTS, "2024/K1", "score_capacity")).isEqualByComparingTo("3.00");
    assertThat(dec(ALTERNATIVES, "2024/K1", "score_capacity")).isEqualByComparingTo("3.90");
  }
}
