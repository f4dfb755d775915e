package io.zoneeval.bench;

import static org.apache.spark.sql.functions.col;

import io.zoneeval.spark.Progress;
import io.zoneeval.rules.Rules;
import io.zoneeval.samples.GeneratorConfig;
import io.zoneeval.samples.SampleGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark (not a test): for each size, generated raw CSV (cached by its parameters) is evaluated
 * in-process from raw to gold on a fresh warehouse, then evaluated again from bronze (the same delivery,
 * already ingested), and the same zone-year aggregation is run by DuckDB on the same CSV; both figures
 * must be equal. Prints wall time per stage, input rows per second, peak memory, and the comparison.
 */
public final class Benchmark {
  /** A size: a label and the invoices over all years. */
  public record Size(String label, long invoices) {
    public static Size parse(String text) {
      String t = text.trim().toUpperCase(Locale.ROOT);
      long factor = t.endsWith("M") ? 1_000_000L : t.endsWith("K") ? 1_000L : 1L;
      String digits = factor == 1 ? t : t.substring(0, t.length() - 1);
      long n = Math.round(Double.parseDouble(digits) * factor);
      if (n <= 0) {
        throw new IllegalArgumentException("size must be positive: " + text);
      }
      return new Size(text.trim(), n);
    }
  }

  public record Config(List<Size> sizes, int enterprises, int firstYear, int lastYear, long seed, Path work,
      Rules rules, int duckThreads, String duckMemory, boolean badRows) {}

  /** One measured evaluation. */
  public record Run(double seconds, Map<String, Double> stages, long inputRows, long peakHeapBytes,
      long peakLiveHeapBytes, long peakRssBytes) {
    public double rowsPerSecond() {
      return inputRows / seconds;
    }
  }

  /** Everything measured for one size. */
  public record SizeResult(Size size, long invoices, long inputBytes, double generateSeconds, Run full, Run fromBronze,
      double duckSeconds, int zoneYears, List<String> differences, String loadBefore, String loadAfter) {
    public double fullRatio() {
      return full.seconds() / duckSeconds;
    }

    public double bronzeRatio() {
      return fromBronze.seconds() / duckSeconds;
    }
  }

  private final SparkSession spark;
  private final Config config;
  private final PrintStream out;

  public Benchmark(SparkSession spark, Config config, PrintStream out) {
    this.spark = spark;
    this.config = config;
    this.out = out;
  }

  public List<SizeResult> run() throws Exception {
    List<SizeResult> results = new ArrayList<>();
    for (Size size : config.sizes()) {
      results.add(runSize(size));
      out.println(Report.table(results));
      out.flush();
    }
    return results;
  }

  private SizeResult runSize(Size size) throws Exception {
    int years = config.lastYear() - config.firstYear() + 1;
    int perYear = (int) Math.max(2L * config.enterprises(), size.invoices() / years);
    Path data = config.work().resolve(String.format(Locale.ROOT, "data/e%d-i%d-y%d-%d-s%d%s", config.enterprises(),
        perYear, config.firstYear(), config.lastYear(), config.seed(), config.badRows() ? "" : "-clean"));
    double generateSeconds = generate(data, perYear);
    long bytes;
    try (Stream<Path> files = Files.list(data)) {
      bytes = files.filter(p -> p.toString().endsWith(".csv")).mapToLong(p -> p.toFile().length()).sum();
    }
    Path warehouse = config.work().resolve("warehouse-" + size.label());
    deleteTree(warehouse);
    String loadBefore = Machine.loadAverage();
    say("size %s: %,d invoices per year, %s, %,d bytes of CSV, warehouse %s", size.label(), perYear, data,
        bytes, warehouse);

    Run full = evaluate("full, raw to gold", data, warehouse, true);
    Run bronze = evaluate("a year again, from the warehouse", data, warehouse, false);

    say("DuckDB: the same zone-year aggregation over the same CSV (%d threads, memory limit %s)",
        config.duckThreads(), config.duckMemory());
    DuckDbBaseline.Result duck = DuckDbBaseline.run(data, config.rules(), config.duckThreads(), config.duckMemory(),
        config.work().resolve("duckdb-spill"));
    say("DuckDB: %.1f s, %d zone-years", duck.seconds(), duck.figures().size());

    Map<String, DuckDbBaseline.Figures> ours = goldFigures(warehouse);
    List<String> differences = DuckDbBaseline.differences(ours, duck.figures());
    if (differences.isEmpty()) {
      say("equal: zone-eval and DuckDB give the same sales, tax, specialty sales, tax and sales per mu for all %d"
          + " zone-years", ours.size());
    } else {
      say("DIFFERENT: %d of %d zone-years differ:", differences.size(), ours.size());
      differences.stream().limit(20).forEach(d -> say("  %s", d));
    }
    long invoices = (long) perYear * years;
    return new SizeResult(size, invoices, bytes, generateSeconds, full, bronze, duck.seconds(), ours.size(),
        differences, loadBefore, Machine.loadAverage());
  }

