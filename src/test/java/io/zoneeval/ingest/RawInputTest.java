package io.zoneeval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's one pass over a delivered file ({@link RawInput#open}): its header, checked and naming the
 * file when wrong; its checksum; its copy; and the byte ranges the executors read
 * ({@link DeliveredRecords#read}), which must give exactly the records of one sequential read whatever the
 * range size, quoted fields over several lines, doubled quotes, CRLF, charsets and runaway quotes.
 */
class RawInputTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final Configuration HADOOP = new Configuration();
  private static final Charset GBK = Charset.forName("GBK");
  private static final String ZONES_HEADER = String.join(",", RawFile.ZONES.columns());

  private static RawInput open(Path dir, Charset charset, long splitBytes) {
    return RawInput.open(dir.toString(), RawFile.ZONES, charset, HADOOP, splitBytes);
  }

  /** The records the executors read, in line order. */
  private static List<CsvRecords.Record> read(RawInput input) {
    List<CsvRecords.Record> records = new ArrayList<>(DeliveredRecords.read(SPARK, input).collect());
    records.sort(Comparator.comparingLong(CsvRecords.Record::line));
    return records;
  }

  /** The records of one sequential read of the whole file, without Spark: its lines after the header. */
  static List<CsvRecords.Record> sequential(Path file, Charset charset, int fields) throws IOException {
    String text = new String(Files.readAllBytes(file), charset);
    String[] physical = text.split("\n", -1);
    List<CsvRecords.Line> lines = new ArrayList<>();
    int last = text.endsWith("\n") ? physical.length - 1 : physical.length;
    for (int i = 1; i < last; i++) {
      lines.add(new CsvRecords.Line(i + 1, physical[i]));
    }
    List<CsvRecords.Record> out = new ArrayList<>();
    CsvRecords.records(lines.iterator(), fields, charset.name()).forEachRemaining(out::add);
    return out;
  }

  /**
   * A zones.csv with every shape of record, each {@code i} giving one: quoted fields over several lines with
   * doubled quotes and commas, CRLF line ends, blank lines, short records, a quote inside a field (text),
   * white space before a quote (ASCII and the ideographic space), a doubled quote before a second quote.
   */
  private static String corpus() {
    StringBuilder text = new StringBuilder(ZONES_HEADER).append("\n");
    for (int i = 0; i < 72; i++) {
      String z = "Z" + i;
      switch (i % 9) {
        case 0 -> text.append("2024,").append(z).append(",\"first\nsecond, \"\"quoted\"\"\nthird\",C1,重点发展型,C38\n");
        case 1 -> text.append("2024,").append(z).append(",\"扬州,工业\",C1,优化发展型,C39\r\n");
        case 2 -> text.append("\n");
        case 3 -> text.append("2024,").append(z).append(",broken\r\n");
        case 4 -> text.append("2024,").append(z).append(",plain\"quote,C1,重点发展型,\n");
        case 5 -> text.append("2024,").append(z).append(",\u3000\"扬州\r\n工业,区\",C1,重点发展型,C38\r\n");
        case 6 -> text.append("2024,").append(z).append(", \t\"tab\nand space\" ,C1,重点发展型,C38\n");
        // Text for CsvRecords: a doubled quote makes the field non-blank, so the next quote is a character.
        case 7 -> text.append("2024,").append(z).append(",\"\"\"\" \"x,C1,重点发展型,C38\n");
        default -> text.append("2024,").append(z).append(",\"a\nb\nc\nd\",\"C\n1\",KEY,\"C3\n8\"\r\n");
      }
    }
    text.append("2024,Zlast,\"open\nclosed at the end\",C1,重点发展型,C38");
    return text.toString();
  }

  private static void assertRangesReadAsOne(Path dir, Charset charset, int expectedRecords) throws IOException {
    List<CsvRecords.Record> expected = sequential(dir.resolve("zones.csv"), charset, RawFile.ZONES.columns().size());
    assertThat(expected).hasSize(expectedRecords);
    RawInput whole = open(dir, charset, Long.MAX_VALUE);
    assertThat(whole.splits()).hasSize(1);
    assertThat(read(whole)).isEqualTo(expected);
    for (long splitBytes : new long[] {1, 37, 400}) {
      RawInput ranges = open(dir, charset, splitBytes);
      assertThat(ranges.splits().size()).as("splits of %d bytes", splitBytes).isGreaterThan(5);
      assertThat(ranges.sha256()).isEqualTo(whole.sha256());
      // The ranges follow each other without a gap, from the end of the header to the end of the file.
      assertThat(ranges.splits().get(0).start()).isEqualTo(whole.splits().get(0).start());
      assertThat(ranges.splits().get(ranges.splits().size() - 1).end()).isEqualTo(Files.size(dir.resolve("zones.csv")));
      for (int k = 1; k < ranges.splits().size(); k++) {
        assertThat(ranges.splits().get(k).start()).isEqualTo(ranges.splits().get(k - 1).end());
      }
      assertThat(read(ranges)).as("read in ranges of %d bytes", splitBytes).isEqualTo(expected);
    }
  }

  @Test
  void aFileReadInManyRangesGivesTheRecordsOfOneSequentialRead(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("zones.csv"), corpus(), StandardCharsets.UTF_8);
    List<CsvRecords.Record> expected = sequential(dir.resolve("zones.csv"), StandardCharsets.UTF_8, 6);
    // With a range per record, every record starts a range: a quoted line feed is never a boundary.
    assertThat(open(dir, StandardCharsets.UTF_8, 1).splits()).extracting(RawInput.Split::firstLine)
        .containsExactlyElementsOf(expected.stream().map(CsvRecords.Record::line).toList());
    assertRangesReadAsOne(dir, StandardCharsets.UTF_8, 73);

    assertThat(expected.get(0)).isEqualTo(new CsvRecords.Record(2, "2024,Z0,\"first\nsecond, \"\"quoted\"\"\nthird\",C1,重点发展型,C38",
        List.of("2024", "Z0", "first\nsecond, \"quoted\"\nthird", "C1", "重点发展型", "C38"), null));
    assertThat(expected.get(1).fields()).containsExactly("2024", "Z1", "扬州,工业", "C1", "优化发展型", "C39");
    assertThat(expected.get(2)).isEqualTo(new CsvRecords.Record(6, "", null, "blank line"));
    assertThat(expected.get(3).malformed()).isEqualTo("malformed line: expected 6 fields, found 3");
    assertThat(expected.get(4).fields()).containsExactly("2024", "Z4", "plain\"quote", "C1", "重点发展型", "");
    assertThat(expected.get(5).fields()).containsExactly("2024", "Z5", "扬州\n工业,区", "C1", "重点发展型", "C38");
    assertThat(expected.get(6).fields()).containsExactly("2024", "Z6", "tab\nand space ", "C1", "重点发展型", "C38");
    assertThat(expected.get(7).fields()).containsExactly("2024", "Z7", "\" \"x", "C1", "重点发展型", "C38");
    assertThat(expected.get(8)).extracting(CsvRecords.Record::line, r -> r.fields())
        .containsExactly(14L, List.of("2024", "Z8", "a\nb\nc\nd", "C\n1", "KEY", "C3\n8"));
    CsvRecords.Record last = expected.get(72);
    assertThat(last.fields()).containsExactly("2024", "Zlast", "open\nclosed at the end", "C1", "重点发展型", "C38");
  }

  @Test
  void aGbkFileReadInRangesGivesTheRecordsOfOneSequentialRead(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("zones.csv"), corpus().getBytes(GBK));
    assertRangesReadAsOne(dir, GBK, 73);
    assertThat(read(open(dir, GBK, 1)).get(5).fields().get(2)).isEqualTo("扬州\n工业,区");
  }

  /** Records with quoted fields over two lines, {@code prefix}0 to {@code prefix}(n-1). */
  private static String twoLineRecords(String prefix, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append("2024,").append(prefix).append(i).append(",\"two\nlines\",C1,KEY,C38\n");
    }
    return text.toString();
  }

  private static void assertReadAlikeInAnyRanges(Path dir, List<CsvRecords.Record> expected) {
    for (long splitBytes : new long[] {1, 500, Long.MAX_VALUE}) {
      assertThat(read(open(dir, StandardCharsets.UTF_8, splitBytes))).as("ranges of %d bytes", splitBytes)
          .isEqualTo(expected);
    }
  }

  @Test
  void aQuoteNoLineClosesIsReadAlikeInRangesAndInOne(@TempDir Path dir) throws IOException {
    // Line 4 opens a quote that no line closes within MAX_LINES_PER_RECORD lines: CsvRecords refuses that
    // line alone and reads the lines after it as records again, the quoted fields after them included.
    StringBuilder text = new StringBuilder(ZONES_HEADER).append("\n").append(twoLineRecords("Q", 1));
    text.append("2024,Z2,\"never closed,C1,KEY,C38\n");
    for (int i = 0; i < CsvRecords.MAX_LINES_PER_RECORD + 5; i++) {
      text.append("2024,R").append(i).append(",name,C1,KEY,C38\n");
    }
    text.append(twoLineRecords("S", 10));
    Files.writeString(dir.resolve("zones.csv"), text.toString(), StandardCharsets.UTF_8);
    List<CsvRecords.Record> expected = sequential(dir.resolve("zones.csv"), StandardCharsets.UTF_8, 6);
    assertThat(expected).hasSize(1 + 1 + CsvRecords.MAX_LINES_PER_RECORD + 5 + 10);
    assertThat(expected.get(1)).isEqualTo(new CsvRecords.Record(4, "2024,Z2,\"never closed,C1,KEY,C38", null,
        "malformed line: a quoted field is never closed"));
    assertThat(expected.get(2).fields()).containsExactly("2024", "R0", "name", "C1", "KEY", "C38");
    assertThat(expected.get(expected.size() - 1).fields()).containsExactly("2024", "S9", "two\nlines", "C1", "KEY", "C38");
    assertReadAlikeInAnyRanges(dir, expected);
  }

  @Test
  void aLineTooLongForARecordIsReadAlikeInRangesAndInOne(@TempDir Path dir) throws IOException {
    // A line longer than a record may be, which leaves a quote open: CsvRecords refuses it whole, whatever
    // its quotes, and reads the next line afresh.
    String tooLong = "2024,Z3,\"" + "x".repeat(CsvRecords.MAX_RECORD_CHARS);
    Files.writeString(dir.resolve("zones.csv"), ZONES_HEADER + "\n" + twoLineRecords("Q", 3) + tooLong + "\n"
        + twoLineRecords("S", 10), StandardCharsets.UTF_8);
    List<CsvRecords.Record> expected = sequential(dir.resolve("zones.csv"), StandardCharsets.UTF_8, 6);
    assertThat(expected).hasSize(3 + 1 + 10);
    assertThat(expected.get(3).line()).isEqualTo(8);
    assertThat(expected.get(3).malformed()).isEqualTo(String.format("malformed line: %,d characters, more than the "
        + "1,048,576 a record may have (raw text cut to its first 1,000)", tooLong.length()));
    assertThat(expected.get(3).text()).isEqualTo(tooLong.substring(0, 1000) + "…");
    assertThat(expected.get(4).fields()).containsExactly("2024", "S0", "two\nlines", "C1", "KEY", "C38");
    assertReadAlikeInAnyRanges(dir, expected);
  }

  @Test
  void aHeaderOnlyFileHasNoRecordsAndAFileWithoutAFinalLineFeedKeepsItsLastRecord(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("zones.csv"), ZONES_HEADER + "\r\n");
    RawInput headerOnly = open(dir, StandardCharsets.UTF_8, 1);
    assertThat(headerOnly.splits()).isEmpty();
    assertThat(read(headerOnly)).isEmpty();
    Files.writeString(dir.resolve("zones.csv"), ZONES_HEADER);
    assertThat(read(open(dir, StandardCharsets.UTF_8, 1))).isEmpty();
    Files.writeString(dir.resolve("zones.csv"), ZONES_HEADER + "\n2024,Z1,a,C1,KEY,C38\n\n2024,Z2,b,C1,KEY,C38");
    assertThat(read(open(dir, StandardCharsets.UTF_8, 1))).containsExactly(
        new CsvRecords.Record(2, "2024,Z1,a,C1,KEY,C38", List.of("2024", "Z1", "a", "C1", "KEY", "C38"), null),
        new CsvRecords.Record(3, "", null, "blank line"),
        new CsvRecords.Record(4, "2024,Z2,b,C1,KEY,C38", List.of("2024", "Z2", "b", "C1", "KEY", "C38"), null));
  }

  @Test
  void aReorderedHeaderWithABomCrlfQuotesAndExtraColumnsIsReadByName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("zones.csv"),
        "\uFEFFZone_ID,\"year\", note ,zone_name,county,ZONE_TYPE,specialty_industries\r\n"
            + "Z1,2024,x,\"A, with comma\",C1,重点发展型,C38\r\n", StandardCharsets.UTF_8);
    RawInput input = open(dir, StandardCharsets.UTF_8, 1);
    assertThat(input.header()).containsExactly("zone_id", "year", "note", "zone_name", "county", "zone_type",
        "specialty_industries");
    assertThat(input.positions()).containsExactly(1, 0, 3, 4, 5, 6);
    assertThat(input.extraColumns()).containsExactly("note");
    assertThat(read(input)).containsExactly(new CsvRecords.Record(2, "Z1,2024,x,\"A, with comma\",C1,重点发展型,C38",
        List.of("Z1", "2024", "x", "A, with comma", "C1", "重点发展型", "C38"), null));
  }

  private static String openError(Path dir, RawFile file, Charset charset) {
    try {
      RawInput.open(dir.toString(), file, charset, HADOOP);
    } catch (RawInput.InputException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    return null;
  }

  @Test
  void headerErrorsNameTheFileAndTheLine(@TempDir Path dir) throws IOException {
    Path zones = dir.resolve("zones.csv");
    Files.writeString(zones, "year,zone,zone_name,county,zone_type,specialty_industries\n2024,Z1,a,C1,KEY,C38\n");
    assertThat(openError(dir, RawFile.ZONES, StandardCharsets.UTF_8)).isEqualTo(zones + ": line 1: wrong header: "
        + "missing column(s) zone_id (expected year,zone_id,zone_name,county,zone_type,specialty_industries, "
        + "found year,zone,zone_name,county,zone_type,specialty_industries)");

    Files.writeString(zones, "year,zone_id,zone_name,county,zone_type,specialty_industries,Zone_Id\n");
    assertThat(openError(dir, RawFile.ZONES, StandardCharsets.UTF_8))
        .isEqualTo(zones + ": line 1: wrong header: column zone_id appears twice");

    Files.writeString(zones, "2024,Z1,a,C1,KEY,C38\n");
    assertThat(openError(dir, RawFile.ZONES, StandardCharsets.UTF_8)).startsWith(zones + ": line 1: wrong header: "
        + "missing column(s) year, zone_id, zone_name, county, zone_type, specialty_industries (expected ");

    Files.writeString(zones, "year,\"zone_id,zone_name,county,zone_type,specialty_industries\n");
    assertThat(openError(dir, RawFile.ZONES, StandardCharsets.UTF_8))
        .isEqualTo(zones + ": line 1: malformed header (unbalanced quote)");

    Files.write(zones, new byte[0]);
    assertThat(openError(dir, RawFile.ZONES, StandardCharsets.UTF_8)).isEqualTo(zones
        + ": empty file, expected the header year,zone_id,zone_name,county,zone_type,specialty_industries");
    Files.writeString(zones, " \r\n2024,Z1,a,C1,KEY,C38\n");
    assertThat(openError(dir, RawFile.ZONES, StandardCharsets.UTF_8)).startsWith(zones + ": empty file");

    assertThat(openError(dir, RawFile.TALENTS, StandardCharsets.UTF_8))
        .isEqualTo(dir.resolve("talents.csv") + ": missing input file (the contract needs talents.csv)");

    // A UTF-8 file read as GBK would be garbled: refused, naming its first line of non-ASCII text.
    Files.writeString(zones, ZONES_HEADER + "\n2024,Z1,name,C1,KEY,C38\n2024,Z2,扬州,C1,KEY,C38\n");
    assertThat(openError(dir, RawFile.ZONES, GBK)).isEqualTo(zones + ": line 3: the file is UTF-8 (all its non-ASCII "
        + "text is valid UTF-8), not GBK: read as GBK it would be garbled; use --encoding UTF-8");
    Files.write(zones, ZONES_HEADER.getBytes(GBK));
    assertThat(openError(dir, RawFile.ZONES, GBK)).isNull();
  }

  @Test
  void rangesAreReadAsTheirLinesAreAskedForNotAheadOfThem(@TempDir Path dir) throws IOException {
    // 40,000 lines of about 30 bytes in four ranges: each range far larger than the 64 kB a reader buffers.
    StringBuilder text = new StringBuilder(ZONES_HEADER).append("\n");
    for (int i = 0; i < 40_000; i++) {
      text.append("2024,Z").append(i).append(",name,C1,KEY,C38\n");
    }
    Path file = dir.resolve("zones.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    List<RawInput.Split> ranges = open(dir, StandardCharsets.UTF_8, Files.size(file) / 4).splits();
    assertThat(ranges).hasSizeGreaterThanOrEqualTo(4);

    java.util.Iterator<CsvRecords.Line> lines = DeliveredRecords.lines(file.toString(), ranges.iterator(), StandardCharsets.UTF_8,
        HADOOP);
    assertThat(lines.next().text()).isEqualTo("2024,Z0,name,C1,KEY,C38");
    // Emptied after the first line: a reader that had taken its whole range ahead would still give the
    // range's 10,000 lines; one that reads as asked gives what it had buffered, then finds the file ended
    // (and cannot open the next range: it is opened only now).
    Files.write(file, new byte[0]);
    int more = 0;
    try {
      while (lines.hasNext()) {
        lines.next();
        more++;
      }
    } catch (java.io.UncheckedIOException nextRange) {
      assertThat(nextRange).hasMessageContaining("cannot be read");
    }
    assertThat(more).isLessThan(5_000);
  }

  @Test
  void theChecksumIsTheSha256OfTheBytesAndTheCopyIsByteIdentical(@TempDir Path dir) throws Exception {
    // Larger than the pass's 64 KB buffer, with CRLF, GBK text and no final line feed.
    StringBuilder text = new StringBuilder(ZONES_HEADER + "\r\n");
    for (int i = 0; text.length() < 300_000; i++) {
      text.append("2024,Z").append(i).append(",\"仪征市,真州\r\n工业集中区\",仪征市,重点发展型,C38\r\n");
    }
    text.append("2024,Zend,末尾,C1,KEY,C38");
    byte[] bytes = text.toString().getBytes(GBK);
    Files.write(dir.resolve("zones.csv"), bytes);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

    Path copy = dir.resolve("copies/copy.csv");
    Files.createDirectories(copy.getParent());
    Files.write(copy, new byte[bytes.length + 100]); // an older, longer file there is replaced
    RawInput input = RawInput.open(dir.toString(), RawFile.ZONES, GBK, HADOOP,
        new RawInput.Options(1 << 12, new org.apache.hadoop.fs.Path(copy.toUri())));
    assertThat(input.sha256()).isEqualTo(sha256);
    assertThat(input.sizeBytes()).isEqualTo(bytes.length);
    assertThat(input.deliveryId()).isEqualTo(sha256 + ":gbk");
    assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
    assertThat(input.splits().size()).isGreaterThan(50);
    // The same bytes in any ranges have the same checksum; read with another charset, they are another delivery.
    assertThat(open(dir, GBK, Long.MAX_VALUE).sha256()).isEqualTo(sha256);
    Files.write(dir.resolve("zones.csv"), text.toString().getBytes(StandardCharsets.UTF_8));
    RawInput utf8 = open(dir, StandardCharsets.UTF_8, 1 << 12);
    assertThat(utf8.sha256()).isNotEqualTo(sha256);
    assertThat(utf8.deliveryId()).endsWith(":utf-8");
    // The copy opens as the original did.
    RawInput ofCopy = RawInput.open(new org.apache.hadoop.fs.Path(copy.toUri()), RawFile.ZONES, GBK, HADOOP,
        new RawInput.Options(1 << 12, null));
    assertThat(ofCopy.sha256()).isEqualTo(sha256);
    assertThat(ofCopy.splits()).isEqualTo(input.splits());
    List<CsvRecords.Record> records = read(ofCopy);
    assertThat(records.get(0).fields().get(2)).isEqualTo("仪征市,真州\n工业集中区");
    assertThat(records.get(records.size() - 1).fields()).containsExactly("2024", "Zend", "末尾", "C1", "KEY", "C38");
  }
}
