package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark rewrites only its results section of docs/performance.md. */
class ReportTest {
  private static Benchmark.SizeResult result(String label, long invoices, double full, double duck) {
    Map<String, Double> stages = new java.util.LinkedHashMap<>();
    stages.put("ingest", full / 2);
    stages.put("validate", full / 2);
    Benchmark.Run run = new Benchmark.Run(full, stages, invoices + 1000, 1L << 30, 1L << 29, 2L << 30);
    Benchmark.Run again = new Benchmark.Run(full / 2, stages, invoices + 1000, 1L << 30, 1L << 29, 2L << 30);
    return new Benchmark.SizeResult(Benchmark.Size.parse(label), invoices, 100L << 20, Double.NaN, run, again, duck,
        84, List.of(), "1.00 1.00 1.00", "2.00 1.50 1.00");
  }

  @Test
  void theSectionBetweenTheMarkersIsReplacedAndTheRestKept(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("performance.md");
    Files.writeString(doc, "# Title\n\nintro\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\n## After\n\ntext\n");
    List<Benchmark.SizeResult> results = List.of(result("10M", 10_000_000, 100, 20), result("40M", 40_000_000, 400, 80));
    Report.write(doc, Report.section(results, Machine.detect(), "bin/zone-eval bench", "a note"));
    String text = Files.readString(doc);
    assertThat(text).startsWith("# Title\n\nintro\n\n" + Report.BEGIN).endsWith(Report.END + "\n\n## After\n\ntext\n");
    assertThat(text).doesNotContain("\nold\n").contains("| 40M | 40M |").contains("a note")
        .contains("| 5.0× |").contains("linear growth: time at 40M ≤ 4.50 × time at 10M")
        .contains("| 4.00× | yes |");
    // Written twice: still one section.
    Report.write(doc, Report.section(results, Machine.detect(), "bin/zone-eval bench", null));
    assertThat(Files.readString(doc).split(java.util.regex.Pattern.quote(Report.BEGIN), -1)).hasSize(2);
  }
}
