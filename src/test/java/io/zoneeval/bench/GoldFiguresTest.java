package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** gold.zone_metrics as bin/zone-eval sql prints it, read by the header's names, exactly. */
class GoldFiguresTest {
  @Test
  void columnsAreFoundByNameAndMoneyBecomesFen() {
    Map<String, Figures> figures = GoldFigures.parse(List.of(
        "zone_id,year,sales,tax,specialty_sales,tax_per_mu,sales_per_mu",
        "YZ01,2024,13004632060.84,463822476.20,9551669185.42,119624.794494501744909509,3307595.372119583138635478",
        "YZ28,2024,0.00,-12.50,0.00,,"));
    assertThat(figures).containsOnlyKeys("2024 YZ01", "2024 YZ28");
    Figures yz01 = figures.get("2024 YZ01");
    assertThat(yz01.salesFen()).isEqualTo(1_300_463_206_084L);
    assertThat(yz01.taxFen()).isEqualTo(46_382_247_620L);
    assertThat(yz01.taxPerMu()).isEqualTo(new BigDecimal("119624.794494501744909509"));
    assertThat(figures.get("2024 YZ28").taxFen()).isEqualTo(-1250);
    assertThat(figures.get("2024 YZ28").salesPerMu()).isNull();
  }

  @Test
  void whatItCannotReadExactlyIsAnError() {
    assertThatThrownBy(() -> GoldFigures.parse(List.of("year,zone_id,sales,tax,specialty_sales,tax_per_mu",
        "2024,YZ01,1.00,1.00,1.00,1"))).hasMessageContaining("sales_per_mu");
    assertThatThrownBy(() -> GoldFigures.parse(List.of(
        "year,zone_id,sales,tax,specialty_sales,tax_per_mu,sales_per_mu", "2024,YZ01,1.005,1.00,1.00,,")))
        .isInstanceOf(ArithmeticException.class);
  }
}
