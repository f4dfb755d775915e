package io.zoneeval.ingest;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.ingest.RawInput;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.job.EvaluationJob;
import io.zoneeval.spark.Progress;
import io.zoneeval.rules.Rules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input (issue 5, item 4): a corpus of every kind of bad byte, line, field and file, each with
 * its exact outcome. Record-level problems run through the whole job once (raw files on disk → bronze
 * → silver → gold, into a warehouse of its own): each ends as exactly the rejects row named here, with
 * its reason, or accepted into silver; every file reconciles (read = accepted + rejected); no valid row
 * is lost, including those after a 50 MB line, a GBK line and a multi-line quoted field. File-level
 * problems (empty file, wrong header, a UTF-8 file read as GBK) stop the run before anything is written,
 * with one line naming the file and the line.
 *
 * <p>How the protections were checked (removed, test run, failure seen, restored):
 * <ul>
 *   <li>rejects of a year zones.csv lacks (EvaluationJob writes them with every run): before that fix,
 *       {@code recordLevelOutcomes} failed, invoices:5 and :6 (dated 9999-12-31 and 1900-01-01) counted
 *       as rejected but missing from silver.rejects;</li>
 *   <li>{@code CsvRecords.MAX_RECORD_CHARS} checks disabled (together with the three of the next item): the job never
 *       got past validation (the 50 MB amount parsed as a 50-million-digit BigDecimal; killed after 12
 *       minutes), so every test of the class fails;</li>
 *   <li>then, in one run with the length limit restored: the U+FFFD check in {@code CsvRecords.records}
 *       off made {@code noValidRowIsLost} and {@code everyFileReconcilesAndEveryRecordOfTheCorpusIsCounted}
 *       fail (the GBK line of enterprises.csv was accepted as garbled text); the
 *       {@code Encodings.misdeclared} call in {@code RawInput.open} off made {@code aUtf8FileReadAsGbk} and
 *       {@code aUtf8BomInAFileReadAsGbkIsRefusedToo} fail (the first read the file as GBK, the second
 *       reported a "wrong header" of garbled text); the full-width note in {@code FieldRule.refused} off
 *       made {@code recordLevelOutcomes} fail (the reason of the full-width USCC at enterprises:8).</li>
 * </ul>
 */
class HostileInputTest {
  private static final String U1 = uscc(1);
  private static final String U2 = uscc(2);
  private static final String U3 = uscc(3);
  private static final String U4 = uscc(4);
  private static final String U6 = uscc(6);
  private static final String U7 = uscc(7);
  private static final String BAD_CHECK = U4.substring(0, 17) + (U4.charAt(17) == '0' ? '1' : '0');
  private static final String TEN_TO_THE_40 = "1" + "0".repeat(40);
  private static final int FIFTY_MB = 50 * 1024 * 1024;

  /** One record of the corpus: its bytes and what must become of it (code null = accepted). */
  record Entry(byte[] bytes, String code, String reason, int line) {}

  /** The corpus, file by file, with each record's first line. */
  private static final Map<RawFile, List<Entry>> CORPUS = new EnumMap<>(RawFile.class);
  private static final Map<RawFile, String> HEADERS = new EnumMap<>(RawFile.class);

  private static SparkSession spark;
  private static Warehouse warehouse;
  private static EvaluationJob.Outcome outcome;
  private static final Map<String, Row> REJECTS = new HashMap<>();

