package io.zoneeval.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.shell.StatementSplitter.Split;
import io.zoneeval.shell.StatementSplitter.Statement;
import org.junit.jupiter.api.Test;

class ShellStatementSplitterTest {

  private static java.util.List<String> texts(String sql) {
    return StatementSplitter.split(sql).statements().stream().map(Statement::text).toList();
  }

  @Test
  void cutsAtSemicolonsOverLinesAndTrims() {
    Split split = StatementSplitter.split("SELECT 1;\n  SELECT zone_id,\n    total_score\n  FROM gold.zone_results;\nSELECT");
    assertThat(split.statements()).extracting(Statement::text)
        .containsExactly("SELECT 1", "SELECT zone_id,\n    total_score\n  FROM gold.zone_results");
    assertThat(split.rest()).isEqualTo("\nSELECT");
    assertThat(split.complete()).isFalse();
  }

  @Test
  void offsetsPointAtTheFirstCharacterOfEachStatement() {
    String text = "SELECT 1;\n-- the second\n  SELECT 2;";
    Split split = StatementSplitter.split(text);
    assertThat(split.statements()).extracting(Statement::offset)
        .containsExactly(0, text.indexOf("SELECT 2"));
    assertThat(split.statements().get(1).text()).isEqualTo("SELECT 2");
  }

  @Test
  void semicolonsInsideQuotesAndIdentifiersDoNotEndAStatement() {
    assertThat(texts("SELECT 'a;b', \"c;d\", `e;f` FROM t; SELECT 2;"))
        .containsExactly("SELECT 'a;b', \"c;d\", `e;f` FROM t", "SELECT 2");
    // Spark's backslash escape: the quote after it does not close the literal.
    assertThat(texts("SELECT 'it\\'s; fine';")).containsExactly("SELECT 'it\\'s; fine'");
    assertThat(texts("SELECT 'open; still open")).isEmpty();
    assertThat(StatementSplitter.split("SELECT 'open;\n").complete()).isFalse();
  }

  @Test
  void semicolonsInCommentsDoNotEndAStatement() {
    assertThat(texts("SELECT 1 -- one; two\n, 2;")).containsExactly("SELECT 1 -- one; two\n, 2");
    assertThat(texts("SELECT /* a; /* nested; */ still; */ 3;")).containsExactly("SELECT /* a; /* nested; */ still; */ 3");
    // A quote inside a comment opens nothing; comments after the last code are not part of the statement.
    assertThat(texts("SELECT 4 -- it's\n;")).containsExactly("SELECT 4");
  }

  @Test
  void emptyStatementsAndTrailingCommentsAreNothingToRun() {
    assertThat(texts(";; ; SELECT 1;;")).containsExactly("SELECT 1");
    assertThat(StatementSplitter.split("SELECT 1; -- done").complete()).isTrue();
    assertThat(StatementSplitter.split("SELECT 1; /* unfinished").complete()).isFalse();
    assertThat(StatementSplitter.isBlank("  -- a comment\n/* another */\n")).isTrue();
    assertThat(StatementSplitter.isBlank("-- a comment\nSELECT")).isFalse();
  }
}
