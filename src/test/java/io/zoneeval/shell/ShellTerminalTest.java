package io.zoneeval.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell on a terminal, against a fake executor: the keys an analyst presses. */
class ShellTerminalTest {
  @TempDir Path tmp;

  private static final StructType NO_COLUMNS = new StructType();

  private final FakeSql sql = new FakeSql()
      .answer("SELECT zone_id, 名称\nFROM zones", QueryResult.of(FakeSql.strings("zone_id", "名称"),
          List.of(List.of("Z01", "苏州工业园区"), List.of("Z02", "A区"))))
      .answer("SELECT 2", QueryResult.of(FakeSql.strings("two"), List.of(List.of("2"))))
      .table("gold.zones", FakeSql.strings("zone_id", "zone_name"));

  @Test
  void aStatementOverSeveralLinesGetsAContinuationPromptAndCtrlDQuits() throws Exception {
    try (TerminalDriver terminal = new TerminalDriver(new Shell(sql, 1000), null)) {
      terminal.awaitPrompt(1).type("SELECT zone_id, 名称\r").await(s -> s.contains(Shell.CONTINUATION), "continuation")
          .type("FROM zones;\r").awaitPrompt(2);
      assertThat(sql.ran).containsExactly("SELECT zone_id, 名称\nFROM zones");
      assertThat(terminal.screen()).contains(String.join("\n",
          "zone-eval> SELECT zone_id, 名称",
          "        -> FROM zones;",
          " zone_id | 名称",
          "---------+--------------",
          " Z01     | 苏州工业园区",
          " Z02     | A区",
          "(2 rows)",
          "zone-eval> "));
      terminal.type("\u0004").awaitEnd();
    }
  }

  @Test
  void ctrlCAtThePromptDropsWhatWasTypedAndTheNextStatementRuns() throws Exception {
    try (TerminalDriver terminal = new TerminalDriver(new Shell(sql, 1000), null)) {
      terminal.awaitPrompt(1).type("SELECT half").await(s -> s.contains("half"), "the typed text")
          .type("\u0003").awaitPrompt(2).type("SELECT 2;\r").awaitPrompt(3);
      assertThat(sql.ran).containsExactly("SELECT 2");
      assertThat(terminal.ended()).isFalse();
    }
  }

  @Test
  void exclamationMarksAndBackslashesReachTheStatementAsTyped() throws Exception {
    sql.answer("SELECT 1 != 2, '!!', 'a\\b'", QueryResult.of(FakeSql.strings("v"), List.of()));
    try (TerminalDriver terminal = new TerminalDriver(new Shell(sql, 1000), null)) {
      terminal.awaitPrompt(1).type("SELECT 1 != 2, '!!', 'a\\b';\r").awaitPrompt(2);
      assertThat(sql.ran).containsExactly("SELECT 1 != 2, '!!', 'a\\b'");
    }
  }

  @Test
  void ctrlCWhileAStatementRunsCancelsItAndTheShellGoesOn() throws Exception {
    Terminal[] running = new Terminal[1];
    sql.answer("SELECT slow", QueryResult.of(FakeSql.strings("v"), List.of()))
        .effect("SELECT slow", () -> running[0].raise(Terminal.Signal.INT));
    try (TerminalDriver terminal = new TerminalDriver(new Shell(sql, 1000), null)) {
      running[0] = terminal.terminal;
      terminal.awaitPrompt(1).type("SELECT slow;\r").awaitPrompt(2);
      assertThat(sql.cancels).isEqualTo(1);
      // Back at the prompt, Ctrl-C is the prompt's again: it cancels nothing.
      terminal.type("x").await(s -> s.endsWith("x"), "the typed x").type("\u0003").awaitPrompt(3)
          .type("SELECT 2;\r").awaitPrompt(4);
      assertThat(sql.cancels).isEqualTo(1);
      assertThat(sql.ran).containsExactly("SELECT slow", "SELECT 2");
    }
  }

  @Test
  void tabCompletesTableNamesAndFindsTablesCreatedSince() throws Exception {
    sql.answer("CREATE TABLE gold.new_one (x INT)", QueryResult.of(NO_COLUMNS, List.of()))
        .effect("CREATE TABLE gold.new_one (x INT)", () -> sql.table("gold.new_one", FakeSql.strings("x")))
        .answer("SELECT elsewhere", QueryResult.of(NO_COLUMNS, List.of()))
        .effect("SELECT elsewhere", () -> sql.table("gold.other_one", FakeSql.strings("y")))
        .answer("SELECT zone_name FROM gold.zones", QueryResult.of(FakeSql.strings("zone_name"), List.of()));
    try (TerminalDriver terminal = new TerminalDriver(new Shell(sql, 1000), null)) {
      terminal.awaitPrompt(1).type("\\d gold.zo\t\r").awaitPrompt(2);
      assertThat(terminal.screen()).contains(" zone_name | string |      |");
      // A column of a table the statement names (typed first, then the cursor goes back before FROM).
      terminal.type("SELECT  FROM gold.zones;" + "\u0002".repeat(" FROM gold.zones;".length()) + "zone_n\t\r")
          .awaitPrompt(3);
      assertThat(sql.ran).contains("SELECT zone_name FROM gold.zones");
      // A table the shell itself created is offered at once; one created by someone else after \refresh.
      terminal.type("CREATE TABLE gold.new_one (x INT);\r").awaitPrompt(4).type("\\d gold.ne\t\r").awaitPrompt(5);
      assertThat(terminal.screen()).contains(" x      | string |      |");
      terminal.type("SELECT elsewhere;\r").awaitPrompt(6).type("\\refresh\r").awaitPrompt(7)
          .type("\\d gold.ot\t\r").awaitPrompt(8);
      assertThat(terminal.screen()).contains(" y      | string |      |").doesNotContain("error");
    }
  }

  @Test
  void tabCompletesKeywordsInTheCaseTypedAndQuitEndsTheSession() throws Exception {
    sql.answer("select 2", QueryResult.of(FakeSql.strings("two"), List.of(List.of("2"))));
    try (TerminalDriver terminal = new TerminalDriver(new Shell(sql, 1000), null)) {
      terminal.awaitPrompt(1).type("sel\t2;\r").awaitPrompt(2);
      assertThat(sql.ran).contains("select 2").doesNotContain("sel2", "SELECT 2");
      terminal.type("help\r").awaitPrompt(3);
      assertThat(terminal.screen()).contains("\\dn           list the schemas");
      terminal.type("quit\r").awaitEnd();
    }
  }

  @Test
  void historyIsKeptInAFileAndComesBackWithTheUpArrow() throws Exception {
    Path history = tmp.resolve(".zone-eval_history");
    try (TerminalDriver terminal = new TerminalDriver(new Shell(sql, 1000), history)) {
      terminal.awaitPrompt(1).type("SELECT 2;\r").awaitPrompt(2).type("\\q\r").awaitEnd();
    }
    assertThat(Files.readString(history)).contains("SELECT 2;").contains("\\q");
    FakeSql again = new FakeSql().answer("SELECT 2", QueryResult.of(FakeSql.strings("two"), List.of(List.of("2"))));
    try (TerminalDriver terminal = new TerminalDriver(new Shell(again, 1000), history)) {
      // Up twice (the arrow as an xterm sends it in application mode): past \q to the statement.
      terminal.awaitPrompt(1).type("\u001bOA").await(s -> s.contains("\\q"), "\\q from the history")
          .type("\u001bOA").await(s -> s.contains("SELECT 2;"), "the statement from the history")
          .type("\r").awaitPrompt(2);
      assertThat(again.ran).containsExactly("SELECT 2");
    }
  }
}
