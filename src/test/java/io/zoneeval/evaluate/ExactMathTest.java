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

  private static final java.math.BigInteger E18 = java.math.BigInteger.TEN.pow(18);

  private static byte[] key(long num, long den) {
    return ExactMath.rankKey(java.math.BigInteger.valueOf(num), java.math.BigInteger.valueOf(den));
  }

  private static byte[] key(java.math.BigInteger num, java.math.BigInteger den) {
    return ExactMath.rankKey(num, den);
  }

  @Test
  void rankKeysOrderAsTheExactFractionsWhereTheShownDecimalsTie() {
    // 1/3 and 333333333333333333/10^18 both show as 0.333333333333333333, but 1/3 is larger by 3.3·10^-19.
    java.math.BigInteger third = java.math.BigInteger.valueOf(333333333333333333L);
    assertThat(new ExactMath.Fraction(java.math.BigInteger.ONE, java.math.BigInteger.valueOf(3)).shown())
        .isEqualTo(new ExactMath.Fraction(third, E18).shown());
    byte[] oneThird = key(1, 3);
    byte[] roundedThird = key(third, E18);
    // Spark orders binary values by their bytes, unsigned: so does Arrays.compareUnsigned.
    assertThat(java.util.Arrays.compareUnsigned(oneThird, roundedThird)).isPositive();
    // The same below zero: −1/3 is the smaller.
    assertThat(java.util.Arrays.compareUnsigned(key(-1, 3), key(third.negate(), E18))).isNegative();
    // Numeric order over signs, zero, tiny and huge values, and fixed width.
    java.util.List<byte[]> ascending = java.util.List.of(key(java.math.BigInteger.TEN.pow(41).negate(),
        java.math.BigInteger.ONE), key(-2, 1), key(-1, 3), key(third.negate(), E18), key(-1, E18.longValue() * 1000),
        key(0, 7), key(1, E18.longValue() * 1000), key(third, E18), key(1, 3), key(2, 1),
        key(java.math.BigInteger.TEN.pow(41), java.math.BigInteger.ONE));
    for (int i = 1; i < ascending.size(); i++) {
      assertThat(java.util.Arrays.compareUnsigned(ascending.get(i - 1), ascending.get(i))).as("key %d < key %d", i - 1, i)
          .isNegative();
      assertThat(ascending.get(i)).hasSize(ExactMath.KEY_BYTES);
    }
  }

  @Test
  void fractionsThatDifferOnlyBeyondTheKeyDigitsStillGetDifferentKeys() {
    // Two fractions whose denominators are just below 10^20 (the largest zone amounts in fen) differ by
    // 2/(b·d), about 2·10^-40, far beyond any rounding: (b − 1)/b and (d − 1)/d, b = 10^20 − 1, d = 10^20 − 3.
    java.math.BigInteger b = java.math.BigInteger.TEN.pow(20).subtract(java.math.BigInteger.ONE);
    java.math.BigInteger d = java.math.BigInteger.TEN.pow(20).subtract(java.math.BigInteger.valueOf(3));
    java.math.BigInteger a = b.subtract(java.math.BigInteger.ONE);
    java.math.BigInteger c = d.subtract(java.math.BigInteger.ONE);
    assertThat(java.util.Arrays.compareUnsigned(key(a, b), key(c, d))).isPositive();
    // A share change's denominator is a product of two amounts: still apart.
    assertThat(java.util.Arrays.compareUnsigned(key(a.multiply(d), b.multiply(d)), key(c.multiply(b), d.multiply(b))))
        .isPositive();
  }

  @Test
  void equalFractionsWrittenDifferentlyGetEqualKeys() {
    assertThat(key(1, 3)).isEqualTo(key(2, 6)).isEqualTo(key(333, 999));
    assertThat(key(-150, 750)).isEqualTo(key(-140, 700));
    // Growth 900/750 − 1 and 840/700 − 1, from fen sums.
    assertThat(ExactMath.growthFraction(new BigDecimal(90_000), new BigDecimal(75_000)).key())
        .isEqualTo(ExactMath.growthFraction(new BigDecimal(84_000), new BigDecimal(70_000)).key());
    // An exact decimal's key is its fraction's: 0.2 = 1/5.
    assertThat(ExactMath.rankKey(new BigDecimal("0.20"))).isEqualTo(key(1, 5));
  }
}
