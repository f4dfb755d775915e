package io.zoneeval.bench;

import io.zoneeval.samples.SampleDeliveries;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The annual cycle on the standalone cluster ({@code cluster/run-standalone}: two workers of one core, a
 * driver of {@link #DRIVER_MEMORY}), as the bureau delivers and the data team runs it: a size's records cut
 * into the delivery of every year but the last, then the last year's; then a re-delivery of the last year
 * whose every invoice id the year before holds ({@link CollidingDelivery}). Each is {@code evaluate --input}
 * on the cluster, timed from the outside, with the driver's own figures (its heap after collections at
 * most, the bytes it read and wrote: {@code DriverFootprint}). Checked: the gold of the first two equals
 * the rule-applying query's over the same records as one folder; of the re-delivery, every invoice whose
 * id an earlier year holds is refused {@code duplicate_id}, and the earlier years' invoices are left as they
 * were.
 */
public final class AnnualCycle {
  /** The held-out check's driver: the least Spark starts a driver with is about 450 MB of heap. */
  static final String DRIVER_MEMORY = "512m";

  /**
   * One delivery of the cycle: its name, bytes, wall seconds, and the driver's figures in MiB: its heap, its
   * process's reads and writes, and those through Hadoop's file systems (the data it moved).
   */
  public record Step(String name, long deliveredBytes, double seconds, long heapAfterGcMib, long heapMib, long readMib,
      long wroteMib, double hadoopReadMib, double hadoopWroteMib) {}

  /**
   * The cycle at one size; of the re-delivery, the invoices refused {@code duplicate_id} and those accepted
   * although an earlier year holds their id (which must be none). A delivery with bad rows (data-samples)
   * re-delivers a few ids that the earlier year refused itself: those are accepted, rightly.
   */
  public record Result(List<Step> steps, int zoneYears, List<String> differences, long redelivered, long refused,
      long acceptedHeld, boolean earlierIntact) {
    public boolean passed() {
      return differences.isEmpty() && refused > 0 && acceptedHeld == 0 && earlierIntact;
    }
  }

  private final Launcher launcher;
  private final Path work;
  private final PrintStream out;

  AnnualCycle(Launcher launcher, Path work, PrintStream out) {
    this.launcher = launcher;
    this.work = work;
    this.out = out;
  }

  /**
   * Runs the cycle over {@code data} (years {@code years}, the last one last), holding the gold of its
   * evaluated years to {@code reference} (the rule-applying query's figures over the same records).
   */
  Result run(String label, Path data, Set<Integer> years, Map<String, Figures> reference, Path logs) throws Exception {
    int last = years.stream().max(Integer::compare).orElseThrow();
    Set<Integer> earlier = years.stream().filter(y -> y != last).collect(Collectors.toCollection(TreeSet::new));
    Path folder = work.resolve("cycle-" + label);
    Benchmark.deleteTree(folder);
    say("cycle %s: cutting %s into %s and %d, and a re-delivery of %d with %d's invoice ids", label, data, earlier,
        last, last, last - 1);
    List<Path> deliveries = SampleDeliveries.split(data, folder, List.of(earlier, Set.of(last)));
    Path colliding = folder.resolve("delivery-" + last + "-held-ids");
    long redelivered = CollidingDelivery.write(deliveries.get(0), deliveries.get(1), last, colliding, true);
    Path warehouse = folder.resolve("warehouse");

    List<Step> steps = new ArrayList<>();
    steps.add(evaluate(label, earlier.toString(), deliveries.get(0), warehouse, logs));
    steps.add(evaluate(label, Integer.toString(last), deliveries.get(1), warehouse, logs));
    Set<Integer> evaluated = years.stream().filter(y -> years.contains(y - 1))
        .collect(Collectors.toCollection(TreeSet::new));
    Map<String, Figures> gold = Benchmark.onlyYears(GoldFigures.parse(sql(label, "gold", GoldFigures.QUERY, warehouse, logs)), evaluated);
    Map<String, Figures> expected = Benchmark.onlyYears(reference, evaluated);
    List<String> differences = Figures.differences(gold, expected);
    Set<String> zoneYears = new TreeSet<>(gold.keySet());
    zoneYears.addAll(expected.keySet());
    say("cycle %s: gold of %s %s the rule-applying query's (%d zone-years)", label, evaluated,
        differences.isEmpty() ? "equals" : "DIFFERS from", zoneYears.size());
    differences.stream().limit(20).forEach(d -> say("  %s", d));

    String counts = "SELECT year, count(*) AS invoices FROM silver.invoices GROUP BY year ORDER BY year";
    List<String> before = sql(label, "invoices-before", counts, warehouse, logs);
    steps.add(evaluate(label, last + " again, every invoice id held by " + (last - 1), colliding, warehouse, logs));
    List<String> after = sql(label, "invoices-after", counts, warehouse, logs);
    long refused = Long.parseLong(sql(label, "refused", "SELECT count(*) AS n FROM silver.rejects WHERE source ="
        + " 'invoices' AND year = " + last + " AND reason_code = 'duplicate_id'", warehouse, logs).get(1).trim());
    long acceptedHeld = Long.parseLong(sql(label, "accepted-held", "SELECT count(*) AS n FROM silver.invoices a JOIN"
        + " silver.invoices b ON a.invoice_id = b.invoice_id AND b.year <> a.year WHERE a.year = " + last, warehouse,
        logs).get(1).trim());
    Map<String, String> beforeByYear = byYear(before);
    Map<String, String> afterByYear = byYear(after);
    boolean intact = earlier.stream().map(String::valueOf)
        .allMatch(y -> beforeByYear.get(y) != null && beforeByYear.get(y).equals(afterByYear.get(y)));
    say("cycle %s: the re-delivery's %,d invoices, %,d refused duplicate_id, %,d accepted whose id an earlier year"
        + " holds; invoices by year before %s, after %s", label, redelivered, refused, acceptedHeld, beforeByYear,
        afterByYear);
    return new Result(steps, zoneYears.size(), differences, redelivered, refused, acceptedHeld, intact);
  }

  private Step evaluate(String label, String name, Path delivery, Path warehouse, Path logs) throws Exception {
    List<String> command = launcher.cluster(DRIVER_MEMORY, List.of("evaluate", "--input", delivery.toString(),
        "--warehouse", warehouse.toString()));
    ProcessRun.Finished f = execute(label, "cycle-" + name.replaceAll("[^0-9a-z-]+", "-"), command, logs);
    String output = f.stderr().stream().map(ProcessRun.Line::text).collect(Collectors.joining("\n"));
    Matcher m = io.zoneeval.spark.DriverFootprint.LINE.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("no driver footprint line in the output of " + launcher.display(command));
    }
    Function<Integer, Long> group = i -> Long.parseLong(m.group(i).replace(",", ""));
    Step step = new Step(name, Benchmark.csvBytes(delivery), f.seconds(), group.apply(1), group.apply(2), group.apply(3),
        group.apply(4), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)));
    say("  %s: %.1f s; driver heap after collections at most %,d MiB of %,d; read %,d MiB, wrote %,d MiB; through"
        + " Hadoop read %.1f MiB, wrote %.1f MiB (%s delivered)", name, step.seconds(), step.heapAfterGcMib(),
        step.heapMib(), step.readMib(), step.wroteMib(), step.hadoopReadMib(), step.hadoopWroteMib(),
        Report.dataSize(step.deliveredBytes()));
    return step;
  }

  private List<String> sql(String label, String what, String query, Path warehouse, Path logs) throws Exception {
    return execute(label, "cycle-sql-" + what, launcher.zoneEval(List.of("sql", query, "--warehouse",
        warehouse.toString())), logs).stdout();
  }

  private ProcessRun.Finished execute(String label, String what, List<String> command, Path logs) throws Exception {
    Path log = logs.resolve(label + "-" + what + ".log");
    say("%s: %s", what, launcher.display(command));
    ProcessRun.Finished f = ProcessRun.run(command, work, log, line -> {
      if (ProgressLine.isTagged("zone-eval", line) || line.startsWith("[cluster")) {
        out.println("    " + line);
        out.flush();
      }
    });
    if (f.exitCode() != 0) {
      out.println(f.tail(30));
      throw new IllegalStateException(String.format(Locale.ROOT, "%s at size %s failed (exit %d); its output: %s",
          what, label, f.exitCode(), log));
    }
    return f;
  }

  /** "year,invoices" lines after the header, by year. */
  private static Map<String, String> byYear(List<String> csv) {
    return IntStream.range(1, csv.size()).mapToObj(csv::get).filter(l -> !l.isBlank()).map(l -> l.split(",", 2))
        .collect(Collectors.toMap(f -> f[0].trim(), f -> f[1].trim(), (a, b) -> a, TreeMap::new));
  }

  private void say(String format, Object... args) {
    out.println("[bench] " + String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
