package io.zoneeval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTest {
  @Test
  void bundledRulesHoldThePolicysNumbers() {
    Rules r = Rules.defaults();
    assertThat(r.ranking().step()).isEqualByComparingTo("0.5");
    assertThat(r.ranking().ties()).isEqualTo(Rules.TieMethod.COMPETITION);
    assertThat(r.indicators().specialty().full()).isEqualByComparingTo("20");
    assertThat(r.indicators().talent().points().get("lvyang_phd")).isEqualByComparingTo("0.25");
    assertThat(r.indicators().investment().techUpgradeMinEquipmentYuan()).isEqualByComparingTo("8000000");
    // 3 000 万元 when every prize is awarded: KEY 600 + 2×400 + 3×200 = 2 000; OPTIMIZED 500 + 300 + 2×100 = 1 000.
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (ZoneType t : ZoneType.values()) {
      for (Rules.Prize p : r.prizes(t)) {
        total = total.add(p.amountWan().multiply(java.math.BigDecimal.valueOf(p.count())));
      }
    }
    assertThat(total).isEqualByComparingTo("3000");
  }

  @Test
  void aRulesFileThatBreaksTheWeightsIsRefusedWithItsName(@TempDir Path dir) throws IOException {
    String yaml = new String(Rules.class.getResourceAsStream(Rules.DEFAULT_RESOURCE).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replaceFirst("growth_weight: 0.6", "growth_weight: 0.7");
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> Rules.load(file)).isInstanceOf(Rules.RulesException.class)
        .hasMessageContaining("bad.yaml").hasMessageContaining("weights must add up to 1");
  }

  @Test
  void aMissingRulesFileIsAClearError() {
    assertThatThrownBy(() -> Rules.load(Path.of("no-such-rules.yaml")))
        .hasMessage("no-such-rules.yaml: rules file not found");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ?> refused(String... fromTo) {
    return assertThatThrownBy(() -> TestRules.replacing(fromTo)).isInstanceOf(Rules.RulesException.class)
        .hasMessageStartingWith("test rules: ");
  }

  @Test
  void aWeightWhoseProductsLeaveCentStepsIsRefusedNamingItsKey() {
    // 0.65 × step 0.5 = 0.325 and 0.35 × 0.5 = 0.175: round(…, 2) would have rounded them away.
    refused("    full: 10\n    growth_weight: 0.6\n    level_weight: 0.4\n  tax:",
        "    full: 10\n    growth_weight: 0.65\n    level_weight: 0.35\n  tax:")
        .hasMessageContaining("indicators.scale.growth_weight: 0.65 × ranking.step 0.5 = 0.325 is not a multiple of 0.01")
        .hasMessageContaining("indicators.scale.level_weight: 0.35 × ranking.step 0.5 = 0.175");
    // weight × full: 0.6 × 10.05 = 6.03 stays on cents, 0.4 × 10.05 = 4.02 too; 0.6 × 10.01 = 6.006 does not.
    refused("  tax:          # 规模效益 / 税收贡献\n    full: 10", "  tax:          # 规模效益 / 税收贡献\n    full: 10.01")
        .hasMessageContaining("indicators.tax.growth_weight: 0.6 × full 10.01 = 6.006 is not a multiple of 0.01");
    // A step of 0.005 is itself off the 0.01 steps of a stored rank score.
    refused("  step: 0.5", "  step: 0.005").hasMessageContaining("ranking.step: 0.005 is not a multiple of 0.01");
  }

  @Test
  void pointsAndCapsOffCentStepsAreRefusedNamingTheirKey() {
    refused("      lvyang_phd: 0.25", "      lvyang_phd: 0.125")
        .hasMessageContaining("indicators.talent.points.lvyang_phd: 0.125 is not a multiple of 0.01");
    refused("    major_points: 5", "    major_points: 5.005")
        .hasMessageContaining("indicators.investment.major_points: 5.005 is not a multiple of 0.01");
    refused("    revitalized_points: 2", "    revitalized_points: 0.333")
        .hasMessageContaining("indicators.capacity.revitalized_points: 0.333");
    refused("  cultivation:  # 创新发展 / 企业培育\n    cap: 10", "  cultivation:  # 创新发展 / 企业培育\n    cap: 9.999")
        .hasMessageContaining("indicators.cultivation.cap: 9.999 is not a multiple of 0.01");
    // Weights that keep every product on cents are fine: 0.55 × 0.5 = 0.275 is not, 0.7 × 0.5 = 0.35 is.
    Rules fine = TestRules.replacing("    full: 20\n    growth_weight: 0.6\n    level_weight: 0.4",
        "    full: 20\n    growth_weight: 0.7\n    level_weight: 0.3");
    assertThat(fine.indicators().specialty().growthWeight()).isEqualByComparingTo("0.7");
  }

  @Test
  void aRedInvoiceSettingOtherThanItsTwoValuesIsRefusedNamingTheKey() {
    refused("red_invoice_amount: negative_absolute", "red_invoice_amount: negativ_absolute")
        .hasMessage("test rules: data.red_invoice_amount: 'negativ_absolute' is not one of negative_absolute, as_given");
    assertThat(TestRules.replacing("red_invoice_amount: negative_absolute", "red_invoice_amount: as_given")
        .data().redInvoiceAmount()).isEqualTo(Rules.RedInvoiceAmount.AS_GIVEN);
    assertThat(Rules.defaults().data().redInvoiceAmount()).isEqualTo(Rules.RedInvoiceAmount.NEGATIVE_ABSOLUTE);
  }

  @Test
  void unknownIncidentKindsAndSeveritiesAreRefusedNamingTheKey() {
    refused("incident_kinds: [safety, environment]", "incident_kinds: [safety, enviroment]")
        .hasMessageContaining("veto.incident_kinds: unknown value enviroment (known: safety, environment)");
    refused("incident_severities: [larger, major, especially_major]", "incident_severities: [large, major]")
        .hasMessageContaining("veto.incident_severities: unknown value large");
  }

  @Test
  void theUndefinedSettingTakesLastOrZeroAndNothingElse() {
    assertThat(Rules.defaults().ranking().undefined()).isEqualTo(Rules.UndefinedRank.LAST);
    assertThat(TestRules.replacing("  undefined: last", "  undefined: zero").ranking().undefined())
        .isEqualTo(Rules.UndefinedRank.ZERO);
    refused("  undefined: last", "  undefined: first")
        .hasMessage("test rules: ranking.undefined: 'first' is not one of last, zero");
  }

  @Test
  void theTieBreakTakesKnownCriteriaAndEndsWithTheZoneId() {
    refused("tie_break: [tax_per_mu, zone_id]", "tie_break: [tax_per_mu]")
        .hasMessageContaining("final_order.tie_break must end with zone_id");
    refused("tie_break: [tax_per_mu, zone_id]", "tie_break: [tax_per_acre, zone_id]")
        .hasMessageContaining("final_order.tie_break: unknown criterion tax_per_acre");
    assertThat(Rules.defaults().finalOrder().chinese()).isEqualTo("亩均税收、集中区编号");
  }

  @Test
  void theVetoIsNamedInChineseFromTheRulesSeverities() {
    assertThat(Rules.defaults().veto().chinese()).isEqualTo("较大及以上安全或环境事件");
    assertThat(TestRules.replacing("incident_severities: [larger, major, especially_major]",
        "incident_severities: [major, especially_major]").veto().chinese()).isEqualTo("重大及以上安全或环境事件");
    assertThat(TestRules.replacing("incident_severities: [larger, major, especially_major]",
        "incident_severities: [larger, especially_major]", "incident_kinds: [safety, environment]",
        "incident_kinds: [safety]").veto().chinese()).isEqualTo("较大、特别重大安全事件");
    assertThat(TestRules.replacing("incident_severities: [larger, major, especially_major]",
        "incident_severities: [especially_major]").veto().chinese()).isEqualTo("特别重大安全或环境事件");
  }

  @Test
  void theEnterpriseSectionHoldsTheTiersNumbersAndRefusesBadOnesNamingTheKey() {
    Rules.Enterprise e = Rules.defaults().enterprise();
    assertThat(e.taxWeight()).isEqualByComparingTo("60");
    assertThat(e.salesWeight()).isEqualByComparingTo("40");
    assertThat(e.cap()).isEqualByComparingTo("1.5");
    assertThat(e.maxScore()).isEqualByComparingTo("150");
    assertThat(e.minLandMuBelowSize()).isEqualByComparingTo("3");
    assertThat(e.tierCutoffsPct()).containsExactly(20, 60, 95);
    assertThat(e.dFloorTaxPerMuYuan()).isEqualByComparingTo("0");
    assertThat(e.benchmarkScope()).isEqualTo(Rules.BenchmarkScope.COUNTY);
    assertThat(e.newEnterpriseYears()).isEqualTo(2);
    assertThat(TestRules.replacing("benchmark_scope: county", "benchmark_scope: city").enterprise().benchmarkScope())
        .isEqualTo(Rules.BenchmarkScope.CITY);
    refused("benchmark_scope: county", "benchmark_scope: province")
        .hasMessage("test rules: enterprise.benchmark_scope: 'province' is not one of county, city");
    refused("tier_cutoffs_pct: [20, 60, 95]", "tier_cutoffs_pct: [20, 95, 60]")
        .hasMessageContaining("enterprise.tier_cutoffs_pct: [20, 95, 60] must be strictly increasing within 0..100");
    refused("tier_cutoffs_pct: [20, 60, 95]", "tier_cutoffs_pct: [20, 60, 101]")
        .hasMessageContaining("enterprise.tier_cutoffs_pct: [20, 60, 101] must be strictly increasing");
    refused("tier_cutoffs_pct: [20, 60, 95]", "tier_cutoffs_pct: [20, 60]")
        .hasMessageContaining("enterprise.tier_cutoffs_pct must be three per cents");
    refused("  cap: 1.5", "  cap: 0").hasMessageContaining("enterprise.cap must be a positive number");
    refused("  tax_weight: 60\n  sales_weight: 40", "  tax_weight: -60\n  sales_weight: 40")
        .hasMessageContaining("enterprise.tax_weight must be a number, 0 or more");
    refused("  tax_weight: 60\n  sales_weight: 40", "  tax_weight: 0\n  sales_weight: 0")
        .hasMessageContaining("enterprise.tax_weight and enterprise.sales_weight are both 0");
    refused("new_enterprise_years: 2", "new_enterprise_years: -1")
        .hasMessageContaining("enterprise.new_enterprise_years must be a whole number of years, 0 or more");
    refused("min_land_mu_below_size: 3", "min_land_mu_below_size: -3")
        .hasMessageContaining("enterprise.min_land_mu_below_size must be a number, 0 or more");
    String yaml = TestRules.yaml();
    assertThatThrownBy(() -> Rules.parse(yaml.substring(0, yaml.indexOf("\nenterprise:") + 1), "no enterprise"))
        .isInstanceOf(Rules.RulesException.class).hasMessage("no enterprise: enterprise is missing");
  }

  @Test
  void theRecordAmountBoundIsRequiredAndPositive() {
    assertThat(Rules.defaults().data().maxRecordAmountYuan()).isEqualByComparingTo("1000000000000");
    refused("  max_record_amount_yuan: 1000000000000\n", "")
        .hasMessageContaining("data.max_record_amount_yuan must be a positive number");
    refused("max_record_amount_yuan: 1000000000000", "max_record_amount_yuan: 0")
        .hasMessageContaining("data.max_record_amount_yuan must be a positive number");
  }
}
