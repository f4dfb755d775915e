package io.zoneeval.ingest;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.Tables;
import io.zoneeval.rules.Rules;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicates are decided on the executors ({@link DeliveryChecks#duplicates}, {@link Duplicates}) and
 * handed to each range's task with its own lines ({@link DeliveredRecords#read(SparkSession, RawInput,
 * Dataset)}): the outcome equals the spec's rule applied by hand to the records read in file order (the
 * first good record of an id stands; an id an accepted record of another year holds is taken; a refused
 * record takes no id), whatever the quoting and padding of the ids, the charset, the ranges the file is
 * read in, and a quote left open that makes CsvRecords read the lines after it as records again.
 */
class DuplicatesTest {
  private static final Configuration HADOOP = new Configuration();
  private static final Charset GBK = Charset.forName("GBK");
  private static final String U1 = uscc(1);
  private static final Validation VALIDATION = new Validation(Rules.defaults());
  private static final Validation.Context Y2024 = new Validation.Context(Set.of(2024), Map.of(),
      Map.of(2024, Set.of(U1)));
  private static final String HOLDER = "0123456789abcdef:utf-8";

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
    values.put("amount", row % 3 == 0 ? "\"1000.00\"" : "10.00");
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
    return RawInput.open(dir.toString(), RawFile.INVOICES, charset, HADOOP, new RawInput.Options(splitBytes, null));
  }

  /** The file read sequentially as the executors read it: its records and their id fields. */
  private static List<CsvRecords.Record> records(Path dir, Charset charset) throws IOException {
    return RawInputTest.sequential(dir.resolve(RawFile.INVOICES.fileName()), charset, RawFile.INVOICES.columns().size());
  }

  /** Other years' accepted invoices holding these ids, as {@link Duplicates#decisions} takes them. */
  private static Dataset<Row> held(String... ids) {
    StructType schema = new StructType().add("key", DataTypes.StringType).add("year", DataTypes.IntegerType)
        .add("delivery_id", DataTypes.StringType).add("line", DataTypes.LongType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      rows.add(RowFactory.create(ids[i], 2023, HOLDER, 7L + i));
    }
    return SparkTestSession.get().createDataFrame(rows, schema);
  }

  /** The spec's rule by hand, in file order: each refused line's reason, and the accepted lines. */
  private static Map<Long, String> byHand(List<CsvRecords.Record> records, RecordCheck check, List<String> heldIds) {
    Map<Long, String> outcome = new TreeMap<>();
    Map<String, Long> first = new HashMap<>();
    for (CsvRecords.Record r : records) {
      RecordCheck.Outcome o = check.check(r);
      if (!o.accepted()) {
        outcome.put(r.line(), o.code());
        continue;
      }
      String id = check.key(o);
      int held = heldIds.indexOf(id);
      if (held >= 0) {
        outcome.put(r.line(), "duplicate_id: duplicate invoice_id: " + id + " is held by the accepted record of 2023 "
            + "(delivery 0123456789ab…, line " + (7 + held) + ")");
      } else if (first.containsKey(id)) {
        outcome.put(r.line(), "duplicate_id: duplicate invoice_id: " + id + " already appears at line "
            + first.get(id) + " of this delivery");
      } else {
        first.put(id, r.line());
        outcome.put(r.line(), "accepted");
      }
    }
    return outcome;
  }

  /** What the executors decide and the file's pass makes of it, in the same shape. */
  private static Map<Long, String> onSpark(RawInput input, RecordCheck check, Dataset<Row> held) {
    return onSpark(input, check, held, DeliveryChecks.MAX_CANDIDATE_HASHES);
  }

  /** The same with every record compared, as for a small file (no hashes first). */
  private static Map<Long, String> allCompared(RawInput input, RecordCheck check, Dataset<Row> held) {
    return onSpark(input, check, held, Long.MAX_VALUE, DeliveryChecks.MAX_CANDIDATE_HASHES);
  }

  private static Map<Long, String> onSpark(RawInput input, RecordCheck check, Dataset<Row> held, int maxHashes) {
    return onSpark(input, check, held, 0, maxHashes);
  }

  /** Hashes first from {@code hashedFromBytes} on (0: always, as for a large file). */
  private static Map<Long, String> onSpark(RawInput input, RecordCheck check, Dataset<Row> held, long hashedFromBytes,
      int maxHashes) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> duplicates = DeliveryChecks.duplicates(spark, input, check, "invoice_id", true, held,
        hashedFromBytes, maxHashes);
    DeliveryChecks.Tally tally = DeliveryChecks.Tally.register(spark, RawFile.INVOICES);
    Map<Long, String> outcome = new TreeMap<>();
    DeliveryChecks.accepted(spark, input, "invoices.csv", check, "d", Tables.silver(RawFile.INVOICES,
        Rules.defaults()).structType(), tally, duplicates).select("_line").collectAsList()
        .forEach(r -> outcome.put(r.getLong(0), "accepted"));
    // A task with many refused records gathers only its share: they are read again, decisions and all.
    List<Row> rejects = tally.complete() ? tally.rejectRows()
        : DeliveryChecks.rejected(spark, input, "invoices.csv", check, "d", duplicates).collectAsList();
    for (Row r : rejects) {
      String code = r.getString(6);
      outcome.put(r.getLong(4), code.equals("duplicate_id") ? code + ": " + r.getString(7) : code);
    }
    assertThat(tally.read().value()).isEqualTo(outcome.size());
    return outcome;
  }

  private static RecordCheck check(List<String> header) {
    int[] positions = RawFile.INVOICES.columns().stream().mapToInt(header::indexOf).toArray();
    return new RecordCheck(RawFile.INVOICES, VALIDATION, positions, Y2024);
  }

  private static List<String> header(int idAt) {
    List<String> header = new ArrayList<>(RawFile.INVOICES.columns());
    header.remove("invoice_id");
    header.add(idAt, "invoice_id");
    return header;
  }

  @Test
  void theCorpusIsDecidedAsByHandInAnyRangesCharsetAndColumnOrder(@TempDir Path dir) throws IOException {
    List<String> fields = Arrays.stream(IDS).map(p -> p[0]).toList();
    for (Charset charset : List.of(StandardCharsets.UTF_8, GBK)) {
      for (int idAt : new int[] {0, 5}) {
        write(dir, idAt, idAt == 0 ? "\n" : "\r\n", charset, fields);
        RecordCheck check = check(header(idAt));
        List<CsvRecords.Record> records = records(dir, charset);
        assertThat(records).extracting(r -> r.fields().get(idAt).strip())
            .containsExactlyElementsOf(Arrays.stream(IDS).map(p -> p[1] == null ? "" : p[1]).toList());
        Map<Long, String> expected = byHand(records, check, List.of("V3", "V,11"));
        // The corpus has what the test is for: duplicates in file order, held ids, refused records.
        assertThat(expected.values()).anyMatch(v -> v.contains("already appears"))
            .anyMatch(v -> v.contains("is held by")).anyMatch(v -> !v.startsWith("duplicate") && !v.equals("accepted"));
        // A range per record, a few ranges, one range.
        long splitBytes = idAt == 0 ? (charset == GBK ? 1 : 300) : RawInput.DEFAULT_SPLIT_BYTES;
        assertThat(onSpark(open(dir, charset, splitBytes), check, held("V3", "V,11")))
            .as("%s, id at %d, ranges of %d bytes", charset, idAt, splitBytes).isEqualTo(expected);
        if (charset == GBK && idAt == 5) {
          assertThat(allCompared(open(dir, charset, 300), check, held("V3", "V,11"))).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void withoutHeldIdsOnlyTheDeliverysOwnRepeatsAreDuplicates(@TempDir Path dir) throws IOException {
    write(dir, 0, "\n", StandardCharsets.UTF_8, Arrays.stream(IDS).map(p -> p[0]).toList());
    RecordCheck check = check(header(0));
    assertThat(onSpark(open(dir, StandardCharsets.UTF_8, 300), check, null))
        .isEqualTo(byHand(records(dir, StandardCharsets.UTF_8), check, List.of()));
  }

  @Test
  void theIdsHashedFromARangesBytesAreThoseOfItsParsedRecords(@TempDir Path dir) throws IOException {
    List<String> fields = Arrays.stream(IDS).map(p -> p[0]).toList();
    for (Charset charset : List.of(StandardCharsets.UTF_8, GBK)) {
      for (String eol : List.of("\n", "\r\n")) {
        for (int idAt : new int[] {0, 2, 5}) {
          write(dir, idAt, eol, charset, fields);
          byte[] bytes = Files.readAllBytes(dir.resolve(RawFile.INVOICES.fileName()));
          int start = 0;
          while (bytes[start] != '\n') {
            start++;
          }
          IdHashGroups.Collected scanned = new IdHashGroups.Collected();
          assertThat(RangeIds.scan(new java.io.ByteArrayInputStream(bytes, start + 1, bytes.length), bytes.length
              - start - 1, idAt, charset, scanned)).isTrue();
          long[] parsed = records(dir, charset).stream().map(r -> IdHash.of(r.fields().get(idAt)))
              .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sorted().toArray();
          assertThat(scanned.sorted()).as("%s, %s, id at %d", charset, eol.length(), idAt).containsExactly(parsed);
        }
      }
    }
  }

  @Test
  void aFileWithoutDuplicatesHasNoDecisions(@TempDir Path dir) throws IOException {
    write(dir, 0, "\n", StandardCharsets.UTF_8, IntStream.range(0, 50).mapToObj(i -> "V" + i).toList());
    RawInput input = open(dir, StandardCharsets.UTF_8, 100);
    // Hashed first: no candidate, no decisions to plan; else decisions that are none.
    assertThat(DeliveryChecks.duplicates(SparkTestSession.get(), input, check(header(0)), "invoice_id", true,
        held("W1", "V1x"), 0, DeliveryChecks.MAX_CANDIDATE_HASHES)).isNull();
    assertThat(DeliveryChecks.duplicates(SparkTestSession.get(), input, check(header(0)), "invoice_id", true,
        held("W1", "V1x"), Long.MAX_VALUE, DeliveryChecks.MAX_CANDIDATE_HASHES).isEmpty()).isTrue();
  }

  @Test
  void recordsAfterAQuoteLeftOpenAreJudgedAsCsvRecordsReadsThem(@TempDir Path dir) throws IOException {
    // Line 3 opens a quote that no line closes within CsvRecords.MAX_LINES_PER_RECORD lines: CsvRecords
    // refuses line 3 alone and reads the lines after it as records again, W0 twice among them.
    List<String> lines = new ArrayList<>(List.of(String.join(",", RawFile.INVOICES.columns()),
        "V1," + U1 + ",2024-01-05,1.00,0,normal",
        "V2," + U1 + ",\"2024-01-05,1.00,0,normal"));
    for (int i = 0; i < CsvRecords.MAX_LINES_PER_RECORD + 5; i++) {
      lines.add("W" + i + "," + U1 + ",2024-01-05,1.00,0,normal");
    }
    lines.add("W0," + U1 + ",2024-01-06,1.00,0,normal");
    // And a line too long for a record: refused whatever its quotes, the next line read as a record.
    lines.add("V3," + U1 + ",2024-01-05,1.00,0,\"" + "x".repeat(CsvRecords.MAX_RECORD_CHARS));
    lines.add("W1," + U1 + ",2024-01-06,1.00,0,\"normal\"");
    // A quote open at the end of the file.
    lines.add("V4," + U1 + ",\"2024-01-05,1.00,0,normal");
    lines.add("W2," + U1 + ",2024-01-05,1.00,0,normal");
    lines.add("W2," + U1 + ",2024-01-06,1.00,0,normal");
    Files.writeString(dir.resolve("invoices.csv"), String.join("\n", lines) + "\n");
    RecordCheck check = check(RawFile.INVOICES.columns());
    List<CsvRecords.Record> records = records(dir, StandardCharsets.UTF_8);
    Map<Long, String> expected = byHand(records, check, List.of());
    assertThat(expected.values().stream().filter(v -> v.contains("already appears"))).hasSize(4);
    assertThat(onSpark(open(dir, StandardCharsets.UTF_8, 1), check, null)).isEqualTo(expected);
  }

  @Test
  void manyDuplicatesReachEachRangeWithoutTheDriver(@TempDir Path dir) throws IOException {
    // More candidate ids than are handed to the tasks (here 100, DeliveryChecks.MAX_CANDIDATE_HASHES in
    // an ingest): every good record is then compared; the decisions go to the ranges by a shuffle.
    int n = 3_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("V" + i);
    }
    for (int i = 0; i < n; i++) {
      ids.add(" V" + i);
    }
    List<String> header = RawFile.INVOICES.columns();
    StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
    ids.forEach(id -> text.append(id).append(',').append(U1).append(",2024-01-05,1.00,0,normal\n"));
    Files.writeString(dir.resolve("invoices.csv"), text.toString());
    RecordCheck check = check(header);
    Map<Long, String> expected = byHand(records(dir, StandardCharsets.UTF_8), check, List.of("V1"));
    assertThat(expected.values().stream().filter(v -> v.startsWith("duplicate"))).hasSize(n + 1);
    assertThat(onSpark(open(dir, StandardCharsets.UTF_8, 1 << 14), check, held("V1"), 100)).isEqualTo(expected);
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
