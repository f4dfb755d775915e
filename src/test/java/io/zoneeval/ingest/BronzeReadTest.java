package io.zoneeval.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a raw file: charset, BOM, CRLF, reordered and extra columns, line numbers, header errors. */
class BronzeReadTest {
  private final SparkSession spark = SparkTestSession.get();

  private List<Row> read(Path dir, Charset charset) {
    RawInput input = RawInput.open(dir.toString(), RawFile.ZONES, charset, spark.sparkContext().hadoopConfiguration());
    return Bronze.read(spark, input, "test", Timestamp.valueOf("2025-01-01 00:00:00")).orderBy(Bronze.LINE)
        .collectAsList();
  }

  @Test
  void gbkFilesAreDecodedWhenAskedFor(@TempDir Path dir) throws Exception {
    Charset gbk = Charset.forName("GBK");
    Files.writeString(dir.resolve("zones.csv"),
        "year,zone_id,zone_name,county,zone_type,specialty_industries\n2024,Z1,仪征市真州工业集中区,仪征市,重点发展型,C38\n", gbk);
    List<Row> rows = read(dir, gbk);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<String>getAs("zone_name")).isEqualTo("仪征市真州工业集中区");
    assertThat(rows.get(0).<String>getAs("zone_type")).isEqualTo("重点发展型");
    assertThat(rows.get(0).<Long>getAs(Bronze.LINE)).isEqualTo(2L);
  }

  @Test
  void bomCrlfReorderedAndExtraColumnsAndLineNumbers(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("zones.csv"),
        "\uFEFFzone_id,year,note,zone_name,county,zone_type,specialty_industries\r\n"
            + "Z1,2024,x,\"A, with comma\",C1,重点发展型,C38\r\n"
            + "Z2,2024,x,broken\r\n"
            + "Z3,2024,x,\"two\nlines\",C1,优化发展型,C39\r\n",
        StandardCharsets.UTF_8);
    List<Row> rows = read(dir, StandardCharsets.UTF_8);
    assertThat(rows).extracting(r -> r.<Long>getAs(Bronze.LINE)).containsExactly(2L, 3L, 4L);
    assertThat(rows.get(0).<String>getAs("zone_id")).isEqualTo("Z1");
    assertThat(rows.get(0).<String>getAs("year")).isEqualTo("2024");
    assertThat(rows.get(0).<String>getAs("zone_name")).isEqualTo("A, with comma");
    assertThat(rows.get(0).<String>getAs("specialty_industries")).isEqualTo("C38");
    assertThat(rows.get(1).<String>getAs(Bronze.MALFORMED)).isEqualTo("malformed line: expected 7 fields, found 4");
    assertThat(rows.get(2).<String>getAs("zone_name")).isEqualTo("two\nlines");
  }

  @Test
  void aFileReadInManyRangesGivesTheRecordsOfOneSequentialRead(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder("year,zone_id,zone_name,county,zone_type,specialty_industries\n");
    for (int i = 0; i < 60; i++) {
      switch (i % 5) {
        // A quoted field over three lines, a doubled quote, a comma inside quotes.
        case 0 -> text.append("2024,Z").append(i).append(",\"first\nsecond, \"\"quoted\"\"\nthird\",C1,重点发展型,C38\n");
        case 1 -> text.append("2024,Z").append(i).append(",\"扬州,工业\",C1,优化发展型,C39\r\n");
        case 2 -> text.append("\n");
        case 3 -> text.append("2024,Z").append(i).append(",broken\n");
        default -> text.append("2024,Z").append(i).append(",plain\"quote,C1,重点发展型,\n");
      }
    }
    text.append("2024,Zlast,\"open\nclosed at the end\",C1,重点发展型,C38");
    Files.writeString(dir.resolve("zones.csv"), text.toString(), StandardCharsets.UTF_8);
    RawInput whole = RawInput.open(dir.toString(), RawFile.ZONES, StandardCharsets.UTF_8,
        spark.sparkContext().hadoopConfiguration(), Long.MAX_VALUE);
    assertThat(whole.splits()).hasSize(1);
    for (long splitBytes : new long[] {1, 7, 33, 100}) {
      RawInput ranges = RawInput.open(dir.toString(), RawFile.ZONES, StandardCharsets.UTF_8,
          spark.sparkContext().hadoopConfiguration(), splitBytes);
      assertThat(ranges.splits().size()).isGreaterThan(10);
      assertThat(ranges.sha256()).isEqualTo(whole.sha256());
      // Every range starts where a record starts: a quoted line feed never falls on a boundary.
      assertThat(rows(ranges)).isEqualTo(rows(whole));
    }
    List<String> lines = rows(whole);
    assertThat(lines).hasSize(61);
    assertThat(lines.get(0)).startsWith("2|Z0|first\nsecond, \"quoted\"\nthird|");
    assertThat(lines.get(1)).startsWith("5|Z1|扬州,工业|");
    assertThat(lines.get(60)).startsWith("86|Zlast|open\nclosed at the end|");
  }

  private List<String> rows(RawInput input) {
    return Bronze.read(spark, input, "test", Timestamp.valueOf("2025-01-01 00:00:00")).orderBy(Bronze.LINE)
        .collectAsList().stream()
        .map(r -> r.<Long>getAs(Bronze.LINE) + "|" + r.getAs("zone_id") + "|" + r.getAs("zone_name") + "|"
            + r.getAs(Bronze.MALFORMED) + "|" + r.getAs(Bronze.RECORD))
        .toList();
  }

  @Test
  void aHeaderWithoutTheContractsColumnsIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("zones.csv"), "year,zone,zone_name,county,zone_type,specialty_industries\n");
    assertThatThrownBy(() -> read(dir, StandardCharsets.UTF_8)).isInstanceOf(RawInput.InputException.class)
        .hasMessageContaining("zones.csv: line 1: wrong header: missing column(s) zone_id");
  }
}
