package io.zoneeval.bench;

import io.zoneeval.rules.Rules;
import io.zoneeval.samples.GeneratorConfig;
import io.zoneeval.samples.SampleGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark (not a test): for each size, on the same raw CSV and one after another (never two at
 * once), the floor (its own JVM), zone-eval's full run and its re-evaluation of the last year from the
 * warehouse (each a {@code bin/zone-eval} process, timed from the outside, JVM start included), and two
 * DuckDB queries, the analyst's plain one and the rule-applying one. zone-eval's gold figures must equal
 * the rule-applying query's exactly. zone-eval is driven only through its command line: the benchmark
 * measures what a user runs, and does not depend on how the job is built inside.
 */
public final class Benchmark {
  /** A size: a label and the invoices over all years; "samples" is the repository's data-samples folder as it is. */
  public record Size(String label, long invoices) {
    public static final String SAMPLES = "samples";

    public static Size parse(String text) {
      String t = text.trim().toUpperCase(Locale.ROOT);
      if (t.equals("SAMPLES") || t.equals("DATA-SAMPLES")) {
        return new Size(SAMPLES, 0);
      }
      long factor = t.endsWith("M") ? 1_000_000L : t.endsWith("K") ? 1_000L : 1L;
      String digits = factor == 1 ? t : t.substring(0, t.length() - 1);
      long n = Math.round(Double.parseDouble(digits) * factor);
      if (n <= 0) {
        throw new IllegalArgumentException("size must be positive: " + text);
      }
      return new Size(text.trim(), n);
    }

    public boolean isSamples() {
      return SAMPLES.equals(label);
    }
  }

  /**
   * What to run: the sizes; the generator's enterprises, years and seed; where data (kept), warehouses and
   * floor tables (rewritten per size) and logs go; data-samples; the rules of the DuckDB query; DuckDB's
   * threads, memory and spill; whether generated data keeps the generator's deliberate bad rows; the sizes
   * (labels) whose annual cycle runs on the standalone cluster too ({@link AnnualCycle}).
   */
  public record Config(List<Size> sizes, int enterprises, int firstYear, int lastYear, long seed, Path work,
      Path samples, Rules rules, DuckDb.Settings duck, boolean badRows, Set<String> cycleSizes) {}

  /** One measured process: its command line (as shown), wall seconds, peak resident set and where the time went. */
  public record Measured(String command, double seconds, long peakRssBytes, StageBreakdown stages) {}

  /** Everything measured at one size. */
  public record SizeResult(Size size, long invoices, long inputBytes, int lastYear, double generateSeconds,
      Measured floor, Measured full, Measured reevaluation, double plainSeconds, double rulesSeconds,
      long duckPeakRssBytes, int zoneYears, List<String> differences, String loadBefore, String loadAfter,
      AnnualCycle.Result cycle) {

    public double fullOverFloor() {
      return full.seconds() / floor.seconds();
    }

    public double reevaluationOverFloor() {
      return reevaluation.seconds() / floor.seconds();
    }

    public double fullOverPlain() {
      return full.seconds() / plainSeconds;
    }

    public double fullOverRules() {
      return full.seconds() / rulesSeconds;
    }

    /** The highest resident set of the JVMs measured at this size (floor and zone-eval). */
    public long peakRssBytes() {
      return Math.max(floor.peakRssBytes(), Math.max(full.peakRssBytes(), reevaluation.peakRssBytes()));
    }
  }

  private static final String ZONE_EVAL_TAG = "zone-eval";

  private final Launcher launcher;
  private final Config config;
  private final PrintStream out;

  public Benchmark(Launcher launcher, Config config, PrintStream out) {
    this.launcher = launcher;
    this.config = config;
    this.out = out;
  }

