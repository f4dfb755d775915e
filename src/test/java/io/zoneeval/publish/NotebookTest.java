package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Databricks SQL source format: cells, markdown, titles, statements; and the exported notebooks' form. */
class NotebookTest {
  static final String SOURCE = String.join("\n",
      "-- Databricks notebook source",
      "-- MAGIC %md",
      "-- MAGIC # Title",
      "-- MAGIC Some text",
      "",
      "-- COMMAND ----------",
      "",
      "-- DBTITLE 1,The year",
      "DECLARE OR REPLACE VARIABLE report_year INT;",
      "SELECT 'a;b' AS x, \"c;d\" AS `e;f`; -- a comment; with a semicolon",
      "/* block; comment */",
      "",
      "-- COMMAND ----------",
      "",
      "-- First comment is the title",
      "-- zone-eval: may be empty",
      "SELECT 1",
      "",
      "-- COMMAND ----------",
      "",
      "-- MAGIC %python",
      "-- MAGIC print(1)",
      "");

  @Test
  void cellsAreSplitAtTheCommandLinesWithTheirKindAndTitle() {
    Notebook nb = Notebook.parse("x.sql", SOURCE);
    assertThat(nb.cells()).hasSize(4);
    Notebook.Cell md = nb.cells().get(0);
    assertThat(md.kind()).isEqualTo(Notebook.Kind.MARKDOWN);
    assertThat(md.text()).isEqualTo("# Title\nSome text");
    assertThat(md.title()).isEqualTo("Title");
    Notebook.Cell sql = nb.cells().get(1);
    assertThat(sql.kind()).isEqualTo(Notebook.Kind.SQL);
    assertThat(sql.title()).isEqualTo("The year");
    assertThat(sql.line()).isEqualTo(8);
    assertThat(sql.mayBeEmpty()).isFalse();
    Notebook.Cell third = nb.cells().get(2);
    assertThat(third.title()).isEqualTo("First comment is the title");
    assertThat(third.mayBeEmpty()).isTrue();
    assertThat(nb.cells().get(3).kind()).isEqualTo(Notebook.Kind.OTHER);
  }

  @Test
  void statementsAreSplitAtSemicolonsOutsideQuotesAndComments() {
    Notebook nb = Notebook.parse("x.sql", SOURCE);
    List<String> statements = Notebook.statements(nb.cells().get(1).text());
    assertThat(statements).containsExactly("DECLARE OR REPLACE VARIABLE report_year INT",
        "SELECT 'a;b' AS x, \"c;d\" AS `e;f`");
    assertThat(Notebook.statements("-- only a comment;\n")).isEmpty();
    assertThat(Notebook.statements("SELECT 'it\\'s; here'")).containsExactly("SELECT 'it\\'s; here'");
  }

  @Test
  void aVariableIsDeclaredByASqlStatementNotByMarkdownOrAComment() {
    Notebook nb = Notebook.parse("x.sql", SOURCE);
    assertThat(NotebookRunner.declares(nb, "report_year")).isTrue();
    assertThat(NotebookRunner.declares(nb, "zone")).isFalse();
    assertThat(NotebookRunner.declares(Notebook.parse("y.sql", "-- Databricks notebook source\n-- MAGIC %md\n"
        + "-- MAGIC DECLARE VARIABLE zone STRING;\n\n-- COMMAND ----------\n\n-- DECLARE VARIABLE zone STRING;\n"
        + "SELECT 1\n"), "zone")).isFalse();
  }

  /**
   * A statement that reads only results runs with interpreted expressions (InternalSettings), one that
   * reads anything else (here a table-valued function) with the session's own settings: each statement
   * prints the setting it ran under (Spark substitutes ${...} with the session's value as it parses).
   * Checked to fail with the runner's choice taken out (FALLBACK three times).
   */
  @Test
  void statementsThatReadOnlyResultsRunInterpretedAndTheOthersWithTheSessionsSettings() {
    org.apache.spark.sql.SparkSession spark = io.zoneeval.SparkTestSession.newSession();
    spark.conf().set("spark.sql.codegen.factoryMode", "FALLBACK");
    Notebook nb = Notebook.parse("modes.sql", String.join("\n", "-- Databricks notebook source",
        "SELECT '${spark.sql.codegen.factoryMode}' AS results_only;",
        "SELECT '${spark.sql.codegen.factoryMode}' AS reads_a_function FROM range(1);",
        "SELECT '${spark.sql.codegen.factoryMode}' AS results_only_again", ""));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    new NotebookRunner(spark, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8))
        .run(nb, java.util.Map.of());
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank() && !l.startsWith("--") && !l.startsWith("=="))).containsExactly(
        "results_only", "NO_CODEGEN", "reads_a_function", "FALLBACK", "results_only_again", "NO_CODEGEN");
  }

  @Test
  void aFileWithoutTheHeaderIsRefused() {
    assertThatThrownBy(() -> Notebook.parse("plain.sql", "SELECT 1"))
        .hasMessageContaining("plain.sql").hasMessageContaining("-- Databricks notebook source");
  }

  @Test
  void everyExportedNotebookIsInTheDatabricksSourceFormat() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("notebooks-exported"))) {
      files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(6);
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertThat(text).as(f.toString()).startsWith(Notebook.HEADER + "\n").doesNotContain("\r");
      // Cells are separated by a blank line, the command line, a blank line, as Databricks exports them.
      assertThat(text.lines().filter(l -> l.startsWith("-- COMMAND")).allMatch(l -> l.equals(Notebook.SEPARATOR)))
          .as(f.toString()).isTrue();
      Notebook nb = Notebook.parse(f.toString(), text);
      assertThat(nb.cells().get(0).kind()).as(f + ": starts with a markdown cell").isEqualTo(Notebook.Kind.MARKDOWN);
      assertThat(nb.cells().stream().filter(c -> c.kind() == Notebook.Kind.SQL)).as(f.toString()).isNotEmpty();
      assertThat(nb.cells().stream().filter(c -> c.kind() == Notebook.Kind.OTHER)).as(f.toString()).isEmpty();
    }
  }
}
