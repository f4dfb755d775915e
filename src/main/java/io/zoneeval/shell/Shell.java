package io.zoneeval.shell;

import io.zoneeval.shell.ResultRenderer.Format;
import io.zoneeval.shell.StatementSplitter.Split;
import io.zoneeval.shell.StatementSplitter.Statement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The read-run-print loop of {@code zone-eval shell}: SQL statements ending in {@code ;}, over as many lines
 * as they need, and backslash commands ({@code \d}, {@code \dt}, {@code \dn}, {@code \csv}, {@code \x},
 * {@code \timing}, {@code \q}, {@code \?}), with the words other shells taught for some of them ({@code help},
 * {@code quit}, {@code exit}, {@code .tables}). It runs statements through a {@link SqlExecutor} and knows
 * nothing of Spark.
 *
 * <p>Two ways in: {@link #runInteractive} on a terminal (prompt, history, completion, Ctrl-C stops the
 * running statement) and {@link #runScript} on piped input (no prompt; the exit status says whether every
 * statement ran). Either way a failing statement prints one line and the next one still runs.
 */
public final class Shell {
  /** The backslash commands, as completion offers them. */
  public static final List<String> COMMANDS =
      List.of("\\d", "\\dt", "\\dn", "\\csv", "\\x", "\\timing", "\\refresh", "\\q", "\\?");

  /** The commands that take an argument (the others refuse one). */
  private static final List<String> WITH_ARGUMENT = List.of("\\d", "\\dt");

  /** The other shells' words for the same commands (psql's, the SQL shells', DuckDB's), by what they do. */
  private static final Map<String, String> OTHER_SHELLS = Map.of(
      "help", "\\?", ".help", "\\?",
      "quit", "\\q", "exit", "\\q", ".quit", "\\q", ".exit", "\\q",
      ".tables", "\\dt");

  static final String PROMPT = "zone-eval> ";
  /** As wide as the prompt, so the lines of a statement stay aligned. */
  static final String CONTINUATION = "        -> ";

  static final String HELP = String.join("\n",
      "SQL statements end with ; and may span lines; Tab completes keywords, table and column names.",
      "A name without a schema is the current schema's: published at the start (SHOW TABLES; lists its",
      "views), USE gold; changes it. SHOW SCHEMAS; and SHOW TABLES IN gold; work too.",
      "  \\dt [SCHEMA]  list the tables and views (of a schema); also .tables",
      "  \\dn           list the schemas",
      "  \\d            list the tables, qualified",
      "  \\d TABLE      columns of a table: type, Chinese term, meaning and unit",
      "  \\csv          toggle CSV output (header and rows, for a spreadsheet)",
      "  \\x            toggle expanded display (one column | value block per row)",
      "  \\timing       toggle printing the time each statement takes",
      "  \\refresh      look the table and column names up again (after tables changed elsewhere)",
      "  \\q            quit (also quit, exit or Ctrl-D); Ctrl-C stops the running statement",
      "  \\?            this help (also help)",
      "");

  /** Statements after which the names completion offers may be out of date. */
  private static final Pattern CHANGES_TABLES = Pattern.compile("(CREATE|DROP|ALTER|REPLACE)\\b",
      Pattern.CASE_INSENSITIVE);

  private final SqlExecutor sql;
  private final int maxRows;
  private final CatalogNames names;
  private Format format = Format.TABLE;
  private boolean timing;
  /** Results. */
  private PrintWriter out;
  /** Everything else: errors, notes, what a toggle did, timings (stderr for a script, so results pipe clean). */
  private PrintWriter messages;
  /** Whether input is a script, whose errors say on which line the failing statement starts. */
  private boolean script;

  private enum Outcome { DONE, FAILED, QUIT }

