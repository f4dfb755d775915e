package io.zoneeval.publish;

import io.zoneeval.spark.InternalSettings;
import io.zoneeval.spark.ResultQueries;
import io.zoneeval.spark.Sessions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a {@link Notebook} here: every SQL cell in order, each statement of it, printing markdown cells as
 * text and each query's result as CSV with a header (as {@code zone-eval sql} does). A notebook's
 * parameters are SQL session variables ({@code DECLARE OR REPLACE VARIABLE report_year INT DEFAULT …}); a
 * value given for one is set right after the cell that declares it.
 */
public final class NotebookRunner {
  private static final Pattern DECLARE = Pattern.compile(
      "(?is)^(?:\\s*--[^\\n]*\\n)*\\s*DECLARE\\s+(?:OR\\s+REPLACE\\s+)?(?:VARIABLE\\s+|VAR\\s+)?`?([A-Za-z_][A-Za-z0-9_]*)`?.*");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  /** What one query of a cell returned. */
  public record Result(Notebook.Cell cell, String statement, List<String> columns, long rows) {}

  /** A statement that failed, named by notebook, cell and line. */
  public static final class NotebookException extends RuntimeException {
    public NotebookException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final SparkSession spark;
  private final PrintStream out;
  /** The session's own expression settings, for the statements that read records (silver, bronze). */
  private final Map<String, String> compiled;

  public NotebookRunner(SparkSession spark, PrintStream out) {
    this.spark = spark;
    this.out = out;
    this.compiled = Sessions.setIn(spark, InternalSettings.interpreted().keySet());
  }

  /**
   * A statement that reads only results (gold, published: a few hundred rows a year) runs with interpreted
   * expressions, as {@code sql} runs it: compiled, half of a notebook's CPU in a fresh JVM went to generating
   * and compiling code. Any other keeps the session's own settings.
   */
  private void settingsFor(String statement) {
    if (ResultQueries.readsOnlyResults(spark, statement)) {
      InternalSettings.interpret(spark);
    } else {
      Sessions.restore(spark, compiled);
    }
  }

  /**
   * Runs every cell; {@code values} sets declared variables (name → value: a number as is, anything else
   * as a string). Stops at the first failing statement.
   */
  public List<Result> run(Notebook notebook, Map<String, String> values) {
    Map<String, String> pending = new LinkedHashMap<>(values);
    List<Result> results = new ArrayList<>();
    out.println("== " + notebook.name());
    for (Notebook.Cell cell : notebook.cells()) {
      switch (cell.kind()) {
        case MARKDOWN -> {
          out.println();
          cell.text().lines().forEach(l -> out.println("   " + l));
        }
        case OTHER -> {
          out.println();
          out.println("-- [cell " + cell.number() + "] skipped: not SQL (" + cell.title() + ")");
        }
        case SQL -> {
          out.println();
          out.println("-- [cell " + cell.number() + "] " + cell.title());
          for (String statement : Notebook.statements(cell.text())) {
            Result r = execute(notebook, cell, statement);
            if (r != null) {
              results.add(r);
            }
            Matcher m = DECLARE.matcher(statement);
            if (m.matches() && pending.containsKey(m.group(1))) {
              String name = m.group(1);
              String value = pending.remove(name);
              String literal = NUMBER.matcher(value).matches() ? value
                  : "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
              execute(notebook, cell, "SET VAR " + name + " = " + literal);
              out.println("-- " + name + " = " + literal);
            }
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    if (!pending.isEmpty()) {
      throw new IllegalArgumentException(notebook.name() + " declares no variable " + pending.keySet().iterator().next()
          + " (--var sets a variable the notebook declares)");
    }
    out.flush();
    return results;
  }

  /** Whether one of the notebook's SQL statements declares the variable. */
  public static boolean declares(Notebook notebook, String name) {
    return notebook.cells().stream().filter(c -> c.kind() == Notebook.Kind.SQL)
        .flatMap(c -> Notebook.statements(c.text()).stream())
        .map(DECLARE::matcher).anyMatch(m -> m.matches() && m.group(1).equals(name));
  }

  private Result execute(Notebook notebook, Notebook.Cell cell, String statement) {
    Dataset<Row> frame;
    try {
      settingsFor(statement);
      frame = spark.sql(io.zoneeval.spark.QueryOnly.check(statement));
      if (frame.columns().length == 0) {
        return null;
      }
      long rows = CsvOutput.print(frame, out);
      if (rows == 0) {
        out.println(cell.mayBeEmpty() ? "(no rows)" : "(no rows: this result is expected to have rows)");
      }
      return new Result(cell, statement, List.of(frame.columns()), rows);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new NotebookException(notebook.name() + ": cell " + cell.number() + " (line " + cell.line() + ", "
          + cell.title() + "): " + message.lines().findFirst().orElse(message), e);
    }
  }

  /** The results that should have had rows and had none. */
  public static List<Result> emptyRequired(List<Result> results) {
    return results.stream().filter(r -> r.rows() == 0 && !r.cell().mayBeEmpty()).toList();
  }
}
