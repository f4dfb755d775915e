package io.zoneeval.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Warehouse#readYears}: a table's files listed by Delta Kernel and read as Parquet must give
 * exactly what Delta's own reader gives for the same years, after replacements and for a table that
 * needs a reader feature (deletion vectors), which is read by Delta instead.
 */
class WarehouseReadYearsTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  @TempDir Path dir;

  private static TableDef things(String name, boolean deletionVectors) {
    return things(name, deletionVectors ? Map.of("delta.enableDeletionVectors", "true") : Map.of());
  }

  private static TableDef things(String name, Map<String, String> properties) {
    TableDef.Builder b = new TableDef.Builder("silver", name, "test rows")
        .key("id", "string", "id")
        .col("amount", "decimal(18,2)", "amount")
        .col("day", "date", "day")
        .col("year", "int", "year")
        .partitionBy("year");
    properties.forEach(b::property);
    return b.build();
  }

  /** A warehouse in this test's folder holding the (empty) table. */
  private Warehouse warehouseWith(TableDef table) {
    Warehouse w = new Warehouse(SPARK, dir.toString());
    w.ensure(table);
    return w;
  }

  private static Row row(String id, String amount, String day) {
    return RowFactory.create(id, new BigDecimal(amount), java.sql.Date.valueOf(day), Integer.parseInt(day.substring(0, 4)));
  }

  private static Dataset<Row> frame(TableDef table, Row... rows) {
    return SPARK.createDataFrame(List.of(rows), table.structType());
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void theYearsReadAsParquetEqualDeltasOwnReadBeforeAndAfterAYearIsReplaced() {
    TableDef table = things("plain", false);
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.10", "2022-03-01"), row("b", "2.20", "2023-05-06"),
        row("c", "-3.30", "2024-12-31"), row("d", "4.40", "2024-01-01")));
    w.replaceYears(table, frame(table, row("e", "5.50", "2024-07-07")), List.of(2024));

    Dataset<Row> read = w.readYears(table, Set.of(2023, 2024)::contains);
    assertThat(read.schema().fieldNames()).containsExactly("id", "amount", "day", "year");
    assertThat(sorted(read)).containsExactly("[b,2.20,2023-05-06,2023]", "[e,5.50,2024-07-07,2024]")
        .isEqualTo(sorted(w.read(table).filter("year IN (2023, 2024)")));
    // Read as files, not through Delta's log replay: no Delta file index in the plan.
    assertThat(read.queryExecution().optimizedPlan().toString()).doesNotContain("Tahoe");
    assertThat(read.inputFiles()).allSatisfy(f -> assertThat(f).containsAnyOf("year=2023/", "year=2024/"));

    assertThat(sorted(w.readYears(table, y -> y <= 2022))).containsExactly("[a,1.10,2022-03-01,2022]");
    assertThat(w.readYears(table, y -> y > 2030).count()).isZero();
    assertThat(w.readYears(table, y -> y > 2030).schema().simpleString()).isEqualTo(read.schema().simpleString());

    // The years held, from the file list: 2024's replaced rows leave no trace of their own.
    assertThat(w.years(table)).containsExactly(2022, 2023, 2024);
    w.replaceYears(table, frame(table), List.of(2022));
    assertThat(w.years(table)).containsExactly(2023, 2024);
  }

  @Test
  void aYearTheTableDoesNotHoldIsAppendedAndItsRowsAreHeldToTheYearsAsReplaceWhereHoldsThem() {
    TableDef table = things("appended", false);
    Warehouse w = warehouseWith(table);
    // Nothing of 2023 held: appended (Delta's operation says so), no replaceWhere.
    w.replaceYears(table, frame(table, row("a", "1.00", "2023-01-01"), row("b", "2.00", "2023-02-02")), List.of(2023));
    assertThat(SPARK.sql("DESCRIBE HISTORY delta.`" + w.location(table) + "`").filter("version = 1")
        .select("operationParameters.mode").first().getString(0)).isEqualTo("Append");
    long before = w.version(table);
    // A row of 2023 among 2024's: refused on either path, nothing written.
    assertThatThrownBy(() -> w.replaceYears(table, frame(table, row("c", "3.00", "2024-01-01"),
        row("d", "4.00", "2023-03-03")), List.of(2024)))
        .hasMessageContaining("silver.appended: a row written does not match year IN (2024); nothing written");
    assertThat(w.version(table)).isEqualTo(before);
    assertThatThrownBy(() -> w.replaceYears(table, frame(table, row("e", "5.00", "2024-01-01")), List.of(2023)))
        .hasMessageContaining("silver.appended: a row written does not match year IN (2023); nothing written");
    assertThat(w.version(table)).isEqualTo(before);
    // 2023 held: replaced, its earlier rows gone.
    w.replaceYears(table, frame(table, row("f", "6.00", "2023-06-06")), List.of(2023));
    assertThat(sorted(w.read(table))).containsExactly("[f,6.00,2023-06-06,2023]");
  }

  @Test
  void aYearsRowsAreReadFromItsOwnFilesAlone() throws java.io.IOException {
    TableDef table = things("by_year", false);
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", "2023-01-01"), row("b", "2.00", "2024-02-02"),
        row("c", "3.00", "2024-03-03")));
    long version = w.version(table);
    assertThat(w.rowsOfYear(table, version, 2024)).extracting(r -> r.get("id")).containsExactlyInAnyOrder("b", "c");
    // 2023's file gone from the disk: 2024's rows are still read (its file alone is opened), 2023's are not.
    try (var files = java.nio.file.Files.list(dir.resolve("silver/by_year/year=2023"))) {
      for (Path f : files.toList()) {
        java.nio.file.Files.delete(f);
      }
    }
    assertThat(w.rowsOfYear(table, version, 2024)).extracting(r -> r.get("id")).containsExactlyInAnyOrder("b", "c");
    assertThatThrownBy(() -> w.rowsOfYear(table, version, 2023)).isInstanceOf(RuntimeException.class);
    assertThat(w.rowsOfYear(table, version, 2022)).isEmpty();
  }

  @Test
  void aTableWithACheckpointIsListedFromItToo() {
    // A checkpoint every two commits (Delta's default is ten): version 2 is one, 3 a commit after it.
    TableDef table = things("checkpointed", Map.of("delta.checkpointInterval", "2"));
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", "2023-01-01")));
    for (int i = 2; i <= 3; i++) {
      w.replaceYears(table, frame(table, row("v" + i, i + ".00", "2024-01-01")), List.of(2024));
    }
    assertThat(dir.resolve("silver/checkpointed/_delta_log/00000000000000000002.checkpoint.parquet")).exists();
    assertThat(sorted(w.readYears(table, y -> true)))
        .containsExactly("[a,1.00,2023-01-01,2023]", "[v3,3.00,2024-01-01,2024]")
        .isEqualTo(sorted(w.read(table)));
  }

  @Test
  void aTableWithDeletionVectorsIsReadByDeltaSoADeletedRowStaysDeleted() {
    TableDef table = things("with_dv", true);
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", "2023-01-01"), row("b", "2.00", "2023-01-02"),
        row("c", "3.00", "2023-01-03")).coalesce(1));
    SPARK.sql("DELETE FROM delta.`" + w.location(table) + "` WHERE id = 'b'");
    assertThat(sorted(w.readYears(table, y -> true)))
        .containsExactly("[a,1.00,2023-01-01,2023]", "[c,3.00,2023-01-03,2023]");
    // Its years are its rows' years: a file whose every row is deleted holds no year.
    w.append(table, frame(table, row("d", "4.00", "2024-01-01")));
    SPARK.sql("DELETE FROM delta.`" + w.location(table) + "` WHERE id = 'd'");
    assertThat(w.years(table)).containsExactly(2023);
  }

  @Test
  void aTableNotPartitionedByYearAloneIsRefused() {
    TableDef table = new TableDef.Builder("silver", "unpartitioned", "test").key("id", "string", "id")
        .col("year", "int", "year").build();
    Warehouse w = warehouseWith(table);
    assertThatThrownBy(() -> w.readYears(table, y -> true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not by year alone");
    assertThatThrownBy(() -> w.years(table)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not by year alone");
  }
}
