package io.zoneeval.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseCatalog;
import io.zoneeval.cli.ShellCommand;
import io.zoneeval.fixtures.CommittedWarehouse;
import io.zoneeval.rules.Rules;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The shell end to end on the shared Spark session, over a small Delta table whose columns carry comments
 * the way the warehouse's do: piped in as a script, typed at a terminal, and the executor's own work
 * (values as text, the row cap, the names completion finds).
 */
class ShellSparkTest {
  @TempDir static Path tmp;

  private static SparkSession spark;

  @BeforeAll
  static void createTable() {
    spark = SparkTestSession.get();
    spark.sql("CREATE SCHEMA IF NOT EXISTS shell_test");
    spark.sql("CREATE TABLE shell_test.zone_results ("
        + " year INT NOT NULL COMMENT '年度 evaluation year',"
        + " zone_id STRING NOT NULL COMMENT '园区代码 zone code',"
        + " zone_name STRING COMMENT '园区名称 name of the zone',"
        + " total_score DECIMAL(7,3) COMMENT '综合得分 total score [分]',"
        + " award_amount_wan DECIMAL(12,2) COMMENT '奖励金额 award for the zone [万元]')"
        + " USING delta LOCATION '" + tmp.resolve("zone_results").toUri() + "'");
    spark.sql("INSERT INTO shell_test.zone_results VALUES"
        + " (2024, 'Z01', '苏州工业园区', 95.125, 120.00),"
        + " (2024, 'Z02', 'A区', 88.5, NULL),"
        + " (2024, 'Z03', NULL, 70, 0)");
  }

  @AfterAll
  static void dropTable() {
    spark.sql("DROP SCHEMA IF EXISTS shell_test CASCADE");
  }

  private static final String SCRIPT = String.join("\n",
      "-- the 2024 results",
      "SELECT zone_id, zone_name,",
      "       total_score",
      "FROM shell_test.zone_results",
      "WHERE year = 2024",
      "ORDER BY zone_id;",
      "\\d shell_test.zone_results",
      "SELECT * FROM shell_test.no_such_table;",
      "SELECT count(*) AS zones FROM shell_test.zone_results;",
      "\\csv",
      "SELECT zone_id, zone_name FROM shell_test.zone_results ORDER BY zone_id;",
      "\\x",
      "SELECT zone_id, zone_name, award_amount_wan FROM shell_test.zone_results WHERE zone_id = 'Z01';");

  @Test
  void aPipedScriptRunsEveryStatementAndSaysWhichFailed() {
    StringWriter out = new StringWriter();
    StringWriter messages = new StringWriter();
    int status = new Shell(new SparkSqlExecutor(spark), 1000)
        .runScript(new BufferedReader(new StringReader(SCRIPT)), new PrintWriter(out), new PrintWriter(messages));

    assertThat(status).as("a statement failed").isEqualTo(1);
    assertThat(out.toString()).isEqualTo(String.join("\n",
        " zone_id | zone_name    | total_score",
        "---------+--------------+-------------",
        " Z01     | 苏州工业园区 |      95.125",
        " Z02     | A区          |      88.500",
        " Z03     | NULL         |      70.000",
        "(3 rows)",
        " column           | type            | term     | unit | meaning",
        "------------------+-----------------+----------+------+--------------------",
        " year             | int not null    | 年度     |      | evaluation year",
        " zone_id          | string not null | 园区代码 |      | zone code",
        " zone_name        | string          | 园区名称 |      | name of the zone",
        " total_score      | decimal(7,3)    | 综合得分 | 分   | total score",
        " award_amount_wan | decimal(12,2)   | 奖励金额 | 万元 | award for the zone",
        "(5 rows)",
        " zones",
        "-------",
        "     3",
        "(1 row)",
        "zone_id,zone_name",
        "Z01,苏州工业园区",
        "Z02,A区",
        "Z03,",
        "-[ RECORD 1 ]------------------",
        "zone_id          | Z01",
        "zone_name        | 苏州工业园区",
        "award_amount_wan | 120.00",
        ""));
    List<String> notes = messages.toString().lines().toList();
    assertThat(notes).hasSize(3);
    assertThat(notes.get(0)).startsWith("error: line 8: [TABLE_OR_VIEW_NOT_FOUND] The table or view ")
        .contains("no_such_table");
    assertThat(notes.subList(1, 3)).containsExactly("Output format is csv.", "Expanded display is on.");
  }

