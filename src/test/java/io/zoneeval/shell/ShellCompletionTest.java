package io.zoneeval.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

/** What Enter and Tab do at the prompt: when a statement is finished, and which names completion offers. */
class ShellCompletionTest {
  private final SqlLineParser parser = new SqlLineParser();
  private final FakeSql sql = new FakeSql()
      .table("gold.zone_results", new StructType()
          .add("zone_id", DataTypes.StringType, false, new MetadataBuilder().putString("comment", "园区代码 zone code").build())
          .add("total_score", DataTypes.createDecimalType(7, 3)))
      .table("silver.zones", FakeSql.strings("zone_id", "zone_name"))
      .table("my_view", FakeSql.strings("x"));
  private final CatalogNames names = new CatalogNames(sql);
  private final SqlCompleter completer = new SqlCompleter(names);

  private ParsedLine atEnd(String line) {
    return parser.parse(line, line.length(), ParseContext.COMPLETE);
  }

  private List<String> complete(String line, int cursor) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parser.parse(line, cursor, ParseContext.COMPLETE), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  void enterFinishesOnlyAStatementWithItsSemicolonOrABackslashCommand() {
    assertThatThrownBy(() -> parser.parse("SELECT 1", 8, ParseContext.ACCEPT_LINE)).isInstanceOf(EOFError.class);
    assertThatThrownBy(() -> parser.parse("SELECT ';'", 10, ParseContext.ACCEPT_LINE)).isInstanceOf(EOFError.class);
    assertThatThrownBy(() -> parser.parse("SELECT 1; SELECT", 16, ParseContext.ACCEPT_LINE))
        .isInstanceOf(EOFError.class);
    assertThat(parser.parse("SELECT 1\nFROM t;", 16, ParseContext.ACCEPT_LINE).line()).isEqualTo("SELECT 1\nFROM t;");
    assertThat(parser.parse("\\d gold.zone_results", 3, ParseContext.ACCEPT_LINE).words())
        .containsExactly("\\d", "gold.zone_results");
    assertThat(parser.parse("", 0, ParseContext.ACCEPT_LINE).line()).isEmpty();
    // Completing in the middle of a statement is no reason to ask for its end.
    assertThat(parser.parse("SELECT 1", 8, ParseContext.COMPLETE).word()).isEqualTo("1");
  }

  @Test
  void theWordBeingCompletedIsTheNameUnderTheCursor() {
    ParsedLine line = atEnd("SELECT sum(r.tot");
    assertThat(line.word()).isEqualTo("r.tot");
    assertThat(line.wordCursor()).isEqualTo(5);
    assertThat(atEnd("SELECT a,").word()).isEmpty();
    ParsedLine inside = parser.parse("SELECT zone_id FROM t", 10, ParseContext.COMPLETE);
    assertThat(inside.word()).isEqualTo("zone_id");
    assertThat(inside.wordCursor()).isEqualTo(3);
    ParsedLine between = parser.parse("SELECT  FROM t", 7, ParseContext.COMPLETE);
    assertThat(between.word()).isEmpty();
    assertThat(between.words()).containsExactly("SELECT", "", "FROM", "t");
  }

  private List<String> offered(String group, String line, int cursor) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parser.parse(line, cursor, ParseContext.COMPLETE), candidates);
    return candidates.stream().filter(c -> group.equals(c.group())).map(Candidate::value).toList();
  }

  @Test
  void tablesAreOfferedQualifiedAndTemporaryViewsBare() {
    assertThat(offered("tables", "SELECT * FROM go", 16))
        .containsExactly("gold.zone_results", "my_view", "silver.zones");
  }

  @Test
  void theCurrentSchemasTablesAreOfferedBareTooWithTheirColumns() {
    sql.answer("SELECT current_schema()",
        QueryResult.of(FakeSql.strings("current_schema()"), List.of(List.of("gold"))));
    assertThat(offered("tables", "SELECT * FROM zo", 16))
        .containsExactly("gold.zone_results", "my_view", "silver.zones", "zone_results");
    assertThat(offered("columns", "SELECT  FROM zone_results", 7)).containsExactly("zone_id", "total_score");
  }

  @Test
  void keywordsAreOfferedInTheCaseTheyAreTypedIn() {
    assertThat(offered("keywords", "SEL", 3)).contains("SELECT", "GROUP BY", "ORDER BY", "WHERE", "FROM");
    assertThat(offered("keywords", "select * fr", 11)).contains("from", "group by").doesNotContain("FROM");
    // After a qualifier only names can follow.
    assertThat(offered("keywords", "SELECT r.", 9)).isEmpty();
    assertThat(offered("keywords", "\\d", 2)).isEmpty();
  }

  @Test
  void columnsAreThoseOfTheTablesTheStatementNamesWithTheirChineseTerm() {
    String line = "SELECT  FROM gold.zone_results";
    assertThat(complete(line, 7)).contains("zone_id", "total_score").doesNotContain("zone_name");
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parser.parse(line, 7, ParseContext.COMPLETE), candidates);
    assertThat(candidates).filteredOn(c -> c.value().equals("zone_id")).extracting(Candidate::descr)
        .containsExactly("园区代码");
    // Both tables named: both tables' columns, a shared name once.
    assertThat(complete("SELECT z. FROM gold.zone_results r JOIN SILVER.ZONES z", 9))
        .contains("z.zone_id", "z.total_score", "z.zone_name").doesNotContain("zone_id")
        .filteredOn("z.zone_id"::equals).hasSize(1);
    assertThat(complete("SELECT ", 7)).doesNotContain("zone_id");
  }

  @Test
  void backslashOffersTheCommands() {
    assertThat(complete("\\", 1)).containsExactlyElementsOf(Shell.COMMANDS);
    assertThat(complete("\\d gold", 7)).contains("gold.zone_results");
  }

  @Test
  void namesAreLookedUpOnceUntilRefreshed() {
    complete("SELECT  FROM gold.zone_results", 7);
    complete("SELECT  FROM gold.zone_results", 7);
    assertThat(sql.ran.stream().filter("SHOW NAMESPACES"::equals)).hasSize(1);
    assertThat(sql.schemaLookups).isEqualTo(1);
    sql.table("gold.runs", FakeSql.strings("run_id"));
    assertThat(complete("SELECT * FROM gold.r", 20)).doesNotContain("gold.runs");
    names.refresh();
    assertThat(complete("SELECT * FROM gold.r", 20)).contains("gold.runs");
    complete("SELECT  FROM gold.zone_results", 7);
    assertThat(sql.schemaLookups).isEqualTo(2);
  }
}
