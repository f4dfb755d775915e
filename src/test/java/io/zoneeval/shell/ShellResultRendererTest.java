package io.zoneeval.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.shell.ResultRenderer.Format;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jline.utils.WCWidth;
import org.junit.jupiter.api.Test;

class ShellResultRendererTest {
  private static final StructType SCHEMA = new StructType()
      .add("zone_id", DataTypes.StringType)
      .add("名称", DataTypes.StringType)
      .add("total_score", DataTypes.createDecimalType(6, 2))
      .add("note", DataTypes.StringType);

  private static final QueryResult RESULT = QueryResult.of(SCHEMA, List.of(
      Arrays.asList("Z01", "苏州工业园区", "95.20", "a,b"),
      Arrays.asList("Z02", "A区", "8.00", null),
      Arrays.asList("Z03", null, null, "two\nlines")));

  /** The terminal column a character index of a line lands on, counted as a terminal does. */
  private static int displayColumn(String line, int index) {
    return line.substring(0, index).codePoints().map(WCWidth::wcwidth).map(w -> Math.max(0, w)).sum();
  }

  /** The terminal columns where a line's separators stand. */
  private static List<Integer> separatorColumns(String line) {
    List<Integer> columns = new java.util.ArrayList<>();
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '|' || line.charAt(i) == '+') {
        columns.add(displayColumn(line, i));
      }
    }
    return columns;
  }

  @Test
  void tableColumnsLineUpOnTheTerminalWithChineseTakingTwoColumns() {
    String table = ResultRenderer.render(RESULT, Format.TABLE);
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(6);
    List<Integer> header = separatorColumns(lines.get(0));
    assertThat(header).hasSize(3);
    for (String line : lines.subList(1, 5)) {
      assertThat(separatorColumns(line)).as(line).isEqualTo(header);
    }
    // 苏州工业园区 is six characters and twelve columns wide: the 名称 column is twelve wide, not six
    // (from one separator to the next: the separator, a space, the value, a space).
    assertThat(header.get(1) - header.get(0)).isEqualTo(1 + 1 + 12 + 1);
    assertThat(lines.get(5)).isEqualTo("(3 rows)");
  }

  @Test
  void tableShowsNullAsNullNumbersOnTheRightAndLineBreaksEscaped() {
    List<String> lines = ResultRenderer.render(RESULT, Format.TABLE).lines().toList();
    assertThat(lines.get(0)).isEqualTo(" zone_id | 名称         | total_score | note");
    assertThat(lines.get(2)).isEqualTo(" Z01     | 苏州工业园区 |       95.20 | a,b");
    assertThat(lines.get(3)).isEqualTo(" Z02     | A区          |        8.00 | NULL");
    assertThat(lines.get(4)).isEqualTo(" Z03     | NULL         |        NULL | two\\nlines");
  }

  @Test
  void csvHasAHeaderQuotesWhereNeededAndLeavesNullEmpty() {
    assertThat(ResultRenderer.render(RESULT, Format.CSV)).isEqualTo(
        "zone_id,名称,total_score,note\n"
            + "Z01,苏州工业园区,95.20,\"a,b\"\n"
            + "Z02,A区,8.00,\n"
            + "Z03,,,\"two\nlines\"\n");
  }

  @Test
  void expandedShowsOneColumnValueBlockPerRow() {
    QueryResult one = QueryResult.of(SCHEMA, List.of(Arrays.asList("Z01", "苏州工业园区", "95.20", null)));
    assertThat(ResultRenderer.render(one, Format.EXPANDED)).isEqualTo(
        "-[ RECORD 1 ]-------------\n" // as wide as the widest line, 26 columns
            + "zone_id     | Z01\n"
            + "名称        | 苏州工业园区\n"
            + "total_score | 95.20\n"
            + "note        | NULL\n");
  }

  @Test
  void aTruncatedResultSaysHowManyRowsWereLeftOut() {
    QueryResult first = new QueryResult(SCHEMA, RESULT.rows().subList(0, 2), 5000);
    assertThat(first.truncated()).isTrue();
    assertThat(ResultRenderer.truncationNote(first)).startsWith("(4998 more rows not shown: 2 of 5000;");
    assertThat(ResultRenderer.render(first, Format.TABLE)).doesNotContain("rows)");
    assertThat(ResultRenderer.truncationNote(RESULT)).isNull();
  }

  @Test
  void aStatementWithoutColumnsPrintsNothing() {
    assertThat(ResultRenderer.render(new QueryResult(new StructType(), List.of(), 0), Format.TABLE)).isEmpty();
  }
}