  @Test
  void atATerminalOneSessionAnswersStatementAfterStatement() throws Exception {
    try (TerminalDriver terminal = new TerminalDriver(new Shell(new SparkSqlExecutor(spark), 1000), null)) {
      // Over two lines, the table's name completed with Tab.
      terminal.awaitPrompt(1).type("SELECT zone_id, zone_name, total_score\r")
          .await(s -> s.contains(Shell.CONTINUATION), "the continuation prompt")
          .type("FROM shell_test.zone_re\t WHERE zone_id = 'Z01';\r").awaitPrompt(2);
      assertThat(terminal.screen()).contains(String.join("\n",
          " zone_id | zone_name    | total_score",
          "---------+--------------+-------------",
          " Z01     | 苏州工业园区 |      95.125",
          "(1 row)"));
      // A column completed from the table the statement names, its Chinese term found from its comment.
      terminal.type("SELECT  FROM shell_test.zone_results WHERE zone_id = 'Z02';")
          .type("\u0002".repeat(" FROM shell_test.zone_results WHERE zone_id = 'Z02';".length()))
          .type("award_am\t\r").awaitPrompt(3);
      assertThat(terminal.screen()).contains(" award_amount_wan\n------------------\n             NULL\n(1 row)");
      // An error is one line, and the session goes on.
      terminal.type("SELECT nope FROM shell_test.zone_results;\r").awaitPrompt(4);
      String error = terminal.screen().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
      assertThat(error).startsWith("error: [UNRESOLVED_COLUMN");
      assertThat(terminal.screen().substring(terminal.screen().indexOf(error) + error.length()))
          .startsWith("\nzone-eval> ");
      terminal.type("\\d shell_test.zone_results\r").awaitPrompt(5);
      assertThat(terminal.screen()).contains(" total_score      | decimal(7,3)    | 综合得分 | 分   | total score");
      terminal.type("\\x\r").awaitPrompt(6).type("SELECT zone_id, zone_name FROM shell_test.zone_results WHERE year = 2024 "
          + "AND zone_id = 'Z03';\r").awaitPrompt(7);
      assertThat(terminal.screen()).contains("-[ RECORD 1 ]---\nzone_id   | Z03\nzone_name | NULL\n");
      terminal.type("\\x\r").awaitPrompt(8).type("\\csv\r").awaitPrompt(9)
          .type("SELECT zone_id, total_score FROM shell_test.zone_results ORDER BY zone_id LIMIT 2;\r").awaitPrompt(10);
      assertThat(terminal.screen()).contains("zone_id,total_score\nZ01,95.125\nZ02,88.500\n");
      terminal.type("\\timing\r").awaitPrompt(11).type("SELECT 1;\r").awaitPrompt(12);
      assertThat(terminal.screen()).containsPattern("\n1\nTime: \\d+\\.\\d{3} s\n");
      terminal.type("\\q\r").awaitEnd();
    }
  }

