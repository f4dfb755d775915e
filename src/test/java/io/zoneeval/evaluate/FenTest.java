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

/** Yuan into long fen, exactly: a decimal(18,2)'s unscaled value, and other types through a cast. */
class FenTest {
  private static List<Object> fen(String type, Object... yuan) {
    StructType schema = new StructType().add("yuan", DataTypes.createDecimalType(18, 2));
    List<Row> rows = Arrays.stream(yuan).map(y -> RowFactory.create(y == null ? null : new BigDecimal((String) y)))
        .toList();
    return SparkTestSession.get().createDataFrame(rows, schema).select(col("yuan").cast(type).as("yuan"))
        .select(EnterpriseYear.fen(col("yuan"))).collectAsList().stream().map(r -> r.get(0)).toList();
  }

  @Test
  void aDecimalOfTwoPlacesIsItsHundredths() {
    // 9 999 999 999 999 999.99 yuan: the largest decimal(18,2), 10^18 - 1 fen.
    assertThat(fen("decimal(18,2)", "0.01", "-123.45", "1", "0", "9999999999999999.99", "-9999999999999999.99", null))
        .containsExactly(1L, -12345L, 100L, 0L, 999_999_999_999_999_999L, -999_999_999_999_999_999L, null);
  }

  @Test
  void otherTypesAreCastToTwoPlacesFirst() {
    assertThat(fen("decimal(10,2)", "12345678.90", "-0.05")).containsExactly(1_234_567_890L, -5L);
    assertThat(fen("decimal(20,0)", "42")).containsExactly(4200L);
    assertThat(fen("long", "-7")).containsExactly(-700L);
  }
}
