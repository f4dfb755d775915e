package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Sums of yuan as long fen, exactly: the hundredths of the decimal sum, or null beyond a long. */
class FenTest {
  /** One group's amounts (decimal(18,2) cast to {@code type} first) summed by {@link EnterpriseYear#sumFen}. */
  private static Object sumFen(String type, String... yuan) {
    StructType schema = new StructType().add("g", DataTypes.IntegerType).add("yuan", DataTypes.createDecimalType(18, 2));
    List<Row> rows = Arrays.stream(yuan).map(y -> RowFactory.create(1, y == null ? null : new BigDecimal(y))).toList();
    return SparkTestSession.get().createDataFrame(rows, schema).select(col("g"), col("yuan").cast(type).as("yuan"))
        .groupBy("g").agg(EnterpriseYear.sumFen(col("yuan"))).first().get(1);
  }

  @Test
  void aSumOfTwoPlaceAmountsIsItsHundredths() {
    assertThat(sumFen("decimal(18,2)", "0.01", "-123.45", "1", "0", null)).isEqualTo(1L - 12345L + 100L);
    // 9 999 999 999 999 999.99 yuan, the largest decimal(18,2), is 10^18 - 1 fen; twice that still fits a long.
    assertThat(sumFen("decimal(18,2)", "9999999999999999.99", "9999999999999999.99"))
        .isEqualTo(2 * 999_999_999_999_999_999L);
    assertThat(sumFen("decimal(18,2)", "-9999999999999999.99")).isEqualTo(-999_999_999_999_999_999L);
  }

  @Test
  void centsAddUpAcrossYuanAndSignsAndReachTheLargestLongExactly() {
    assertThat(sumFen("decimal(18,2)", "0.99", "0.99", "0.99", "-0.50")).isEqualTo(297L - 50L);
    assertThat(sumFen("decimal(18,2)", "-1.75", "0.80", "2.05")).isEqualTo(-175L + 80L + 205L);
    // Whole yuan 92 233 720 368 547 759 (× 100 beyond Long.MAX_VALUE) and -0.93 yuan of cents: exactly
    // Long.MAX_VALUE fen, a long; one fen more is beyond it.
    String[] amounts = new String[11];
    Arrays.fill(amounts, 0, 9, "9999999999999999.00");
    amounts[9] = "2233720368547768.00";
    amounts[10] = "-0.93";
    assertThat(sumFen("decimal(18,2)", amounts)).isEqualTo(Long.MAX_VALUE);
    amounts[10] = "-0.92";
    assertThat(sumFen("decimal(18,2)", amounts)).isNull();
  }

  @Test
  void otherTypesAreCastToTwoPlacesFirst() {
    assertThat(sumFen("decimal(10,2)", "12345678.90", "-0.05")).isEqualTo(1_234_567_890L - 5L);
    assertThat(sumFen("decimal(20,0)", "42")).isEqualTo(4200L);
    assertThat(sumFen("long", "-7")).isEqualTo(-700L);
  }

  @Test
  void aSumBeyondALongOfFenIsNullNotAWrappedFigure() {
    // 10 × 9.99·10^17 fen = 9.99·10^18 > Long.MAX_VALUE (9.22·10^18): exact as a decimal, no long holds it.
    String[] max = new String[10];
    Arrays.fill(max, "9999999999999999.99");
    assertThat(sumFen("decimal(18,2)", max)).isNull();
    assertThat(sumFen("decimal(18,2)", (String) null)).as("nothing summed").isNull();
  }
}
