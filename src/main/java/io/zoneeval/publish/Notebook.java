package io.zoneeval.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A notebook exported in the Databricks SQL source format: a first line {@code -- Databricks notebook
 * source}, cells separated by {@code -- COMMAND ----------}, markdown cells as {@code -- MAGIC %md} lines,
 * an optional {@code -- DBTITLE 1,Title} line naming a cell. Such a file imports into Databricks (and tools
 * that read its format) as a notebook, and runs here with {@link NotebookRunner}.
 */
public record Notebook(String name, List<Cell> cells) {
  public static final String HEADER = "-- Databricks notebook source";
  public static final String SEPARATOR = "-- COMMAND ----------";
  /** A line of a SQL cell that allows its result to be empty (every other query must return rows). */
  public static final String MAY_BE_EMPTY = "-- zone-eval: may be empty";

  public enum Kind { SQL, MARKDOWN, OTHER }

  /**
   * A cell: its number (1-based), kind, title (from DBTITLE or the first comment line), its text
   * (without the MAGIC prefixes for a markdown cell) and the file line it starts at.
   */
  public record Cell(int number, Kind kind, String title, String text, int line) {
    public boolean mayBeEmpty() {
      return text.lines().anyMatch(l -> l.trim().equals(MAY_BE_EMPTY));
    }
  }

  /** Reads a notebook's source; refuses a file that is not in the Databricks SQL source format. */
  public static Notebook parse(String name, String source) {
    String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
      throw new IllegalArgumentException(name + ": not a Databricks SQL notebook (the first line must be '"
          + HEADER + "')");
    }
    List<Cell> cells = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int start = 2;
    for (int i = 1; i <= lines.size(); i++) {
      boolean end = i == lines.size();
      if (end || lines.get(i).trim().equals(SEPARATOR)) {
        Cell cell = cell(cells.size() + 1, current, start);
        if (cell != null) {
          cells.add(cell);
        }
        current = new ArrayList<>();
        start = i + 2;
      } else {
        current.add(lines.get(i));
      }
    }
    return new Notebook(name, List.copyOf(cells));
  }

  private static Cell cell(int number, List<String> raw, int firstLine) {
    int from = 0;
    while (from < raw.size() && raw.get(from).isBlank()) {
      from++;
    }
    int to = raw.size();
    while (to > from && raw.get(to - 1).isBlank()) {
      to--;
    }
    if (from == to) {
      return null;
    }
    List<String> body = new ArrayList<>(raw.subList(from, to));
    String title = null;
    if (body.get(0).startsWith("-- DBTITLE")) {
      String t = body.remove(0);
      int comma = t.indexOf(',');
      title = comma < 0 ? "" : t.substring(comma + 1).trim();
    }
    int line = firstLine + from;
    boolean magic = !body.isEmpty() && body.stream().allMatch(l -> l.startsWith("-- MAGIC"));
    if (magic) {
      List<String> content = body.stream().map(l -> l.length() > "-- MAGIC ".length()
          ? l.substring("-- MAGIC ".length()) : "").toList();
      String first = content.get(0).trim();
      Kind kind = first.startsWith("%md") ? Kind.MARKDOWN
          : first.toLowerCase(Locale.ROOT).startsWith("%sql") ? Kind.SQL : Kind.OTHER;
      List<String> rest = new ArrayList<>(content);
      String firstRest = first.replaceFirst("^%[a-zA-Z]+", "").trim();
      rest.set(0, firstRest);
      if (firstRest.isEmpty()) {
        rest.remove(0);
      }
      String joined = String.join("\n", rest);
      if (title == null) {
        title = kind == Kind.MARKDOWN ? joined.lines().filter(l -> !l.isBlank()).findFirst().orElse("")
            .replaceFirst("^#+\\s*", "") : first;
      }
      return new Cell(number, kind, title, joined, line);
    }
    String sql = String.join("\n", body);
    if (title == null) {
      title = body.stream().map(String::trim).filter(l -> l.startsWith("--") && !l.equals(MAY_BE_EMPTY))
          .map(l -> l.substring(2).trim()).findFirst().orElse("");
    }
    return new Cell(number, Kind.SQL, title, sql, line);
  }

  /**
   * The statements of a SQL cell, split at the semicolons outside quotes, backticks and comments; a
   * statement that is only comments is left out.
   */
  public static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean code = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        eol = eol < 0 ? n : eol;
        current.append(sql, i, eol);
        i = eol;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        close = close < 0 ? n : close + 2;
        current.append(sql, i, close);
        i = close;
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n && sql.charAt(j) != c) {
          j += sql.charAt(j) == '\\' && c != '`' ? 2 : 1;
        }
        j = Math.min(j + 1, n);
        current.append(sql, i, j);
        code = true;
        i = j;
      } else if (c == ';') {
        if (code) {
          out.add(current.toString().trim());
        }
        current.setLength(0);
        code = false;
        i++;
      } else {
        current.append(c);
        code |= !Character.isWhitespace(c);
        i++;
      }
    }
    if (code) {
      out.add(current.toString().trim());
    }
    return out;
  }
}
