package io.zoneeval.cli;

import io.zoneeval.bench.Benchmark;
import io.zoneeval.bench.Machine;
import io.zoneeval.bench.Report;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zone-eval bench}: the benchmark against DuckDB (see docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
      "Benchmark: for each size, generates the raw CSV (cached under --work), evaluates it from raw to gold on a"
          + " fresh warehouse and again from bronze, runs the same zone-year aggregation in DuckDB over the same CSV,"
          + " checks that the figures are equal, prints the table and writes it into docs/performance.md.",
      "Not a test: the default sizes take a long time on a small machine."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--sizes", defaultValue = "2M,10M,40M", split = ",", paramLabel = "N[,N...]",
      description = "Invoices in total over the years, per size (k and M allowed). Default: ${DEFAULT-VALUE}.")
  List<String> sizes;

  @Option(names = "--enterprises", defaultValue = "10000", paramLabel = "N", description = "Enterprises. Default: ${DEFAULT-VALUE}.")
  int enterprises;

  @Option(names = "--years", defaultValue = "2022-2024", paramLabel = "A-B", description = "Years. Default: ${DEFAULT-VALUE}.")
  String years;

  @Option(names = "--seed", defaultValue = "20240101", paramLabel = "S", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--work", defaultValue = "bench-work", paramLabel = "DIR",
      description = "Where generated data (kept, reused) and the warehouses (rewritten) go. Default: ${DEFAULT-VALUE}.")
  Path work;

  @Option(names = "--doc", defaultValue = "docs/performance.md", paramLabel = "FILE",
      description = "Markdown file whose results section is rewritten. Default: ${DEFAULT-VALUE}.")
  Path doc;

  @Option(names = "--no-doc", description = "Print only; leave the document alone.")
  boolean noDoc;

  @Option(names = "--note", paramLabel = "TEXT", description = "A remark written beside the results (e.g. why only small sizes).")
  String note;

  // 4 GB (the driver's heap) was not enough: at 40M invoices DuckDB's window over the invoice ids ran out
  // of memory (it peaked at 5.6 GB resident with 8 GB allowed). The baseline gets what it needs.
  @Option(names = "--duckdb-memory", defaultValue = "8GB", paramLabel = "SIZE",
      description = "DuckDB's memory_limit (what its query needs at 40M invoices; zone-eval's driver heap is 4 GB)."
          + " Default: ${DEFAULT-VALUE}.")
  String duckMemory;

  @Option(names = "--bad-rows", description = "Generate the deliberate bad rows too (the figures may then differ"
      + " where DuckDB's query does not implement a check, e.g. the USCC check character).")
  boolean badRows;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: local[*].")
  String master;

  @Override
  public Integer call() throws Exception {
    Matcher m = Pattern.compile("(\\d{4})(?:-(\\d{4}))?").matcher(years.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--years must look like 2022-2024: " + years);
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    List<Benchmark.Size> parsed = sizes.stream().map(Benchmark.Size::parse).toList();
    Files.createDirectories(work);
    Machine machine = Machine.detect();
    System.out.println("[bench] machine: " + machine.describe());
    // A fresh catalog each time: the warehouses of the sizes are rewritten, and a catalog entry would
    // otherwise name a table whose folder was just deleted.
    Path catalog = work.resolve("catalog");
    Benchmark.deleteTree(catalog);
    SparkSession spark = Sessions.create(new Sessions.Settings(catalog.toString(), master, 0));
    Benchmark.Config config = new Benchmark.Config(parsed, enterprises, first, last, seed, work, Rules.defaults(),
        Runtime.getRuntime().availableProcessors(), duckMemory, badRows);
    List<Benchmark.SizeResult> results = new Benchmark(spark, config, System.out).run();
    String command = "bin/zone-eval bench --sizes " + String.join(",", sizes)
        + (enterprises != 10000 ? " --enterprises " + enterprises : "");
    String section = Report.section(results, machine, command, note);
    System.out.println();
    System.out.println(section);
    if (!noDoc) {
      Report.write(doc, section);
      System.out.println("[bench] results written to " + doc);
    }
    boolean equal = results.stream().allMatch(r -> r.differences().isEmpty());
    return equal ? 0 : 2;
  }
}