  static String fullWidth(String ascii) {
    StringBuilder b = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c);
    }
    return b.toString();
  }

  private static void file(RawFile file, String header) {
    HEADERS.put(file, header);
    CORPUS.put(file, new ArrayList<>());
  }

  private static int nextLine(RawFile file) {
    List<Entry> entries = CORPUS.get(file);
    if (entries.isEmpty()) {
      return 2;
    }
    Entry last = entries.get(entries.size() - 1);
    int newlines = 0;
    for (byte b : last.bytes()) {
      newlines += b == '\n' ? 1 : 0;
    }
    return last.line() + 1 + newlines;
  }

  private static void ok(RawFile file, String text) {
    CORPUS.get(file).add(new Entry(text.getBytes(StandardCharsets.UTF_8), null, null, nextLine(file)));
  }

  private static void bad(RawFile file, String text, String code, String reason) {
    bad(file, text.getBytes(StandardCharsets.UTF_8), code, reason);
  }

  private static void bad(RawFile file, byte[] bytes, String code, String reason) {
    CORPUS.get(file).add(new Entry(bytes, code, reason, nextLine(file)));
  }

  private static byte[] gbk(String text) {
    return text.getBytes(Charset.forName("GBK"));
  }

  static {
    String notADate = "is not a date (yyyy-MM-dd)";
    String fw = "' (it has full-width characters, e.g. '";
    // zones.csv: a BOM, CRLF line ends, the columns reordered, an extra column.
    file(RawFile.ZONES, "\uFEFFzone_id,year,zone_name,county,zone_type,specialty_industries,remark");
    ok(RawFile.ZONES, "Z1,2024,集中区一,C1,重点发展型,C38,备注");
    ok(RawFile.ZONES, "Z2,2024,集中区二,C1,KEY,C39,");
    ok(RawFile.ZONES, "Z3,2024,集中区三,C2,优化发展型,C38;C39,");
    bad(RawFile.ZONES, "Z4,2024,集中区四,C2,ＫＥＹ,C38,", "unknown_value",
        "zone_type: 'ＫＥＹ' is not 重点发展型 or 优化发展型 (it has full-width characters, e.g. 'Ｋ': write them in ASCII)");
    bad(RawFile.ZONES, "Z5,２０２４,集中区五,C2,KEY,C38,", "bad_date",
        "year: '２０２４' is not a year (it has full-width characters, e.g. '２': write them in ASCII)");

    file(RawFile.COUNTY_POLICIES, "year,county,has_policy");
    ok(RawFile.COUNTY_POLICIES, "2024,C1,true");
    ok(RawFile.COUNTY_POLICIES, "2024,C2,是");

    // enterprises.csv: lower-case code, a quoted name with a comma and a newline, a zone zones.csv lacks,
    // invalid and full-width codes, and one line pasted from a GBK file into this UTF-8 one.
    file(RawFile.ENTERPRISES, "year,uscc,name,zone_id,industry_code,above_scale");
    ok(RawFile.ENTERPRISES, "2024," + U1 + ",企业1,Z1,C3811,true");
    ok(RawFile.ENTERPRISES, "2024, " + U2.toLowerCase() + " ,企业2,Z1,C3911,true");
    ok(RawFile.ENTERPRISES, "2024," + U3 + ",\"扬州, 有限\n公司\",Z2,C3811,false");
    bad(RawFile.ENTERPRISES, "2024," + U4 + ",企业4,Z9,C3811,true", "unknown_zone",
        "roster names zone 'Z9' that zones.csv lacks for 2024");
    bad(RawFile.ENTERPRISES, "2024," + BAD_CHECK + ",企业,Z1,C3811,true", "invalid_uscc",
        "uscc: '" + BAD_CHECK + "' is not a valid unified social credit code (USCC)");
    bad(RawFile.ENTERPRISES, "2024," + fullWidth(uscc(5)) + ",企业5,Z1,C3811,true", "invalid_uscc",
        "uscc: '" + fullWidth(uscc(5)) + "' is not a valid unified social credit code (USCC) (it has full-width "
            + "characters, e.g. '９': write them in ASCII)");
    bad(RawFile.ENTERPRISES, gbk("2024," + U6 + ",企业6,Z1,C3811,true"), "bad_encoding",
        "bad encoding: the record is not valid UTF-8 (undecodable bytes from character 25, shown as U+FFFD); "
            + "is the file in another charset? see --encoding");
    ok(RawFile.ENTERPRISES, "2024," + U7 + ",企业7,Z2,C3811,true");

    // tax_payments.csv is written in GBK as a whole (see write()); it is read as UTF-8.
    file(RawFile.TAX_PAYMENTS, "payment_id,uscc,tax_type,entry_date,amount");
    bad(RawFile.TAX_PAYMENTS, "P1," + U1 + ",增值税,2024-03-01,500.00", "bad_encoding",
        "bad encoding: the record is not valid UTF-8 (undecodable bytes from character 23, shown as U+FFFD); "
            + "is the file in another charset? see --encoding");
    ok(RawFile.TAX_PAYMENTS, "P2," + U1 + ",VAT,2024-03-01,300.00");

    file(RawFile.INVOICES, "invoice_id,seller_uscc,issue_date,amount,tax_amount,status");
    ok(RawFile.INVOICES, "V1," + U1 + ",2024-01-05,1000.00,130.00,normal");
    bad(RawFile.INVOICES, "V2," + U1 + ",2024-01-05," + TEN_TO_THE_40 + ",0,normal", "bad_number",
        "amount: '" + TEN_TO_THE_40 + "' is out of range (more than 16 digits before the point)");
    ok(RawFile.INVOICES, "V3," + U1 + ",2024-01-05,-0.00,0,normal");
    bad(RawFile.INVOICES, "V4," + U1 + ",9999-12-31,100.00,13.00,normal", "not_in_roster",
        "invoice of enterprise " + U1 + " which is in no roster of 9999");
    bad(RawFile.INVOICES, "V5," + U1 + ",1900-01-01,100.00,13.00,normal", "not_in_roster",
        "invoice of enterprise " + U1 + " which is in no roster of 1900");
    bad(RawFile.INVOICES, "V6," + U1 + ",2024/01/05,100.00,13.00,normal", "bad_date",
        "issue_date: '2024/01/05' " + notADate);
    bad(RawFile.INVOICES, "V7," + U1 + ",20240105,100.00,13.00,normal", "bad_date",
        "issue_date: '20240105' " + notADate);
    bad(RawFile.INVOICES, "V8," + U1 + ",2024-1-5,100.00,13.00,normal", "bad_date",
        "issue_date: '2024-1-5' " + notADate);
    bad(RawFile.INVOICES, "V9," + U1 + ",\"9,999-12-31\",100.00,13.00,normal", "bad_date",
        "issue_date: '9,999-12-31' " + notADate);
    bad(RawFile.INVOICES, "V10," + U1 + ",9,999-12-31,100.00,13.00,normal", "malformed_line",
        "malformed line: expected 6 fields, found 7");
    bad(RawFile.INVOICES, "V11," + U1 + ",2024-01-05,１００.００,13.00,normal", "bad_number",
        "amount: '１００.００' is not a plain decimal number (it has full-width characters, e.g. '１': write them in ASCII)");
    bad(RawFile.INVOICES, "V12," + U1 + ",２０２４-０１-０５,100.00,13.00,normal", "bad_date",
        "issue_date: '２０２４-０１-０５' " + notADate + " (it has full-width characters, e.g. '２': write them in ASCII)");
    ok(RawFile.INVOICES, "V13," + U1.toLowerCase() + ",2024-01-06,200.00,26.00,normal");
    bad(RawFile.INVOICES, "V14," + U1 + ",2024-01-05,1e3,0,normal", "bad_number",
        "amount: '1e3' is not a plain decimal number");
    bad(RawFile.INVOICES, "V15," + U1 + ",2024-01-05,\"1,000.00\",0,normal", "bad_number",
        "amount: '1,000.00' is not a plain decimal number");
    // The 50 MB line: generated in write(), never committed.
    String head = "V16," + U1 + ",2024-01-05,";
    int longLength = head.length() + FIFTY_MB + ",0,normal".length();
    bad(RawFile.INVOICES, new byte[0], "malformed_line", String.format("malformed line: %,d characters, more "
        + "than the 1,048,576 a record may have (raw text cut to its first 1,000)", longLength));
    ok(RawFile.INVOICES, "V17," + U2 + ",2024-01-07,300.00,39.00,red");
    bad(RawFile.INVOICES, "V18," + U1 + ",2024-01-05,100.00,13.00,normal,extra", "malformed_line",
        "malformed line: expected 6 fields, found 7");
    bad(RawFile.INVOICES, "V1," + U1 + ",2024-01-08,5.00,0,normal", "duplicate_id",
        "duplicate invoice_id: V1 already appears earlier in the file");

    file(RawFile.LAND_PARCELS, "parcel_id,holder_uscc,area_m2,acquired_date,released_date");
    bad(RawFile.LAND_PARCELS, "L1," + U1 + ",-10,2020-01-01,", "negative_area", "area_m2: '-10' is negative");
    ok(RawFile.LAND_PARCELS, "L2," + U1 + ",-0,1900-01-01,9999-12-31");
    ok(RawFile.LAND_PARCELS, "L3," + U2 + ",5000.5,1900-01-01,");
    bad(RawFile.LAND_PARCELS, "L4," + U2 + "," + TEN_TO_THE_40 + ",2020-01-01,", "bad_number",
        "area_m2: '" + TEN_TO_THE_40 + "' is out of range (more than 16 digits before the point)");
    bad(RawFile.LAND_PARCELS, "L5," + U7 + ",１０,2020-01-01,", "bad_number",
        "area_m2: '１０' is not a plain decimal number (it has full-width characters, e.g. '１': write them in ASCII)");

    file(RawFile.RECOGNITIONS, "uscc,kind,recognized_date");
    ok(RawFile.RECOGNITIONS, U1 + ",high_tech,2024-05-01");
    file(RawFile.TALENTS, "talent_id,employer_uscc,program,awarded_date");
    ok(RawFile.TALENTS, "T1," + U1 + ",national,2024-07-01");

    file(RawFile.PROJECTS,
        "project_id,zone_id,kind,equipment_investment,construction_start_date,production_start_date");
    ok(RawFile.PROJECTS, "PR1,Z1,tech_upgrade,8000000,2023-01-01,2024-03-01");
    bad(RawFile.PROJECTS, "PR2,Z1,tech_upgrade," + TEN_TO_THE_40 + ",2023-01-01,2024-03-01", "bad_number",
        "equipment_investment: '" + TEN_TO_THE_40 + "' is out of range (more than 16 digits before the point)");
    ok(RawFile.PROJECTS, "PR3,Z1,major,-0.00,2024-01-01,");

    file(RawFile.STANDARD_FACTORIES, "factory_id,zone_id,floor_area_m2,accepted_date");
    ok(RawFile.STANDARD_FACTORIES, "F1,Z1,20000,2024-04-01");
    bad(RawFile.STANDARD_FACTORIES, "F2,Z2,-1,2024-04-01", "negative_area", "floor_area_m2: '-1' is negative");

    // Header only: nothing to read, nothing lost.
    file(RawFile.LAND_REVITALIZATIONS, "record_id,zone_id,area_mu,completed_date");
    file(RawFile.INCIDENTS, "incident_id,zone_id,kind,severity,occurred_date");
  }

  /** Writes the corpus: zones.csv with CRLF, tax_payments.csv in GBK, the rest UTF-8 with LF. */
  static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (RawFile file : RawFile.values()) {
      boolean crlf = file == RawFile.ZONES;
      Charset charset = file == RawFile.TAX_PAYMENTS ? Charset.forName("GBK") : StandardCharsets.UTF_8;
      byte[] eol = (crlf ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII);
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(dir.resolve(file.fileName())))) {
        out.write(HEADERS.get(file).getBytes(charset));
        out.write(eol);
        for (Entry e : CORPUS.get(file)) {
          if (e.bytes().length == 0) {
            out.write(("V16," + U1 + ",2024-01-05,").getBytes(StandardCharsets.US_ASCII));
            byte[] nines = new byte[1 << 20];
            java.util.Arrays.fill(nines, (byte) '9');
            for (int i = 0; i < FIFTY_MB / nines.length; i++) {
              out.write(nines);
            }
            out.write(",0,normal".getBytes(StandardCharsets.US_ASCII));
          } else if (charset != StandardCharsets.UTF_8) {
            out.write(new String(e.bytes(), StandardCharsets.UTF_8).getBytes(charset));
          } else {
            out.write(crlf ? new String(e.bytes(), StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8) : e.bytes());
          }
          out.write(eol);
        }
      }
    }
    return dir;
  }

  @BeforeAll
  static void runTheJobOnTheCorpus() throws IOException {
    spark = SparkTestSession.get();
    Path input = write(Files.createTempDirectory("zone-eval-hostile-input"));
    Path root = Files.createTempDirectory("zone-eval-hostile-warehouse");
    outcome = new EvaluationJob(spark, new Progress(System.err)).run(new EvaluationJob.Request(input.toString(),
        root.toString(), null, Rules.defaults(), null, "test", StandardCharsets.UTF_8));
    warehouse = new Warehouse(spark, root.toString());
    for (Row r : warehouse.read(Tables.REJECTS).collectAsList()) {
      REJECTS.put(r.<String>getAs("source") + ":" + r.<Long>getAs("line"), r);
    }
  }

  @Test
  void everyFileReconcilesAndEveryRecordOfTheCorpusIsCounted() {
    for (EvaluationJob.FileCount c : outcome.counts()) {
      List<Entry> entries = CORPUS.get(c.file());
      long rejected = entries.stream().filter(e -> e.code() != null).count();
      assertThat(c.read()).as(c.file().fileName()).isEqualTo(c.accepted() + c.rejected()).isEqualTo(entries.size());
      assertThat(c.rejected()).as(c.file().fileName()).isEqualTo(rejected);
    }
  }

  @Test
  void recordLevelOutcomes() {
    Map<String, String> expected = new TreeMap<>();
    for (var e : CORPUS.entrySet()) {
      for (Entry entry : e.getValue()) {
        if (entry.code() != null) {
          expected.put(e.getKey().tableName() + ":" + entry.line(), entry.code() + " | " + entry.reason());
        }
      }
    }
    Map<String, String> actual = new TreeMap<>();
    REJECTS.forEach((k, r) -> actual.put(k, r.<String>getAs("reason_code") + " | " + r.<String>getAs("reason")));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void noValidRowIsLost() {
    for (RawFile file : RawFile.values()) {
      TreeSet<Long> expected = new TreeSet<>();
      CORPUS.get(file).stream().filter(e -> e.code() == null).forEach(e -> expected.add((long) e.line()));
      TreeSet<Long> actual = new TreeSet<>();
      warehouse.read(Tables.silver(file, Rules.defaults())).select("_line").collectAsList()
          .forEach(r -> actual.add(r.getLong(0)));
      assertThat(actual).as(file.fileName()).isEqualTo(expected);
    }
    // The zones of the BOM/CRLF/reordered file were evaluated.
    assertThat(warehouse.read(Tables.ZONE_RESULTS).filter("year = 2024").count()).isEqualTo(3);
  }

  @Test
  void acceptedValuesAreReadAsMeant() {
    Row v3 = warehouse.read(Tables.silver(RawFile.INVOICES, Rules.defaults())).filter("invoice_id = 'V3'").first();
    assertThat(v3.<BigDecimal>getAs("amount")).isEqualByComparingTo("0").matches(a -> a.signum() == 0);
    Row v13 = warehouse.read(Tables.silver(RawFile.INVOICES, Rules.defaults())).filter("invoice_id = 'V13'").first();
    assertThat(v13.<String>getAs("seller_uscc")).isEqualTo(U1);
    Row e3 = warehouse.read(Tables.silver(RawFile.ENTERPRISES, Rules.defaults())).filter(col("uscc").equalTo(U3)).first();
    assertThat(e3.<String>getAs("name")).isEqualTo("扬州, 有限\n公司");
    assertThat(warehouse.read(Tables.silver(RawFile.ENTERPRISES, Rules.defaults())).filter(col("uscc").equalTo(U2))
        .count()).isEqualTo(1);
    Row l2 = warehouse.read(Tables.silver(RawFile.LAND_PARCELS, Rules.defaults())).filter("parcel_id = 'L2'").first();
    assertThat(l2.<BigDecimal>getAs("area_m2")).isEqualByComparingTo("0");
    assertThat(l2.<java.sql.Date>getAs("released_date").toString()).isEqualTo("9999-12-31");
    Row z1 = warehouse.read(Tables.silver(RawFile.ZONES, Rules.defaults())).filter("zone_id = 'Z1'").first();
    assertThat(z1.<String>getAs("zone_name")).isEqualTo("集中区一");
    assertThat(z1.getList(z1.fieldIndex("specialty_industries"))).containsExactly("C38");
  }

  @Test
  void theFiftyMegabyteLineIsCutInTheRejects() {
    Row r = REJECTS.get("invoices:17");
    assertThat(r).isNotNull();
    String raw = r.getAs("raw_text");
    assertThat(raw).hasSize(1001).startsWith("V16," + U1 + ",2024-01-05,999").endsWith("…");
  }

  // ---- file-level problems: one line naming the file and the line, before anything is written ----

  private static Path validFolder(Charset charset) {
    try {
      Path dir = new RawFixture().zone(2024, "Z1", "C1", "重点发展型", "C38").enterprise(2024, 1, "Z1", "C3811", true)
          .write(Files.createTempDirectory("zone-eval-hostile-file"));
      if (!charset.equals(StandardCharsets.UTF_8)) {
        for (RawFile f : RawFile.values()) {
          Path p = dir.resolve(f.fileName());
          Files.writeString(p, Files.readString(p, StandardCharsets.UTF_8), charset);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String openError(Path dir, Charset charset) {
    try {
      RawInput.open(dir.toString(), charset, new Configuration());
    } catch (RawInput.InputException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    return null;
  }

  @Test
  void anEmptyFile() throws IOException {
    Path dir = validFolder(StandardCharsets.UTF_8);
    Files.write(dir.resolve("invoices.csv"), new byte[0]);
    assertThat(openError(dir, StandardCharsets.UTF_8)).isEqualTo(dir.resolve("invoices.csv")
        + ": empty file, expected the header invoice_id,seller_uscc,issue_date,amount,tax_amount,status");
  }

  @Test
  void aWrongHeader() throws IOException {
    Path dir = validFolder(StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("talents.csv"), "talent_id,employer,program,awarded_date\nT1,x,national,2024-01-01\n");
    assertThat(openError(dir, StandardCharsets.UTF_8)).isEqualTo(dir.resolve("talents.csv")
        + ": line 1: wrong header: missing column(s) employer_uscc (expected talent_id,employer_uscc,program,"
        + "awarded_date, found talent_id,employer,program,awarded_date)");
  }

  @Test
  void aHeaderWithAColumnTwice() throws IOException {
    Path dir = validFolder(StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("talents.csv"), "talent_id,employer_uscc,program,awarded_date,Program\n");
    assertThat(openError(dir, StandardCharsets.UTF_8)).isEqualTo(dir.resolve("talents.csv")
        + ": line 1: wrong header: column program appears twice");
  }

  @Test
  void aDataLineWhereTheHeaderShouldBe() throws IOException {
    Path dir = validFolder(StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("recognitions.csv"), U1 + ",high_tech,2024-05-01\n");
    assertThat(openError(dir, StandardCharsets.UTF_8)).startsWith(dir.resolve("recognitions.csv")
        + ": line 1: wrong header: missing column(s) uscc, kind, recognized_date");
  }

  @Test
  void aReorderedHeaderWithExtraColumnsOpens() throws IOException {
    Path dir = validFolder(StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("talents.csv"), "\uFEFF\"Program\",awarded_date,talent_id,note,employer_uscc\r\n");
    assertThat(openError(dir, StandardCharsets.UTF_8)).isNull();
    RawInput talents = RawInput.open(dir.toString(), StandardCharsets.UTF_8, new Configuration()).get(RawFile.TALENTS);
    assertThat(talents.extraColumns()).containsExactly("note");
  }

  @Test
  void aUtf8FileReadAsGbk() throws IOException {
    // The whole folder is GBK, as asked, except enterprises.csv, which is UTF-8: read as GBK, its Chinese
    // names would decode into other, valid-looking characters. It is refused, naming its first such line.
    Charset gbk = Charset.forName("GBK");
    Path dir = validFolder(gbk);
    assertThat(openError(dir, gbk)).as("a real GBK folder opens").isNull();
    Path enterprises = dir.resolve("enterprises.csv");
    Files.writeString(enterprises, Files.readString(enterprises, gbk), StandardCharsets.UTF_8);
    assertThat(openError(dir, gbk)).isEqualTo(enterprises + ": line 2: the file is UTF-8 (all its non-ASCII "
        + "text is valid UTF-8), not GBK: read as GBK it would be garbled; use --encoding UTF-8");
  }

  @Test
  void aUtf8BomInAFileReadAsGbkIsRefusedToo() throws IOException {
    Charset gbk = Charset.forName("GBK");
    Path dir = validFolder(gbk);
    Files.write(dir.resolve("incidents.csv"),
        ("\uFEFF" + String.join(",", RawFile.INCIDENTS.columns()) + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(openError(dir, gbk)).startsWith(dir.resolve("incidents.csv") + ": line 1: the file is UTF-8");
  }
}
