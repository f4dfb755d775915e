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
 * The ratios that rankings compare (growth, shares, per-mu figures), each computed as ONE division of two
 * exact numbers, rounded once to 18 decimals. Equal fractions therefore give equal keys, so ties are
 * real ties and never an accident of intermediate rounding; Spark's own decimal division would shrink
 * the scale to 6 digits for operands this wide. These run on the zone-year table only (a few hundred
 * rows), so a UDF costs nothing.
 */
public final class ExactMath {
  public static final int SCALE = 18;
  public static final DataType RATIO = DataTypes.createDecimalType(38, SCALE);
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private ExactMath() {}

  /** num / den, or null when either is missing or den is not positive (the metric is undefined). */
  public static BigDecimal ratio(BigDecimal num, BigDecimal den) {
    if (num == null || den == null || den.signum() <= 0) {
      return null;
    }
    return num.divide(den, SCALE, RoundingMode.HALF_UP);
  }

  /** Growth (value − previous) / previous, from amounts in fen; undefined unless previous is positive. */
  public static BigDecimal growth(Long value, Long previous) {
    if (value == null || previous == null || previous <= 0) {
      return null;
    }
    return ratio(BigDecimal.valueOf(value - previous), BigDecimal.valueOf(previous));
  }

  /** part / whole in percent, undefined unless whole is positive. */
  public static BigDecimal percent(Long part, Long whole) {
    if (part == null || whole == null || whole <= 0) {
      return null;
    }
    return ratio(BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)), BigDecimal.valueOf(whole));
  }

  /**
   * share(Y) − share(Y−1) in percentage points, as one fraction:
   * 100 × (part × prevWhole − prevPart × whole) / (whole × prevWhole).
   */
  public static BigDecimal shareChangePoints(Long part, Long whole, Long prevPart, Long prevWhole) {
    if (part == null || whole == null || prevPart == null || prevWhole == null || whole <= 0 || prevWhole <= 0) {
      return null;
    }
    BigInteger num = BigInteger.valueOf(part).multiply(BigInteger.valueOf(prevWhole))
        .subtract(BigInteger.valueOf(prevPart).multiply(BigInteger.valueOf(whole))).multiply(HUNDRED);
    BigInteger den = BigInteger.valueOf(whole).multiply(BigInteger.valueOf(prevWhole));
    return ratio(new BigDecimal(num), new BigDecimal(den));
  }

  /** (share(Y) − share(Y−1)) / share(Y−1), undefined unless the previous share is positive. */
  public static BigDecimal shareChangeRelative(Long part, Long whole, Long prevPart, Long prevWhole) {
    if (part == null || whole == null || prevPart == null || prevWhole == null
        || whole <= 0 || prevWhole <= 0 || prevPart <= 0) {
      return null;
    }
    BigInteger num = BigInteger.valueOf(part).multiply(BigInteger.valueOf(prevWhole))
        .subtract(BigInteger.valueOf(prevPart).multiply(BigInteger.valueOf(whole)));
    BigInteger den = BigInteger.valueOf(prevPart).multiply(BigInteger.valueOf(whole));
    return ratio(new BigDecimal(num), new BigDecimal(den));
  }

  /** Yuan per mu from an amount in fen and an area in m², with mu = m² × muNum / muDen. */
  public static BigDecimal perMu(Long fen, BigDecimal areaM2, BigDecimal muNum, BigDecimal muDen) {
    if (fen == null || areaM2 == null || areaM2.signum() <= 0) {
      return null;
    }
    BigDecimal num = BigDecimal.valueOf(fen).multiply(muDen);
    BigDecimal den = BigDecimal.valueOf(100).multiply(muNum).multiply(areaM2);
    return ratio(num, den);
  }

  public static final UserDefinedFunction GROWTH =
      functions.udf((UDF2<Long, Long, BigDecimal>) ExactMath::growth, RATIO);
  public static final UserDefinedFunction PERCENT =
      functions.udf((UDF2<Long, Long, BigDecimal>) ExactMath::percent, RATIO);
  public static final UserDefinedFunction SHARE_CHANGE_POINTS =
      functions.udf((UDF4<Long, Long, Long, Long, BigDecimal>) ExactMath::shareChangePoints, RATIO);
  public static final UserDefinedFunction SHARE_CHANGE_RELATIVE =
      functions.udf((UDF4<Long, Long, Long, Long, BigDecimal>) ExactMath::shareChangeRelative, RATIO);
  public static final UserDefinedFunction PER_MU =
      functions.udf((UDF4<Long, BigDecimal, BigDecimal, BigDecimal, BigDecimal>) ExactMath::perMu, RATIO);
}