  @Test
  void valuesAreSparksOwnTextAndABigResultIsCutAtTheCapAndCounted() throws Exception {
    SparkSqlExecutor executor = new SparkSqlExecutor(spark);
    QueryResult values = executor.execute("SELECT CAST(0 AS DECIMAL(38,18)) AS d, CAST(NULL AS INT) AS n,"
        + " TIMESTAMP'2024-12-31 23:59:59' AS ts, array(1, 2) AS a, map('k', 1.5D) AS m, 1 AS x, 2 AS x", 10);
    assertThat(values.schema().fieldNames()).containsExactly("d", "n", "ts", "a", "m", "x", "x");
    assertThat(values.rows()).containsExactly(
        Arrays.asList("0.000000000000000000", null, "2024-12-31 23:59:59", "[1, 2]", "{k -> 1.5}", "1", "2"));

    QueryResult big = executor.execute("SELECT id FROM range(2500)", 1000);
    assertThat(big.rows()).hasSize(1000);
    assertThat(big.totalRows()).isEqualTo(2500);
    assertThat(ResultRenderer.truncationNote(big)).startsWith("(1500 more rows not shown: 1000 of 2500;");
    QueryResult exactlyAll = executor.execute("SELECT id FROM range(1000)", 1000);
    assertThat(exactlyAll.truncated()).isFalse();

    // A statement without a result (the shell only runs queries, so: a session variable's declaration).
    QueryResult declared = executor.execute("DECLARE OR REPLACE VARIABLE shell_no_result INT", 1000);
    assertThat(declared.noColumns()).isTrue();
  }

  @Test
  @ResourceLock(CommittedWarehouse.IN_MEMORY_CATALOG)
  void onAWarehouseTheShellStartsInPublishedAndListsEverySchemaFromTheStart() {
    CommittedWarehouse.alone(ShellSparkTest::shellStartsInPublished);
  }

  private static void shellStartsInPublished() {
    CommittedWarehouse.Built built = CommittedWarehouse.get();
    String root = built.root().toString();
    SparkSession session = SparkTestSession.newSession();
    session.conf().set(WarehouseCatalog.WAREHOUSE_CONF, root);
    StringWriter out = new StringWriter();
    StringWriter messages = new StringWriter();
    try {
      int status = ShellCommand.shell(session, new Warehouse(session, root), 1000).runScript(new BufferedReader(
          new StringReader(String.join("\n", "\\csv", "SHOW TABLES;", "\\dt gold",
              "SELECT zone_id, run_id, publication_state FROM zone_results WHERE year = 2023 ORDER BY zone_id;",
              "SHOW SCHEMAS;", "quit", "SELECT 1;"))),
          new PrintWriter(out), new PrintWriter(messages));
      assertThat(status).as(messages.toString()).isZero();
    } finally {
      session.sql("DROP SCHEMA IF EXISTS published CASCADE");
    }
    // Every gold table declared (the fixture's run wrote them all), as \\dt gold lists them.
    String gold = Tables.all(Rules.defaults()).stream().filter(t -> t.schema().equals("gold"))
        .map(t -> "gold," + t.name()).sorted().collect(java.util.stream.Collectors.joining("\n"));
    String tables = String.join("\n",
        "namespace,tableName,isTemporary",
        "published,zone_metrics,false",
        "published,zone_results,false",
        "published,zone_scores,false",
        "schema,name",
        gold,
        // 2023 as published: both zones, at the run's version (a later uncommitted write deleted K2's row).
        "zone_id,run_id,publication_state",
        "K1," + built.run() + ",published",
        "K2," + built.run() + ",published",
        "namespace",
        "");
    assertThat(out.toString()).startsWith(tables);
    assertThat(out.toString().substring(tables.length()).lines())
        .contains("bronze", "silver", "gold", "published").doesNotContain("1");
    assertThat(messages.toString()).isEqualTo("Output format is csv.\n");
  }

  @Test
  void completionFindsTheSessionsTablesAndTheirCommentedColumns() {
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW shell_names_view AS SELECT 1 AS v");
    try {
      CatalogNames names = new CatalogNames(new SparkSqlExecutor(spark));
      assertThat(names.tables()).contains("shell_test.zone_results", "shell_names_view")
          .doesNotContain("shell_test.shell_names_view");
      assertThat(names.columns("shell_test.zone_results"))
          .extracting(f -> f.name() + " " + f.getComment().get())
          .contains("total_score 综合得分 total score [分]");
      assertThat(names.columns("shell_test.nothing_here")).isEmpty();
    } finally {
      spark.sql("DROP VIEW IF EXISTS shell_names_view");
    }
  }
}
