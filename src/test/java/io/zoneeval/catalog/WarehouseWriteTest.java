package io.zoneeval.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Warehouse}'s replacements: Delta's replaceWhere over rows the table holds (one commit, the replaced
 * files removed, the other years' rows kept, a row outside the years refused), and an append where Delta
 * Kernel's list of the files shows that nothing is replaced, held to the years all the same.
 */
class WarehouseWriteTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  @TempDir Path dir;

  private static TableDef.Builder things(String name) {
    return new TableDef.Builder("gold", name, "test rows")
        .key("id", "string", "id")
        .col("amount", "decimal(18,2)", "amount")
        .col("year", "int", "year")
        .check("amount_not_negative", "amount >= 0");
  }

  private Warehouse warehouseWith(TableDef table) {
    Warehouse w = new Warehouse(SPARK, dir.toString());
    w.ensure(table);
    return w;
  }

  private static Row row(String id, String amount, int year) {
    return RowFactory.create(id, new BigDecimal(amount), year);
  }

  private static Dataset<Row> frame(TableDef table, Row... rows) {
    return SPARK.createDataFrame(List.of(rows), table.structType());
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** A warehouse holding the table with a row of 2023 and one of 2024 (one commit). */
  private Warehouse withTwoYears(TableDef table) {
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2023), row("b", "2.00", 2024)));
    return w;
  }

  private static Row lastCommit(Warehouse w, TableDef table) {
    return SPARK.sql("DESCRIBE HISTORY delta.`" + w.location(table) + "` LIMIT 1").first();
  }

  /** An entry of the table's last commit in its history: {@code map} operationParameters or operationMetrics. */
  private static String lastCommit(Warehouse w, TableDef table, String map, String key) {
    return lastCommit(w, table).<scala.collection.Map<String, String>>getAs(map).get(key).get();
  }

  @Test
  void aHeldYearIsReplacedByOneCommitThatRemovesExactlyItsFiles() {
    TableDef table = things("by_year").partitionBy("year").build();
    Warehouse w = withTwoYears(table);
    w.append(table, frame(table, row("c", "3.00", 2024)));
    long before = w.version(table);
    List<String> filesOf2024 = List.of(w.read(table, before).filter("year = 2024").inputFiles());
    assertThat(filesOf2024).hasSize(2);

    w.replaceYears(table, frame(table, row("d", "4.00", 2024)), List.of(2024));

    assertThat(w.version(table)).isEqualTo(before + 1);
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2023]", "[d,4.00,2024]");
    // Recorded as replaceWhere, with what it removed.
    assertThat(lastCommit(w, table).<String>getAs("operation")).isEqualTo("WRITE");
    assertThat(lastCommit(w, table, "operationParameters", "mode")).isEqualTo("Overwrite");
    assertThat(lastCommit(w, table, "operationParameters", "predicate")).isEqualTo("year IN (2024)");
    assertThat(lastCommit(w, table, "operationMetrics", "numRemovedFiles")).isEqualTo("2");
    // The removed files are 2024's, logically: the version before still reads as it was.
    assertThat(List.of(w.read(table).inputFiles())).doesNotContainAnyElementsOf(filesOf2024).hasSize(2);
    assertThat(sorted(w.read(table, before)))
        .containsExactly("[a,1.00,2023]", "[b,2.00,2024]", "[c,3.00,2024]");
  }

  @Test
  void replacingEveryRowRemovesEveryFileInOneCommit() {
    TableDef table = things("emptied").partitionBy("year").build();
    Warehouse w = withTwoYears(table);
    long before = w.version(table);
    w.replaceAll(table, frame(table, row("c", "3.00", 2022)));
    assertThat(w.version(table)).isEqualTo(before + 1);
    assertThat(sorted(w.read(table))).containsExactly("[c,3.00,2022]");
    assertThat(lastCommit(w, table, "operationParameters", "predicate")).isEqualTo("true");
    assertThat(lastCommit(w, table, "operationMetrics", "numRemovedFiles")).isEqualTo("2");
  }

  @Test
  void aRowOutsideTheYearsOrBreakingACheckIsRefusedAndNothingIsCommitted() {
    TableDef table = things("refused").partitionBy("year").build();
    Warehouse w = withTwoYears(table);
    long before = w.version(table);
    assertThatThrownBy(() -> w.replaceYears(table, frame(table, row("c", "3.00", 2024), row("d", "4.00", 2023)),
        List.of(2024))).hasMessageContaining("gold.refused: a row written does not match year IN (2024); nothing written");
    assertThatThrownBy(() -> w.replaceYears(table, frame(table, row("e", "-5.00", 2024)), List.of(2024)))
        .hasMessageContaining("amount_not_negative");
    assertThat(w.version(table)).isEqualTo(before);
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2023]", "[b,2.00,2024]");
  }

  @Test
  void aFileThatMayHoldOtherYearsIsLeftToReplaceWhereWhichKeepsTheirRows() {
    TableDef table = things("unpartitioned").build();
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2023), row("b", "2.00", 2024)).coalesce(1));
    w.replaceYears(table, frame(table, row("c", "3.00", 2024)), List.of(2024));
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2023]", "[c,3.00,2024]");
    // Delta's replaceWhere copied 2023's row out of the shared file.
    assertThat(lastCommit(w, table, "operationMetrics", "numCopiedRows")).isEqualTo("1");
  }

  @Test
  void aTableWithDeletionVectorsIsLeftToReplaceWhere() {
    TableDef table = things("with_dv").partitionBy("year").property("delta.enableDeletionVectors", "true").build();
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2023), row("b", "2.00", 2023), row("c", "3.00", 2024)).coalesce(1));
    SPARK.sql("DELETE FROM delta.`" + w.location(table) + "` WHERE id = 'b'");
    w.replaceYears(table, frame(table, row("d", "4.00", 2024)), List.of(2024));
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2023]", "[d,4.00,2024]");
  }

  @Test
  void aYearTheTableDoesNotHoldIsAppendedAndStillHeldToItsYears() {
    TableDef table = things("appended").partitionBy("year").build();
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2023)));
    long before = w.version(table);
    assertThatThrownBy(() -> w.replaceYears(table, frame(table, row("b", "2.00", 2024), row("c", "3.00", 2023)),
        List.of(2024))).hasMessageContaining("gold.appended: a row written does not match year IN (2024); nothing written");
    assertThat(w.version(table)).isEqualTo(before);

    w.replaceYears(table, frame(table, row("b", "2.00", 2024)), List.of(2024));
    assertThat(w.version(table)).isEqualTo(before + 1);
    assertThat(lastCommit(w, table, "operationParameters", "mode")).isEqualTo("Append");
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2023]", "[b,2.00,2024]");
  }
}
