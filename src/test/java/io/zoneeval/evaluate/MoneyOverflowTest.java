package io.zoneeval.evaluate;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Sums of money are exact for any number of records within the rules' bound (1 000 000 000 000 yuan), or
 * the run stops with one line naming the zone and year: never Spark's own overflow error, never a sum
 * that wrapped around. Long.MAX_VALUE fen is 92 233 720 368 547 758.07 yuan, about 92 234 records at
 * the bound.
 */
class MoneyOverflowTest {
  private static final String AT_THE_BOUND = "1000000000000.00";

  /** {@code n} invoices of enterprise {@code e} in 2024, each at the bound. */
  private static RawFixture invoicesAtTheBound(RawFixture f, int e, int n) {
    String[] lines = new String[n];
    for (int i = 0; i < n; i++) {
      lines[i] = "E" + e + "-" + i + "," + uscc(e) + ",2024-06-01," + AT_THE_BOUND + ",0,normal";
    }
    return f.add(RawFile.INVOICES, lines);
  }

  private static RawFixture city() {
    return new RawFixture().zone(2024, "K1", "C1", "重点发展型", "C38").policy(2024, "C1", true)
        .enterprise(2024, 1, "K1", "C3811", true).enterprise(2024, 2, "K1", "C3811", true);
  }

  @Test
  void aZonesSalesBeyondALongOfFenAreExact() {
    // E1 and E2: 50 000 invoices each at the bound = 5·10^18 fen each (a long holds 9.22·10^18);
    // the zone: 10^19 fen = 100 000 000 000 000 000.00 yuan, exactly.
    RawFixture f = invoicesAtTheBound(invoicesAtTheBound(city(), 1, 50_000), 2, 50_000);
    Row k1 = f.evaluate(SparkTestSession.get(), Rules.defaults()).first();
    assertThat(k1.<BigDecimal>getAs("sales")).isEqualByComparingTo("100000000000000000.00");
    assertThat(k1.<BigDecimal>getAs("specialty_sales")).isEqualByComparingTo("100000000000000000.00");
    assertThat(k1.<BigDecimal>getAs("specialty_share_pct")).isEqualByComparingTo("100");
  }

  @Test
  void anEnterprisesSalesBeyondALongOfFenStopTheRunNamingTheZoneAndYearWithOrWithoutAnsiMode() {
    // E1: 92 234 invoices at the bound = 9.2234·10^18 fen > Long.MAX_VALUE.
    RawFixture f = invoicesAtTheBound(city(), 1, 92_234);
    // A session of its own (the test run's SparkContext, its own settings): ANSI mode switched there only.
    SparkSession spark = SparkTestSession.newSession();
    for (String mode : List.of("true", "false")) {
      spark.conf().set("spark.sql.ansi.enabled", mode);
      // However Spark wrapped the stop (one failing stage or several), its one line is found.
      assertThatThrownBy(() -> f.evaluate(spark, Rules.defaults()).collectAsList()).as("ANSI " + mode)
          .satisfies(e -> assertThat(EnterpriseYear.moneyStop(e)).isEqualTo(
              "money out of range: 2024 zone K1: the invoice sales of enterprise " + uscc(1)
                  + " add up beyond 92233720368547758.07 yuan, more than a sum in fen holds exactly; check the "
                  + "records, each at most data.max_record_amount_yuan"));
    }
  }

  @Test
  void aZoneFigureBeyondWhatGoldHoldsStopsTheRunNamingTheZoneAndYear() {
    // gold.zone_metrics holds yuan as decimal(20,2): under 10^20 fen. (Reaching it takes 10^6 records at
    // the bound; the check is shown on the zone sums directly.)
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType().add("year", DataTypes.IntegerType).add("zone_id", DataTypes.StringType)
        .add("sales_fen", DataTypes.createDecimalType(38, 0));
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(2024, "K1", BigDecimal.TEN.pow(20).subtract(BigDecimal.ONE)));
    assertThat(spark.createDataFrame(rows, schema)
        .select(ZoneMetrics.inYuanRange(org.apache.spark.sql.functions.col("sales_fen"), "sales")).first()
        .<BigDecimal>getAs(0)).isEqualByComparingTo("99999999999999999999");
    rows.add(RowFactory.create(2024, "K2", BigDecimal.TEN.pow(20).negate()));
    assertThatThrownBy(() -> spark.createDataFrame(rows, schema)
        .select(ZoneMetrics.inYuanRange(org.apache.spark.sql.functions.col("sales_fen"), "sales")).collectAsList())
        .satisfies(e -> assertThat(EnterpriseYear.moneyStop(e)).isEqualTo("money out of range: 2024 zone K2: the "
            + "zone's sales of -100000000000000000000 fen is more than gold.zone_metrics holds (decimal(20,2) yuan); "
            + "check the records, each at most data.max_record_amount_yuan"));
  }

  @Test
  void theStopsLineIsFoundHoweverSparkWrappedIt() {
    String line = "money out of range: 2024 zone K1: the invoice sales of enterprise X add up beyond 1 yuan";
    Exception raised = new RuntimeException("[USER_RAISED_EXCEPTION] " + line + " SQLSTATE: P0001\n== DataFrame ==");
    Exception several = new RuntimeException("[STAGE_MATERIALIZATION_MULTIPLE_FAILURES] Multiple failures (2) in "
        + "stage materialization:\n1. ...", raised);
    assertThat(EnterpriseYear.moneyStop(several)).isEqualTo(line);
    Exception suppressed = new RuntimeException("job aborted");
    suppressed.addSuppressed(raised);
    assertThat(EnterpriseYear.moneyStop(suppressed)).isEqualTo(line);
    assertThat(EnterpriseYear.moneyStop(new RuntimeException("[ARITHMETIC_OVERFLOW] long overflow"))).isNull();
  }
}