  public List<SizeResult> run() throws Exception {
    readyClassDataArchive();
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
    Path data;
    double generateSeconds = Double.NaN;
    if (size.isSamples()) {
      data = config.samples().toAbsolutePath();
    } else {
      data = config.work().resolve(String.format(Locale.ROOT, "data/e%d-i%d-y%d-%d-s%d%s", config.enterprises(),
          perYear, config.firstYear(), config.lastYear(), config.seed(), config.badRows() ? "" : "-clean"))
          .toAbsolutePath();
      generateSeconds = generate(data, perYear);
    }
    Set<Integer> deliveryYears = deliveryYears(data);
    int lastYear = deliveryYears.stream().max(Integer::compare).orElseThrow();
    long invoices = size.isSamples() ? dataLines(data.resolve("invoices.csv")) : (long) perYear * years;
    long bytes = csvBytes(data);
    Path floorTables = config.work().resolve("floor-" + size.label()).toAbsolutePath();
    Path warehouse = config.work().resolve("warehouse-" + size.label()).toAbsolutePath();
    Path logs = config.work().resolve("logs").toAbsolutePath();
    deleteTree(floorTables);
    deleteTree(warehouse);
    say("size %s: %,d invoices, %,d bytes of CSV in %s", size.label(), invoices, bytes, data);
    // The first reader of the CSV would otherwise pay for the disk and the others not: read it once, so
    // that every measured run finds it in the page cache.
    warm(data);
    String loadBefore = Machine.loadAverage();
    say("load average before: %s", loadBefore);

    ProcessRun.Finished floorRun = execute(size, "floor", launcher.java(launcher.classpath(), Floor.class.getName(),
        data, List.of(data.toString(), floorTables.toString())), logs, Floor.TAG);
    Measured floor = measured(floorRun, Floor.TAG);

    Measured full = measured(execute(size, "full", launcher.zoneEval(List.of("evaluate", "--input", data.toString(),
        "--warehouse", warehouse.toString())), logs, ZONE_EVAL_TAG), ZONE_EVAL_TAG);

    List<String> reevaluate = new ArrayList<>(List.of("evaluate", "--year", Integer.toString(lastYear), "--warehouse",
        warehouse.toString()));
    Measured reevaluation = measured(execute(size, "reevaluate", launcher.zoneEval(reevaluate), logs, ZONE_EVAL_TAG),
        ZONE_EVAL_TAG);
    // The last year's sensitivity, 1,000 draws: its time is printed, not part of the ratios.
    measured(execute(size, "sensitivity", launcher.zoneEval(List.of("sensitivity", "--year", Integer.toString(lastYear),
        "--draws", "1000", "--warehouse", warehouse.toString())), logs, ZONE_EVAL_TAG), ZONE_EVAL_TAG);

    say("DuckDB plain (the analyst's query), in this JVM: %d threads, memory limit %s", config.duck().threads(),
        config.duck().memoryLimit());
    DuckDbPlain.Result plain;
    PeakRss plainRss = PeakRss.ofThisProcess();
    try {
      plain = DuckDbPlain.run(data, config.duck());
    } finally {
      plainRss.close();
    }
    long duckRss = plainRss.peakBytes();
    say("DuckDB plain: %.1f s, %d zone-years, peak RSS of this JVM %s", plain.seconds(), plain.figures().size(),
        Report.mib(duckRss));
    say("DuckDB rules (the rule-applying query), in this JVM");
    DuckDbRules.Result rules;
    PeakRss rulesRss = PeakRss.ofThisProcess();
    try {
      rules = DuckDbRules.run(data, config.rules(), config.duck());
    } finally {
      rulesRss.close();
    }
    duckRss = Math.max(duckRss, rulesRss.peakBytes());
    say("DuckDB rules: %.1f s, %d zone-years", rules.seconds(), rules.figures().size());

    compareFloorWithPlain(floorRun.stdout(), plain);
    // The years the full run evaluates: those of the delivery that have their prior year in it.
    Set<Integer> evaluated = deliveryYears.stream().filter(y -> deliveryYears.contains(y - 1))
        .collect(Collectors.toCollection(TreeSet::new));
    Map<String, Figures> gold = onlyYears(goldFigures(size, warehouse, logs), evaluated);
    Map<String, Figures> duck = onlyYears(rules.figures(), evaluated);
    List<String> differences = Figures.differences(gold, duck);
    int zoneYears = new TreeSet<>(union(gold.keySet(), duck.keySet())).size();
    if (differences.isEmpty()) {
      say("equal: zone-eval's gold and DuckDB rules give the same sales, tax, specialty sales, tax and sales per mu"
          + " for all %d zone-years of %s", zoneYears, evaluated);
    } else {
      say("DIFFERENT: %d of %d zone-years differ:", differences.size(), zoneYears);
      differences.stream().limit(20).forEach(d -> say("  %s", d));
    }
    AnnualCycle.Result cycle = null;
    if (config.cycleSizes().contains(size.label())) {
      cycle = new AnnualCycle(launcher, config.work().toAbsolutePath(), out).run(size.label(), data, deliveryYears,
          rules.figures(), logs);
    }
    String loadAfter = Machine.loadAverage();
    say("load average after: %s", loadAfter);
    return new SizeResult(size, invoices, bytes, lastYear, generateSeconds, floor, full, reevaluation, plain.seconds(),
        rules.seconds(), duckRss, zoneYears, differences, loadBefore, loadAfter, cycle);
  }

