package io.zoneeval.evaluate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The ratios that rankings compare (growth, shares, per-mu figures), each an exact fraction of two
 * integers, given two ways:
 * <ul>
 *   <li>shown: the fraction rounded once to 18 decimals (decimal(38,18)), the column analysts read;</li>
 *   <li>ranked: a {@link #rankKey rank key}, a binary column whose byte order is the order of the exact
 *       fractions. Two different fractions can round to the same 18 decimals (they differ beyond the
 *       18th); ranked by the rounding they would tie, and a tie is worth places.</li>
 * </ul>
 * Each is ONE computation from the integers, so equal fractions written differently (900/750 and 840/700)
 * give equal values and equal keys: ties are real ties. Amounts come in fen, as decimal(38,0) sums. These
 * run on the zone-year table only (a few hundred rows), so a UDF costs nothing.
 */
public final class ExactMath {
  public static final int SCALE = 18;
  public static final DataType RATIO = DataTypes.createDecimalType(38, SCALE);
  public static final DataType RANK_KEY = DataTypes.BinaryType;
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  /**
   * Rank keys are floor(fraction × 10^KEY_DIGITS). Two different fractions a/b and c/d differ by at least
   * 1/(b·d); with every denominator below 10^(KEY_DIGITS/2), that is at least 10^−KEY_DIGITS, so their
   * keys differ. The denominators here are below 10^40: an amount in fen is below 10^20 (a zone's figure
   * beyond it stops the run, see ZoneMetrics), and the largest denominator is the product of two of them
   * (a change of shares); a per-mu denominator is 100 × the mu numerator × an area of at most 24 digits.
   */
  static final int KEY_DIGITS = 80;
  private static final BigInteger KEY_SCALE = BigInteger.TEN.pow(KEY_DIGITS);
  private static final BigInteger MAX_DENOMINATOR = BigInteger.TEN.pow(KEY_DIGITS / 2);
  /**
   * The ratios here are below 10^42 in absolute value (a relative change of shares of amounts below
   * 10^20 stays below 10^40), so their keys are below 10^122 < 2^406: with a sign, 51 bytes.
   */
  static final int KEY_BYTES = 51;
  private static final BigInteger KEY_OFFSET = BigInteger.ONE.shiftLeft(KEY_BYTES * 8 - 1);

  private ExactMath() {}

  /** An exact fraction, the denominator positive. */
  record Fraction(BigInteger num, BigInteger den) {
    Fraction {
      if (den.signum() <= 0) {
        throw new IllegalArgumentException("denominator " + den + " is not positive");
      }
    }

    /** num / den, scaled by 10^scale first; both may be decimals. */
    static Fraction of(BigDecimal num, BigDecimal den) {
      int scale = Math.max(0, Math.max(num.scale(), den.scale()));
      return new Fraction(num.movePointRight(scale).toBigIntegerExact(), den.movePointRight(scale).toBigIntegerExact());
    }

    BigDecimal shown() {
      return new BigDecimal(num).divide(new BigDecimal(den), SCALE, RoundingMode.HALF_UP);
    }

    byte[] key() {
      return rankKey(num, den);
    }
  }

  /**
   * The rank key of num/den: floor(num × 10^KEY_DIGITS / den) in {@link #KEY_BYTES} big-endian bytes,
   * offset by 2^(8·KEY_BYTES − 1) so that negative values come first: comparing the bytes unsigned, as
   * Spark orders binary values, compares the fractions.
   */
  public static byte[] rankKey(BigInteger num, BigInteger den) {
    if (den.signum() <= 0 || den.compareTo(MAX_DENOMINATOR) >= 0) {
      throw new IllegalArgumentException("rank key of " + num + "/" + den + ": the denominator is not in (0, 10^"
          + KEY_DIGITS / 2 + ")");
    }
    BigInteger[] qr = num.multiply(KEY_SCALE).divideAndRemainder(den);
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    BigInteger shifted = floor.add(KEY_OFFSET);
    if (shifted.signum() < 0 || shifted.bitLength() > KEY_BYTES * 8) {
      throw new IllegalArgumentException("rank key of " + num + "/" + den + ": the ratio is too large");
    }
    byte[] magnitude = shifted.toByteArray();
    byte[] key = new byte[KEY_BYTES];
    // toByteArray may add a leading zero byte (the sign) or give fewer bytes: right-align the value.
    int copy = Math.min(magnitude.length, KEY_BYTES);
    System.arraycopy(magnitude, magnitude.length - copy, key, KEY_BYTES - copy, copy);
    return key;
  }

  /** The rank key of an exact decimal (a figure that is not a fraction: sales, tax). */
  public static byte[] rankKey(BigDecimal value) {
    return value == null ? null : Fraction.of(value, BigDecimal.ONE).key();
  }

  /** num / den, or null when either is missing or den is not positive (the metric is undefined). */
  public static BigDecimal ratio(BigDecimal num, BigDecimal den) {
    return shown(ratioFraction(num, den));
  }

  private static Fraction ratioFraction(BigDecimal num, BigDecimal den) {
    if (num == null || den == null || den.signum() <= 0) {
      return null;
    }
    return Fraction.of(num, den);
  }

  /** (value − previous) / previous from amounts in fen; undefined unless previous is positive. */
  static Fraction growthFraction(BigDecimal value, BigDecimal previous) {
    if (value == null || previous == null || previous.signum() <= 0) {
      return null;
    }
    BigInteger v = value.toBigIntegerExact();
    BigInteger p = previous.toBigIntegerExact();
    return new Fraction(v.subtract(p), p);
  }

  /** part / whole in percent, undefined unless whole is positive. */
  static Fraction percentFraction(BigDecimal part, BigDecimal whole) {
    if (part == null || whole == null || whole.signum() <= 0) {
      return null;
    }
    return new Fraction(part.toBigIntegerExact().multiply(HUNDRED), whole.toBigIntegerExact());
  }

  /**
   * share(Y) − share(Y−1) in percentage points, as one fraction:
   * 100 × (part × prevWhole − prevPart × whole) / (whole × prevWhole).
   */
  static Fraction shareChangePointsFraction(BigDecimal part, BigDecimal whole, BigDecimal prevPart,
      BigDecimal prevWhole) {
    if (part == null || whole == null || prevPart == null || prevWhole == null || whole.signum() <= 0
        || prevWhole.signum() <= 0) {
      return null;
    }
    BigInteger p = part.toBigIntegerExact();
    BigInteger w = whole.toBigIntegerExact();
    BigInteger pp = prevPart.toBigIntegerExact();
    BigInteger pw = prevWhole.toBigIntegerExact();
    return new Fraction(p.multiply(pw).subtract(pp.multiply(w)).multiply(HUNDRED), w.multiply(pw));
  }

  /** (share(Y) − share(Y−1)) / share(Y−1), undefined unless the previous share is positive. */
  static Fraction shareChangeRelativeFraction(BigDecimal part, BigDecimal whole, BigDecimal prevPart,
      BigDecimal prevWhole) {
    if (part == null || whole == null || prevPart == null || prevWhole == null
        || whole.signum() <= 0 || prevWhole.signum() <= 0 || prevPart.signum() <= 0) {
      return null;
    }
    BigInteger p = part.toBigIntegerExact();
    BigInteger w = whole.toBigIntegerExact();
    BigInteger pp = prevPart.toBigIntegerExact();
    BigInteger pw = prevWhole.toBigIntegerExact();
    return new Fraction(p.multiply(pw).subtract(pp.multiply(w)), pp.multiply(w));
  }

  /** Yuan per mu from an amount in fen and an area in m², with mu = m² × muNum / muDen. */
  static Fraction perMuFraction(BigDecimal fen, BigDecimal areaM2, BigDecimal muNum, BigDecimal muDen) {
    if (fen == null || areaM2 == null || areaM2.signum() <= 0) {
      return null;
    }
    return Fraction.of(fen.multiply(muDen), BigDecimal.valueOf(100).multiply(muNum).multiply(areaM2));
  }

  private static BigDecimal shown(Fraction f) {
    return f == null ? null : f.shown();
  }

  private static byte[] key(Fraction f) {
    return f == null ? null : f.key();
  }

  private static BigDecimal fen(Long fen) {
    return fen == null ? null : BigDecimal.valueOf(fen);
  }

  public static BigDecimal growth(BigDecimal value, BigDecimal previous) {
    return shown(growthFraction(value, previous));
  }

  public static BigDecimal growth(Long value, Long previous) {
    return growth(fen(value), fen(previous));
  }

  public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
    return shown(percentFraction(part, whole));
  }

  public static BigDecimal percent(Long part, Long whole) {
    return percent(fen(part), fen(whole));
  }

  public static BigDecimal shareChangePoints(BigDecimal part, BigDecimal whole, BigDecimal prevPart,
      BigDecimal prevWhole) {
    return shown(shareChangePointsFraction(part, whole, prevPart, prevWhole));
  }

  public static BigDecimal shareChangePoints(Long part, Long whole, Long prevPart, Long prevWhole) {
    return shareChangePoints(fen(part), fen(whole), fen(prevPart), fen(prevWhole));
  }

  public static BigDecimal shareChangeRelative(BigDecimal part, BigDecimal whole, BigDecimal prevPart,
      BigDecimal prevWhole) {
    return shown(shareChangeRelativeFraction(part, whole, prevPart, prevWhole));
  }

  public static BigDecimal shareChangeRelative(Long part, Long whole, Long prevPart, Long prevWhole) {
    return shareChangeRelative(fen(part), fen(whole), fen(prevPart), fen(prevWhole));
  }

  public static BigDecimal perMu(BigDecimal fen, BigDecimal areaM2, BigDecimal muNum, BigDecimal muDen) {
    return shown(perMuFraction(fen, areaM2, muNum, muDen));
  }

  public static BigDecimal perMu(Long fen, BigDecimal areaM2, BigDecimal muNum, BigDecimal muDen) {
    return perMu(fen(fen), areaM2, muNum, muDen);
  }

  // The UDFs take amounts in fen as decimal(38,0) (exact zone sums) and give the shown ratio or its key.

  public static final UserDefinedFunction GROWTH = functions.udf(
      (UDF2<BigDecimal, BigDecimal, BigDecimal>) (v, p) -> shown(growthFraction(v, p)), RATIO);
  public static final UserDefinedFunction GROWTH_KEY = functions.udf(
      (UDF2<BigDecimal, BigDecimal, byte[]>) (v, p) -> key(growthFraction(v, p)), RANK_KEY);
  public static final UserDefinedFunction PERCENT = functions.udf(
      (UDF2<BigDecimal, BigDecimal, BigDecimal>) (p, w) -> shown(percentFraction(p, w)), RATIO);
  public static final UserDefinedFunction PERCENT_KEY = functions.udf(
      (UDF2<BigDecimal, BigDecimal, byte[]>) (p, w) -> key(percentFraction(p, w)), RANK_KEY);
  public static final UserDefinedFunction SHARE_CHANGE_POINTS = functions.udf(
      (UDF4<BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal>) (p, w, pp, pw) ->
          shown(shareChangePointsFraction(p, w, pp, pw)), RATIO);
  public static final UserDefinedFunction SHARE_CHANGE_POINTS_KEY = functions.udf(
      (UDF4<BigDecimal, BigDecimal, BigDecimal, BigDecimal, byte[]>) (p, w, pp, pw) ->
          key(shareChangePointsFraction(p, w, pp, pw)), RANK_KEY);
  public static final UserDefinedFunction SHARE_CHANGE_RELATIVE = functions.udf(
      (UDF4<BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal>) (p, w, pp, pw) ->
          shown(shareChangeRelativeFraction(p, w, pp, pw)), RATIO);
  public static final UserDefinedFunction SHARE_CHANGE_RELATIVE_KEY = functions.udf(
      (UDF4<BigDecimal, BigDecimal, BigDecimal, BigDecimal, byte[]>) (p, w, pp, pw) ->
          key(shareChangeRelativeFraction(p, w, pp, pw)), RANK_KEY);
  public static final UserDefinedFunction PER_MU = functions.udf(
      (UDF4<BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal>) (f, a, n, d) ->
          shown(perMuFraction(f, a, n, d)), RATIO);
  public static final UserDefinedFunction PER_MU_KEY = functions.udf(
      (UDF4<BigDecimal, BigDecimal, BigDecimal, BigDecimal, byte[]>) (f, a, n, d) ->
          key(perMuFraction(f, a, n, d)), RANK_KEY);
}
