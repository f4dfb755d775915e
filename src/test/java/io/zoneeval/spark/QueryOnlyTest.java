package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which statements sql, the shell and notebooks run. How it was checked to fail without its protection:
 * with {@link QueryOnly#check} returning every statement unjudged, each refusal case below fails.
 */
class QueryOnlyTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "SELECT * FROM published.zone_results WHERE year = 2024",
    "  -- a comment\n select 1",
    "/* a /* nested */ comment */ SELECT 1",
    "WITH a AS (SELECT 1 AS x), b (y) AS (SELECT 2) SELECT * FROM a, b",
    "WITH a AS (SELECT 1) (SELECT * FROM a)",
    "(SELECT 1) UNION ALL (SELECT 2)",
    "VALUES (1, 'a')",
    "TABLE gold.zone_results",
    "FROM gold.zone_results SELECT zone_id",
    "SHOW TABLES",
    "SHOW SCHEMAS",
    "DESCRIBE gold.zone_results",
    "DESC HISTORY gold.zone_results",
    "EXPLAIN SELECT 1",
    "USE published",
    "DECLARE OR REPLACE VARIABLE report_year INT",
    "SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM published.zone_results))",
    "SET",
    "SET -v",
    "SET spark.databricks.delta.retentionDurationCheck.enabled",
    "SET spark.sql.session.timeZone = Asia/Shanghai",
    "SET TIME ZONE 'Asia/Shanghai'",
    // Words that only look like writes: in a literal, a comment, a quoted name, a column.
    "SELECT 'DROP TABLE x; INSERT INTO y' AS text -- DELETE FROM z",
    "SELECT `insert`, replace(zone_name, 'a', 'b') FROM gold.zone_results",
    "SELECT * FROM gold.zone_results WHERE zone_id = 'delta.`/tmp`'",
  })
  void queriesRun(String sql) {
    assertThat(QueryOnly.check(sql)).isEqualTo(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "INSERT INTO gold.publications VALUES (2024, 'r', 'approved', current_timestamp(), null, 'me')",
    "insert overwrite directory '/tmp/x' using csv select uscc, name from silver.enterprises",
    "DELETE FROM gold.zone_results WHERE year = 2024",
    "UPDATE gold.publications SET state = 'approved'",
    "MERGE INTO gold.runs t USING (SELECT 1) s ON false WHEN NOT MATCHED THEN INSERT *",
    "DROP TABLE gold.zone_results",
    "CREATE TABLE x USING delta LOCATION '/tmp/x' AS SELECT 1",
    "CREATE OR REPLACE TEMPORARY VIEW v USING text OPTIONS (path '/etc/passwd')",
    "ALTER TABLE gold.zone_results SET TBLPROPERTIES ('delta.logRetentionDuration' = '0 days')",
    "TRUNCATE TABLE gold.runs",
    "VACUUM gold.zone_results RETAIN 0 HOURS",
    "OPTIMIZE gold.zone_results",
    "RESTORE TABLE gold.zone_results TO VERSION AS OF 0",
    "REFRESH TABLE gold.zone_results",
    "CACHE TABLE gold.zone_results",
    "ADD JAR /tmp/evil.jar",
    "RESET",
    "  /* hidden */ DROP TABLE gold.runs",
    "WITH a AS (SELECT 1) INSERT INTO gold.runs SELECT * FROM a",
    "WITH a AS (SELECT 1) DELETE FROM gold.runs",
    "FROM gold.zone_results INSERT INTO gold.runs SELECT *",
    "SET spark.databricks.delta.retentionDurationCheck.enabled = false",
    "SET spark.sql.runSQLOnFiles=true",
    "SELECT * FROM text.`/etc/passwd`",
    "SELECT * FROM delta.`/work/warehouse/gold/zone_results`",
    "DESCRIBE HISTORY delta.`file:/work/warehouse/gold/zone_results`",
    "VACUUM delta.`/work/warehouse/gold/zone_results` RETAIN 0 HOURS",
    "SELECT java_method('java.lang.System', 'exit', 0)",
    "SELECT reflect('java.lang.Runtime', 'getRuntime')",
    "SELECT * FROM read_files('/etc/passwd')",
    "BEGIN DROP TABLE gold.runs; END",
    "SELECT `reflect`('java.lang.Thread', 'sleep', 9999L)",
    "SELECT system.builtin.`java_method`('java.lang.System', 'exit', 0)",
    "SELECT * FROM IDENTIFIER('text.`/etc/passwd`')",
    "SELECT r'\\', reflect('java.lang.System', 'exit', 0) -- '",
    "SELECT 1 --x\r, reflect('java.lang.System', 'exit', 0)",
    "SELECT * FROM `text`.`/etc/passwd`",
    "SELECT * FROM text.`README.md`",
    "SELECT * FROM table_changes_by_path('/w/gold/zone_results', 0)",
  })
  void anythingElseIsRefusedWithOneLineNamingItsKind(String sql) {
    assertThatThrownBy(() -> QueryOnly.check(sql)).isInstanceOf(QueryOnly.Refused.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @org.junit.jupiter.api.Test
  void theRefusalNamesTheStatementKind() {
    assertThatThrownBy(() -> QueryOnly.check("vacuum gold.zone_results retain 0 hours"))
        .hasMessageStartingWith("refused: VACUUM changes a table's files");
    assertThatThrownBy(() -> QueryOnly.check("INSERT OVERWRITE DIRECTORY '/tmp/x' SELECT 1"))
        .hasMessageStartingWith("refused: INSERT writes rows");
    assertThatThrownBy(() -> QueryOnly.check("SELECT * FROM text.`/etc/passwd`"))
        .hasMessageStartingWith("reading files by path (text.`/etc/passwd`)");
  }
}
