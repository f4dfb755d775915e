package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor's main, in its own JVM as the benchmark runs it: every CSV file becomes a Delta table (the
 * invoices partitioned by year), and its zone-year aggregation is the roster's sales.
 */
class FloorTest {
  @Test
  void theFloorWritesEveryFileAsDeltaAndAggregatesTheRostersSales(@TempDir Path dir) throws Exception {
    Path data = TinyDelivery.write(dir.resolve("data"), false);
    Path tables = dir.resolve("floor");
    Launcher launcher = new Launcher(Launcher.locate().root(), Map.of("ZONE_EVAL_HEAP", "1g"));
    List<String> command = launcher.java(System.getProperty("java.class.path"), Floor.class.getName(),
        List.of(data.toString(), tables.toString()));
    ProcessRun.Finished run = ProcessRun.run(command, dir, dir.resolve("floor.log"), line -> { });
    assertThat(run.exitCode()).as(run.tail(40)).isZero();

    List<Path> csv = Floor.csvFiles(data);
    assertThat(csv).hasSize(12);
    for (Path file : csv) {
      Path table = tables.resolve(file.getFileName().toString().replace(".csv", ""));
      assertThat(table.resolve("_delta_log/00000000000000000000.json")).as(table.toString()).isRegularFile();
    }
    assertThat(tables.resolve("invoices/year=" + TinyDelivery.FIRST_YEAR)).isDirectory();
    assertThat(tables.resolve("invoices/year=" + TinyDelivery.LAST_YEAR)).isDirectory();

    List<StageBreakdown.TimedStep> steps = StageBreakdown.steps(Floor.TAG, run.stderr());
    assertThat(steps).extracting(StageBreakdown.TimedStep::stage).containsOnly("write", "aggregate")
        .filteredOn("write"::equals).hasSize(12);

    // The aggregation, as printed, is the roster's sales of every zone-year: DuckDB's plain query's.
    assertThat(run.stdout().get(0)).isEqualTo("year,zone_id,sales");
    Map<String, Long> floor = new TreeMap<>();
    for (String line : run.stdout().subList(1, run.stdout().size())) {
      String[] f = line.split(",", -1);
      floor.put(Figures.key(Integer.parseInt(f[0]), f[1]), f[2].isEmpty() ? 0 : Figures.fen(new BigDecimal(f[2])));
    }
    Map<String, DuckDbPlain.SalesTax> plain = DuckDbPlain.run(data, new DuckDb.Settings(2, "1GB", null)).figures();
    assertThat(floor.keySet()).isEqualTo(plain.keySet());
    plain.forEach((zoneYear, v) -> assertThat(floor.get(zoneYear)).as(zoneYear).isEqualTo(v.salesFen()));
    assertThat(Files.readString(run.log())).contains("Floor").contains("exit 0");
  }
}
