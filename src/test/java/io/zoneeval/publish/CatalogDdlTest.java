package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseCatalog;
import io.zoneeval.cycle.Cli;
import io.zoneeval.fixtures.CommittedWarehouse;
import io.zoneeval.rules.Rules;
import io.zoneeval.shell.StatementSplitter;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code zone-eval catalog --ddl}: the statements that register the warehouse in another engine's catalog.
 * The Spark ones are run in a plain Delta session, with Delta's own catalog and none of zone-eval's, and its
 * {@code published.zone_results} must give zone-eval's rows: both zones of 2023 as published, at the version
 * the run recorded (a later, uncommitted write deleted one), and 2024's as a draft.
 */
@ResourceLock(CommittedWarehouse.IN_MEMORY_CATALOG)
class CatalogDdlTest {
  private static final String ROWS = "SELECT year, zone_id, total_score, final_rank, run_id, publication_state "
      + "FROM published.zone_results ORDER BY year, zone_id";

  @Test
  void theSparkStatementsGiveAPlainDeltaSessionTheRowsZoneEvalPublishes() {
    CommittedWarehouse.alone(CatalogDdlTest::sparkStatementsGiveZoneEvalsRows);
  }

  private static void sparkStatementsGiveZoneEvalsRows() {
    CommittedWarehouse.Built built = CommittedWarehouse.get();
    String root = built.root().toString();

    // zone-eval's own published.zone_results, through its catalog.
    SparkSession zoneEval = SparkTestSession.newSession();
    zoneEval.conf().set(WarehouseCatalog.WAREHOUSE_CONF, root);
    PublishedViews.refresh(zoneEval, new Warehouse(zoneEval, root));
    List<String> expected = strings(zoneEval.sql(ROWS).collectAsList());
    // Two zones a year, all of the one run: 2023 published (K2 too, which the uncommitted write deleted), 2024 a draft.
    assertThat(expected).hasSize(4);
    assertThat(expected).extracting(r -> r.substring(0, 8))
        .containsExactly("2023,K1,", "2023,K2,", "2024,K1,", "2024,K2,");
    assertThat(expected.subList(0, 2)).allSatisfy(r -> assertThat(r).endsWith("," + built.run() + ",published"));
    assertThat(expected.subList(2, 4)).allSatisfy(r -> assertThat(r).endsWith("," + built.run() + ",draft"));

    Cli.Result printed = Cli.run("catalog", "--ddl", "--warehouse", root);
    assertThat(printed.status()).as(printed.err()).isZero();
    List<String> statements = StatementSplitter.split(printed.out()).statements().stream()
        .map(StatementSplitter.Statement::text).toList();

    // A session of Delta alone: Delta's catalog as the session catalog, no warehouse setting.
    SparkSession plain = SparkTestSession.get().newSession();
    plain.conf().unset(WarehouseCatalog.WAREHOUSE_CONF);
    plain.conf().set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    try {
      statements.forEach(plain::sql);
      assertThat(strings(plain.sql(ROWS).collectAsList())).isEqualTo(expected);
      // The registered table itself reads its latest version, the uncommitted write's: K2's 2023 row is gone.
      assertThat(strings(plain.sql("SELECT zone_id FROM gold.zone_results WHERE year = 2023").collectAsList()))
          .containsExactly("K1");
      assertThat(strings(plain.sql("SELECT count(*) FROM silver.zones").collectAsList())).containsExactly("4");
    } finally {
      for (String schema : List.of("bronze", "silver", "gold", PublishedViews.SCHEMA)) {
        plain.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void trinoRegistersEveryTableWithItsProcedureAndPinsTheViewsWithForVersionAsOf() {
    CommittedWarehouse.Built built = CommittedWarehouse.get();
    SparkSession spark = SparkTestSession.get();
    Warehouse warehouse = new Warehouse(spark, built.root().toString());
    List<String> statements =
        new CatalogDdl(warehouse, CommitLog.readResults(warehouse), CatalogDdl.Engine.TRINO, null).statements();

    assertThat(statements).startsWith("CREATE SCHEMA IF NOT EXISTS delta.bronze",
        "CREATE SCHEMA IF NOT EXISTS delta.silver", "CREATE SCHEMA IF NOT EXISTS delta.gold",
        "CREATE SCHEMA IF NOT EXISTS delta.published");
    // Every declared table (the fixture's warehouse has them all), each registered once, by its location.
    assertThat(statements.stream().filter(s -> s.startsWith("CALL delta.system.register_table(")))
        .hasSize(Tables.all(Rules.defaults()).size());
    assertThat(statements).contains("CALL delta.system.register_table(schema_name => 'gold', table_name => "
        + "'zone_results', table_location => '" + warehouse.location(Tables.ZONE_RESULTS) + "')");
    long a = built.resultsVersion();
    assertThat(statements).contains("CREATE OR REPLACE VIEW delta.published.zone_results AS "
        + "SELECT t.*, 'published' AS publication_state FROM delta.gold.zone_results FOR VERSION AS OF " + a
        + " t WHERE t.year = 2023 UNION ALL "
        + "SELECT t.*, 'draft' AS publication_state FROM delta.gold.zone_results FOR VERSION AS OF " + a
        + " t WHERE t.year = 2024");
    assertThat(statements.stream().filter(s -> s.startsWith("CREATE OR REPLACE VIEW delta.published.")))
        .hasSize(PublishedViews.viewed().size());
  }

  @Test
  void aCatalogNameQualifiesEveryNameAndQuotesInALocationAreEscapedPerEngine() {
    CommittedWarehouse.Built built = CommittedWarehouse.get();
    SparkSession spark = SparkTestSession.get();
    Warehouse warehouse = new Warehouse(spark, built.root().toString());
    CommitLog log = CommitLog.readResults(warehouse);
    List<String> databricks = new CatalogDdl(warehouse, log, CatalogDdl.Engine.DATABRICKS, "main").statements();
    assertThat(databricks).contains("CREATE SCHEMA IF NOT EXISTS main.published", "CREATE TABLE IF NOT EXISTS "
        + "main.gold.runs USING DELTA LOCATION '" + warehouse.location(Tables.RUNS) + "'");
    assertThat(databricks).anySatisfy(s -> assertThat(s)
        .startsWith("CREATE OR REPLACE VIEW main.published.zone_scores AS ")
        .contains(" FROM main.gold.zone_scores VERSION AS OF "));

    assertThat(new CatalogDdl(warehouse, log, CatalogDdl.Engine.SPARK, null).literal("/data/it's\\x"))
        .isEqualTo("'/data/it\\'s\\\\x'");
    assertThat(new CatalogDdl(warehouse, log, CatalogDdl.Engine.TRINO, null).literal("/data/it's\\x"))
        .isEqualTo("'/data/it''s\\x'");
  }

  private static List<String> strings(List<Row> rows) {
    return rows.stream().map(r -> r.mkString(",")).toList();
  }
}
