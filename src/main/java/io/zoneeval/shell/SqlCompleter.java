package io.zoneeval.shell;

import io.zoneeval.catalog.TableDef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructField;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the prompt: backslash commands at the start, SQL keywords, table names
 * ({@code schema.table}) anywhere, and the columns of the tables the statement names so far (bare, or after
 * the qualifier being typed: {@code r.tot} offers {@code r.total_score}). A column's Chinese term is shown
 * beside it. A keyword comes in the case it is being typed in ({@code sel} gives {@code select}), as psql's
 * completion does.
 */
public final class SqlCompleter implements Completer {
  /**
   * The keywords of the queries analysts write and of the statements that look around (SHOW, DESCRIBE, USE),
   * not all of Spark's several hundred: a few letters should complete to the word meant.
   */
  static final List<String> KEYWORDS = List.of(
      "SELECT", "DISTINCT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "BY", "LIMIT", "OFFSET", "AS", "ON",
      "USING", "JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL OUTER JOIN", "CROSS JOIN", "UNION", "UNION ALL",
      "INTERSECT", "EXCEPT", "WITH", "AND", "OR", "NOT", "IN", "IS NULL", "IS NOT NULL", "BETWEEN", "LIKE", "ILIKE",
      "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "ASC", "DESC", "NULLS FIRST", "NULLS LAST", "OVER",
      "PARTITION BY", "WINDOW", "QUALIFY", "CAST", "COUNT", "SUM", "AVG", "MIN", "MAX", "ROUND", "COALESCE",
      "RANK", "ROW_NUMBER", "DENSE_RANK", "LAG", "LEAD", "PERCENTILE", "MEDIAN", "TRUE", "FALSE", "NULL",
      "VERSION AS OF", "TIMESTAMP AS OF", "SHOW TABLES", "SHOW SCHEMAS", "SHOW COLUMNS", "SHOW CREATE TABLE",
      "DESCRIBE", "DESCRIBE HISTORY", "EXPLAIN", "USE", "SET", "DECLARE", "VARIABLE");

  private final CatalogNames names;

  public SqlCompleter(CatalogNames names) {
    this.names = names;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String word = line.word().substring(0, line.wordCursor());
    if (word.startsWith("\\")) {
      for (String command : Shell.COMMANDS) {
        candidates.add(new Candidate(command, command, null, null, null, null, true));
      }
      return;
    }
    int dot = word.lastIndexOf('.');
    if (dot < 0) {
      boolean lower = !word.isEmpty() && word.equals(word.toLowerCase(Locale.ROOT));
      for (String keyword : KEYWORDS) {
        String value = lower ? keyword.toLowerCase(Locale.ROOT) : keyword;
        candidates.add(new Candidate(value, value, "keywords", null, null, null, true));
      }
    }
    for (String table : names.tables()) {
      candidates.add(new Candidate(table, table, "tables", null, null, null, true));
    }
    if (dot < 0) {
      for (String table : names.unqualified().keySet()) {
        candidates.add(new Candidate(table, table, "tables", null, null, null, true));
      }
    }
    String qualifier = dot < 0 ? "" : word.substring(0, dot + 1);
    Set<String> seen = new LinkedHashSet<>();
    for (String table : tablesIn(line.line())) {
      for (StructField field : names.columns(table)) {
        String value = qualifier + field.name();
        if (seen.add(value.toLowerCase(Locale.ROOT))) {
          String comment = field.getComment().isDefined() ? field.getComment().get() : null;
          String term = TableDef.term(comment);
          candidates.add(new Candidate(value, value, "columns", term.isEmpty() ? null : term, null, null, true));
        }
      }
    }
  }

  /**
   * The known tables a statement names as whole words, qualified or by their bare name in the current schema
   * (case does not matter to Spark, nor here); each by its qualified name.
   */
  List<String> tablesIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    Set<String> named = new LinkedHashSet<>();
    names.tables().stream().filter(t -> names(lower, t)).forEach(named::add);
    names.unqualified().forEach((bare, table) -> {
      if (names(lower, bare)) {
        named.add(table);
      }
    });
    return List.copyOf(named);
  }

  private static boolean names(String lowerText, String table) {
    return Pattern.compile("(?<![\\w.`])" + Pattern.quote(table.toLowerCase(Locale.ROOT)) + "(?![\\w.`])")
        .matcher(lowerText).find();
  }
}