  /** @param maxRows the most rows printed of one result; the rest are counted, not printed */
  public Shell(SqlExecutor sql, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, not " + maxRows);
    }
    this.sql = sql;
    this.maxRows = maxRows;
    this.names = new CatalogNames(sql);
  }

  /**
   * Reads statements from a terminal until {@code \q} or Ctrl-D, keeping what was typed in {@code history}
   * (none: no history file).
   */
  public void runInteractive(Terminal terminal, Path history) {
    LineReaderBuilder builder = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("zone-eval")
        .parser(new SqlLineParser())
        .completer(new SqlCompleter(names))
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        // The line as typed: "!" in SQL (!=) is no history reference, nor a backslash (\d) an escape.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true);
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    LineReader reader = builder.build();
    out = terminal.writer();
    messages = terminal.writer();
    script = false;
    try {
      while (true) {
        String text;
        try {
          text = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C at the prompt drops what was typed
        } catch (EndOfFileException e) {
          break;
        }
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> sql.cancel());
        try {
          if (runInput(text, 1) == Outcome.QUIT) {
            break;
          }
        } finally {
          terminal.handle(Terminal.Signal.INT, previous);
          terminal.flush();
        }
      }
    } finally {
      if (history != null) {
        saveHistory(reader);
      }
    }
  }

  /**
   * Runs a script: statements ending in {@code ;} over any number of lines (the last one may omit it),
   * backslash commands on lines of their own. Results go to {@code out}, errors and notes to
   * {@code messages}. Returns 0 when every statement and command ran, 1 otherwise.
   */
  public int runScript(BufferedReader input, PrintWriter out, PrintWriter messages) {
    this.out = out;
    this.messages = messages;
    this.script = true;
    boolean failed = false;
    StringBuilder pending = new StringBuilder();
    int pendingLine = 1;
    int lineNumber = 0;
    try {
      String line;
      while ((line = input.readLine()) != null) {
        lineNumber++;
        if (SqlLineParser.isCommand(line) && StatementSplitter.isBlank(pending.toString())) {
          pending.setLength(0);
          Outcome outcome = runInput(line, lineNumber);
          failed |= outcome == Outcome.FAILED;
          if (outcome == Outcome.QUIT) {
            return failed ? 1 : 0;
          }
          continue;
        }
        if (pending.isEmpty()) {
          pendingLine = lineNumber;
        }
        pending.append(line).append('\n');
        if (line.indexOf(';') < 0) {
          continue; // only a semicolon ends a statement: no need to scan a long one again at each of its lines
        }
        String text = pending.toString();
        Split split = StatementSplitter.split(text);
        for (Statement statement : split.statements()) {
          failed |= runStatement(statement.text(), pendingLine + lines(text, statement.offset())) == Outcome.FAILED;
        }
        pendingLine += lines(text, text.length() - split.rest().length());
        pending = new StringBuilder(split.rest());
      }
      if (!StatementSplitter.isBlank(pending.toString())) {
        // The last statement of a file often has no semicolon.
        String text = pending + "\n;";
        for (Statement statement : StatementSplitter.split(text).statements()) {
          failed |= runStatement(statement.text(), pendingLine + lines(text, statement.offset())) == Outcome.FAILED;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.flush();
      messages.flush();
    }
    return failed ? 1 : 0;
  }

  /** A backslash command, or one or more complete statements; {@code line}: where the text starts in a script. */
  private Outcome runInput(String text, int line) {
    if (SqlLineParser.isCommand(text)) {
      return runCommand(text.strip(), line);
    }
    Outcome outcome = Outcome.DONE;
    Split split = StatementSplitter.split(text + "\n;");
    for (Statement statement : split.statements()) {
      if (runStatement(statement.text(), line + lines(text, statement.offset())) == Outcome.FAILED) {
        outcome = Outcome.FAILED;
      }
    }
    return outcome;
  }

  private Outcome runStatement(String statement, int line) {
    long start = System.nanoTime();
    try {
      QueryResult result = sql.execute(statement, maxRows);
      out.print(ResultRenderer.render(result, format));
      String note = ResultRenderer.truncationNote(result);
      if (note != null) {
        out.flush();
        messages.println(note);
      }
      if (CHANGES_TABLES.matcher(statement).lookingAt()) {
        names.refresh();
      }
      return Outcome.DONE;
    } catch (Exception e) {
      out.flush();
      return fail(line, firstLine(e));
    } finally {
      if (timing) {
        messages.printf(Locale.ROOT, "Time: %.3f s%n", (System.nanoTime() - start) / 1e9);
      }
      out.flush();
      messages.flush();
    }
  }

  private Outcome runCommand(String command, int line) {
    String[] parts = command.split("\\s+", 2);
    String typed = parts[0].replaceAll(";+$", "");
    String name = OTHER_SHELLS.getOrDefault(typed.toLowerCase(Locale.ROOT), typed);
    String argument = parts.length > 1 ? parts[1].strip().replaceAll(";+$", "").strip() : "";
    if (!WITH_ARGUMENT.contains(name) && !argument.isEmpty()) {
      return fail(line, typed + " takes no argument");
    }
    try {
      switch (name) {
        case "\\q" -> {
          return Outcome.QUIT;
        }
        case "\\?" -> out.print(HELP);
        case "\\csv" -> {
          format = format == Format.CSV ? Format.TABLE : Format.CSV;
          messages.println("Output format is " + format.name().toLowerCase(Locale.ROOT) + ".");
        }
        case "\\x" -> {
          format = format == Format.EXPANDED ? Format.TABLE : Format.EXPANDED;
          messages.println("Expanded display is " + (format == Format.EXPANDED ? "on." : "off."));
        }
        case "\\timing" -> {
          timing = !timing;
          messages.println("Timing is " + (timing ? "on." : "off."));
        }
        case "\\refresh" -> {
          names.refresh();
          messages.println("Table and column names will be looked up again.");
        }
        case "\\d" -> {
          if (argument.isEmpty()) {
            names.refresh();
            out.print(ResultRenderer.render(tableList(), format));
          } else {
            out.print(ResultRenderer.render(TableDescription.of(sql.schema(argument)), format));
          }
        }
        case "\\dt" -> {
          names.refresh();
          out.print(ResultRenderer.render(tablesOf(argument), format));
        }
        case "\\dn" -> {
          names.refresh();
          out.print(ResultRenderer.render(schemaList(), format));
        }
        default -> {
          return fail(line, "unknown command " + typed + "; \\? lists the commands");
        }
      }
      return Outcome.DONE;
    } catch (Exception e) {
      return fail(line, firstLine(e));
    } finally {
      out.flush();
      messages.flush();
    }
  }

  private QueryResult tableList() {
    StructType schema = new StructType().add("table", DataTypes.StringType);
    return QueryResult.of(schema, names.tables().stream().map(t -> List.of(t)).toList());
  }

  private QueryResult schemaList() {
    StructType schema = new StructType().add("schema", DataTypes.StringType);
    return QueryResult.of(schema, names.schemas().stream().map(List::of).toList());
  }

  /** The tables and views of one schema (or of every schema: blank), as schema and name. */
  private QueryResult tablesOf(String schema) {
    if (!schema.isEmpty() && names.schemas().stream().noneMatch(schema::equalsIgnoreCase)) {
      throw new IllegalArgumentException("no schema " + schema + "; \\dn lists the schemas");
    }
    List<List<String>> rows = new java.util.ArrayList<>();
    for (String table : names.tables()) {
      int dot = table.indexOf('.');
      String of = dot < 0 ? "" : table.substring(0, dot);
      if (schema.isEmpty() || of.equalsIgnoreCase(schema)) {
        rows.add(List.of(of, table.substring(dot + 1)));
      }
    }
    StructType columns = new StructType().add("schema", DataTypes.StringType).add("name", DataTypes.StringType);
    return QueryResult.of(columns, rows);
  }

  private Outcome fail(int line, String message) {
    messages.println("error: " + (script ? "line " + line + ": " : "") + message);
    return Outcome.FAILED;
  }

  /**
   * The first line of an error that says something: Spark's messages go on for lines (the plan, the
   * query context), and a parse error's first line is empty.
   */
  static String firstLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.toString();
    }
    return message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message).strip();
  }

  /** How many line breaks come before {@code offset} in a text. */
  private static int lines(String text, int offset) {
    int count = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  private static void saveHistory(LineReader reader) {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      // A history that cannot be written is no reason to fail the session.
    }
  }
}
