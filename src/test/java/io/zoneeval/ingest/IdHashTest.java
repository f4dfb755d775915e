package io.zoneeval.ingest;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.catalog.RawFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The id hashes the driver takes from a file's bytes as it reads it ({@link RawInput#open} with
 * {@link RawInput.Options#idColumn}) are the hashes of the ids the record check reads from the parsed
 * records ({@link IdHash#of} of the field): whatever the quoting, padding, charset, line ends and the place
 * of the id column. Only the records of repeated hashes are looked at again for duplicates, so an id the
 * driver hashes differently, or misses, is a duplicate that slips into silver. No Spark job: the driver's
 * pass is plain Hadoop file reading, and the expected ids come from {@link CsvRecords} read sequentially.
 */
class IdHashTest {
  private static final Configuration HADOOP = new Configuration();
  private static final Charset GBK = Charset.forName("GBK");
  private static final String U1 = uscc(1);

  /**
   * The id fields of the corpus as they stand in the file, and the id each is read as. Several are the
   * same id written differently (V1, V,7, V"8, 发票9), so their hash must be found repeated.
   */
  private static final String[][] IDS = {
      {"V1", "V1"},
      {"  V2  ", "V2"},
      {"\tV3\t", "V3"},
      {"\u3000V4\u3000", "V4"},
      {"\"V5\"", "V5"},
      {"\" V6 \"", "V6"},
      {"\"V,7\"", "V,7"},
      {"\"V\"\"8\"", "V\"8"},
      {"发票9", "发票9"},
      {"\"发票,10\"", "发票,10"},
      // A quote after white space opens a quoted field (CsvRecords drops the white space), the ideographic
      // space U+3000 included, as String.isBlank sees it.
      {"\u3000\"V,11\"", "V,11"},
      {" \"V12\" ", "V12"},
      {"\t\"V,13\"\t", "V,13"},
      {"\"V\n14\"", "V\n14"},
      {"\u3000\u3000\"V15\n\"", "V15"},
      // The same ids again, written otherwise.
      {"\"V1\"", "V1"},
      {"\u3000V1", "V1"},
      {" \"V,7\"", "V,7"},
      {"V\"8", "V\"8"},
      {"\"发票9\"\u3000", "发票9"},
      {"\u3000\"V,11\"", "V,11"},
      {"\"V,11\"", "V,11"},
      // No id: refused as missing_value, never hashed.
      {"", null},
      {"\u3000 ", null},
      {"\"\"", null},
  };

  /** The other columns of the invoices, by name; one record's seller column holds a quoted field over three lines. */
  private static Map<String, String> others(int row) {
    Map<String, String> values = new HashMap<>();
    values.put("seller_uscc", switch (row % 4) {
      case 0 -> "\"multi\nline, \"\"quoted\"\"\nseller\"";
      // A doubled quote makes the field non-blank: the quote after the closing one and a space is text.
      case 1 -> "\"\"\"\" \"x";
      default -> U1;
    });
    values.put("issue_date", "2024-01-05");
    values.put("amount", row % 3 == 0 ? "\"1,000.00\"" : "10.00");
    values.put("tax_amount", "\u3000\"1.30\"");
    values.put("status", "normal");
    return values;
  }

  /** Writes invoices.csv with the id column at {@code idAt} of the header, each record ending with {@code eol}. */
  private static Path write(Path dir, int idAt, String eol, Charset charset, List<String> idFields) throws IOException {
    List<String> header = new ArrayList<>(RawFile.INVOICES.columns());
    header.remove("invoice_id");
    header.add(idAt, "invoice_id");
    StringBuilder text = new StringBuilder(String.join(",", header)).append(eol);
    for (int row = 0; row < idFields.size(); row++) {
      Map<String, String> values = others(row);
      values.put("invoice_id", idFields.get(row));
      text.append(String.join(",", header.stream().map(values::get).toList())).append(eol);
    }
    Files.write(dir.resolve(RawFile.INVOICES.fileName()), text.toString().getBytes(charset));
    return dir;
  }

  private static RawInput open(Path dir, Charset charset, long splitBytes) {
    return RawInput.open(dir.toString(), RawFile.INVOICES, charset, HADOOP,
        new RawInput.Options(splitBytes, "invoice_id", null));
  }

  /** The file read sequentially as the executors read it: its records and their id fields. */
  private static List<CsvRecords.Record> records(Path dir, Charset charset) throws IOException {
    String text = new String(Files.readAllBytes(dir.resolve(RawFile.INVOICES.fileName())), charset);
    String[] physical = text.split("\n", -1);
    List<CsvRecords.Line> lines = new ArrayList<>();
    int last = text.endsWith("\n") ? physical.length - 1 : physical.length;
    for (int i = 1; i < last; i++) {
      lines.add(new CsvRecords.Line(i + 1, physical[i]));
    }
    List<CsvRecords.Record> out = new ArrayList<>();
    CsvRecords.records(lines.iterator(), RawFile.INVOICES.columns().size(), charset.name()).forEachRemaining(out::add);
    return out;
  }

  /** The ids of the records as the record check reads them (null for none or a record that does not split). */
  private static List<String> parsedIds(Path dir, Charset charset, int idAt) throws IOException {
    List<String> ids = new ArrayList<>();
    for (CsvRecords.Record r : records(dir, charset)) {
      assertThat(r.malformed()).as("line %d splits", r.line()).isNull();
      String id = r.fields().get(idAt).strip();
      ids.add(id.isEmpty() ? null : id);
    }
    return ids;
  }

  private static long[] sortedHashes(Stream<String> ids) {
    return ids.map(IdHash::of).mapToLong(Long::longValue).sorted().toArray();
  }

  static Stream<Arguments> layouts() {
    List<Arguments> out = new ArrayList<>();
    for (Charset charset : List.of(StandardCharsets.UTF_8, GBK)) {
      for (String eol : List.of("LF", "CRLF")) {
        for (int idAt : new int[] {0, 2, 5}) {
          out.add(Arguments.of(charset, eol, idAt));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, line end {1}, id column at {2}")
  @MethodSource("layouts")
  void theDriversHashesAreThoseOfTheParsedIds(Charset charset, String eol, int idAt, @TempDir Path dir)
      throws IOException {
    List<String> fields = Arrays.stream(IDS).map(p -> p[0]).toList();
    write(dir, idAt, eol.equals("LF") ? "\n" : "\r\n", charset, fields);
    // The test's own reading agrees with what the corpus means.
    List<String> parsed = parsedIds(dir, charset, idAt);
    assertThat(parsed).containsExactlyElementsOf(Arrays.stream(IDS).map(p -> p[1]).toList());

    for (long splitBytes : new long[] {1, RawInput.DEFAULT_SPLIT_BYTES}) {
      RawInput.IdHashes ids = open(dir, charset, splitBytes).ids();
      assertThat(ids).isNotNull();
      for (String id : parsed) {
        if (id != null) {
          assertThat(ids.contains(IdHash.of(id))).as("the hash of %s", id).isTrue();
        }
      }
      // Exactly: every hash once, sorted; the repeated ones are the ids of more than one record.
      assertThat(ids.all()).containsExactly(sortedHashes(parsed.stream().filter(id -> id != null).distinct()));
      Map<String, Integer> counts = new HashMap<>();
      parsed.stream().filter(id -> id != null).forEach(id -> counts.merge(id, 1, Integer::sum));
      assertThat(ids.repeated()).containsExactly(sortedHashes(
          counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)));
      assertThat(counts.keySet().stream().filter(id -> counts.get(id) > 1).sorted())
          .containsExactly("V\"8", "V,11", "V,7", "V1", "发票9");
    }
  }

  @Test
  void theRepeatedIdsOfALargeFileAreFoundExactly(@TempDir Path dir) throws IOException {
    // More records than the collector's first buffer (65,536): ids i, and every 997th id again at the end.
    List<String> fields = new ArrayList<>();
    TreeSet<String> repeated = new TreeSet<>();
    for (int i = 0; i < 70_000; i++) {
      fields.add("ID" + i);
    }
    for (int i = 0; i < 70_000; i += 997) {
      fields.add(i % 2 == 0 ? "\"ID" + i + "\"" : " ID" + i);
      repeated.add("ID" + i);
    }
    write(dir, 0, "\n", StandardCharsets.UTF_8, fields);
    RawInput.IdHashes ids = open(dir, StandardCharsets.UTF_8, 1 << 16).ids();
    assertThat(ids.all()).hasSize(70_000);
    assertThat(ids.repeated()).containsExactly(sortedHashes(repeated.stream()));
  }

  @Test
  void hashesSortedInBlocksAreMergedWithTheirRepeatsAcrossBlocks() {
    // Blocks of 1,000 hashes, each sorted as it fills: 10,500 ids, ids 0-2,999 twice more in reverse
    // order (so a repeat is in another block than its first), id 5 a fourth time, the last block partial.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_500; i++) {
      ids.add("ID" + i);
    }
    for (int i = 2_999; i >= 0; i--) {
      ids.add("ID" + i);
    }
    ids.add("ID5");
    try (IdHash.Collector collector = new IdHash.Collector(StandardCharsets.UTF_8, 1_000)) {
      for (String id : ids) {
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
          collector.add(b);
        }
        collector.endRecord();
      }
      RawInput.IdHashes hashes = collector.finish();
      assertThat(hashes.all()).isEqualTo(sortedHashes(ids.stream().distinct()));
      assertThat(hashes.repeated()).isEqualTo(sortedHashes(ids.subList(0, 3_000).stream()));
    }
  }

  @Test
  void aQuoteLeftOpenTooLongLeavesNoIdsSoEveryRecordIsACandidate(@TempDir Path dir) throws IOException {
    // Line 3 opens a quote that no line closes within CsvRecords.MAX_LINES_PER_RECORD lines: CsvRecords
    // refuses line 3 alone and reads the lines after it as records again, which the driver's pass (still
    // inside the quote) cannot hash.
    List<String> lines = new ArrayList<>(List.of(String.join(",", RawFile.INVOICES.columns()),
        "V1," + U1 + ",2024-01-05,1.00,0,normal",
        "V2," + U1 + ",\"2024-01-05,1.00,0,normal"));
    for (int i = 0; i < CsvRecords.MAX_LINES_PER_RECORD + 5; i++) {
      lines.add("W" + i + "," + U1 + ",2024-01-05,1.00,0,normal");
    }
    lines.add("W0," + U1 + ",2024-01-06,1.00,0,normal");
    Files.writeString(dir.resolve("invoices.csv"), String.join("\n", lines) + "\n");
    List<CsvRecords.Record> read = records(dir, StandardCharsets.UTF_8);
    assertThat(read.get(1).malformed()).isEqualTo("malformed line: a quoted field is never closed");
    assertThat(read.get(read.size() - 1).fields().get(0)).isEqualTo("W0");
    assertThat(open(dir, StandardCharsets.UTF_8, 1).ids()).isNull();
  }

  @Test
  void aQuoteLeftOpenAtTheEndOfTheFileLeavesNoIdsEither(@TempDir Path dir) throws IOException {
    // The same, with fewer lines after the open quote than MAX_LINES_PER_RECORD: the file ends inside it.
    // The records after it are records for CsvRecords (W1 twice: a duplicate), not for the driver's pass.
    Files.writeString(dir.resolve("invoices.csv"), String.join("\n",
        String.join(",", RawFile.INVOICES.columns()),
        "V1," + U1 + ",2024-01-05,1.00,0,normal",
        "V2," + U1 + ",\"2024-01-05,1.00,0,normal",
        "W1," + U1 + ",2024-01-05,1.00,0,normal",
        "W1," + U1 + ",2024-01-06,1.00,0,normal") + "\n");
    List<CsvRecords.Record> read = records(dir, StandardCharsets.UTF_8);
    assertThat(read).extracting(r -> r.fields() == null ? r.malformed() : r.fields().get(0))
        .containsExactly("V1", "malformed line: a quoted field is never closed", "W1", "W1");
    assertThat(open(dir, StandardCharsets.UTF_8, 1).ids()).isNull();
  }

  @Test
  void aQuoteLeftOpenOnALineTooLongForARecordLeavesNoIds(@TempDir Path dir) throws IOException {
    // CsvRecords refuses a line of more than MAX_RECORD_CHARS characters whatever its quotes, and reads the
    // next line as a record: the quote this one leaves open does not swallow W1 and its duplicate.
    Files.writeString(dir.resolve("invoices.csv"), String.join("\n",
        String.join(",", RawFile.INVOICES.columns()),
        "V1," + U1 + ",2024-01-05,1.00,0,normal",
        "V2," + U1 + ",2024-01-05,1.00,0,\"" + "x".repeat(CsvRecords.MAX_RECORD_CHARS),
        "W1," + U1 + ",2024-01-05,1.00,0,normal",
        "W1," + U1 + ",2024-01-06,1.00,0,\"normal\"",
        "W2," + U1 + ",2024-01-06,1.00,0,normal") + "\n");
    List<CsvRecords.Record> read = records(dir, StandardCharsets.UTF_8);
    assertThat(read).extracting(r -> r.fields() == null ? r.malformed().substring(0, 16) : r.fields().get(0))
        .containsExactly("V1", "malformed line: ", "W1", "W1", "W2");
    assertThat(open(dir, StandardCharsets.UTF_8, 1).ids()).isNull();
  }

  @Test
  void aLongQuotedFieldThatClosesKeepsTheIds(@TempDir Path dir) throws IOException {
    List<String> fields = new ArrayList<>(List.of("V1", "\"V2" + "\n".repeat(20) + "\"", "V3", "V1"));
    write(dir, 0, "\n", StandardCharsets.UTF_8, fields);
    RawInput.IdHashes ids = open(dir, StandardCharsets.UTF_8, 1).ids();
    assertThat(ids).isNotNull();
    assertThat(ids.all()).containsExactly(sortedHashes(Stream.of("V1", "V2", "V3")));
    assertThat(ids.repeated()).containsExactly(IdHash.of("V1"));
  }

  @Test
  void noIdColumnNoHashes(@TempDir Path dir) throws IOException {
    write(dir, 0, "\n", StandardCharsets.UTF_8, List.of("V1", "V1"));
    assertThat(RawInput.open(dir.toString(), RawFile.INVOICES, StandardCharsets.UTF_8, HADOOP).ids()).isNull();
    assertThat(RawInput.open(dir.toString(), RawFile.INVOICES, StandardCharsets.UTF_8, HADOOP,
        new RawInput.Options(1, "no_such_column", null)).ids()).isNull();
  }

  @Test
  void theHashOfAnIdIsThatOfItsStrippedText() {
    assertThat(IdHash.of(null)).isNull();
    assertThat(IdHash.of("")).isNull();
    assertThat(IdHash.of(" \t\u3000")).isNull();
    assertThat(IdHash.of(" V1\u3000")).isEqualTo(IdHash.of("V1")).isEqualTo(IdHash.of("\tV1\r"));
    assertThat(IdHash.of("V1")).isNotEqualTo(IdHash.of("V2")).isNotEqualTo(IdHash.of("v1"));
    assertThat(IdHash.of("发票")).isNotEqualTo(IdHash.of("发票 1"));
    // The hash of the UTF-8 bytes, whatever charset the file was in: FNV-1a, 64 bits.
    byte[] utf8 = "发票".getBytes(StandardCharsets.UTF_8);
    assertThat(IdHash.of("发票")).isEqualTo(IdHash.hash(utf8, 0, utf8.length));
    // FNV-1a's published 64-bit values: "a" and "foobar".
    assertThat(IdHash.of("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(IdHash.of("foobar")).isEqualTo(0x85944171f73967e8L);
  }
}
