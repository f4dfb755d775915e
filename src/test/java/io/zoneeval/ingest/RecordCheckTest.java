package io.zoneeval.ingest;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.rules.Rules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The judgement of one delivered record ({@link RecordCheck}), without Spark: records built from CSV lines
 * as a file holds them (numbered from line 2), judged against a delivery's context (its years, the zones
 * and roster of those years, the duplicates decided before the pass). Every reason code the checks give,
 * each with its exact reason where it names the column and the value; the year of a record of every file,
 * as the spec's table reads it.
 */
class RecordCheckTest {
  private static final Validation VALIDATION = new Validation(Rules.defaults());
  private static final String U1 = uscc(1);
  private static final String U2 = uscc(2);
  private static final String U3 = uscc(3);
  private static final String U5 = uscc(5);
  /** U1 with a wrong check character. */
  private static final String BAD_CHECK = U1.substring(0, 17) + (U1.charAt(17) == '0' ? '1' : '0');
  private static final String FW = " (it has full-width characters, e.g. '%s': write them in ASCII)";

  /** A delivery of 2024: zones Z1 and Z2, enterprises U1 and U2. */
  private static final Validation.Context Y2024 = new Validation.Context(Set.of(2024),
      Map.of(2024, Set.of("Z1", "Z2")), Map.of(2024, Set.of(U1, U2)));

  private static RecordCheck check(RawFile file, Validation.Context context) {
    return new RecordCheck(file, VALIDATION, IntStream.range(0, file.columns().size()).toArray(), context);
  }

  /** The outcomes of a file's lines, in file order. */
  private static List<RecordCheck.Outcome> judge(RawFile file, Validation.Context context, String... lines) {
    RecordCheck check = check(file, context);
    return new RawFixture().add(file, lines).records(file).stream().map(check::check).toList();
  }

  private static RecordCheck.Outcome judge(RawFile file, String line) {
    List<RecordCheck.Outcome> outcomes = judge(file, Y2024, line);
    assertThat(outcomes).hasSize(1);
    return outcomes.get(0);
  }

  /** "code: message", or "accepted YEAR". */
  private static String verdict(RecordCheck.Outcome o) {
    return o.accepted() ? "accepted " + o.year() : o.code() + ": " + o.message();
  }

  private static void refused(RawFile file, String line, String code, String message) {
    assertThat(verdict(judge(file, line))).as(line).isEqualTo(code + ": " + message);
  }

  private static Object[] accepted(RawFile file, String line) {
    RecordCheck.Outcome o = judge(file, line);
    assertThat(verdict(o)).as(line).startsWith("accepted");
    return o.values();
  }

