package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ratio and target tables, and the benchmark rewriting only its results section of docs/performance.md. */
class ReportTest {
  private static final Machine MACHINE = new Machine(2, 24L << 30, "AMD EPYC", "Linux", "OpenJDK 17");

  private static Benchmark.Measured measured(double seconds, String... stages) {
    Map<String, Double> byStage = new LinkedHashMap<>();
    for (String stage : stages) {
      byStage.put(stage, seconds / (stages.length + 2));
    }
    double per = seconds / (stages.length + 2);
    return new Benchmark.Measured("cmd", seconds, 3L << 30, new StageBreakdown(per, byStage, per, seconds));
  }

  private static Benchmark.SizeResult result(String label, double floor, double full, double again,
      List<String> differences) {
    Benchmark.Size size = Benchmark.Size.parse(label);
    return new Benchmark.SizeResult(size, size.isSamples() ? 45_008 : size.invoices(), 100L << 20, 2024, Double.NaN,
        measured(floor, "write", "aggregate"), measured(full, "ingest", "evaluate"), measured(again, "evaluate"),
        full / 10, full / 5, 1L << 30, 56, differences, "1.00 1.00 1.00", "2.00 1.50 1.00", null);
  }

  private static final List<Benchmark.SizeResult> RESULTS = List.of(
      result("samples", 40, 60, 30, List.of()),
      result("2M", 50, 100, 45, List.of()),
      result("13M", 100, 120, 45, List.of()),
      result("40M", 300, 360, 120, List.of()));

  @Test
  void everyRatioStandsBesideItsTargetAtItsSizeOnly() {
    String table = Report.table(RESULTS);
    assertThat(table).startsWith("| size | work | zone-eval (s) | floor or DuckDB (s) | ratio | target | met |\n");
    assertThat(table)
        .contains("| samples | full run (raw CSV → gold) ÷ floor | 60.0 | 40.0 | 1.50× | ≤ 1.5 | yes |")
        .contains("| samples | re-evaluation of 2024 from the warehouse ÷ floor | 30.0 | 40.0 | 0.75× | information | – |")
        .contains("| 2M | full run (raw CSV → gold) ÷ floor | 100.0 | 50.0 | 2.00× | information | – |")
        .contains("| 13M | full run (raw CSV → gold) ÷ floor | 120.0 | 100.0 | 1.20× | ≤ 1.2 | yes |")
        .contains("| 13M | re-evaluation of 2024 from the warehouse ÷ floor | 45.0 | 100.0 | 0.45× | ≤ 0.4 | **no** |")
        .contains("| 13M | full run ÷ DuckDB plain (the analyst's query) | 120.0 | 12.0 | 10.00× | information | – |")
        .contains("| 13M | full run ÷ DuckDB rules (the rule-applying query) | 120.0 | 24.0 | 5.00× | information | – |")
        .contains("| 40M | full run (raw CSV → gold) ÷ floor | 360.0 | 300.0 | 1.20× | information | – |");
    assertThat(table.lines()).hasSize(2 + 4 * RESULTS.size());
  }

  @Test
  void theTargetsSayWhatWasReachedAndWhatWasNotMeasured() {
    String targets = Report.targets(RESULTS, "4g", 4L << 30);
    assertThat(targets)
        .contains("| full run ÷ floor ≤ 1.5 at data-samples | 1.50× (60.0 s ÷ 40.0 s) | yes |")
        .contains("| full run ÷ floor ≤ 1.2 at 13M | 1.20× (120.0 s ÷ 100.0 s) | yes |")
        .contains("| re-evaluation of one year ÷ floor ≤ 0.4 at 13M | 0.45× (45.0 s ÷ 100.0 s) | **no** |")
        // 40M over 13M: 4.5 / 4 × 40 / 13 = 3.46 allowed; 360 / 120 = 3.00 reached.
        .contains("| linear growth: full run at 40M ≤ 3.46 × at 13M (3.1× the data; 4.5 for 40M over 10M) | 3.00× | yes |")
        .contains("every process ran with -Xmx4g").contains("3,072 MiB")
        .contains("| the same figures as DuckDB rules, exactly | every zone-year of every size equal | yes |")
        .doesNotContain("not measured");

    String quick = Report.targets(List.of(RESULTS.get(0), result("2M", 50, 100, 45, List.of("2024 YZ01: …"))),
        "6g", 6L << 30);
    assertThat(quick)
        .contains("| full run ÷ floor ≤ 1.2 and re-evaluation ÷ floor ≤ 0.4 at ~13M | not measured (no size of 10M to"
            + " 20M invoices in this run) | – |")
        .contains("| linear growth (40M over 10M ≤ 4.5) | not measured (fewer than two generated sizes) | – |")
        .contains("-Xmx6g").contains("| **no** |\n| the same figures")
        .contains("| the same figures as DuckDB rules, exactly | differences, see the run's output | **no** |");
  }

