package io.zoneeval.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExactMathTest {
  @Test
  void equalFractionsGiveEqualKeysSoTiesAreRealTies() {
    // 900/750 − 1 = 0.2 and 840/700 − 1 = 0.2: the same growth from different figures.
    assertThat(ExactMath.growth(90_000L, 75_000L)).isEqualByComparingTo(ExactMath.growth(84_000L, 70_000L));
    // Share change 1/3 − 0/1 and 2/3 − 1/3: both exactly 33.33…pp; subtracting two rounded shares
    // would give …333 and …334.
    assertThat(ExactMath.shareChangePoints(1L, 3L, 0L, 1L))
        .isEqualTo(ExactMath.shareChangePoints(2L, 3L, 1L, 3L));
  }

  @Test
  void undefinedWithoutAPositiveBase() {
    assertThat(ExactMath.growth(100L, 0L)).isNull();
    assertThat(ExactMath.growth(100L, -5L)).isNull();
    assertThat(ExactMath.growth(100L, null)).isNull();
    assertThat(ExactMath.percent(0L, 0L)).isNull();
    assertThat(ExactMath.perMu(100L, BigDecimal.ZERO, BigDecimal.valueOf(15), BigDecimal.valueOf(10000))).isNull();
  }

  @Test
  void perMuUsesTheExactMu() {
    // 10 000 m² = 15 mu exactly (1 mu = 10000/15 m²); 1 500.00 yuan (150 000 fen) / 15 mu = 100 yuan/mu.
    assertThat(ExactMath.perMu(150_000L, new BigDecimal("10000"), BigDecimal.valueOf(15), BigDecimal.valueOf(10000)))
        .isEqualByComparingTo("100");
    // 666.67 m² is not 1 mu: 100.00 yuan / (666.67 × 15 / 10000 = 1.000005 mu) = 99.9995000025 yuan/mu.
    assertThat(ExactMath.perMu(10_000L, new BigDecimal("666.67"), BigDecimal.valueOf(15), BigDecimal.valueOf(10000)))
        .isEqualByComparingTo("99.999500002499987500");
  }
}
