package io.zoneeval.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The benchmark's tables, printed and written into the results section of docs/performance.md. */
public final class Report {
  public static final String BEGIN = "<!-- bench:results:begin (rewritten by zone-eval bench) -->";
  public static final String END = "<!-- bench:results:end -->";

  /** The targets. */
  public static final double FULL_TARGET = 4.0;
  public static final double BRONZE_TARGET = 2.0;
  public static final double GROWTH_TARGET = 4.5;
  public static final long HEAP_TARGET = 4L << 30;

  private Report() {}

  static String stages(Map<String, Double> stages) {
    return stages.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String n(long v) {
    if (v >= 1_000_000 && v % 100_000 == 0) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6).replace(".0M", "M");
    }
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
  }

  /** The comparison table, Markdown. */
  public static String table(List<Benchmark.SizeResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("| size | invoices | CSV | zone-eval full (s) | zone-eval from bronze (s) | DuckDB (s) | full ÷ DuckDB"
        + " (target ≤ 4) | from bronze ÷ DuckDB (target ≤ 2) | input rows/s (full) | peak heap in use, full / from bronze"
        + " (target ≤ 4 GiB) | peak live heap after GC | peak RSS | figures equal |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Benchmark.SizeResult r : results) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %,d MiB | %.1f | %.1f | %.1f | %.1f× | %.1f× | %,.0f | %s / %s | %s | %s | %s |%n",
          r.size().label(), n(r.invoices()), r.inputBytes() >> 20, r.full().seconds(), r.fromBronze().seconds(),
          r.duckSeconds(), r.fullRatio(), r.bronzeRatio(), r.full().rowsPerSecond(), mib(r.full().peakHeapBytes()),
          mib(r.fromBronze().peakHeapBytes()),
          mib(Math.max(r.full().peakLiveHeapBytes(), r.fromBronze().peakLiveHeapBytes())), mib(Math.max(r.full().peakRssBytes(), r.fromBronze().peakRssBytes())),
          r.differences().isEmpty() ? "yes, " + r.zoneYears() + " zone-years" : "NO: " + r.differences().size()
              + " of " + r.zoneYears() + " differ"));
    }
    return b.toString();
  }

  /** Wall seconds per stage, one row per size and kind of run. */
  public static String stageTable(List<Benchmark.SizeResult> results) {
    Set<String> names = new LinkedHashSet<>();
    results.forEach(r -> {
      names.addAll(r.full().stages().keySet());
      names.addAll(r.fromBronze().stages().keySet());
    });
    StringBuilder b = new StringBuilder("| size | run |");
    names.forEach(s -> b.append(' ').append(s).append(" (s) |"));
    b.append(" total (s) |\n|---|---|");
    names.forEach(s -> b.append("---:|"));
    b.append("---:|\n");
    for (Benchmark.SizeResult r : results) {
      for (var run : List.of(Map.entry("full", r.full()), Map.entry("from bronze", r.fromBronze()))) {
        b.append("| ").append(r.size().label()).append(" | ").append(run.getKey()).append(" |");
        for (String s : names) {
          Double v = run.getValue().stages().get(s);
          b.append(v == null ? " – |" : String.format(Locale.ROOT, " %.1f |", v));
        }
        b.append(String.format(Locale.ROOT, " %.1f |%n", run.getValue().seconds()));
      }
    }
    return b.toString();
  }

  /** The targets, each with what was reached. */
  public static String targets(List<Benchmark.SizeResult> results) {
    Benchmark.SizeResult last = results.get(results.size() - 1);
    StringBuilder b = new StringBuilder("| target | reached | met |\n|---|---|---|\n");
    b.append(String.format(Locale.ROOT, "| full raw → gold at the largest size (%s) ≤ %.0f× DuckDB | %.1f× (%.1f s vs %.1f s) | %s |%n",
        last.size().label(), FULL_TARGET, last.fullRatio(), last.full().seconds(), last.duckSeconds(),
        yes(last.fullRatio() <= FULL_TARGET)));
    b.append(String.format(Locale.ROOT, "| re-evaluation from bronze ≤ %.0f× DuckDB (largest size) | %.1f× (%.1f s vs %.1f s) | %s |%n",
        BRONZE_TARGET, last.bronzeRatio(), last.fromBronze().seconds(), last.duckSeconds(),
        yes(last.bronzeRatio() <= BRONZE_TARGET)));
    if (results.size() >= 2) {
      Benchmark.SizeResult prev = results.get(results.size() - 2);
      double sizeRatio = (double) last.invoices() / prev.invoices();
      // 40M over 10M: at most 4.5×; other pairs scaled the same way (1.125 × the size ratio).
      double allowed = GROWTH_TARGET / 4.0 * sizeRatio;
      double growth = last.full().seconds() / prev.full().seconds();
      b.append(String.format(Locale.ROOT, "| linear growth: time at %s ≤ %.2f × time at %s (%.1f× the data) | %.2f× | %s |%n",
          last.size().label(), allowed, prev.size().label(), sizeRatio, growth, yes(growth <= allowed)));
    }
    long worstHeap = results.stream().mapToLong(r -> Math.max(r.full().peakHeapBytes(), r.fromBronze().peakHeapBytes()))
        .max().orElse(0);
    b.append(String.format(Locale.ROOT, "| driver heap ≤ 4 GiB at every size | peak %s in use (the JVM's limit: -Xmx) | %s |%n",
        mib(worstHeap), yes(worstHeap <= HEAP_TARGET)));
    boolean equal = results.stream().allMatch(r -> r.differences().isEmpty());
    b.append(String.format(Locale.ROOT, "| the same figures as DuckDB | %s | %s |%n",
        equal ? "every zone-year of every size equal" : "differences, see the run's output", yes(equal)));
    return b.toString();
  }

  private static String yes(boolean ok) {
    return ok ? "yes" : "**no**";
  }

  /** The whole results section. */
  public static String section(List<Benchmark.SizeResult> results, Machine machine, String command, String note) {
    StringBuilder b = new StringBuilder();
    b.append(BEGIN).append("\n\n");
    b.append("Run on ").append(LocalDate.now()).append(" with `").append(command).append("`");
    if (note != null && !note.isBlank()) {
      b.append(" — ").append(note);
    }
    b.append(".\n\n**Machine:** ").append(machine.describe()).append(".\n\n");
    b.append("### zone-eval against DuckDB\n\n").append(table(results)).append('\n');
    b.append("### Targets\n\n").append(targets(results)).append('\n');
    b.append("### Wall time per stage\n\n").append(stageTable(results)).append('\n');
    b.append("Load average of the machine (1, 5, 15 min) before and after each size — anything else running"
        + " on its cores slows zone-eval and DuckDB alike, but not by the same factor: ");
    b.append(results.stream().map(r -> r.size().label() + ": " + r.loadBefore() + " → " + r.loadAfter())
        .collect(Collectors.joining("; "))).append(".\n\n");
    double generated = results.stream().mapToDouble(Benchmark.SizeResult::generateSeconds).filter(d -> !Double.isNaN(d)).sum();
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
