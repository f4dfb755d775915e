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
 * {@link Warehouse#replaceYears} over a year the table holds: one commit of the rows and the removal of the
 * year's files as listed by Delta Kernel ({@link FileReplacement}), where that list is exact; Delta's
 * replaceWhere where a file may also hold rows of other years; and Delta's refusal of the commit when another
 * writer committed since the listing.
 */
class FileReplacementTest {
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
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2023), row("b", "2.00", 2024)));
    w.append(table, frame(table, row("c", "3.00", 2024)));
    long before = w.version(table);
    List<String> filesOf2024 = List.of(w.read(table, before).filter("year = 2024").inputFiles());
    assertThat(filesOf2024).hasSize(2);

    w.replaceYears(table, frame(table, row("d", "4.00", 2024)), List.of(2024));

    assertThat(w.version(table)).isEqualTo(before + 1);
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2023]", "[d,4.00,2024]");
    // Recorded as replaceWhere records itself, with what it removed.
    assertThat(lastCommit(w, table).<String>getAs("operation")).isEqualTo("WRITE");
    assertThat(lastCommit(w, table, "operationParameters", "mode")).isEqualTo("Overwrite");
    assertThat(lastCommit(w, table, "operationParameters", "predicate")).isEqualTo("year IN (2024)");
    assertThat(lastCommit(w, table, "operationMetrics", "numRemovedFiles")).isEqualTo("2");
    // The removed files are 2024's, logically: the version before still reads as it was.
    assertThat(List.of(w.read(table).inputFiles())).doesNotContainAnyElementsOf(filesOf2024).hasSize(2);
    assertThat(sorted(w.read(table, before)))
        .containsExactly("[a,1.00,2023]", "[b,2.00,2024]", "[c,3.00,2024]");
    // Delta's own listing agrees with the commit: a replaceWhere over it replaces what is there.
    SPARK.createDataFrame(List.of(row("e", "5.00", 2024)), table.structType()).write().format("delta")
        .mode("overwrite").option("replaceWhere", "year = 2024").save(w.location(table));
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2023]", "[e,5.00,2024]");
  }

  @Test
  void replacingEveryRowRemovesEveryFileInOneCommit() {
    TableDef table = things("emptied").partitionBy("year").build();
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2023), row("b", "2.00", 2024)));
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
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2023), row("b", "2.00", 2024)));
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

  /** Set by a test: the table another writer commits to while this one writes (once). */
  private static final java.util.concurrent.atomic.AtomicReference<String> COMMIT_DURING_WRITE =
      new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * Another writer's commit (version {@code listed + 1}): a copy of the table's first file added, as a plain
   * Delta writer would add a file, written straight into the log.
   */
  private static void anotherWriterAppends(String location) {
    try {
      SnapshotFiles now = SnapshotFiles.latest(new org.apache.hadoop.conf.Configuration(), location);
      SnapshotFiles.DataFile file = now.files().get(0);
      java.nio.file.Path table = java.nio.file.Path.of(java.net.URI.create(location));
      String copy = file.logPath().replace("part-", "part-other-writer-");
      java.nio.file.Files.copy(table.resolve(file.logPath()), table.resolve(copy));
      String commit = "{\"commitInfo\":{\"timestamp\":" + System.currentTimeMillis()
          + ",\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"},\"isBlindAppend\":true}}\n"
          + "{\"add\":{\"path\":\"" + copy + "\",\"partitionValues\":{\"year\":\"2024\"},\"size\":" + file.size()
          + ",\"modificationTime\":" + System.currentTimeMillis() + ",\"dataChange\":true}}\n";
      java.nio.file.Files.writeString(table.resolve(String.format("_delta_log/%020d.json", now.version() + 1)), commit);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aCommitOfAnotherWriterDuringTheWriteHasDeltaRefuseTheReplacement() {
    TableDef table = things("raced").partitionBy("year").build();
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2024)));
    SnapshotFiles listed = SnapshotFiles.latest(SPARK.sparkContext().hadoopConfiguration(), w.location(table));
    // The other writer commits while this one's rows are being written (after its transaction began).
    COMMIT_DURING_WRITE.set(w.location(table));
    Dataset<Row> rows = frame(table, row("b", "2.00", 2024)).mapPartitions(
        (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) it -> {
          String location = COMMIT_DURING_WRITE.getAndSet(null);
          if (location != null) {
            anotherWriterAppends(location);
          }
          return it;
        }, org.apache.spark.sql.Encoders.row(table.structType()));
    assertThatThrownBy(() -> FileReplacement.commit(SPARK, w.location(table), rows, "year IN (2024)",
        listed.version(), listed.files())).isInstanceOf(io.delta.exceptions.ConcurrentAppendException.class);
    // The other writer's commit stands, this one's is not there: its row is the other's copy of "a".
    assertThat(w.version(table)).isEqualTo(listed.version() + 1);
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2024]", "[a,1.00,2024]");
  }

  @Test
  void aTableThatMovedPastItsListingIsNotWritten() {
    TableDef table = things("moved").partitionBy("year").build();
    Warehouse w = warehouseWith(table);
    w.append(table, frame(table, row("a", "1.00", 2024)));
    SnapshotFiles listed = SnapshotFiles.latest(SPARK.sparkContext().hadoopConfiguration(), w.location(table));
    w.append(table, frame(table, row("b", "2.00", 2024)));
    long version = w.version(table);
    assertThat(FileReplacement.commit(SPARK, w.location(table), frame(table, row("c", "3.00", 2024)),
        "year IN (2024)", listed.version(), listed.files())).isFalse();
    assertThat(w.version(table)).isEqualTo(version);
    assertThat(sorted(w.read(table))).containsExactly("[a,1.00,2024]", "[b,2.00,2024]");
  }
}
