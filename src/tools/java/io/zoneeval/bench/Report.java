package io.zoneeval.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/** The benchmark's tables, printed and written into the results section of docs/performance.md. */
public final class Report {
  public static final String BEGIN = "<!-- bench:results:begin (rewritten by zone-eval bench) -->";
  public static final String END = "<!-- bench:results:end -->";

  private Report() {}

  static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
  }

  /** Data sizes: whole MiB, with a decimal below 10 MiB (data-samples is 4.8 MiB, not "4"). */
  static String dataSize(long bytes) {
    return bytes < (10L << 20) ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20)) : mib(bytes);
  }

  private static String s(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f×", r);
  }

  private static String invoices(long v) {
    if (v >= 1_000_000 && v % 100_000 == 0) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6).replace(".0M", "M");
    }
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String yes(boolean ok) {
    return ok ? "yes" : "**no**";
  }

  /** Where a process's time went, in one line (the benchmark's log). */
  static String describe(StageBreakdown b) {
    List<String> parts = new ArrayList<>();
    parts.add("before the first step " + s(b.beforeFirstStep()) + " s");
    b.stages().forEach((stage, seconds) -> parts.add(stage + " " + s(seconds) + " s"));
    parts.add("outside steps " + s(b.outsideSteps()) + " s");
    return String.join(", ", parts);
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** One ratio row of the main table, with its target where this size has one. */
  private static String ratioRow(Benchmark.SizeResult r, String work, double zoneEval, double against, OptionalDouble target) {
    double value = zoneEval / against;
    return row(r.size().label(), work, s(zoneEval), s(against), ratio(value),
        target.isPresent() ? "≤ " + target.getAsDouble() : "information",
        target.isPresent() ? yes(value <= target.getAsDouble()) : "–");
  }

  /** The main table: each size's work, zone-eval's time, the floor's (or DuckDB's), the ratio and its target. */
  public static String table(List<Benchmark.SizeResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("| size | work | zone-eval (s) | floor or DuckDB (s) | ratio | target | met |\n");
    b.append("|---|---|---:|---:|---:|---|---|\n");
    for (Benchmark.SizeResult r : results) {
      b.append(ratioRow(r, "full run (raw CSV → gold) ÷ floor", r.full().seconds(), r.floor().seconds(),
          Targets.fullOverFloor(r.size())));
      b.append(ratioRow(r, "re-evaluation of " + r.lastYear() + " from the warehouse ÷ floor",
          r.reevaluation().seconds(), r.floor().seconds(), Targets.reevaluationOverFloor(r.size())));
      b.append(ratioRow(r, "full run ÷ DuckDB plain (the analyst's query)", r.full().seconds(), r.plainSeconds(),
          OptionalDouble.empty()));
      b.append(ratioRow(r, "full run ÷ DuckDB rules (the rule-applying query)", r.full().seconds(), r.rulesSeconds(),
          OptionalDouble.empty()));
    }
    return b.toString();
  }

  /** Each size's data, every time measured, memory and the figure check. */
  public static String measurements(List<Benchmark.SizeResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("| size | invoices | CSV | floor (s) | full run (s) | re-evaluation (s) | DuckDB plain (s) | DuckDB rules (s)"
        + " | peak RSS: floor / full / re-evaluation / DuckDB | figures equal (gold = DuckDB rules) |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Benchmark.SizeResult r : results) {
      b.append(row(r.size().label(), invoices(r.invoices()), dataSize(r.inputBytes()), s(r.floor().seconds()),
          s(r.full().seconds()), s(r.reevaluation().seconds()), s(r.plainSeconds()), s(r.rulesSeconds()),
          mib(r.floor().peakRssBytes()) + " / " + mib(r.full().peakRssBytes()) + " / "
              + mib(r.reevaluation().peakRssBytes()) + " / " + mib(r.duckPeakRssBytes()),
          r.differences().isEmpty() ? "yes, " + r.zoneYears() + " zone-years"
              : "NO: " + r.differences().size() + " of " + r.zoneYears() + " differ"));
    }
    return b.toString();
  }

  /** The targets, each with what was reached; a target whose size was not run says so. */
  public static String targets(List<Benchmark.SizeResult> results, String heap, long heapBytes) {
    StringBuilder b = new StringBuilder("| target | reached | met |\n|---|---|---|\n");
    boolean samples = false;
    boolean headline = false;
    for (Benchmark.SizeResult r : results) {
      OptionalDouble full = Targets.fullOverFloor(r.size());
      if (full.isPresent()) {
        samples |= r.size().isSamples();
        headline |= !r.size().isSamples();
        b.append(row(String.format(Locale.ROOT, "full run ÷ floor ≤ %s at %s", full.getAsDouble(),
                r.size().isSamples() ? "data-samples" : r.size().label()),
            ratio(r.fullOverFloor()) + " (" + s(r.full().seconds()) + " s ÷ " + s(r.floor().seconds()) + " s)",
            yes(r.fullOverFloor() <= full.getAsDouble())));
      }
      OptionalDouble again = Targets.reevaluationOverFloor(r.size());
      if (again.isPresent()) {
        b.append(row(String.format(Locale.ROOT, "re-evaluation of one year ÷ floor ≤ %s at %s", again.getAsDouble(),
                r.size().label()),
            ratio(r.reevaluationOverFloor()) + " (" + s(r.reevaluation().seconds()) + " s ÷ " + s(r.floor().seconds())
                + " s)", yes(r.reevaluationOverFloor() <= again.getAsDouble())));
      }
    }
    if (!samples) {
      b.append(row("full run ÷ floor ≤ " + Targets.FULL_OVER_FLOOR_SAMPLES + " at data-samples",
          "not measured (size `samples` not in this run)", "–"));
    }
    if (!headline) {
      b.append(row("full run ÷ floor ≤ " + Targets.FULL_OVER_FLOOR_HEADLINE + " and re-evaluation ÷ floor ≤ "
          + Targets.REEVALUATION_OVER_FLOOR + " at ~13M", "not measured (no size of 10M to 20M invoices in this run)",
          "–"));
    }
    List<Benchmark.SizeResult> generated = results.stream().filter(r -> !r.size().isSamples())
        .sorted(java.util.Comparator.comparingLong(Benchmark.SizeResult::invoices)).toList();
    if (generated.size() >= 2) {
      Benchmark.SizeResult last = generated.get(generated.size() - 1);
      Benchmark.SizeResult prev = generated.get(generated.size() - 2);
      double allowed = Targets.allowedGrowth(prev.invoices(), last.invoices());
      double growth = last.full().seconds() / prev.full().seconds();
      b.append(row(String.format(Locale.ROOT, "linear growth: full run at %s ≤ %.2f × at %s (%.1f× the data; %.1f for"
              + " 40M over 10M)", last.size().label(), allowed, prev.size().label(),
              (double) last.invoices() / prev.invoices(), Targets.GROWTH_40M_OVER_10M),
          String.format(Locale.ROOT, "%.2f×", growth), yes(growth <= allowed)));
    } else {
      b.append(row("linear growth (40M over 10M ≤ " + Targets.GROWTH_40M_OVER_10M + ")",
          "not measured (fewer than two generated sizes)", "–"));
    }
    Benchmark.SizeResult rssPeak = results.stream()
        .max(java.util.Comparator.comparingLong(Benchmark.SizeResult::peakRssBytes)).orElseThrow();
    b.append(row("driver heap ≤ 4 GiB", String.format(Locale.ROOT, "every process ran with -Xmx%s (bin/zone-eval's"
            + " heap) and finished; highest resident set %s, at %s (heap, Spark's memory outside it, the JVM)", heap,
            mib(rssPeak.peakRssBytes()), rssPeak.size().label()),
        yes(heapBytes <= Targets.HEAP_BYTES)));
    boolean equal = results.stream().allMatch(r -> r.differences().isEmpty());
    b.append(row("the same figures as DuckDB rules, exactly",
        equal ? "every zone-year of every size equal" : "differences, see the run's output", yes(equal)));
    return b.toString();
  }

  /**
   * The annual cycle of each size that ran it: each delivery's time on the standalone cluster, the driver's
   * heap after collections at most and what it read and wrote (its process, and through Hadoop's file
   * systems), beside the delivered bytes.
   */
  public static String cycle(List<Benchmark.SizeResult> results) {
    StringBuilder b = new StringBuilder("| size | delivery | delivered | wall (s) | driver heap after collections,"
        + " at most (MiB) | driver read (MiB) | driver wrote (MiB) | through Hadoop: read (MiB) | wrote (MiB) | checks |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Benchmark.SizeResult r : results) {
      AnnualCycle.Result c = r.cycle();
      if (c == null) {
        continue;
      }
      for (int i = 0; i < c.steps().size(); i++) {
        AnnualCycle.Step step = c.steps().get(i);
        String check = switch (i) {
          case 1 -> c.differences().isEmpty() ? "gold = DuckDB rules, " + c.zoneYears() + " zone-years"
              : "NO: " + c.differences().size() + " of " + c.zoneYears() + " zone-years differ";
          case 2 -> String.format(Locale.ROOT, "%,d of %,d invoices refused duplicate_id, %s; earlier years %s",
              c.refused(), c.redelivered(), c.acceptedHeld() == 0 ? "none accepted whose id an earlier year holds"
                  : "NO: " + String.format(Locale.ROOT, "%,d", c.acceptedHeld()) + " accepted whose id an earlier year holds",
              c.earlierIntact() ? "intact" : "CHANGED");
          default -> "";
        };
        b.append(row(r.size().label(), step.name(), dataSize(step.deliveredBytes()), s(step.seconds()),
            String.format(Locale.ROOT, "%,d of %,d", step.heapAfterGcMib(), step.heapMib()),
            String.format(Locale.ROOT, "%,d", step.readMib()), String.format(Locale.ROOT, "%,d", step.wroteMib()),
            String.format(Locale.ROOT, "%.1f", step.hadoopReadMib()), String.format(Locale.ROOT, "%.1f", step.hadoopWroteMib()),
            check));
      }
    }
    return b.toString();
  }

  private record StageRow(String size, String run, StageBreakdown stages) {}

  /** Wall seconds per stage (first word of the progress lines), one row per size and run. */
  static String stageTable(List<StageRow> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.addAll(r.stages().stages().keySet()));
    StringBuilder b = new StringBuilder("| size | run | before the first step (s) |");
    names.forEach(n -> b.append(' ').append(n).append(" (s) |"));
    b.append(" outside steps (s) | total (s) |\n|---|---|---:|");
    names.forEach(n -> b.append("---:|"));
    b.append("---:|---:|\n");
    for (StageRow r : rows) {
      b.append("| ").append(r.size()).append(" | ").append(r.run()).append(" | ")
          .append(s(r.stages().beforeFirstStep())).append(" |");
      for (String n : names) {
        Double v = r.stages().stages().get(n);
        b.append(v == null ? " – |" : " " + s(v) + " |");
      }
      b.append(' ').append(s(r.stages().outsideSteps())).append(" | ").append(s(r.stages().total())).append(" |\n");
    }
    return b.toString();
  }

  public static String zoneEvalStages(List<Benchmark.SizeResult> results) {
    List<StageRow> rows = new ArrayList<>();
    for (Benchmark.SizeResult r : results) {
      rows.add(new StageRow(r.size().label(), "full run", r.full().stages()));
      rows.add(new StageRow(r.size().label(), "re-evaluation of " + r.lastYear(), r.reevaluation().stages()));
    }
    return stageTable(rows);
  }

  public static String floorStages(List<Benchmark.SizeResult> results) {
    return stageTable(results.stream().map(r -> new StageRow(r.size().label(), "floor", r.floor().stages())).toList());
  }

  /** The whole results section. */
  public static String section(List<Benchmark.SizeResult> results, Machine machine, String heap, long heapBytes,
      String command, String note) {
    StringBuilder b = new StringBuilder();
    b.append(BEGIN).append("\n\n");
    b.append("Run on ").append(LocalDate.now()).append(" with `").append(command).append("`");
    if (note != null && !note.isBlank()) {
      b.append(" — ").append(note);
    }
    b.append(".\n\n**Machine:** ").append(machine.describe()).append("; every measured JVM (floor and zone-eval) ran")
        .append(" with bin/zone-eval's options and `-Xmx").append(heap).append("`.\n\n");
    b.append("### zone-eval against its floor\n\n").append(table(results)).append('\n');
    b.append("### Targets\n\n").append(targets(results, heap, heapBytes)).append('\n');
    b.append("### Every measurement\n\n").append(measurements(results)).append('\n');
    b.append("### zone-eval's stages\n\n");
    b.append("Wall seconds from its progress lines; a stage is the steps whose names begin with the same word, and"
        + " stages may overlap.\n\n");
    b.append(zoneEvalStages(results)).append('\n');
    b.append("### The floor's steps\n\n").append(floorStages(results)).append('\n');
    if (results.stream().anyMatch(r -> r.cycle() != null)) {
      b.append("### The annual cycle on the standalone cluster\n\n");
      b.append("`cluster/run-standalone` (two workers of one core, executors of 1 GB) with a ")
          .append(AnnualCycle.DRIVER_MEMORY).append(" driver; each delivery `evaluate --input`, timed from the outside"
              + " (the cluster's start included); the driver's figures are its own (`DriverFootprint`: the heap after"
              + " each collection; /proc/self/io, its jars and logs included; and its bytes through Hadoop's file"
              + " systems, the data it moved).\n\n");
      b.append(cycle(results)).append('\n');
    }
    b.append("Load average of the machine (1, 5, 15 min) before and after each size — anything else running"
        + " on its cores slows every measurement, not all by the same factor: ");
    b.append(results.stream().map(r -> r.size().label() + ": " + r.loadBefore() + " → " + r.loadAfter())
        .collect(Collectors.joining("; "))).append(".\n\n");
    double generated = results.stream().mapToDouble(Benchmark.SizeResult::generateSeconds)
        .filter(d -> !Double.isNaN(d)).sum();
    if (generated > 0) {
      b.append(String.format(Locale.ROOT, "Generating the data took %.0f s in all (not part of any figure above).%n%n",
          generated));
    }
    b.append(END).append('\n');
    return b.toString();
  }

  /** Replaces the results section of the document (or appends one), leaving the rest as it is. */
  public static void write(Path doc, String section) throws IOException {
    String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Performance\n\n";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    String updated;
    if (begin >= 0 && end > begin) {
      updated = text.substring(0, begin) + section + text.substring(end + END.length()).replaceFirst("^\n", "");
    } else {
      updated = text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
    }
    Files.writeString(doc, updated, StandardCharsets.UTF_8);
  }
}
