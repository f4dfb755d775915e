package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ResultQueriesTest {
  private static final SparkSession SPARK = SparkTestSession.get();

  private static boolean results(String sql) {
    return ResultQueries.readsOnlyResults(SPARK, sql);
  }

  @Test
  void statementsOverGoldAndPublishedOnlyAreResultQueries() {
    assertThat(results("SELECT count(*) FROM gold.zone_results")).isTrue();
    assertThat(results("SELECT m.year, r.total_score FROM gold.zone_metrics m JOIN PUBLISHED.zone_results r "
        + "USING (year, zone_id) WHERE r.zone_id IN (SELECT zone_id FROM gold.zone_scores)")).isTrue();
    assertThat(results("SELECT 1")).isTrue();
    assertThat(results("SELECT * FROM gold.zone_metrics AS m, gold.zone_scores s WHERE m.year = s.year")).isTrue();
    assertThat(results("DESCRIBE TABLE gold.zone_results")).isTrue();
    assertThat(results("-- a comment naming silver.invoices\nSELECT 'FROM silver.x' FROM `gold`.`zone_results`"))
        .isTrue();
  }

  @Test
  void anythingThatMayReadRecordsKeepsTheCompiledPath() {
    assertThat(results("SELECT count(*) FROM silver.invoices")).isFalse();
    assertThat(results("SELECT * FROM gold.zone_results WHERE zone_id IN "
        + "(SELECT zone_id FROM silver.zones)")).isFalse();
    assertThat(results("SELECT * FROM gold.zone_results r JOIN bronze.deliveries d ON true")).isFalse();
    assertThat(results("SELECT * FROM gold.zone_results r, silver.zones z WHERE r.zone_id = z.zone_id")).isFalse();
    assertThat(results("SELECT * FROM gold.zone_results LEFT JOIN (SELECT * FROM silver.zones) USING (zone_id)"))
        .isFalse();
    // A name it cannot place: a CTE's, a bare name outside gold, a path, a table-valued function.
    assertThat(results("WITH r AS (SELECT * FROM gold.zone_results) SELECT * FROM r")).isFalse();
    assertThat(results("SELECT * FROM zone_results")).isFalse();
    assertThat(results("SELECT * FROM delta.`/tmp/x`")).isFalse();
    assertThat(results("SELECT * FROM range(10)")).isFalse();
    assertThat(results("SELEKT nonsense")).isFalse();
  }
}
