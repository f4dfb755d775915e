package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.rules.Rules;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyst's plain query: the roster's sales and tax per zone-year, no rules. */
class DuckDbPlainTest {
  private static final DuckDb.Settings SMALL = new DuckDb.Settings(2, "1GB", null);

  @Test
  void onWellFormedDataItGivesTheRuleApplyingQuerysSalesAndTax(@TempDir Path dir) throws Exception {
    Path data = TinyDelivery.write(dir, false);
    Map<String, DuckDbPlain.SalesTax> plain = DuckDbPlain.run(data, SMALL).figures();
    Map<String, Figures> rules = DuckDbRules.run(data, Rules.defaults(), SMALL).figures();
    assertThat(plain.keySet()).isEqualTo(rules.keySet());
    assertThat(plain.keySet()).allSatisfy(k -> assertThat(k).matches("202[34] YZ\\d\\d"));
    rules.forEach((zoneYear, f) -> {
      assertThat(plain.get(zoneYear).salesFen()).as(zoneYear).isEqualTo(f.salesFen());
      assertThat(plain.get(zoneYear).taxFen()).as(zoneYear).isEqualTo(f.taxFen());
    });
    assertThat(plain.values()).anySatisfy(v -> assertThat(v.salesFen()).isPositive());
  }

  @Test
  void itAppliesNoRulesAndStillRunsOnBadRows() throws Exception {
    Map<String, DuckDbPlain.SalesTax> plain = DuckDbPlain.run(Path.of("data-samples"), SMALL).figures();
    Map<String, Figures> rules = DuckDbRules.run(Path.of("data-samples"), Rules.defaults(), SMALL).figures();
    // Roster rows naming a zone zones.csv lacks make zone-years of their own; a repeated invoice id counts twice.
    assertThat(plain.keySet()).containsAll(rules.keySet()).hasSizeGreaterThan(rules.size());
    assertThat(rules.keySet()).anySatisfy(k -> assertThat(plain.get(k).salesFen()).isNotEqualTo(rules.get(k).salesFen()));
  }

  @Test
  void theQueryReadsTheRosterInvoicesAndTaxEntriesOnly() {
    String sql = DuckDbPlain.sql(Path.of("in"));
    assertThat(sql).contains("enterprises.csv").contains("invoices.csv").contains("tax_payments.csv")
        .doesNotContain("zones.csv").doesNotContain("land_parcels.csv").doesNotContain("QUALIFY");
  }
}