  /**
   * bin/zone-eval records its class-data archive on its first run after a build, inside that command (about a
   * minute); and the floor maps the archive only once it is there. A query first, unmeasured, so that every
   * measured run, the floor's and zone-eval's, starts with it.
   */
  private void readyClassDataArchive() throws IOException, InterruptedException {
    if (config.sizes().stream().anyMatch(size -> config.cycleSizes().contains(size.label()))) {
      // The cluster jar's build packages target/zone-eval.jar again, which leaves the archive stale: first.
      Path log = config.work().resolve("logs/cluster-jar.log").toAbsolutePath();
      ProcessRun.Finished built = ProcessRun.run(launcher.clusterBuild(), config.work().toAbsolutePath(), log, line -> { });
      if (built.exitCode() != 0) {
        throw new IllegalStateException("cluster/run-standalone --build failed; its output: " + log);
      }
    }
    Path scratch = Files.createDirectories(config.work().resolve("archive-warehouse").toAbsolutePath());
    Path log = config.work().resolve("logs/class-data-archive.log").toAbsolutePath();
    ProcessRun.Finished f = ProcessRun.run(launcher.zoneEval(List.of("sql", "SELECT 1", "--warehouse", scratch.toString())),
        config.work().toAbsolutePath(), log, line -> { });
    if (f.exitCode() != 0) {
      throw new IllegalStateException("bin/zone-eval sql \"SELECT 1\" failed before the measurements; its output: " + log);
    }
    if (launcher.classDataOptions().isEmpty() && !"off".equals(System.getenv("ZONE_EVAL_CDS"))) {
      // The recording failed once (its log says why: target/zone-eval.jsa.log): a second try, still unmeasured.
      f = ProcessRun.run(launcher.zoneEval(List.of("sql", "SELECT 1", "--warehouse", scratch.toString())),
          config.work().toAbsolutePath(), log, line -> { });
    }
    say("class-data archive %s (%.1f s before the measurements)", launcher.classDataOptions().isEmpty()
        ? "not used (ZONE_EVAL_CDS=off, or it could not be recorded)" : "ready", f.seconds());
  }

  /** Runs one command to its end; a failure stops the benchmark, naming the log that holds its output. */
  private ProcessRun.Finished execute(Size size, String what, List<String> command, Path logs, String tag)
      throws IOException, InterruptedException {
    Path log = logs.resolve(size.label() + "-" + what + ".log");
    say("%s: %s", what, launcher.display(command));
    ProcessRun.Finished f = ProcessRun.run(command, config.work().toAbsolutePath(), log, line -> {
      if (ProgressLine.isTagged(tag, line)) {
        out.println("    " + line);
        out.flush();
      }
    });
    if (f.exitCode() != 0) {
      out.println(f.tail(30));
      throw new IllegalStateException(String.format(Locale.ROOT, "%s at size %s failed (exit %d); its output: %s",
          what, size.label(), f.exitCode(), log));
    }
    return f;
  }

