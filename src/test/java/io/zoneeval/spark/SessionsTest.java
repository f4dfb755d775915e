package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SessionsTest {
  @Test
  void aLocalWarehouseBecomesAbsoluteAndAUriStaysAsItIs() {
    assertThat(Sessions.absoluteWarehouse("target/wh/../warehouse"))
        .isEqualTo(Path.of("").toAbsolutePath().resolve("target/warehouse").toString());
    assertThat(Sessions.absoluteWarehouse("/data/warehouse")).isEqualTo("/data/warehouse");
    assertThat(Sessions.absoluteWarehouse("hdfs://nameservice1/warehouse/zone-eval"))
        .isEqualTo("hdfs://nameservice1/warehouse/zone-eval");
    assertThat(Sessions.absoluteWarehouse("s3a://bucket/zone-eval")).isEqualTo("s3a://bucket/zone-eval");
    // A URI without an authority is one too (it was once taken for a folder named "file:").
    assertThat(Sessions.absoluteWarehouse("file:/data/warehouse")).isEqualTo("file:/data/warehouse");
  }

  /**
   * The zone level's settings hold while its computation runs and then go back to what the session had:
   * a value it had set, or none (Spark's default; also what an internal key a release no longer knows
   * leaves, which must be no error).
   */
  @Test
  void zoneLevelSettingsHoldDuringTheComputationAndThenGoBackToTheSessionsOwn() {
    org.apache.spark.sql.SparkSession spark = io.zoneeval.SparkTestSession.newSession();
    spark.conf().set("spark.sql.shuffle.partitions", "5");
    spark.conf().unset("spark.sql.adaptive.enabled");
    String during = Sessions.zoneLevel(spark, () -> spark.conf().get("spark.sql.shuffle.partitions") + ","
        + spark.conf().get("spark.sql.adaptive.enabled"));
    assertThat(during).isEqualTo("1,false");
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("5");
    assertThat(spark.conf().get("spark.sql.adaptive.enabled", null)).isNull();
  }
}
