package io.zoneeval.cli;

import io.zoneeval.publish.Notebook;
import io.zoneeval.publish.NotebookRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "notebook", mixinStandardHelpOptions = true,
    description = "Run exported notebooks (Databricks SQL source format, e.g. notebooks-exported/*.sql) against "
        + "the warehouse, one after another in one session: every SQL cell in order, printing markdown cells as "
        + "text and each result as CSV.")
public final class NotebookCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "The notebooks, e.g. notebooks-exported/01-league-tables.sql or notebooks-exported/*.sql.")
  List<Path> files;

  @Option(names = "--year", paramLabel = "YYYY",
      description = "The year to look at: sets the notebooks' report_year variable (default: the latest evaluated).")
  Integer year;

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "Set a variable the notebooks declare, e.g. --var zone=YZ09 (repeatable); with several "
          + "notebooks, each that declares it.")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--strict", description = "Exit non-zero when a query that should return rows returns none.")
  boolean strict;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    Map<Path, Notebook> notebooks = new LinkedHashMap<>();
    StringBuilder sources = new StringBuilder();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + ": no such notebook file");
      }
      String source = Files.readString(file, StandardCharsets.UTF_8);
      notebooks.put(file, Notebook.parse(file.toString(), source));
      sources.append(source).append('\n');
    }
    Map<String, String> values = new LinkedHashMap<>(vars);
    if (year != null) {
      values.put("report_year", String.valueOf(year));
    }
    if (notebooks.size() > 1) {
      for (String name : values.keySet()) {
        if (notebooks.values().stream().noneMatch(n -> NotebookRunner.declares(n, name))) {
          throw new IllegalArgumentException("no notebook given declares variable " + name
              + " (--var sets a variable the notebooks declare)");
        }
      }
    }
    SparkSession spark = sparkOptions.reader();
    // Issue 14: notebooks that read no published.* view do not pay for defining them; those that do read
    // the views' rows from memory, statement after statement (PublishedViews.heldFor).
    boolean emptyRequired = io.zoneeval.publish.PublishedViews.heldFor(spark, sparkOptions.warehouse(spark),
        sources.toString(), () -> runAll(spark, notebooks, values));
    return strict && emptyRequired ? 1 : 0;
  }

  /** Runs the notebooks in order; whether any result that should have had rows had none. */
  private static boolean runAll(SparkSession spark, Map<Path, Notebook> notebooks, Map<String, String> values) {
    NotebookRunner runner = new NotebookRunner(spark, System.out);
    boolean emptyRequired = false;
    for (var entry : notebooks.entrySet()) {
      Notebook notebook = entry.getValue();
      Map<String, String> own = new LinkedHashMap<>(values);
      if (notebooks.size() > 1) {
        own.keySet().removeIf(name -> !NotebookRunner.declares(notebook, name));
      }
      List<NotebookRunner.Result> empty = NotebookRunner.emptyRequired(runner.run(notebook, own));
      for (NotebookRunner.Result r : empty) {
        System.err.println("zone-eval: " + entry.getKey() + ": cell " + r.cell().number() + " (" + r.cell().title()
            + ") returned no rows");
      }
      emptyRequired |= !empty.isEmpty();
    }
    return emptyRequired;
  }
}