  private Measured measured(ProcessRun.Finished f, String tag) {
    StageBreakdown stages = StageBreakdown.of(StageBreakdown.steps(tag, f.stderr()), f.seconds());
    Measured m = new Measured(launcher.display(f.command()), f.seconds(), f.peakRssBytes(), stages);
    say("  %.1f s wall (process start to end), peak RSS %s; %s", m.seconds(), Report.mib(m.peakRssBytes()),
        Report.describe(stages));
    return m;
  }

  private Map<String, Figures> goldFigures(Size size, Path warehouse, Path logs) throws IOException,
      InterruptedException {
    ProcessRun.Finished f = execute(size, "gold", launcher.zoneEval(List.of("sql", GoldFigures.QUERY, "--warehouse",
        warehouse.toString())), logs, ZONE_EVAL_TAG);
    return GoldFigures.parse(f.stdout());
  }

  /**
   * The floor's zone-year sales beside DuckDB plain's, for information only: both aggregate the roster's
   * sales without rules, so on well-formed data they agree, which shows the floor did the whole
   * aggregation; on data with bad rows the two readers treat a few broken lines differently.
   */
  private void compareFloorWithPlain(List<String> floorCsv, DuckDbPlain.Result plain) {
    Map<String, Long> floor = new TreeMap<>();
    for (String line : floorCsv.subList(Math.min(1, floorCsv.size()), floorCsv.size())) {
      String[] f = line.split(",", -1);
      if (f.length == 3 && !f[0].isBlank()) {
        floor.put(Figures.key(Integer.parseInt(f[0]), f[1]), f[2].isBlank() ? 0 : Figures.fen(new BigDecimal(f[2])));
      }
    }
    long differ = union(floor.keySet(), plain.figures().keySet()).stream().filter(k -> {
      Long a = floor.get(k);
      DuckDbPlain.SalesTax b = plain.figures().get(k);
      return a == null || b == null || a != b.salesFen();
    }).count();
    say("floor: %d zone-years of sales; %s", floor.size(), differ == 0 ? "the same as DuckDB plain's"
        : differ + (differ == 1 ? " differs" : " differ") + " from DuckDB plain's (lines the two CSV readers treat"
            + " differently)");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  static Map<String, Figures> onlyYears(Map<String, Figures> figures, Set<Integer> years) {
    Map<String, Figures> out = new TreeMap<>();
    figures.forEach((k, v) -> {
      if (years.contains(Figures.year(k))) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The years of a delivery: those of its zones.csv (the first column, per the spec). */
  static Set<Integer> deliveryYears(Path data) throws IOException {
    Set<Integer> years = new TreeSet<>();
    try (Stream<String> lines = Files.lines(data.resolve("zones.csv"), StandardCharsets.UTF_8)) {
      lines.skip(1).forEach(line -> {
        String first = line.split(",", 2)[0].trim();
        if (first.matches("\\d{4}")) {
          years.add(Integer.parseInt(first));
        }
      });
    }
    if (years.size() < 2) {
      throw new IllegalArgumentException(data + " covers " + years + ": the full run evaluates the years that have"
          + " their prior year, so the benchmark needs at least two");
    }
    return years;
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

  private static List<Path> csvFiles(Path data) throws IOException {
    try (Stream<Path> files = Files.list(data)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
  }

  public static long csvBytes(Path data) throws IOException {
    long bytes = 0;
    for (Path p : csvFiles(data)) {
      bytes += Files.size(p);
    }
    return bytes;
  }

  private static void warm(Path data) throws IOException {
    byte[] buffer = new byte[1 << 20];
    for (Path p : csvFiles(data)) {
      try (InputStream in = Files.newInputStream(p)) {
        while (in.read(buffer) >= 0) {
          // read only
        }
      }
    }
  }

  /** Lines after the header (the records, where no quoted field spans lines). */
  private static long dataLines(Path csv) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return Math.max(0, r.lines().count() - 1);
    }
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
