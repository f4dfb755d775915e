package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor's program on the shared session (the benchmark runs the same {@code run} in a JVM of its own,
 * see {@link Floor#main}): every CSV file becomes a Delta table (the invoices partitioned by year), each
 * write and the aggregation print a progress line the benchmark can read, and the zone-year aggregation is
 * the roster's sales, as DuckDB's plain query gives them.
 */
class FloorTest {
  @Test
  void theFloorWritesEveryFileAsDeltaAndAggregatesTheRostersSales(@TempDir Path dir) throws Exception {
    Path data = TinyDelivery.write(dir.resolve("data"), false);
    Path tables = dir.resolve("floor");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<Row> zoneYears = new Floor(SparkTestSession.get(), new PrintStream(progress, true, StandardCharsets.UTF_8))
        .run(data, tables);

    List<Path> csv = Floor.csvFiles(data);
    assertThat(csv).hasSize(12);
    for (Path file : csv) {
      Path table = tables.resolve(file.getFileName().toString().replace(".csv", ""));
      assertThat(table.resolve("_delta_log/00000000000000000000.json")).as(table.toString()).isRegularFile();
    }
    assertThat(tables.resolve("invoices/year=" + TinyDelivery.FIRST_YEAR)).isDirectory();
    assertThat(tables.resolve("invoices/year=" + TinyDelivery.LAST_YEAR)).isDirectory();

    List<String> stages = progress.toString(StandardCharsets.UTF_8).lines()
        .map(line -> ProgressLine.parse(Floor.TAG, line)).flatMap(Optional::stream).map(ProgressLine::stage).toList();
    assertThat(stages).containsOnly("write", "aggregate").filteredOn("write"::equals).hasSize(12);

    Map<String, Long> floor = new TreeMap<>();
    for (Row r : zoneYears) {
      floor.put(Figures.key(r.getInt(0), r.getString(1)), r.isNullAt(2) ? 0 : Figures.fen(r.getDecimal(2)));
    }
    Map<String, DuckDbPlain.SalesTax> plain = DuckDbPlain.run(data, new DuckDb.Settings(2, "1GB", null)).figures();
    assertThat(floor.keySet()).isEqualTo(plain.keySet());
    plain.forEach((zoneYear, v) -> assertThat(floor.get(zoneYear)).as(zoneYear).isEqualTo(v.salesFen()));
  }
}
