package io.zoneeval.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The shell on piped input, against a fake executor: what runs, what prints where, the exit status. */
class ShellScriptTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter messages = new StringWriter();

  private final FakeSql sql = new FakeSql()
      .answer("SELECT zone_id, 名称\nFROM zones", QueryResult.of(FakeSql.strings("zone_id", "名称"),
          List.of(List.of("Z01", "苏州"), Arrays.asList("Z02", null))))
      .answer("SELECT 2", QueryResult.of(FakeSql.strings("two"), List.of(List.of("2"))))
      .table("gold.zones", new StructType().add("zone_id", DataTypes.StringType, false,
          new MetadataBuilder().putString("comment", "园区代码 zone code").build()));

  private int run(String... lines) {
    return new Shell(sql, 1000).runScript(new BufferedReader(new StringReader(String.join("\n", lines))),
        new PrintWriter(out), new PrintWriter(messages));
  }

  @Test
  void statementsOverSeveralLinesRunInOrderAndPrintAsTables() {
    assertThat(run("SELECT zone_id, 名称", "FROM zones;  SELECT 2;")).isZero();
    assertThat(sql.ran).containsExactly("SELECT zone_id, 名称\nFROM zones", "SELECT 2");
    assertThat(out.toString()).isEqualTo(String.join("\n",
        " zone_id | 名称",
        "---------+------",
        " Z01     | 苏州",
        " Z02     | NULL",
        "(2 rows)",
        " two",
        "-----",
        " 2",
        "(1 row)",
        ""));
    assertThat(messages.toString()).isEmpty();
  }

  @Test
  void aFailingStatementPrintsOneLineTheRestStillRunsAndTheStatusIsOne() {
    assertThat(run("SELECT 2;", "", "SELECT *", "  FROM nowhere;", "SELECT 2;")).isEqualTo(1);
    assertThat(sql.ran).containsExactly("SELECT 2", "SELECT *\n  FROM nowhere", "SELECT 2");
    assertThat(messages.toString())
        .isEqualTo("error: line 3: [TABLE_OR_VIEW_NOT_FOUND] no answer for: SELECT *\n");
    assertThat(out.toString()).containsSubsequence(" 2\n", " 2\n");
  }

  @Test
  void theLastStatementMayOmitItsSemicolonAndCommentsAreNotStatements() {
    assertThat(run("-- the header", "SELECT 2; -- trailing", "/* a block */", "SELECT 2", "-- the end")).isZero();
    assertThat(sql.ran).containsExactly("SELECT 2", "SELECT 2");
  }

  @Test
  void backslashCommandsOnTheirOwnLinesSwitchTheFormat() {
    assertThat(run("\\csv", "SELECT 2;", "\\x", "SELECT 2;", "\\x", "SELECT 2;")).isZero();
    assertThat(out.toString()).isEqualTo(String.join("\n",
        "two", "2",
        "-[ RECORD 1 ]", "two | 2",
        " two", "-----", " 2", "(1 row)", ""));
    assertThat(messages.toString()).isEqualTo(String.join("\n",
        "Output format is csv.", "Expanded display is on.", "Expanded display is off.", ""));
  }

  @Test
  void timingPrintsTheTimeOfEachStatementOnceOn() {
    assertThat(run("SELECT 2;", "\\timing", "SELECT 2;", "SELECT * FROM nowhere;")).isEqualTo(1);
    assertThat(messages.toString().lines().filter(l -> l.matches("Time: \\d+\\.\\d{3} s"))).hasSize(2);
    assertThat(messages.toString()).startsWith("Timing is on.\n");
  }

  @Test
  void describeListsTheColumnsWithTheirTermAndAnUnknownTableFailsInOneLine() {
    assertThat(run("\\d gold.zones;", "\\d gold.nothing", "SELECT 2;")).isEqualTo(1);
    assertThat(out.toString()).startsWith(String.join("\n",
        " column  | type            | term     | unit | meaning",
        "---------+-----------------+----------+------+-----------",
        " zone_id | string not null | 园区代码 |      | zone code",
        "(1 row)", ""));
    assertThat(messages.toString()).isEqualTo(
        "error: line 2: [TABLE_OR_VIEW_NOT_FOUND] The table or view `gold.nothing` cannot be found.\n");
    assertThat(sql.ran).endsWith("SELECT 2");
  }

  @Test
  void describeWithoutATableListsTheTables() {
    sql.table("gold.results", FakeSql.strings("year"));
    assertThat(run("\\d")).isZero();
    assertThat(out.toString()).isEqualTo(" table\n--------------\n gold.results\n gold.zones\n(2 rows)\n");
  }

  @Test
  void quitStopsTheScriptAndUnknownCommandsFail() {
    assertThat(run("SELECT 2;", "\\q", "SELECT 2;")).isZero();
    assertThat(sql.ran).containsExactly("SELECT 2");
    assertThat(run("\\nonsense", "\\x on", "SELECT 2;")).isEqualTo(1);
    assertThat(messages.toString()).isEqualTo("error: line 1: unknown command \\nonsense; \\? lists the commands\n"
        + "error: line 2: \\x takes no argument\n");
  }

  @Test
  void aBackslashInsideAnUnfinishedStatementIsPartOfIt() {
    sql.answer("SELECT '\n\\x\n'", QueryResult.of(FakeSql.strings("v"), List.of(List.of("\n\\x\n"))));
    assertThat(run("SELECT '", "\\x", "';")).isZero();
    assertThat(out.toString()).contains(" \\n\\x\\n\n");
    assertThat(messages.toString()).isEmpty();
  }

  @Test
  void aBigResultIsCutAtTheRowCapWithANoteOfHowManyMore() {
    List<List<String>> rows = java.util.stream.IntStream.range(0, 25).mapToObj(i -> List.of("r" + i)).toList();
    sql.answer("SELECT many", QueryResult.of(FakeSql.strings("v"), rows));
    int status = new Shell(sql, 10).runScript(new BufferedReader(new StringReader("SELECT many;")),
        new PrintWriter(out), new PrintWriter(messages));
    assertThat(status).isZero();
    assertThat(out.toString().lines()).hasSize(2 + 10).contains(" r9").doesNotContain(" r10");
    assertThat(messages.toString()).startsWith("(15 more rows not shown: 10 of 25;");
  }

  @Test
  void theWordsOfOtherShellsWorkAloneOnTheirLine() {
    sql.table("gold.results", FakeSql.strings("year")).table("silver.rejects", FakeSql.strings("reason"));
    assertThat(run("help", ".tables", "\\dt gold;", "\\dn", "SELECT 2;", "exit", "SELECT 2;")).isZero();
    assertThat(sql.ran.stream().filter("SELECT 2"::equals)).hasSize(1);
    assertThat(out.toString()).isEqualTo(Shell.HELP + String.join("\n",
        " schema | name",
        "--------+---------",
        " gold   | results",
        " gold   | zones",
        " silver | rejects",
        "(3 rows)",
        " schema | name",
        "--------+---------",
        " gold   | results",
        " gold   | zones",
        "(2 rows)",
        " schema",
        "--------",
        " gold",
        " silver",
        "(2 rows)",
        " two",
        "-----",
        " 2",
        "(1 row)",
        ""));
    assertThat(messages.toString()).isEmpty();
  }

  @Test
  void quitAndExitTakeASemicolonAndAnyCaseButInsideAStatementTheyAreSql() {
    for (String quit : List.of("quit;", "EXIT", "  Quit ;;", ".quit", "\\q;")) {
      sql.ran.clear();
      assertThat(run("SELECT 2;", quit, "SELECT 2;")).as(quit).isZero();
      assertThat(sql.ran).as(quit).containsExactly("SELECT 2");
    }
    sql.answer("SELECT\nexit\nFROM t", QueryResult.of(FakeSql.strings("exit"), List.of(List.of("1"))));
    assertThat(run("SELECT", "exit", "FROM t;", "SELECT 2;")).isZero();
    assertThat(sql.ran).endsWith("SELECT\nexit\nFROM t", "SELECT 2");
  }

  @Test
  void listingTheTablesOfASchemaThatIsNotThereFailsInOneLine() {
    assertThat(run("\\dt nowhere", ".nonsense", "\\dn gold")).isEqualTo(1);
    assertThat(messages.toString()).isEqualTo("error: line 1: no schema nowhere; \\dn lists the schemas\n"
        + "error: line 2: unknown command .nonsense; \\? lists the commands\n"
        + "error: line 3: \\dn takes no argument\n");
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("\\?")).isZero();
    assertThat(Shell.COMMANDS).allSatisfy(command -> assertThat(out.toString()).contains("  " + command + " "));
  }
}
