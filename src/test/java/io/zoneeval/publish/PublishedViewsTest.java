package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseCatalog;
import io.zoneeval.fixtures.CommittedWarehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** When a statement makes the session define the published.* views first (issue 14: open only what is read). */
class PublishedViewsTest {
  @Test
  void statementsNamingTheSchemaDefineTheViews() {
    assertThat(PublishedViews.mayRead("SELECT * FROM published.zone_results", "default")).isTrue();
    assertThat(PublishedViews.mayRead("select * from `PUBLISHED`.`zone_scores`", "default")).isTrue();
    assertThat(PublishedViews.mayRead("SHOW TABLES IN published", "default")).isTrue();
  }

  @Test
  void statementsOnOtherTablesDoNot() {
    assertThat(PublishedViews.mayRead("SELECT count(*) FROM gold.zone_results", "default")).isFalse();
    // A longer word that contains the name is not the name.
    assertThat(PublishedViews.mayRead("SELECT published_at FROM gold.publications", "default")).isFalse();
  }

  @Test
  void theCurrentSchemaCountsAsNamed() {
    assertThat(PublishedViews.mayRead("SELECT * FROM zone_results", "published")).isTrue();
  }

  /**
   * A notebook's statements read the views' rows from memory (each view reads fixed versions, so its rows
   * cannot change while held), the same rows as without, and let them go when the notebook is done.
   */
  @Test
  @ResourceLock(CommittedWarehouse.IN_MEMORY_CATALOG)
  void aNotebooksStatementsReadTheViewsRowsFromMemoryAndLetThemGoAfter() {
    CommittedWarehouse.alone(PublishedViewsTest::viewsHeldInMemory);
  }

  private static void viewsHeldInMemory() {
    String root = CommittedWarehouse.get().root().toString();
    SparkSession spark = SparkTestSession.newSession();
    spark.conf().set(WarehouseCatalog.WAREHOUSE_CONF, root);
    Warehouse warehouse = new Warehouse(spark, root);
    String query = "SELECT year, zone_id, total_score, publication_state FROM published.zone_results ORDER BY year, zone_id";
    PublishedViews.refresh(spark, warehouse);
    var expected = spark.sql(query).collectAsList();
    assertThat(expected).hasSize(4);

    var held = PublishedViews.heldFor(spark, warehouse, query, () -> {
      assertThat(spark.catalog().isCached("published.zone_results")).isTrue();
      Dataset<Row> rows = spark.sql(query);
      assertThat(rows.queryExecution().withCachedData().toString()).contains("InMemoryRelation");
      return rows.collectAsList();
    });
    assertThat(held).isEqualTo(expected);
    assertThat(spark.catalog().isCached("published.zone_results")).isFalse();
    assertThat(spark.catalog().isCached("published.zone_metrics")).isFalse();
  }
}