  private double generate(Path data, int perYear) throws IOException {
    Path done = data.resolve(".complete");
    if (Files.exists(done)) {
      say("data %s: cached", data);
      return Double.NaN;
    }
    deleteTree(data);
    say("generating %s ...", data);
    long start = System.nanoTime();
    new SampleGenerator(new GeneratorConfig(data, config.seed(), config.enterprises(), perYear, config.firstYear(),
        config.lastYear(), StandardCharsets.UTF_8, config.badRows())).generate(stat -> { });
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.writeString(done, String.format(Locale.ROOT, "generated in %.1f s%n", seconds));
    say("generated in %.1f s", seconds);
    return seconds;
  }

  /** An in-process run: ingest and evaluate ({@code ingest}), or the last year again from the warehouse. */
  private Run evaluate(String what, Path data, Path warehouse, boolean ingest) {
    System.gc();
    Progress progress = new Progress(System.err);
    say("zone-eval: %s", what);
    long start = System.nanoTime();
    long rows = 0;
    long heap;
    long live;
    long rss;
    try (MemorySampler sampler = new MemorySampler()) {
      var w = new io.zoneeval.catalog.Warehouse(spark, warehouse.toString());
      var stage = new io.zoneeval.evaluate.EvaluateStage(spark, w, progress);
      java.util.Set<Integer> years = new java.util.TreeSet<>();
      if (ingest) {
        var ingested = new io.zoneeval.ingest.IngestStage(spark, w, progress).ingest(new io.zoneeval.ingest.IngestStage
            .Request(data.toString(), null, StandardCharsets.UTF_8, config.rules()));
        rows = ingested.files().stream().mapToLong(io.zoneeval.catalog.CommitLog.DeliveredFile::read).sum();
        var silver = stage.silverYears(config.rules());
        ingested.years().stream().filter(y -> silver.missing(y, false) == null).forEach(years::add);
      } else {
        years.add(config.lastYear());
      }
      stage.evaluate(new io.zoneeval.evaluate.EvaluateStage.Request(years, config.rules(), null, "bench", false, null));
      heap = sampler.peakHeapBytes();
      live = sampler.peakLiveHeapBytes();
      rss = MemorySampler.peakRssBytes();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Run run = new Run(seconds, progress.stages(), rows, heap, live, rss);
    say("zone-eval %s: %.1f s, %,d input rows (%,.0f rows/s), peak heap %,d MiB in use (%,d MiB live after GC),"
        + " stages %s", what, seconds, rows, run.rowsPerSecond(), heap >> 20, live >> 20, Report.stages(run.stages()));
    return run;
  }

  /** gold.zone_metrics's five figures per zone-year, as the run wrote them. */
  private Map<String, DuckDbBaseline.Figures> goldFigures(Path warehouse) {
    Map<String, DuckDbBaseline.Figures> out = new TreeMap<>();
    for (Row r : spark.read().format("delta").load(warehouse.resolve("gold/zone_metrics").toAbsolutePath().toString())
        .select(col("year"), col("zone_id"), col("sales"), col("tax"), col("specialty_sales"),
            col("tax_per_mu"), col("sales_per_mu"))
        .collectAsList()) {
      out.put(r.getInt(0) + " " + r.getString(1), new DuckDbBaseline.Figures(fen(r.getDecimal(2)), fen(r.getDecimal(3)),
          fen(r.getDecimal(4)), (BigDecimal) r.get(5), (BigDecimal) r.get(6)));
    }
    return out;
  }

  /** Yuan with 2 decimals (as gold stores money) in fen, exactly. */
  private static long fen(BigDecimal yuan) {
    return yuan.movePointRight(2).longValueExact();
  }

  private void say(String format, Object... args) {
    out.println("[bench] " + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
