package io.zoneeval.tools;

import io.zoneeval.bench.Benchmark;
import io.zoneeval.bench.DuckDb;
import io.zoneeval.bench.Launcher;
import io.zoneeval.bench.Machine;
import io.zoneeval.bench.Report;
import io.zoneeval.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zone-eval bench}: zone-eval against its floor, and against DuckDB (see docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
      "Benchmark: for each size, on the same raw CSV (data-samples, or generated and cached under --work), one"
          + " after another: the floor (a plain Spark + Delta program in its own JVM), zone-eval's full run"
          + " (bin/zone-eval evaluate --input) and its re-evaluation of the last year from the warehouse"
          + " (evaluate --year), DuckDB's plain query and its rule-applying query; checks that zone-eval's gold"
          + " figures equal the rule-applying query's, prints the ratios with their targets and writes them into"
          + " docs/performance.md.",
      "Not a test: the default sizes take a long time on a small machine; run it on an idle one."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--sizes", defaultValue = "samples,2M,13M,40M", split = ",", paramLabel = "SIZE[,SIZE...]",
      description = "samples (the data-samples folder as it is) or invoices in total over the years (k and M"
          + " allowed). Default: ${DEFAULT-VALUE}.")
  List<String> sizes;

  @Option(names = "--cycle-sizes", defaultValue = "13M,40M", split = ",", paramLabel = "SIZE[,SIZE...]",
      description = "Sizes of --sizes whose annual cycle also runs, on the standalone cluster with a 512 MB driver"
          + " (cluster/run-standalone): all years but the last delivered, then the last, then the last again with"
          + " every invoice id held by the year before; the driver's heap and I/O measured. none: no cycle."
          + " Default: ${DEFAULT-VALUE}.")
  List<String> cycleSizes;

  @Option(names = "--enterprises", defaultValue = "10000", paramLabel = "N",
      description = "Enterprises of the generated data. Default: ${DEFAULT-VALUE}.")
  int enterprises;

  @Option(names = "--years", defaultValue = "2022-2024", paramLabel = "A-B",
      description = "Years of the generated data (at least two). Default: ${DEFAULT-VALUE}.")
  String years;

  @Option(names = "--seed", defaultValue = "20240101", paramLabel = "S", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--work", defaultValue = "bench-work", paramLabel = "DIR",
      description = "Where generated data (kept, reused), the warehouses and floor tables (rewritten per size) and"
          + " the logs of every process go. Default: ${DEFAULT-VALUE}.")
  Path work;

  @Option(names = "--samples", defaultValue = "data-samples", paramLabel = "DIR",
      description = "The folder of size `samples`. Default: ${DEFAULT-VALUE} (of the project).")
  Path samples;

  @Option(names = "--doc", defaultValue = "docs/performance.md", paramLabel = "FILE",
      description = "Markdown file whose results section is rewritten. Default: ${DEFAULT-VALUE}.")
  Path doc;

  @Option(names = "--no-doc", description = "Print only; leave the document alone.")
  boolean noDoc;

  @Option(names = "--note", paramLabel = "TEXT", description = "A remark written beside the results (e.g. why only small sizes).")
  String note;

  // More than zone-eval's 4 GB: the rule-applying query's window over the invoice ids needs it at 40M
  // invoices, and the baseline gets what it needs (docs/performance.md, "DuckDB rules").
  @Option(names = "--duckdb-memory", defaultValue = "8GB", paramLabel = "SIZE",
      description = "DuckDB's memory_limit (what the rule-applying query needs at 40M invoices; zone-eval's heap is"
          + " 4 GB). Default: ${DEFAULT-VALUE}.")
  String duckMemory;

  @Option(names = "--bad-rows", description = "Generate the deliberate bad rows too (data-samples always has them).")
  boolean badRows;

  @Override
  public Integer call() throws Exception {
    Matcher m = Pattern.compile("(\\d{4})(?:-(\\d{4}))?").matcher(years.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--years must look like 2022-2024: " + years);
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    if (last <= first) {
      throw new IllegalArgumentException("--years must span at least two years (a full run evaluates the years that"
          + " have their prior year): " + years);
    }
    List<Benchmark.Size> parsed = sizes.stream().map(Benchmark.Size::parse).toList();
    Launcher launcher = Launcher.locate();
    Path samplesDir = samples.isAbsolute() || Files.isDirectory(samples) ? samples : launcher.root().resolve(samples);
    Files.createDirectories(work);
    Machine machine = Machine.detect();
    System.out.println("[bench] machine: " + machine.describe() + "; every measured JVM: -Xmx" + launcher.heap());
    int cores = Runtime.getRuntime().availableProcessors();
    Benchmark.Config config = new Benchmark.Config(parsed, enterprises, first, last, seed, work.toAbsolutePath(),
        samplesDir.toAbsolutePath(), Rules.defaults(), new DuckDb.Settings(cores, duckMemory,
            work.resolve("duckdb-spill").toAbsolutePath()), badRows,
        cycleSizes.stream().map(String::trim).filter(c -> !c.equalsIgnoreCase("none")).collect(Collectors.toSet()));
    List<Benchmark.SizeResult> results = new Benchmark(launcher, config, System.out).run();
    String command = "bin/zone-eval bench --sizes " + String.join(",", sizes)
        + (results.stream().anyMatch(r -> r.cycle() != null) ? " --cycle-sizes " + String.join(",", cycleSizes) : "")
        + (enterprises != 10000 ? " --enterprises " + enterprises : "");
    String section = Report.section(results, machine, launcher.heap(), launcher.heapBytes(), command, note);
    System.out.println();
    System.out.println(section);
    if (!noDoc) {
      Report.write(doc, section);
      System.out.println("[bench] results written to " + doc);
    }
    boolean equal = results.stream().allMatch(r -> r.differences().isEmpty() && (r.cycle() == null || r.cycle().passed()));
    return equal ? 0 : 2;
  }
}
