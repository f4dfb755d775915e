package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's baseline query runs on the sample data and keeps money exact. */
class DuckDbBaselineTest {
  @Test
  void theBaselineGivesEveryZoneYearOfTheSamples() throws Exception {
    DuckDbBaseline.Result result = DuckDbBaseline.run(Path.of("data-samples"), Rules.defaults(), 2, "1GB");
    Map<String, DuckDbBaseline.Figures> figures = result.figures();
    assertThat(figures).hasSizeGreaterThan(28);
    DuckDbBaseline.Figures any = figures.values().iterator().next();
    assertThat(any.salesFen()).isPositive();
    assertThat(figures.values()).anySatisfy(f -> assertThat(f.taxPerMu()).isNotNull());
    figures.values().stream().filter(f -> f.taxPerMu() != null)
        .forEach(f -> assertThat(f.taxPerMu().scale()).isEqualTo(18));
  }

  @Test
  void differencesNameTheZoneYearAndBothFigures() {
    var a = new DuckDbBaseline.Figures(100, 10, 50, new BigDecimal("1.5"), null);
    var b = new DuckDbBaseline.Figures(100, 10, 50, new BigDecimal("1.500"), null);
    var c = new DuckDbBaseline.Figures(101, 10, 50, new BigDecimal("1.5"), null);
    assertThat(DuckDbBaseline.differences(Map.of("2024 YZ01", a), Map.of("2024 YZ01", b))).isEmpty();
    assertThat(DuckDbBaseline.differences(Map.of("2024 YZ01", a), Map.of("2024 YZ01", c)))
        .singleElement().asString().contains("2024 YZ01").contains("sales 100 fen").contains("sales 101 fen");
    assertThat(DuckDbBaseline.differences(Map.of("2024 YZ01", a), Map.of())).singleElement().asString()
        .contains("no row");
  }

  @Test
  void sizesReadKAndM() {
    assertThat(Benchmark.Size.parse("2M").invoices()).isEqualTo(2_000_000L);
    assertThat(Benchmark.Size.parse("200k").invoices()).isEqualTo(200_000L);
    assertThat(Benchmark.Size.parse("1.5M").invoices()).isEqualTo(1_500_000L);
  }
}
