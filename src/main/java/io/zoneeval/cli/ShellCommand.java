package io.zoneeval.cli;

import io.zoneeval.catalog.Warehouse;
import io.zoneeval.publish.PublishedViews;
import io.zoneeval.shell.Shell;
import io.zoneeval.shell.SparkSqlExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"Query the warehouse's tables in one Spark session, starting in schema published (SHOW TABLES; "
        + "lists its views): statements end with ;, \\? or help lists the commands (\\dt, \\dn, \\d TABLE with "
        + "each column's meaning and unit), quit or exit quits.",
        "On a terminal: a prompt with history and completion. With input piped in: runs it as a script, "
            + "exit status 1 if any statement failed."})
public final class ShellCommand implements Callable<Integer> {
  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
      description = "The most rows printed of one result; how many more there are is said. Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Mixin SparkOptions sparkOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (maxRows < 1) {
      throw new ParameterException(spec.commandLine(), "--max-rows must be at least 1");
    }
    SparkSession spark = sparkOptions.reader();
    Shell shell = shell(spark, sparkOptions.warehouse(spark), maxRows);
    // Java 17 sees a console only when both stdin and stdout are a terminal: anything piped is a script.
    if (System.console() == null) {
      PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
      PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
      return shell.runScript(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, err);
    }
    // UTF-8 whatever the locale says: the tables' names and comments are Chinese.
    try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build()) {
      terminal.writer().println("zone-eval shell on " + sparkOptions.warehouse
          + " (each statement reads the last committed state of its tables), in schema " + PublishedViews.SCHEMA
          + ": SHOW TABLES; lists its views, \\? is the help");
      shell.runInteractive(terminal, historyFile());
    }
    return 0;
  }

  /**
   * The shell of a session on a warehouse. It starts in the published schema, what analysts query by default
   * ({@code SELECT * FROM zone_results}, {@code SHOW TABLES}), which exists from the start, so that
   * {@code SHOW SCHEMAS} lists it beside the warehouse's; each statement that may read its views has them
   * defined first, as of the last committed state (new runs and publications included).
   */
  public static Shell shell(SparkSession spark, Warehouse warehouse, int maxRows) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + PublishedViews.SCHEMA);
    spark.catalog().setCurrentDatabase(PublishedViews.SCHEMA);
    return new Shell(new SparkSqlExecutor(spark, sql -> PublishedViews.refreshFor(spark, warehouse, sql)), maxRows);
  }

  /** {@code ~/.zone-eval_history}, in $HOME as a shell's history is (Java's user.home ignores $HOME). */
  static Path historyFile() {
    String home = System.getenv("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".zone-eval_history");
  }

}
