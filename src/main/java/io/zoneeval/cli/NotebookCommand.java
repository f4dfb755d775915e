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
    description = "Run an exported notebook (Databricks SQL source format, e.g. notebooks-exported/*.sql) against "
        + "the warehouse: every SQL cell in order, printing markdown cells as text and each result as CSV.")
public final class NotebookCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The notebook, e.g. notebooks-exported/01-league-tables.sql.")
  Path file;

  @Option(names = "--year", paramLabel = "YYYY",
      description = "The year to look at: sets the notebook's report_year variable (default: the latest evaluated).")
  Integer year;

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "Set a variable the notebook declares, e.g. --var zone=YZ09 (repeatable).")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--strict", description = "Exit non-zero when a query that should return rows returns none.")
  boolean strict;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such notebook file");
    }
    String source = Files.readString(file, StandardCharsets.UTF_8);
    Notebook notebook = Notebook.parse(file.toString(), source);
    Map<String, String> values = new LinkedHashMap<>(vars);
    if (year != null) {
      values.put("report_year", String.valueOf(year));
    }
    SparkSession spark = sparkOptions.reader();
    // Issue 14: a notebook that reads no published.* view does not pay for defining them.
    io.zoneeval.publish.PublishedViews.refreshFor(spark, sparkOptions.warehouse(spark), source);
    List<NotebookRunner.Result> results = new NotebookRunner(spark, System.out).run(notebook, values);
    List<NotebookRunner.Result> empty = NotebookRunner.emptyRequired(results);
    for (NotebookRunner.Result r : empty) {
      System.err.println("zone-eval: " + file + ": cell " + r.cell().number() + " (" + r.cell().title()
          + ") returned no rows");
    }
    return strict && !empty.isEmpty() ? 1 : 0;
  }
}
