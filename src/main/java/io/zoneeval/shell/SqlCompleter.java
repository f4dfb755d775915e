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
 * Tab completion at the prompt: backslash commands at the start, table names ({@code schema.table})
 * anywhere, and the columns of the tables the statement names so far (bare, or after the qualifier being
 * typed: {@code r.tot} offers {@code r.total_score}). A column's Chinese term is shown beside it.
 */
public final class SqlCompleter implements Completer {
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
    for (String table : names.tables()) {
      candidates.add(new Candidate(table, table, "tables", null, null, null, true));
    }
    int dot = word.lastIndexOf('.');
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

  /** The known tables a statement names, as whole words (case does not matter to Spark, nor here). */
  List<String> tablesIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return names.tables().stream()
        .filter(t -> Pattern.compile("(?<![\\w.`])" + Pattern.quote(t.toLowerCase(Locale.ROOT)) + "(?![\\w.`])")
            .matcher(lower).find())
        .toList();
  }
}