  private static String fullWidth(String ascii) {
    StringBuilder b = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c);
    }
    return b.toString();
  }

  private static String invoice(String id, String seller, String date, String amount, String tax, String status) {
    return String.join(",", id, seller, date, amount, tax, status);
  }

  private static String invoiceWithAmount(String amount) {
    return invoice("V1", U1, "2024-01-05", amount, "13.00", "normal");
  }

  // ---- a good record of every file ----

  @Test
  void aGoodRecordOfEveryFileIsAcceptedWithItsTypedValues() {
    Object[] zone = accepted(RawFile.ZONES, "2024,Z1,集中区一,C1,重点发展型, c38 ;C39;");
    assertThat(zone[0]).isEqualTo(2024);
    assertThat(zone[4]).isEqualTo("KEY");
    List<Object> specialties = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) zone[5]));
    assertThat(specialties).containsExactly("C38", "C39");
    assertThat(accepted(RawFile.ZONES, "2024,Z2,集中区二,C1,优化发展型,")[5])
        .satisfies(s -> assertThat(((scala.collection.Seq<?>) s).isEmpty()).isTrue());
    assertThat(accepted(RawFile.COUNTY_POLICIES, "2024,C1,是")).containsExactly(2024, "C1", true);
    assertThat(accepted(RawFile.ENTERPRISES, "2024," + U1 + ",,Z1,C3811,false"))
        .containsExactly(2024, U1, null, "Z1", "C3811", false);
    assertThat(accepted(RawFile.INVOICES, invoice(" V1 ", U1, "2024-01-05", "100", "", "RED")))
        .containsExactly("V1", U1, java.sql.Date.valueOf("2024-01-05"), new BigDecimal("100.00"), null, "red");
    assertThat(accepted(RawFile.TAX_PAYMENTS, "P1," + U1 + ",,2024-03-01,-5.00"))
        .containsExactly("P1", U1, null, java.sql.Date.valueOf("2024-03-01"), new BigDecimal("-5.00"));
    assertThat(accepted(RawFile.LAND_PARCELS, "L1," + U1 + ",1000.5,2020-01-01,"))
        .containsExactly("L1", U1, new BigDecimal("1000.500000"), java.sql.Date.valueOf("2020-01-01"), null);
    assertThat(accepted(RawFile.RECOGNITIONS, U1 + ",High_Tech,2024-05-01"))
        .containsExactly(U1, "high_tech", java.sql.Date.valueOf("2024-05-01"));
    assertThat(accepted(RawFile.TALENTS, "T1," + U2 + ",lvyang_phd,2024-07-01"))
        .containsExactly("T1", U2, "lvyang_phd", java.sql.Date.valueOf("2024-07-01"));
    assertThat(accepted(RawFile.PROJECTS, "PR1,Z1,tech_upgrade,8000000,2023-01-01,2024-03-01"))
        .containsExactly("PR1", "Z1", "tech_upgrade", new BigDecimal("8000000.00"), java.sql.Date.valueOf("2023-01-01"),
            java.sql.Date.valueOf("2024-03-01"));
    assertThat(accepted(RawFile.PROJECTS, "PR2,Z1,major,,2024-01-01,")[3]).isNull();
    assertThat(accepted(RawFile.STANDARD_FACTORIES, "F1,Z2,20000,2024-04-01")[2]).isEqualTo(new BigDecimal("20000.000000"));
    assertThat(accepted(RawFile.LAND_REVITALIZATIONS, "R1,Z1,10.123456,2024-06-01")[2])
        .isEqualTo(new BigDecimal("10.123456"));
    assertThat(accepted(RawFile.INCIDENTS, "I1,Z1,Environment,especially_major,2024-08-01"))
        .containsExactly("I1", "Z1", "environment", "especially_major", java.sql.Date.valueOf("2024-08-01"));
  }

  // ---- the line ----

  @Test
  void malformedLines() {
    String tooLong = "V5," + U1 + ",2024-01-05," + "9".repeat(CsvRecords.MAX_RECORD_CHARS) + ",0,normal";
    List<RecordCheck.Outcome> out = judge(RawFile.INVOICES, Y2024,
        invoice("V1", U1, "2024-01-05", "100.00", "13.00", "normal") + ",extra",  // line 2: 7 fields
        "V2," + U1 + ",2024-01-05,100.00,normal",                                // line 3: 5 fields
        "V3," + U1 + ",2024-01-05,\"100.00,13.00,normal",                        // line 4: a quote never closed
        invoice("V4", U1, "2024-01-05", "100.00", "13.00", "normal"),            // line 5: good again
        "",                                                                      // line 6: blank
        tooLong);                                                                // line 7: too long
    assertThat(out).extracting(RecordCheckTest::verdict).containsExactly(
        "malformed_line: malformed line: expected 6 fields, found 7",
        "malformed_line: malformed line: expected 6 fields, found 5",
        "malformed_line: malformed line: a quoted field is never closed",
        "accepted 2024",
        "malformed_line: blank line",
        "malformed_line: malformed line: " + String.format(java.util.Locale.ROOT, "%,d", tooLong.length())
            + " characters, more than the 1,048,576 a record may have (raw text cut to its first 1,000)");
    // A record that does not split has no values and no year.
    assertThat(out.get(0).values()).containsOnlyNulls();
    assertThat(out.get(0).year()).isNull();
  }

  @Test
  void aRecordWithBytesItsCharsetCannotDecodeIsRefusedNamingTheCharsetAndTheColumn() {
    // A GBK line in a UTF-8 file: the decoder's U+FFFD marks the bytes it could not read.
    String gbkLine = new String(("2024," + U1 + ",企业1,Z1,C3811,true").getBytes(Charset.forName("GBK")),
        StandardCharsets.UTF_8);
    refused(RawFile.ENTERPRISES, gbkLine, "bad_encoding", "bad encoding: the record is not valid UTF-8 (undecodable "
        + "bytes from character 25, shown as U+FFFD); is the file in another charset? see --encoding");
  }

  // ---- the values ----

  @Test
  void missingValues() {
    refused(RawFile.INVOICES, invoice("", U1, "2024-01-05", "1.00", "0", "normal"), "missing_value",
        "invoice_id: missing value");
    refused(RawFile.INVOICES, invoice("V1", " \u3000\t", "2024-01-05", "1.00", "0", "normal"), "missing_value",
        "seller_uscc: missing value");
    refused(RawFile.INVOICES, invoice("V1", U1, "", "1.00", "0", "normal"), "missing_value", "issue_date: missing value");
    refused(RawFile.INVOICES, invoice("V1", U1, "2024-01-05", "\"\"", "0", "normal"), "missing_value",
        "amount: missing value");
    refused(RawFile.INVOICES, invoice("V1", U1, "2024-01-05", "1.00", "0", ""), "missing_value", "status: missing value");
    refused(RawFile.ENTERPRISES, "2024," + U1 + ",企业1,,C3811,true", "missing_value", "zone_id: missing value");
    refused(RawFile.ZONES, ",Z1,集中区一,C1,KEY,C38", "missing_value", "year: missing value");
    refused(RawFile.LAND_PARCELS, "L1," + U1 + ",,2020-01-01,", "missing_value", "area_m2: missing value");
    // Optional values: the tax of an invoice, a name, a tax type, a release date, an equipment investment.
    accepted(RawFile.INVOICES, invoice("V1", U1, "2024-01-05", "1.00", " ", "normal"));
    accepted(RawFile.LAND_PARCELS, "L1," + U1 + ",10,2020-01-01,  ");
  }

  @Test
  void badNumbers() {
    refused(RawFile.INVOICES, invoiceWithAmount("1.005"), "bad_number", "amount: '1.005' has more than 2 decimal places");
    refused(RawFile.INVOICES, invoiceWithAmount("1e3"), "bad_number", "amount: '1e3' is not a plain decimal number");
    refused(RawFile.INVOICES, invoiceWithAmount("1E+3"), "bad_number", "amount: '1E+3' is not a plain decimal number");
    refused(RawFile.INVOICES, invoiceWithAmount("\"1,000.00\""), "bad_number",
        "amount: '1,000.00' is not a plain decimal number");
    refused(RawFile.INVOICES, invoiceWithAmount("12x.00"), "bad_number", "amount: '12x.00' is not a plain decimal number");
    refused(RawFile.INVOICES, invoiceWithAmount("¥100"), "bad_number", "amount: '¥100' is not a plain decimal number");
    refused(RawFile.INVOICES, invoiceWithAmount("5."), "bad_number", "amount: '5.' is not a plain decimal number");
    refused(RawFile.INVOICES, invoiceWithAmount(".5"), "bad_number", "amount: '.5' is not a plain decimal number");
    // The raw value is named as delivered, padding included.
    refused(RawFile.INVOICES, invoiceWithAmount(" 1 000 "), "bad_number", "amount: ' 1 000 ' is not a plain decimal number");
    // At most 16 digits before the point (DECIMAL(18,2)).
    refused(RawFile.INVOICES, invoiceWithAmount("12345678901234567"), "bad_number",
        "amount: '12345678901234567' is out of range (more than 16 digits before the point)");
    refused(RawFile.INVOICES, invoiceWithAmount("1" + "0".repeat(40)), "bad_number",
        "amount: '1" + "0".repeat(40) + "' is out of range (more than 16 digits before the point)");
    refused(RawFile.INVOICES, invoice("V1", U1, "2024-01-05", "1.00", "-12345678901234567.5", "normal"), "bad_number",
        "tax_amount: '-12345678901234567.5' is out of range (more than 16 digits before the point)");
    // Within 16 digits, money is bounded by the rules (data.max_record_amount_yuan), either side.
    String bound = " is out of range: more than 1000000000000 yuan either side (data.max_record_amount_yuan)";
    refused(RawFile.INVOICES, invoiceWithAmount("9999999999999999.99"), "amount_out_of_range",
        "amount: '9999999999999999.99'" + bound);
    refused(RawFile.INVOICES, invoiceWithAmount("1000000000000.01"), "amount_out_of_range",
        "amount: '1000000000000.01'" + bound);
    refused(RawFile.INVOICES, invoice("V1", U1, "2024-01-05", "1.00", "-1000000000000.10", "normal"),
        "amount_out_of_range", "tax_amount: '-1000000000000.10'" + bound);
    refused(RawFile.TAX_PAYMENTS, "P1," + U1 + ",增值税,2024-01-05,-1000000000001", "amount_out_of_range",
        "amount: '-1000000000001'" + bound);
    refused(RawFile.PROJECTS, "PR1,Z1,tech_upgrade,1000000000000.50,2023-01-01,2024-03-01", "amount_out_of_range",
        "equipment_investment: '1000000000000.50'" + bound);
    assertThat(accepted(RawFile.INVOICES, invoiceWithAmount("1000000000000.00"))[3])
        .isEqualTo(new BigDecimal("1000000000000.00"));
    assertThat(accepted(RawFile.INVOICES, invoiceWithAmount("000000000000000000012.3"))[3])
        .isEqualTo(new BigDecimal("12.30"));
    // Judged by value: trailing zeros beyond 2 decimals are no fen more.
    assertThat(accepted(RawFile.INVOICES, invoiceWithAmount("1.500"))[3]).isEqualTo(new BigDecimal("1.50"));
    assertThat(accepted(RawFile.INVOICES, invoiceWithAmount("0.000"))[3]).isEqualTo(new BigDecimal("0.00"));
    assertThat(accepted(RawFile.INVOICES, invoiceWithAmount("+5"))[3]).isEqualTo(new BigDecimal("5.00"));
    assertThat((BigDecimal) accepted(RawFile.INVOICES, invoiceWithAmount("-0.00"))[3])
        .isEqualTo(new BigDecimal("0.00")).matches(a -> a.signum() == 0);
    assertThat(accepted(RawFile.INVOICES, invoiceWithAmount("-300.10"))[3]).isEqualTo(new BigDecimal("-300.10"));
    // Areas: 6 decimals; an equipment investment is never negative.
    refused(RawFile.LAND_PARCELS, "L1," + U1 + ",1.1234567,2020-01-01,", "bad_number",
        "area_m2: '1.1234567' has more than 6 decimal places");
    refused(RawFile.LAND_PARCELS, "L1," + U1 + ",12345678901234567,2020-01-01,", "bad_number",
        "area_m2: '12345678901234567' is out of range (more than 16 digits before the point)");
    assertThat(accepted(RawFile.LAND_PARCELS, "L1," + U1 + ",1234567890123456.5,2020-01-01,")[2])
        .isEqualTo(new BigDecimal("1234567890123456.500000"));
    refused(RawFile.PROJECTS, "PR1,Z1,tech_upgrade,-1,2023-01-01,2024-03-01", "bad_number",
        "equipment_investment: '-1' is negative");
    assertThat(accepted(RawFile.PROJECTS, "PR1,Z1,major,-0.00,2024-01-01,")[3]).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void badDates() {
    for (String date : List.of("2024-13-01", "2024-02-30", "2023-02-29", "2024/01/05", "20240105", "2024-1-5",
        "05/01/2024", "2024-01-05T00:00", "2024-01-05 10:00:00", "2024年1月5日")) {
      refused(RawFile.INVOICES, invoice("V1", U1, date, "1.00", "0", "normal"), "bad_date",
          "issue_date: '" + date + "' is not a date (yyyy-MM-dd)");
    }
    accepted(RawFile.INVOICES, invoice("V1", U1, "2024-02-29", "1.00", "0", "normal"));
    refused(RawFile.LAND_PARCELS, "L1," + U1 + ",10,2020-01-01,2020-00-01", "bad_date",
        "released_date: '2020-00-01' is not a date (yyyy-MM-dd)");
    refused(RawFile.ZONES, "24,Z1,集中区一,C1,KEY,C38", "bad_date", "year: '24' is not a year");
    refused(RawFile.COUNTY_POLICIES, "2024.0,C1,true", "bad_date", "year: '2024.0' is not a year");
  }

  @Test
  void badBooleans() {
    refused(RawFile.COUNTY_POLICIES, "2024,C1,maybe", "bad_value", "has_policy: 'maybe' is not true or false");
    refused(RawFile.ENTERPRISES, "2024," + U1 + ",企业1,Z1,C3811,2", "bad_value", "above_scale: '2' is not true or false");
    for (String yes : List.of("true", "TRUE", "yes", "1", "是", "Y", "t")) {
      assertThat(accepted(RawFile.COUNTY_POLICIES, "2024,C1," + yes)[2]).as(yes).isEqualTo(true);
    }
    for (String no : List.of("false", "No", "0", "否", "n", "F")) {
      assertThat(accepted(RawFile.COUNTY_POLICIES, "2024,C1," + no)[2]).as(no).isEqualTo(false);
    }
  }

  @Test
  void invalidUsccsButTrimmedAndUpperCasedCodesAreValid() {
    refused(RawFile.INVOICES, invoice("V1", BAD_CHECK, "2024-01-05", "1.00", "0", "normal"), "invalid_uscc",
        "seller_uscc: '" + BAD_CHECK + "' is not a valid unified social credit code (USCC)");
    String seventeen = U1.substring(0, 17);
    refused(RawFile.ENTERPRISES, "2024," + seventeen + ",企业,Z1,C3811,true", "invalid_uscc",
        "uscc: '" + seventeen + "' is not a valid unified social credit code (USCC)");
    // I, O, S, V, Z are not in the alphabet: the shape is wrong even with a matching check character.
    String withI = "91321000MA000000I";
    refused(RawFile.TAX_PAYMENTS, "P1," + withI + "0,,2024-03-01,1.00", "invalid_uscc",
        "uscc: '" + withI + "0' is not a valid unified social credit code (USCC)");
    refused(RawFile.LAND_PARCELS, "L1,' " + U1 + "',10,2020-01-01,", "invalid_uscc",
        "holder_uscc: '' " + U1 + "'' is not a valid unified social credit code (USCC)");
    // Trimmed and upper-cased, then checked; stored and compared with the roster in that form.
    Object[] values = accepted(RawFile.INVOICES, invoice("V1", " \t" + U1.toLowerCase() + "\u3000", "2024-01-05", "1.00",
        "0", "normal"));
    assertThat(values[1]).isEqualTo(U1);
    assertThat(accepted(RawFile.ENTERPRISES, "2024,\"" + U3.toLowerCase() + " \",企业3,Z1,C3811,true")[1]).isEqualTo(U3);
  }

  @Test
  void unknownStatusesKindsProgramsSeveritiesAndZoneTypes() {
    refused(RawFile.INVOICES, invoice("V1", U1, "2024-01-05", "1.00", "0", "cancelled"), "unknown_value",
        "status: 'cancelled' is not one of normal, red, void");
    refused(RawFile.RECOGNITIONS, U1 + ",dragon,2024-05-01", "unknown_value", "kind: 'dragon' is not one of listed, "
        + "little_giant, neeq, unicorn, unicorn_cultivation, gazelle, high_tech, unicorn_seed, gazelle_cultivation, "
        + "tech_attracted");
    // A new above-size enterprise is derived from the rosters, never delivered as a recognition.
    assertThat(judge(RawFile.RECOGNITIONS, U1 + ",new_above_scale,2024-05-01").code()).isEqualTo("unknown_value");
    refused(RawFile.TALENTS, "T1," + U1 + ",wizard,2024-07-01", "unknown_value", "program: 'wizard' is not one of "
        + "national, js_innovation_team, js_innovation_talent, lvyang_leading, lvyang_phd");
    refused(RawFile.PROJECTS, "PR1,Z1,refit,,2024-01-01,", "unknown_value",
        "kind: 'refit' is not one of tech_upgrade, major");
    refused(RawFile.INCIDENTS, "I1,Z1,fire,larger,2024-08-01", "unknown_value",
        "kind: 'fire' is not one of safety, environment");
    refused(RawFile.INCIDENTS, "I1,Z1,safety,catastrophic,2024-08-01", "unknown_value",
        "severity: 'catastrophic' is not one of general, larger, major, especially_major");
    refused(RawFile.ZONES, "2024,Z3,集中区三,C1,重点型,C38", "unknown_value", "zone_type: '重点型' is not 重点发展型 or 优化发展型");
    for (String[] type : new String[][] {{"重点发展型", "KEY"}, {"KEY", "KEY"}, {"key", "KEY"}, {" 优化发展型 ", "OPTIMIZED"},
        {"OPTIMIZED", "OPTIMIZED"}, {"optimized", "OPTIMIZED"}}) {
      assertThat(accepted(RawFile.ZONES, "2024,Z3,集中区三,C1," + type[0] + ",C38")[4]).isEqualTo(type[1]);
    }
  }

  @Test
  void negativeAreas() {
    refused(RawFile.LAND_PARCELS, "L1," + U1 + ",-10,2020-01-01,", "negative_area", "area_m2: '-10' is negative");
    refused(RawFile.STANDARD_FACTORIES, "F1,Z1,-0.5,2024-04-01", "negative_area", "floor_area_m2: '-0.5' is negative");
    refused(RawFile.LAND_REVITALIZATIONS, "R1,Z1,-0.000001,2024-06-01", "negative_area",
        "area_mu: '-0.000001' is negative");
    assertThat(accepted(RawFile.LAND_PARCELS, "L1," + U1 + ",-0,2020-01-01,")[2]).isEqualTo(new BigDecimal("0.000000"));
  }

  @Test
  void fullWidthCharactersAreNamedInTheReason() {
    refused(RawFile.INVOICES, invoiceWithAmount("１００.００"), "bad_number",
        "amount: '１００.００' is not a plain decimal number" + FW.formatted("１"));
    refused(RawFile.INVOICES, invoiceWithAmount("1，000.00"), "bad_number",
        "amount: '1，000.00' is not a plain decimal number" + FW.formatted("，"));
    refused(RawFile.INVOICES, invoice("V1", U1, "２０２４-０１-０５", "1.00", "0", "normal"), "bad_date",
        "issue_date: '２０２４-０１-０５' is not a date (yyyy-MM-dd)" + FW.formatted("２"));
    refused(RawFile.ZONES, "２０２４,Z1,集中区一,C1,KEY,C38", "bad_date", "year: '２０２４' is not a year" + FW.formatted("２"));
    refused(RawFile.ENTERPRISES, "2024," + fullWidth(U5) + ",企业5,Z1,C3811,true", "invalid_uscc",
        "uscc: '" + fullWidth(U5) + "' is not a valid unified social credit code (USCC)" + FW.formatted("９"));
    refused(RawFile.ZONES, "2024,Z4,集中区四,C2,ＫＥＹ,C38", "unknown_value",
        "zone_type: 'ＫＥＹ' is not 重点发展型 or 优化发展型" + FW.formatted("Ｋ"));
    refused(RawFile.INVOICES, invoice("V1", U1, "2024-01-05", "1.00", "0", "ｎｏｒｍａｌ"), "unknown_value",
        "status: 'ｎｏｒｍａｌ' is not one of normal, red, void" + FW.formatted("ｎ"));
    refused(RawFile.COUNTY_POLICIES, "2024,C1,ｔｒｕｅ", "bad_value", "has_policy: 'ｔｒｕｅ' is not true or false"
        + FW.formatted("ｔ"));
    refused(RawFile.LAND_PARCELS, "L5," + U1 + ",１０,2020-01-01,", "bad_number",
        "area_m2: '１０' is not a plain decimal number" + FW.formatted("１"));
    // Without full-width characters, no note.
    assertThat(judge(RawFile.INVOICES, invoiceWithAmount("1e3")).message()).doesNotContain("full-width");
  }

  @Test
  void theFirstProblemInContractOrderIsTheReason() {
    // Bad date, amount and status: the date comes first in the contract, whatever the order of the file.
    String line = invoice("V1", U1, "2024-13-01", "1.005", "0", "cancelled");
    refused(RawFile.INVOICES, line, "bad_date", "issue_date: '2024-13-01' is not a date (yyyy-MM-dd)");
    // A value problem comes before the year, the zone and the roster.
    refused(RawFile.INVOICES, invoice("V1", U5, "2021-01-05", "1.005", "0", "normal"), "bad_number",
        "amount: '1.005' has more than 2 decimal places");
    // A record outside the delivery's years is not looked up in a roster.
    refused(RawFile.INVOICES, invoice("V1", U5, "2021-01-05", "1.00", "0", "normal"), "outside_delivery_years",
        "the record is of 2021, outside the years this delivery covers (2024)");
  }

  // ---- the year, the zone, the roster ----

  /** A line of every dated file of 2023, whose other dates (if any) are of other years. */
  private static final Map<RawFile, String> OF_2023 = Map.ofEntries(
      Map.entry(RawFile.ZONES, "2023,Z1,集中区一,C1,KEY,C38"),
      Map.entry(RawFile.COUNTY_POLICIES, "2023,C1,true"),
      Map.entry(RawFile.ENTERPRISES, "2023," + U1 + ",企业1,Z1,C3811,true"),
      Map.entry(RawFile.INVOICES, invoice("V1", U1, "2023-12-31", "1.00", "0", "normal")),
      Map.entry(RawFile.TAX_PAYMENTS, "P1," + U1 + ",增值税,2023-01-01,1.00"),
      Map.entry(RawFile.RECOGNITIONS, U1 + ",gazelle,2023-05-01"),
      Map.entry(RawFile.TALENTS, "T1," + U1 + ",national,2023-07-01"),
      Map.entry(RawFile.STANDARD_FACTORIES, "F1,Z1,20000,2023-04-01"),
      Map.entry(RawFile.LAND_REVITALIZATIONS, "R1,Z1,10,2023-06-01"),
      Map.entry(RawFile.INCIDENTS, "I1,Z1,safety,major,2023-08-01"));

  /** Projects: the year of the date that scores them, else of the other date. */
  private static final List<String> PROJECTS_OF_2023 = List.of(
      "PR1,Z1,tech_upgrade,8000000,2022-01-01,2023-03-01",  // production start scores an upgrade
      "PR2,Z1,major,,2023-05-01,2025-01-01",                // construction start scores a major project
      "PR3,Z1,tech_upgrade,100,2023-01-01,",               // no production start: its construction start
      "PR4,Z1,major,,,2023-02-01");                         // no construction start: its production start

  private static Validation.Context delivery(Set<Integer> years) {
    return new Validation.Context(years, Map.of(2023, Set.of("Z1"), 2024, Set.of("Z1")),
        Map.of(2023, Set.of(U1), 2024, Set.of(U1)));
  }

  @Test
  void everyRecordHasTheYearTheSpecReadsFromItsFile() {
    for (Map.Entry<RawFile, String> e : OF_2023.entrySet()) {
      RecordCheck.Outcome in = judge(e.getKey(), delivery(Set.of(2023)), e.getValue()).get(0);
      assertThat(verdict(in)).as(e.getKey().fileName()).isEqualTo("accepted 2023");
      RecordCheck.Outcome out = judge(e.getKey(), delivery(Set.of(2024)), e.getValue()).get(0);
      assertThat(verdict(out)).as(e.getKey().fileName()).isEqualTo("outside_delivery_years: the record is of 2023, "
          + "outside the years this delivery covers (2024)");
      assertThat(out.year()).isEqualTo(2023);
    }
    assertThat(OF_2023.keySet()).hasSize(RawFile.values().length - 2); // all but projects and land parcels
    assertThat(judge(RawFile.PROJECTS, delivery(Set.of(2023)), PROJECTS_OF_2023.toArray(String[]::new)))
        .extracting(RecordCheckTest::verdict).containsOnly("accepted 2023").hasSize(4);
    assertThat(judge(RawFile.PROJECTS, delivery(Set.of(2024)), PROJECTS_OF_2023.toArray(String[]::new)))
        .extracting(RecordCheckTest::verdict).containsOnly("outside_delivery_years: the record is of 2023, outside the "
            + "years this delivery covers (2024)").hasSize(4);
    // A project with neither date has no year.
    assertThat(judge(RawFile.PROJECTS, delivery(Set.of(2023)), "PR5,Z1,major,,,", "PR6,Z1,tech_upgrade,1, , "))
        .extracting(RecordCheckTest::verdict).containsOnly("missing_value: construction_start_date, "
            + "production_start_date: a project needs one of them, the date its year is read from").hasSize(2);
  }

  @Test
  void landParcelsHaveNoYearAndAreAcceptedWhateverTheDeliveryCovers() {
    for (Set<Integer> years : List.of(Set.of(2024), Set.of(1999), Set.of(2022, 2023, 2024))) {
      RecordCheck.Outcome o = judge(RawFile.LAND_PARCELS, delivery(years),
          "L1," + U5 + ",10,1900-01-01,9999-12-31").get(0);
      assertThat(o.accepted()).as("%s", years).isTrue();
      assertThat(o.year()).isNull();
    }
  }

  @Test
  void recordsDatedOutsideTheDeliverysYears() {
    String y9999 = invoice("V1", U1, "9999-12-31", "1.00", "0", "normal");
    String y1900 = invoice("V2", U1, "1900-01-01", "1.00", "0", "normal");
    assertThat(judge(RawFile.INVOICES, Y2024, y9999, y1900)).extracting(RecordCheckTest::verdict).containsExactly(
        "outside_delivery_years: the record is of 9999, outside the years this delivery covers (2024)",
        "outside_delivery_years: the record is of 1900, outside the years this delivery covers (2024)");
    String y2021 = invoice("V3", U1, "2021-05-01", "1.00", "0", "normal");
    assertThat(verdict(judge(RawFile.INVOICES, Validation.Context.of(Set.of(2024, 2022, 2023)), y2021).get(0)))
        .isEqualTo("outside_delivery_years: the record is of 2021, outside the years this delivery covers (2022-2024)");
    assertThat(verdict(judge(RawFile.INVOICES, Validation.Context.of(Set.of(2024, 2020, 2022)), y2021).get(0)))
        .isEqualTo("outside_delivery_years: the record is of 2021, outside the years this delivery covers "
            + "(2020, 2022, 2024)");
    assertThat(verdict(judge(RawFile.ZONES, Y2024, "2025,Z1,集中区一,C1,KEY,C38").get(0)))
        .isEqualTo("outside_delivery_years: the record is of 2025, outside the years this delivery covers (2024)");
  }

  @Test
  void recordsNamingAZoneThatZonesCsvLacksForTheirYear() {
    refused(RawFile.ENTERPRISES, "2024," + U3 + ",企业3,Z9,C3811,true", "unknown_zone",
        "roster row names zone 'Z9' that zones.csv lacks for 2024");
    refused(RawFile.PROJECTS, "PR1,Z7,major,,2024-01-01,", "unknown_zone",
        "project names zone 'Z7' that zones.csv lacks for 2024");
    refused(RawFile.STANDARD_FACTORIES, "F1,Z7,1,2024-04-01", "unknown_zone",
        "standard factory names zone 'Z7' that zones.csv lacks for 2024");
    refused(RawFile.LAND_REVITALIZATIONS, "R1,Z7,1,2024-06-01", "unknown_zone",
        "land revitalization names zone 'Z7' that zones.csv lacks for 2024");
    refused(RawFile.INCIDENTS, "I1,Z7,safety,larger,2024-08-01", "unknown_zone",
        "incident names zone 'Z7' that zones.csv lacks for 2024");
    // The zone id as read (stripped); a zone of another year does not count.
    accepted(RawFile.ENTERPRISES, "2024," + U3 + ",企业3,\" Z2\u3000\",C3811,true");
    Validation.Context twoYears = new Validation.Context(Set.of(2023, 2024),
        Map.of(2023, Set.of("Z1", "Z3"), 2024, Set.of("Z1")), Map.of());
    assertThat(judge(RawFile.ENTERPRISES, twoYears, "2023," + U3 + ",企业3,Z3,C3811,true",
        "2024," + U3 + ",企业3,Z3,C3811,true")).extracting(RecordCheckTest::verdict).containsExactly("accepted 2023",
            "unknown_zone: roster row names zone 'Z3' that zones.csv lacks for 2024");
    // No zones at all for the year (a delivery without zones.csv, and silver without them).
    assertThat(verdict(judge(RawFile.INCIDENTS, Validation.Context.of(Set.of(2024)), "I1,Z1,safety,larger,2024-08-01")
        .get(0))).isEqualTo("unknown_zone: incident names zone 'Z1' that zones.csv lacks for 2024");
  }

  @Test
  void recordsOfAnEnterpriseInNoRosterOfTheirYear() {
    refused(RawFile.INVOICES, invoice("V1", U5, "2024-01-05", "1.00", "0", "normal"), "not_in_roster",
        "invoice of enterprise " + U5 + " which is in no roster of 2024");
    refused(RawFile.TAX_PAYMENTS, "P1," + U5 + ",增值税,2024-03-01,1.00", "not_in_roster",
        "tax entry of enterprise " + U5 + " which is in no roster of 2024");
    refused(RawFile.RECOGNITIONS, U5.toLowerCase() + ",listed,2024-05-01", "not_in_roster",
        "recognition of enterprise " + U5 + " which is in no roster of 2024");
    refused(RawFile.TALENTS, "T1," + U5 + ",national,2024-07-01", "not_in_roster",
        "talent of enterprise " + U5 + " which is in no roster of 2024");
    // The roster of the record's year, not another.
    Validation.Context twoYears = new Validation.Context(Set.of(2023, 2024), Map.of(),
        Map.of(2023, Set.of(U3), 2024, Set.of(U1)));
    assertThat(judge(RawFile.INVOICES, twoYears, invoice("V1", U3, "2023-12-31", "1.00", "0", "normal"),
        invoice("V2", U3, "2024-01-01", "1.00", "0", "normal"))).extracting(RecordCheckTest::verdict)
        .containsExactly("accepted 2023", "not_in_roster: invoice of enterprise " + U3 + " which is in no roster of 2024");
    // Land parcels are not checked against a roster (the register serves every year).
    accepted(RawFile.LAND_PARCELS, "L1," + U5 + ",10,2020-01-01,");
  }

  @Test
  void aDuplicateDecisionRefusesAGoodRecordOnlyAndKeepsItsYear() {
    Validation.Decision first = new Validation.Decision("duplicate_id",
        "duplicate invoice_id: V1 already appears at line 2 of this delivery");
    List<RecordCheck.Outcome> out = judge(RawFile.INVOICES, Y2024,
        invoice("V1", U1, "2024-01-06", "2.00", "0", "normal"),     // good: the decision refuses it
        invoice("V1", U1, "2024-13-01", "2.00", "0", "normal"));    // refused for its date first
    RecordCheck.Outcome duplicate = DeliveryChecks.decided(out.get(0), first);
    assertThat(verdict(duplicate)).isEqualTo("duplicate_id: " + first.message());
    assertThat(duplicate.year()).isEqualTo(2024);
    assertThat(verdict(DeliveryChecks.decided(out.get(1), first)))
        .isEqualTo("bad_date: issue_date: '2024-13-01' is not a date (yyyy-MM-dd)");
    assertThat(DeliveryChecks.decided(out.get(0), null)).isSameAs(out.get(0));
  }

  // ---- the file's layout, keys, shipping ----

  @Test
  void columnsAreReadByPositionWhateverTheirOrderAndKeysAreThoseOfTheContract() {
    // invoices.csv with its columns reordered and an extra one: status,amount,note,invoice_id,issue_date,seller_uscc,tax_amount
    List<String> header = List.of("status", "amount", "note", "invoice_id", "issue_date", "seller_uscc", "tax_amount");
    int[] positions = RawFile.INVOICES.columns().stream().mapToInt(header::indexOf).toArray();
    assertThat(positions).containsExactly(3, 5, 4, 1, 6, 0);
    RecordCheck check = new RecordCheck(RawFile.INVOICES, VALIDATION, positions, Y2024);
    List<CsvRecords.Record> records = new ArrayList<>();
    CsvRecords.records(List.of(
        new CsvRecords.Line(2, "Normal,12.5,备注,\" V1 \",2024-01-05," + U1 + ",1.63"),
        new CsvRecords.Line(3, "void,1,,V2,2024-01-05," + U5 + ","),
        new CsvRecords.Line(4, "normal,1,x,V3,2024-01-05," + U1)).iterator(), header.size()).forEachRemaining(records::add);
    RecordCheck.Outcome v1 = check.check(records.get(0));
    assertThat(v1.values()).containsExactly("V1", U1, java.sql.Date.valueOf("2024-01-05"), new BigDecimal("12.50"),
        new BigDecimal("1.63"), "normal");
    assertThat(check.width()).isEqualTo(6);
    assertThat(check.key(v1)).isEqualTo("V1");
    assertThat(check.rawId(records.get(0))).isEqualTo(" V1 ");
    assertThat(IdHash.of(check.rawId(records.get(0)))).isEqualTo(IdHash.of(check.key(v1)));
    assertThat(check.rawIdPosition()).isEqualTo(3);
    assertThat(verdict(check.check(records.get(1))))
        .isEqualTo("not_in_roster: invoice of enterprise " + U5 + " which is in no roster of 2024");
    assertThat(verdict(check.check(records.get(2)))).isEqualTo("malformed_line: malformed line: expected 7 fields, found 6");
    assertThat(check.rawId(records.get(2))).isNull();

    // A key of several columns: joined, and no single id to hash.
    RecordCheck roster = check(RawFile.ENTERPRISES, Y2024);
    RecordCheck.Outcome e1 = roster.check(new RawFixture().add(RawFile.ENTERPRISES, "2024," + U1.toLowerCase()
        + ",企业1,Z1,C3811,true").records(RawFile.ENTERPRISES).get(0));
    assertThat(roster.key(e1)).isEqualTo("2024\u0001" + U1);
    assertThat(roster.rawIdPosition()).isEqualTo(-1);
    RecordCheck recognitions = check(RawFile.RECOGNITIONS, Y2024);
    assertThat(recognitions.key(recognitions.check(
        new RawFixture().add(RawFile.RECOGNITIONS, U1 + ",listed,2024-01-01").records(RawFile.RECOGNITIONS).get(0))))
        .isNull();
    assertThat(Arrays.stream(RawFile.values()).filter(f -> VALIDATION.idColumn(f) != null).map(VALIDATION::idColumn))
        .containsExactly("invoice_id", "payment_id", "talent_id", "project_id", "factory_id", "record_id",
            "incident_id");
  }

  @Test
  void aCheckShippedToAnExecutorJudgesAlike() throws Exception {
    RecordCheck check = check(RawFile.INVOICES, Y2024);
    String[] lines = {invoice("V1", U1, "2024-01-05", "1.00", "0", "normal"),
        invoice("V1", U1, "2024-01-05", "1.00", "0", "normal"), invoice("V1", U5, "2024-01-05", "1.00", "0", "normal"),
        invoice("V1", U1, "2024-01-05", "1.00", "0", "normal")};
    List<CsvRecords.Record> records = new RawFixture().add(RawFile.INVOICES, lines).records(RawFile.INVOICES);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(check);
    }
    RecordCheck shipped;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (RecordCheck) in.readObject();
    }
    // Judged twice each (the second time from the parsed values remembered per task).
    for (int round = 0; round < 2; round++) {
      assertThat(records.stream().map(shipped::check).map(RecordCheckTest::verdict).toList())
          .isEqualTo(records.stream().map(check::check).map(RecordCheckTest::verdict).toList())
          .containsExactly("accepted 2024", "accepted 2024",
              "not_in_roster: invoice of enterprise " + U5 + " which is in no roster of 2024", "accepted 2024");
    }
  }

  @Test
  void aValueRefusedOnceIsRefusedEveryTime() {
    // Each task remembers what a text parsed to; a refusal is never remembered as a value.
    List<RecordCheck.Outcome> out = judge(RawFile.INVOICES, Y2024,
        invoice("V1", U1, "2024-02-30", "1.00", "0", "normal"),
        invoice("V2", U1, "2024-02-30", "1.00", "0", "normal"),
        invoice("V3", U1, "2024-02-28", "1.00", "0", "normal"),
        invoice("V4", U1, "2024-02-28", "1.00", "0", "normal"),
        invoice("V5", BAD_CHECK, "2024-02-28", "1.00", "0", "normal"),
        invoice("V6", BAD_CHECK, "2024-02-28", "1.00", "0", "normal"));
    assertThat(out).extracting(RecordCheck.Outcome::code).containsExactly("bad_date", "bad_date", null, null,
        "invalid_uscc", "invalid_uscc");
  }
}
