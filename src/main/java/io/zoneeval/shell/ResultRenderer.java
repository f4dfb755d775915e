package io.zoneeval.shell;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** A {@link QueryResult} as text in one of the shell's three display formats. */
public final class ResultRenderer {
  private ResultRenderer() {}

  /** How results are shown; {@code \csv} and {@code \x} switch between them. */
  public enum Format {
    /** Aligned columns under a header, numbers on the right, NULL shown as {@code NULL}. */
    TABLE,
    /** RFC 4180 CSV with a header, NULL as an empty field: for copying into a spreadsheet. */
    CSV,
    /** One {@code column | value} block per row: for wide rows. */
    EXPANDED
  }

  static final String NULL = "NULL";

  /** The result in a format, every line ending with a line break; nothing for a statement without columns. */
  public static String render(QueryResult result, Format format) {
    if (result.noColumns()) {
      return "";
    }
    return switch (format) {
      case TABLE -> table(result);
      case CSV -> csv(result);
      case EXPANDED -> expanded(result);
    };
  }

  /** The line that says rows were left out, or null when none were. */
  public static String truncationNote(QueryResult result) {
    if (!result.truncated()) {
      return null;
    }
    if (result.totalRows() == QueryResult.UNKNOWN) {
      return String.format(Locale.ROOT, "(only the first %d rows are shown; add a LIMIT or a WHERE to see others)",
          result.rows().size());
    }
    return String.format(Locale.ROOT, "(%d more rows not shown: %d of %d; add a LIMIT or a WHERE to see others)",
        result.totalRows() - result.rows().size(), result.rows().size(), result.totalRows());
  }

  static String table(QueryResult result) {
    StructField[] fields = result.schema().fields();
    int columns = fields.length;
    String[] header = new String[columns];
    int[] widths = new int[columns];
    boolean[] right = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      header[c] = DisplayWidth.printable(fields[c].name());
      widths[c] = DisplayWidth.of(header[c]);
      right[c] = fields[c].dataType() instanceof NumericType;
    }
    String[][] cells = new String[result.rows().size()][];
    for (int r = 0; r < cells.length; r++) {
      List<String> row = result.rows().get(r);
      cells[r] = new String[columns];
      for (int c = 0; c < columns; c++) {
        String value = row.get(c);
        cells[r][c] = value == null ? NULL : DisplayWidth.printable(value);
        widths[c] = Math.max(widths[c], DisplayWidth.of(cells[r][c]));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths, right);
    for (int c = 0; c < columns; c++) {
      out.append(c == 0 ? "-" : "+-").append("-".repeat(widths[c])).append('-');
    }
    out.append('\n');
    for (String[] row : cells) {
      line(out, row, widths, right);
    }
    long total = result.totalRows() == QueryResult.UNKNOWN ? cells.length : result.totalRows();
    if (!result.truncated()) {
      out.append(total == 1 ? "(1 row)" : "(" + total + " rows)").append('\n');
    }
    return out.toString();
  }

  /** One row of the table: a space either side of each cell, cells apart by {@code |}, no trailing blanks. */
  private static void line(StringBuilder out, String[] cells, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      line.append(c == 0 ? " " : "| ")
          .append(right[c] ? DisplayWidth.padLeft(cells[c], widths[c]) : DisplayWidth.padRight(cells[c], widths[c]))
          .append(' ');
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  static String csv(QueryResult result) {
    StringBuilder out = new StringBuilder();
    StructField[] fields = result.schema().fields();
    for (int c = 0; c < fields.length; c++) {
      out.append(c == 0 ? "" : ",").append(csvField(fields[c].name()));
    }
    out.append('\n');
    for (List<String> row : result.rows()) {
      for (int c = 0; c < row.size(); c++) {
        out.append(c == 0 ? "" : ",").append(csvField(row.get(c) == null ? "" : row.get(c)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** A CSV field, quoted (quotes doubled) when it holds a comma, a quote or a line break. */
  static String csvField(String text) {
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  static String expanded(QueryResult result) {
    StructField[] fields = result.schema().fields();
    String[] names = new String[fields.length];
    int nameWidth = 0;
    for (int c = 0; c < fields.length; c++) {
      names[c] = DisplayWidth.printable(fields[c].name());
      nameWidth = Math.max(nameWidth, DisplayWidth.of(names[c]));
    }
    StringBuilder out = new StringBuilder();
    int number = 0;
    for (List<String> row : result.rows()) {
      String[] values = new String[fields.length];
      int valueWidth = 0;
      for (int c = 0; c < fields.length; c++) {
        values[c] = row.get(c) == null ? NULL : DisplayWidth.printable(row.get(c));
        valueWidth = Math.max(valueWidth, DisplayWidth.of(values[c]));
      }
      String title = "-[ RECORD " + ++number + " ]";
      // The rule spans the block, like the table's header rule.
      out.append(title).append("-".repeat(Math.max(0, nameWidth + 3 + valueWidth - title.length()))).append('\n');
      for (int c = 0; c < fields.length; c++) {
        out.append((DisplayWidth.padRight(names[c], nameWidth) + " | " + values[c]).stripTrailing()).append('\n');
      }
    }
    if (number == 0) {
      out.append("(0 rows)\n");
    }
    return out.toString();
  }
}