  @Test
  void stageTablesHaveAColumnPerStageInTheOrderTheyRan() {
    String stages = Report.zoneEvalStages(RESULTS.subList(0, 1));
    assertThat(stages).startsWith("| size | run | before the first step (s) | ingest (s) | evaluate (s) |"
        + " outside steps (s) | total (s) |\n");
    assertThat(stages).contains("| samples | full run | 15.0 | 15.0 | 15.0 | 15.0 | 60.0 |")
        .contains("| samples | re-evaluation of 2024 | 10.0 | – | 10.0 | 10.0 | 30.0 |");
    assertThat(Report.floorStages(RESULTS.subList(0, 1))).contains("write (s) | aggregate (s)")
        .contains("| samples | floor | 10.0 | 10.0 | 10.0 | 10.0 | 40.0 |");
  }

  @Test
  void theCycleTableHasADeliveryPerRowWithTheDriversFiguresAndItsChecks() {
    Benchmark.SizeResult r = RESULTS.get(2);
    AnnualCycle.Result cycle = new AnnualCycle.Result(List.of(
        new AnnualCycle.Step("[2022, 2023]", 600L << 20, 231.0, 120, 491, 150, 12, 0.7, 0.0),
        new AnnualCycle.Step("2024", 300L << 20, 271.0, 130, 491, 151, 12, 0.4, 0.0),
        new AnnualCycle.Step("2024 again, every invoice id held by 2023", 300L << 20, 269.0, 140, 491, 152, 13, 0.25, 0.0)),
        56, List.of(), 4_333_333, 4_333_333, 0, true);
    Benchmark.SizeResult withCycle = new Benchmark.SizeResult(r.size(), r.invoices(), r.inputBytes(), r.lastYear(),
        r.generateSeconds(), r.floor(), r.full(), r.reevaluation(), r.plainSeconds(), r.rulesSeconds(),
        r.duckPeakRssBytes(), r.zoneYears(), r.differences(), r.loadBefore(), r.loadAfter(), cycle);
    String table = Report.cycle(List.of(RESULTS.get(0), withCycle));
    assertThat(table.lines()).hasSize(5);
    assertThat(table)
        .contains("| 13M | [2022, 2023] | 600 MiB | 231.0 | 120 of 491 | 150 | 12 | 0.7 | 0.0 |  |")
        .contains("| 13M | 2024 | 300 MiB | 271.0 | 130 of 491 | 151 | 12 | 0.4 | 0.0 | gold = DuckDB rules, 56 zone-years |")
        .contains("| 13M | 2024 again, every invoice id held by 2023 | 300 MiB | 269.0 | 140 of 491 | 152 | 13 | 0.3 | 0.0 |"
            + " 4,333,333 of 4,333,333 invoices refused duplicate_id, none accepted whose id an earlier year holds;"
            + " earlier years intact |");
    assertThat(cycle.passed()).isTrue();
    assertThat(new AnnualCycle.Result(cycle.steps(), 56, List.of(), 4_333_333, 4_333_332, 1, true).passed()).isFalse();
    assertThat(new AnnualCycle.Result(cycle.steps(), 56, List.of(), 4_333_333, 4_333_333, 0, false).passed()).isFalse();
    assertThat(Report.section(List.of(withCycle), MACHINE, "4g", 4L << 30, "bench", null))
        .contains("### The annual cycle on the standalone cluster");
    assertThat(Report.section(RESULTS, MACHINE, "4g", 4L << 30, "bench", null))
        .doesNotContain("### The annual cycle");
  }

  @Test
  void smallDataHasADecimal() {
    assertThat(Report.dataSize(4_991_442)).isEqualTo("4.8 MiB");
    assertThat(Report.dataSize(2_677_000_000L)).isEqualTo("2,552 MiB");
  }

  @Test
  void theSectionBetweenTheMarkersIsReplacedAndTheRestKept(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("performance.md");
    Files.writeString(doc, "# Title\n\nintro\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\n## After\n\ntext\n");
    Report.write(doc, Report.section(RESULTS, MACHINE, "4g", 4L << 30, "bin/zone-eval bench", "a note"));
    String text = Files.readString(doc);
    assertThat(text).startsWith("# Title\n\nintro\n\n" + Report.BEGIN).endsWith(Report.END + "\n\n## After\n\ntext\n");
    assertThat(text).doesNotContain("\nold\n").contains("a note").contains("2 cores (AMD EPYC), 24.0 GiB memory")
        .contains("### zone-eval against its floor").contains("### Targets").contains("### Every measurement")
        .contains("| 40M | 40M | 100 MiB | 300.0 | 360.0 | 120.0 | 36.0 | 72.0 |")
        .contains("| samples | 45,008 | 100 MiB |").contains("samples: 1.00 1.00 1.00 → 2.00 1.50 1.00");
    // Written twice: still one section.
    Report.write(doc, Report.section(RESULTS, MACHINE, "4g", 4L << 30, "bin/zone-eval bench", null));
    assertThat(Files.readString(doc).split(java.util.regex.Pattern.quote(Report.BEGIN), -1)).hasSize(2);
  }
}
