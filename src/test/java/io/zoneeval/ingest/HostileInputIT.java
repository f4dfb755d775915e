package io.zoneeval.ingest;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input: a corpus of every kind of bad byte, line, field and file, run through the ingest stage
 * ({@link IngestStage#ingest}) into a warehouse of its own, each with its exact outcome. Record-level
 * problems are grouped into two deliveries (a delivery has one charset): d1, UTF-8, 2024, every file; d2,
 * GBK, 2025, three files. Each bad record ends as exactly the silver.rejects row named here, with its
 * reason; every file reconciles (read = accepted + rejected, in the ingest log); every valid record is in
 * silver, including those after a 50 MB line, a GBK line and quoted fields over several lines. File-level
 * problems (an empty file, a wrong header, a UTF-8 file read as GBK) stop the ingest before anything is
 * written, with one line naming the file and the line; they are cheap and come after.
 */
@Order(3)
class HostileInputIT {
  private static final Rules RULES = Rules.defaults();
  private static final String U1 = uscc(1);
  private static final String U2 = uscc(2);
  private static final String U3 = uscc(3);
  private static final String U4 = uscc(4);
  private static final String U6 = uscc(6);
  private static final String U7 = uscc(7);
  private static final String U8 = uscc(8);
  /** In no roster. */
  private static final String U9 = uscc(9);
  private static final String BAD_CHECK = U4.substring(0, 17) + (U4.charAt(17) == '0' ? '1' : '0');
  private static final String TEN_TO_THE_40 = "1" + "0".repeat(40);
  private static final int FIFTY_MB = 50 * 1024 * 1024;
  private static final String LONG_LINE_HEAD = "V16," + U1 + ",2024-01-05,";
  private static final String LONG_LINE_TAIL = ",0,normal";
  private static final Charset GBK = Charset.forName("GBK");
  private static final String NOT_A_DATE = "is not a date (yyyy-MM-dd)";

  /** One record of a corpus: its text (or bytes as written), what must become of it (code null: accepted), its line. */
  record Entry(String text, byte[] bytes, String code, String reason, int line) {
    int newlines() {
      int n = 0;
      if (bytes != null) {
        for (byte b : bytes) {
          n += b == '\n' ? 1 : 0;
        }
      } else if (text != null) {
        n = (int) text.chars().filter(c -> c == '\n').count();
      }
      return n;
    }
  }

  /** The files of one delivery, record by record, with how each file is written. */
  static final class Corpus {
    final String name;
    final Charset requested;
    final Map<RawFile, String> headers = new EnumMap<>(RawFile.class);
    final Map<RawFile, List<Entry>> entries = new EnumMap<>(RawFile.class);
    final Map<RawFile, Charset> writtenIn = new EnumMap<>(RawFile.class);
    final Set<RawFile> crlf = java.util.EnumSet.noneOf(RawFile.class);

    Corpus(String name, Charset requested) {
      this.name = name;
      this.requested = requested;
    }

    Corpus file(RawFile file, String header) {
      headers.put(file, header);
      entries.put(file, new ArrayList<>());
      writtenIn.put(file, requested);
      return this;
    }

    private int nextLine(RawFile file) {
      List<Entry> list = entries.get(file);
      if (list.isEmpty()) {
        return 2;
      }
      Entry last = list.get(list.size() - 1);
      return last.line() + 1 + last.newlines();
    }

    Corpus ok(RawFile file, String text) {
      entries.get(file).add(new Entry(text, null, null, null, nextLine(file)));
      return this;
    }

    Corpus bad(RawFile file, String text, String code, String reason) {
      entries.get(file).add(new Entry(text, null, code, reason, nextLine(file)));
      return this;
    }

    /** A record written as these bytes, whatever the file's charset. */
    Corpus badBytes(RawFile file, byte[] bytes, String code, String reason) {
      entries.get(file).add(new Entry(null, bytes, code, reason, nextLine(file)));
      return this;
    }

    /** The 50 MB line, generated as the file is written. */
    Corpus fiftyMegabyteLine(RawFile file, String code, String reason) {
      entries.get(file).add(new Entry(null, null, code, reason, nextLine(file)));
      return this;
    }

    Path write(Path root) throws IOException {
      Path dir = Files.createDirectories(root.resolve(name));
      for (RawFile file : headers.keySet()) {
        Charset charset = writtenIn.get(file);
        String eol = crlf.contains(file) ? "\r\n" : "\n";
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(dir.resolve(file.fileName())))) {
          out.write((headers.get(file) + eol).getBytes(charset));
          for (Entry e : entries.get(file)) {
            if (e.bytes() != null) {
              out.write(e.bytes());
            } else if (e.text() != null) {
              out.write((crlf.contains(file) ? e.text().replace("\n", "\r\n") : e.text()).getBytes(charset));
            } else {
              out.write(LONG_LINE_HEAD.getBytes(StandardCharsets.US_ASCII));
              byte[] nines = new byte[1 << 20];
              java.util.Arrays.fill(nines, (byte) '9');
              for (int i = 0; i < FIFTY_MB / nines.length; i++) {
                out.write(nines);
              }
              out.write(LONG_LINE_TAIL.getBytes(StandardCharsets.US_ASCII));
            }
            out.write(eol.getBytes(charset));
          }
        }
      }
      return dir;
    }
  }

  static String fullWidth(String ascii) {
    StringBuilder b = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c);
    }
    return b.toString();
  }

  private static String fw(char c) {
    return " (it has full-width characters, e.g. '" + c + "': write them in ASCII)";
  }

  /** d1: UTF-8, the years of its zones.csv (2024), every file. */
  static final Corpus D1 = new Corpus("d1", StandardCharsets.UTF_8);
  /** d2: GBK, 2025: zones, roster and invoices, some ids of them held by d1's 2024 records. */
  static final Corpus D2 = new Corpus("d2", GBK);

  static {
    // zones.csv: a BOM, CRLF line ends, the columns reordered, an extra column.
    D1.file(RawFile.ZONES, "\uFEFFzone_id,year,zone_name,county,zone_type,specialty_industries,remark")
        .ok(RawFile.ZONES, "Z1,2024,集中区一,C1,重点发展型,C38,备注")
        .ok(RawFile.ZONES, "Z2,2024,集中区二,C1,KEY,C39,")
        .ok(RawFile.ZONES, "Z3,2024,\"集中区三\n（新区）\",C2,优化发展型,C38;C39,\"a, b\"")
        .bad(RawFile.ZONES, "Z4,2024,集中区四,C2,ＫＥＹ,C38,", "unknown_value",
            "zone_type: 'ＫＥＹ' is not 重点发展型 or 优化发展型" + fw('Ｋ'))
        .bad(RawFile.ZONES, "Z5,２０２４,集中区五,C2,KEY,C38,", "bad_date", "year: '２０２４' is not a year" + fw('２'))
        .bad(RawFile.ZONES, "Z1,2024,集中区一又,C1,KEY,C38,", "duplicate_id",
            "duplicate year, zone_id: 2024,Z1 already appears at line 2 of this delivery");
    D1.crlf.add(RawFile.ZONES);

    D1.file(RawFile.COUNTY_POLICIES, "year,county,has_policy")
        .ok(RawFile.COUNTY_POLICIES, "2024,C1,true")
        .ok(RawFile.COUNTY_POLICIES, "2024,C2,是")
        .bad(RawFile.COUNTY_POLICIES, "2024,C3,maybe", "bad_value", "has_policy: 'maybe' is not true or false");

    // enterprises.csv: a lower-case padded code, a quoted name with a comma and a line feed, zones zones.csv
    // lacks (Z9, and Z4 whose row was refused), invalid and full-width codes, a line pasted from a GBK file.
    D1.file(RawFile.ENTERPRISES, "year,uscc,name,zone_id,industry_code,above_scale")
        .ok(RawFile.ENTERPRISES, "2024," + U1 + ",企业1,Z1,C3811,true")
        .ok(RawFile.ENTERPRISES, "2024, " + U2.toLowerCase() + " ,企业2,Z1,C3911,true")
        .ok(RawFile.ENTERPRISES, "2024," + U3 + ",\"扬州, 有限\n公司\",Z2,C3811,false")
        .bad(RawFile.ENTERPRISES, "2024," + U4 + ",企业4,Z9,C3811,true", "unknown_zone",
            "roster row names zone 'Z9' that zones.csv lacks for 2024")
        .bad(RawFile.ENTERPRISES, "2024," + U8 + ",企业8,Z4,C3811,true", "unknown_zone",
            "roster row names zone 'Z4' that zones.csv lacks for 2024")
        .bad(RawFile.ENTERPRISES, "2024," + BAD_CHECK + ",企业,Z1,C3811,true", "invalid_uscc",
            "uscc: '" + BAD_CHECK + "' is not a valid unified social credit code (USCC)")
        .bad(RawFile.ENTERPRISES, "2024," + fullWidth(uscc(5)) + ",企业5,Z1,C3811,true", "invalid_uscc",
            "uscc: '" + fullWidth(uscc(5)) + "' is not a valid unified social credit code (USCC)" + fw('９'))
        .badBytes(RawFile.ENTERPRISES, ("2024," + U6 + ",企业6,Z1,C3811,true").getBytes(GBK), "bad_encoding",
            "bad encoding: the record is not valid UTF-8 (undecodable bytes from character 25, shown as U+FFFD); "
                + "is the file in another charset? see --encoding")
        .ok(RawFile.ENTERPRISES, "2024," + U7 + ",企业7,Z2,C3811,true");

    // tax_payments.csv is GBK as a whole, delivered in a UTF-8 delivery.
    D1.file(RawFile.TAX_PAYMENTS, "payment_id,uscc,tax_type,entry_date,amount")
        .bad(RawFile.TAX_PAYMENTS, "P1," + U1 + ",增值税,2024-03-01,500.00", "bad_encoding",
            "bad encoding: the record is not valid UTF-8 (undecodable bytes from character 23, shown as U+FFFD); "
                + "is the file in another charset? see --encoding")
        .ok(RawFile.TAX_PAYMENTS, "P2," + U1 + ",VAT,2024-03-01,300.00")
        .ok(RawFile.TAX_PAYMENTS, "P3," + U2 + ",,2024-04-01,-20.00");
    D1.writtenIn.put(RawFile.TAX_PAYMENTS, GBK);

    D1.file(RawFile.INVOICES, "invoice_id,seller_uscc,issue_date,amount,tax_amount,status")
        .ok(RawFile.INVOICES, "V1," + U1 + ",2024-01-05,1000.00,130.00,normal")
        .bad(RawFile.INVOICES, "V2," + U1 + ",2024-01-05," + TEN_TO_THE_40 + ",0,normal", "bad_number",
            "amount: '" + TEN_TO_THE_40 + "' is out of range (more than 16 digits before the point)")
        .ok(RawFile.INVOICES, "V3," + U1 + ",2024-01-05,-0.00,0,normal")
        .bad(RawFile.INVOICES, "V4," + U1 + ",9999-12-31,100.00,13.00,normal", "outside_delivery_years",
            "the record is of 9999, outside the years this delivery covers (2024)")
        .bad(RawFile.INVOICES, "V5," + U1 + ",1900-01-01,100.00,13.00,normal", "outside_delivery_years",
            "the record is of 1900, outside the years this delivery covers (2024)")
        .bad(RawFile.INVOICES, "V6," + U1 + ",2024/01/05,100.00,13.00,normal", "bad_date",
            "issue_date: '2024/01/05' " + NOT_A_DATE)
        .bad(RawFile.INVOICES, "V7," + U1 + ",20240105,100.00,13.00,normal", "bad_date",
            "issue_date: '20240105' " + NOT_A_DATE)
        .bad(RawFile.INVOICES, "V8," + U1 + ",2024-1-5,100.00,13.00,normal", "bad_date",
            "issue_date: '2024-1-5' " + NOT_A_DATE)
        .bad(RawFile.INVOICES, "V9," + U1 + ",\"9,999-12-31\",100.00,13.00,normal", "bad_date",
            "issue_date: '9,999-12-31' " + NOT_A_DATE)
        .bad(RawFile.INVOICES, "V10," + U1 + ",9,999-12-31,100.00,13.00,normal", "malformed_line",
            "malformed line: expected 6 fields, found 7")
        .bad(RawFile.INVOICES, "V11," + U1 + ",2024-01-05,１００.００,13.00,normal", "bad_number",
            "amount: '１００.００' is not a plain decimal number" + fw('１'))
        .bad(RawFile.INVOICES, "V12," + U1 + ",２０２４-０１-０５,100.00,13.00,normal", "bad_date",
            "issue_date: '２０２４-０１-０５' " + NOT_A_DATE + fw('２'))
        .ok(RawFile.INVOICES, "V13," + U1.toLowerCase() + ",2024-01-06,200.00,26.00,normal")
        .bad(RawFile.INVOICES, "V14," + U1 + ",2024-01-05,1e3,0,normal", "bad_number",
            "amount: '1e3' is not a plain decimal number")
        .bad(RawFile.INVOICES, "V15," + U1 + ",2024-01-05,\"1,000.00\",0,normal", "bad_number",
            "amount: '1,000.00' is not a plain decimal number")
        .fiftyMegabyteLine(RawFile.INVOICES, "malformed_line", String.format(java.util.Locale.ROOT,
            "malformed line: %,d characters, more than the 1,048,576 a record may have (raw text cut to its first "
                + "1,000)", LONG_LINE_HEAD.length() + FIFTY_MB + LONG_LINE_TAIL.length()))
        .ok(RawFile.INVOICES, "V17," + U2 + ",2024-01-07,300.00,39.00,red")
        .bad(RawFile.INVOICES, "V18," + U1 + ",2024-01-05,100.00,13.00,normal,extra", "malformed_line",
            "malformed line: expected 6 fields, found 7")
        .bad(RawFile.INVOICES, "V1," + U1 + ",2024-01-08,5.00,0,normal", "duplicate_id",
            "duplicate invoice_id: V1 already appears at line 2 of this delivery")
        // The same id quoted, and after an ideographic space: read alike, so the second is the duplicate.
        .ok(RawFile.INVOICES, "\"V,19\"," + U1 + ",2024-01-09,1.00,0,normal")
        .bad(RawFile.INVOICES, "\u3000\"V,19\"," + U1 + ",2024-01-10,2.00,0,normal", "duplicate_id",
            "duplicate invoice_id: V,19 already appears at line 21 of this delivery")
        .bad(RawFile.INVOICES, "V20," + U9 + ",2024-01-05,1.00,0,normal", "not_in_roster",
            "invoice of enterprise " + U9 + " which is in no roster of 2024")
        .bad(RawFile.INVOICES, "V21," + U1 + ",2024-01-05,1.00,0,cancelled", "unknown_value",
            "status: 'cancelled' is not one of normal, red, void")
        .bad(RawFile.INVOICES, "V22," + U8 + ",2024-01-05,1.00,0,normal", "not_in_roster",
            "invoice of enterprise " + U8 + " which is in no roster of 2024")
        .ok(RawFile.INVOICES, "V23," + U7 + ",2024-12-31,0.01,0,void");

    D1.file(RawFile.LAND_PARCELS, "parcel_id,holder_uscc,area_m2,acquired_date,released_date")
        .bad(RawFile.LAND_PARCELS, "L1," + U1 + ",-10,2020-01-01,", "negative_area", "area_m2: '-10' is negative")
        .ok(RawFile.LAND_PARCELS, "L2," + U1 + ",-0,1900-01-01,9999-12-31")
        .ok(RawFile.LAND_PARCELS, "L3," + U2 + ",5000.5,1900-01-01,")
        .bad(RawFile.LAND_PARCELS, "L4," + U2 + "," + TEN_TO_THE_40 + ",2020-01-01,", "bad_number",
            "area_m2: '" + TEN_TO_THE_40 + "' is out of range (more than 16 digits before the point)")
        .bad(RawFile.LAND_PARCELS, "L5," + U7 + ",１０,2020-01-01,", "bad_number",
            "area_m2: '１０' is not a plain decimal number" + fw('１'))
        // A register is no roster: a parcel of an enterprise in none is kept.
        .ok(RawFile.LAND_PARCELS, "L6," + U9 + ",100,2021-01-01,")
        .bad(RawFile.LAND_PARCELS, "L3," + U2.toLowerCase() + ",7000,1900-01-01,", "duplicate_id",
            "duplicate parcel_id, holder_uscc, acquired_date: L3," + U2 + ",1900-01-01 already appears at line 4 of "
                + "this delivery");

    D1.file(RawFile.RECOGNITIONS, "uscc,kind,recognized_date")
        .ok(RawFile.RECOGNITIONS, U1 + ",high_tech,2024-05-01")
        .bad(RawFile.RECOGNITIONS, U1 + ",dragon,2024-05-01", "unknown_value", "kind: 'dragon' is not one of listed, "
            + "little_giant, neeq, unicorn, unicorn_cultivation, gazelle, high_tech, unicorn_seed, gazelle_cultivation, "
            + "tech_attracted")
        .bad(RawFile.RECOGNITIONS, U9 + ",listed,2024-05-01", "not_in_roster",
            "recognition of enterprise " + U9 + " which is in no roster of 2024");

    D1.file(RawFile.TALENTS, "talent_id,employer_uscc,program,awarded_date")
        .ok(RawFile.TALENTS, "T1," + U1 + ",national,2024-07-01")
        .bad(RawFile.TALENTS, "T2," + U1 + ",wizard,2024-07-01", "unknown_value", "program: 'wizard' is not one of "
            + "national, js_innovation_team, js_innovation_talent, lvyang_leading, lvyang_phd")
        .bad(RawFile.TALENTS, "T1," + U2 + ",lvyang_phd,2024-08-01", "duplicate_id",
            "duplicate talent_id: T1 already appears at line 2 of this delivery");

    D1.file(RawFile.PROJECTS,
            "project_id,zone_id,kind,equipment_investment,construction_start_date,production_start_date")
        .ok(RawFile.PROJECTS, "PR1,Z1,tech_upgrade,8000000,2023-01-01,2024-03-01")
        .bad(RawFile.PROJECTS, "PR2,Z1,tech_upgrade," + TEN_TO_THE_40 + ",2023-01-01,2024-03-01", "bad_number",
            "equipment_investment: '" + TEN_TO_THE_40 + "' is out of range (more than 16 digits before the point)")
        .ok(RawFile.PROJECTS, "PR3,Z1,major,-0.00,2024-01-01,")
        .bad(RawFile.PROJECTS, "PR4,Z1,major,,2023-06-01,2024-02-01", "outside_delivery_years",
            "the record is of 2023, outside the years this delivery covers (2024)")
        .bad(RawFile.PROJECTS, "PR5,Z1,major,,,", "missing_value", "construction_start_date, production_start_date: "
            + "a project needs one of them, the date its year is read from")
        .bad(RawFile.PROJECTS, "PR6,Z9,major,,2024-01-01,", "unknown_zone",
            "project names zone 'Z9' that zones.csv lacks for 2024")
        .bad(RawFile.PROJECTS, "PR7,Z1,refit,,2024-01-01,", "unknown_value",
            "kind: 'refit' is not one of tech_upgrade, major")
        .ok(RawFile.PROJECTS, "PR8,Z2,tech_upgrade,,2024-05-01,");

    D1.file(RawFile.STANDARD_FACTORIES, "factory_id,zone_id,floor_area_m2,accepted_date")
        .ok(RawFile.STANDARD_FACTORIES, "F1,Z1,20000,2024-04-01")
        .bad(RawFile.STANDARD_FACTORIES, "F2,Z2,-1,2024-04-01", "negative_area", "floor_area_m2: '-1' is negative");

    // Header only: nothing to read, nothing lost.
    D1.file(RawFile.LAND_REVITALIZATIONS, "record_id,zone_id,area_mu,completed_date");

    D1.file(RawFile.INCIDENTS, "incident_id,zone_id,kind,severity,occurred_date")
        .ok(RawFile.INCIDENTS, "I1,Z3,safety,larger,2024-08-01")
        .bad(RawFile.INCIDENTS, "I2,Z1,safety,catastrophic,2024-08-01", "unknown_value",
            "severity: 'catastrophic' is not one of general, larger, major, especially_major")
        .bad(RawFile.INCIDENTS, "I3,Z1,fire,larger,2024-08-01", "unknown_value",
            "kind: 'fire' is not one of safety, environment")
        .bad(RawFile.INCIDENTS, "I4,Z1,environment,major,2024-08-01,", "malformed_line",
            "malformed line: expected 5 fields, found 6");

    // d2, GBK: Chinese ids and names; an id d1's 2024 invoices hold; a duplicate within; and a quote left
    // open near the end of the file, after which the records (a duplicate among them) are read again.
    D2.file(RawFile.ZONES, "year,zone_id,zone_name,county,zone_type,specialty_industries")
        .ok(RawFile.ZONES, "2025,Z1,集中区一,C1,重点发展型,C38")
        .ok(RawFile.ZONES, "2025,Z2,仪征市真州工业集中区,仪征市,优化发展型,C39");
    D2.file(RawFile.ENTERPRISES, "year,uscc,name,zone_id,industry_code,above_scale")
        .ok(RawFile.ENTERPRISES, "2025," + U1 + ",扬州企业一,Z1,C3811,true")
        .ok(RawFile.ENTERPRISES, "2025," + U2 + ",\"江苏,有限\n公司\",Z2,C3911,否")
        .bad(RawFile.ENTERPRISES, "2025," + U3 + ",企业三,Z3,C3811,true", "unknown_zone",
            "roster row names zone 'Z3' that zones.csv lacks for 2025");
    D2.file(RawFile.INVOICES, "invoice_id,seller_uscc,issue_date,amount,tax_amount,status")
        .ok(RawFile.INVOICES, "W1," + U1 + ",2025-02-01,100.00,13.00,normal")
        // line 3: V1 is d1's (2024, line 2); its reason names that delivery (known once d1 is in).
        .bad(RawFile.INVOICES, "V1," + U1 + ",2025-02-02,5.00,0,normal", "duplicate_id", null)
        .ok(RawFile.INVOICES, "发票3," + U2 + ",2025-03-01,10.00,1.30,normal")
        .bad(RawFile.INVOICES, "\u3000发票3\u3000," + U1 + ",2025-03-02,10.00,1.30,normal", "duplicate_id",
            "duplicate invoice_id: 发票3 already appears at line 4 of this delivery")
        .bad(RawFile.INVOICES, "W4," + U1 + ",2025-04-01,\"100.00,13.00,normal", "malformed_line",
            "malformed line: a quoted field is never closed")
        .ok(RawFile.INVOICES, "W5," + U1 + ",2025-04-02,1.00,0,normal")
        .bad(RawFile.INVOICES, "W5," + U2 + ",2025-04-03,1.00,0,normal", "duplicate_id",
            "duplicate invoice_id: W5 already appears at line 7 of this delivery")
        .ok(RawFile.INVOICES, "W6," + U2 + ",2025-04-04,1.00,0,normal");
  }

  private static final SparkSession SPARK = SparkTestSession.get();
  @TempDir static Path root;
  private static Warehouse warehouse;
  private static IngestStage stage;
  private static CommitLog.Ingest first;
  private static CommitLog.Ingest second;
  /** silver.rejects by "delivery/source:line" (d1/invoices:5). */
  private static final Map<String, Row> REJECTS = new TreeMap<>();
  private static Map<String, Long> versionsAfter;

  private static IngestStage.Outcome ingest(Path delivery, Set<Integer> years, Charset charset) {
    return stage.ingest(new IngestStage.Request(delivery.toString(), years, charset, RULES));
  }

  /** The folder a delivered path lies in (d1). */
  private static String folder(String path) {
    return Path.of(path.replaceFirst("^file:", "")).getParent().getFileName().toString();
  }

  @BeforeAll
  static void ingestTheCorpus() throws IOException {
    warehouse = new Warehouse(SPARK, root.resolve("warehouse").toString());
    stage = new IngestStage(SPARK, warehouse, new Progress(new PrintStream(OutputStream.nullOutputStream())));
    IngestStage.Outcome d1 = ingest(D1.write(root), null, StandardCharsets.UTF_8);
    assertThat(d1.years()).containsExactly(2024);
    IngestStage.Outcome d2 = ingest(D2.write(root), null, GBK);
    assertThat(d2.years()).containsExactly(2025);
    List<CommitLog.Ingest> ingests = CommitLog.read(warehouse).ingests();
    assertThat(ingests).extracting(CommitLog.Ingest::id).containsExactly(d1.ingestId(), d2.ingestId());
    first = ingests.get(0);
    second = ingests.get(1);
    for (Row r : warehouse.read(Tables.REJECTS).collectAsList()) {
      String key = folder(r.getAs("source_file")) + "/" + r.<String>getAs("source") + ":" + r.<Long>getAs("line");
      assertThat(REJECTS.put(key, r)).as("one reject of %s", key).isNull();
    }
    versionsAfter = versions();
  }

  private static Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    for (TableDef t : Tables.ingestTables(RULES)) {
      versions.put(t.qualifiedName(), warehouse.version(t));
    }
    return versions;
  }

  private static CommitLog.DeliveredFile delivered(CommitLog.Ingest ingest, RawFile file) {
    return ingest.files().stream().filter(f -> f.source().equals(file.fileName())).findFirst().orElseThrow();
  }

  /** The reason of d2's V1, which names d1's invoices delivery. */
  private static String heldByD1() {
    return "duplicate invoice_id: V1 is held by the accepted record of 2024 (delivery "
        + delivered(first, RawFile.INVOICES).deliveryId().substring(0, 12) + "…, line 2)";
  }

  @Test
  void everyFileReconcilesAndEveryRecordOfTheCorpusIsCounted() {
    for (var pair : List.of(Map.entry(first, D1), Map.entry(second, D2))) {
      Corpus corpus = pair.getValue();
      assertThat(pair.getKey().files()).extracting(CommitLog.DeliveredFile::source)
          .containsExactlyInAnyOrderElementsOf(corpus.headers.keySet().stream().map(RawFile::fileName).toList());
      for (CommitLog.DeliveredFile f : pair.getKey().files()) {
        RawFile file = java.util.Arrays.stream(RawFile.values()).filter(r -> r.fileName().equals(f.source()))
            .findFirst().orElseThrow();
        List<Entry> entries = corpus.entries.get(file);
        String what = corpus.name + "/" + f.source();
        assertThat(f.action()).as(what).isEqualTo(CommitLog.DeliveredFile.REPLACED);
        assertThat(f.read()).as(what).isEqualTo(f.accepted() + f.rejected()).isEqualTo(entries.size());
        assertThat(f.rejected()).as(what).isEqualTo(entries.stream().filter(e -> e.code() != null).count());
        assertThat(f.charset()).as(what).isEqualTo(corpus.requested.name());
      }
    }
    assertThat(delivered(first, RawFile.LAND_REVITALIZATIONS).read()).isZero();
  }

  @Test
  void everyBadRecordIsARejectWithItsPreciseReason() {
    Map<String, String> expected = new TreeMap<>();
    for (Corpus corpus : List.of(D1, D2)) {
      corpus.entries.forEach((file, entries) -> entries.stream().filter(e -> e.code() != null).forEach(e ->
          expected.put(corpus.name + "/" + file.tableName() + ":" + e.line(),
              e.code() + " | " + (e.reason() != null ? e.reason() : heldByD1()))));
    }
    Map<String, String> actual = new TreeMap<>();
    REJECTS.forEach((k, r) -> actual.put(k, r.<String>getAs("reason_code") + " | " + r.<String>getAs("reason")));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void aRejectKeepsItsRawTextFileDeliveryAndYear() {
    Row idAfterSpace = REJECTS.get("d1/invoices:22");
    assertThat(idAfterSpace.<String>getAs("raw_text")).isEqualTo("\u3000\"V,19\"," + U1 + ",2024-01-10,2.00,0,normal");
    assertThat(idAfterSpace.<Integer>getAs("year")).isEqualTo(2024);
    CommitLog.DeliveredFile invoices = delivered(first, RawFile.INVOICES);
    assertThat(idAfterSpace.<String>getAs("delivery_id")).isEqualTo(invoices.deliveryId());
    assertThat(idAfterSpace.<String>getAs("source_file")).isEqualTo(invoices.path());
    assertThat(idAfterSpace.<String>getAs("ingest_id")).isEqualTo(first.id());
    assertThat(REJECTS.get("d1/invoices:5").<Integer>getAs("year")).isEqualTo(9999);
    assertThat(REJECTS.get("d1/invoices:3").<Object>getAs("year")).isNull();
    // The GBK bytes of a UTF-8 file are kept as read, undecodable bytes shown as U+FFFD.
    assertThat(REJECTS.get("d1/enterprises:10").<String>getAs("raw_text")).startsWith("2024," + U6 + ",\uFFFD");
    // A row of the CRLF file is kept without its CR.
    assertThat(REJECTS.get("d1/zones:6").<String>getAs("raw_text")).isEqualTo("Z4,2024,集中区四,C2,ＫＥＹ,C38,");
    assertThat(REJECTS.get("d2/invoices:6").<String>getAs("raw_text"))
        .isEqualTo("W4," + U1 + ",2025-04-01,\"100.00,13.00,normal");
  }

  @Test
  void theFiftyMegabyteLineIsCutInTheRejectsAndTheRecordsAfterItAreRead() {
    Entry longLine = D1.entries.get(RawFile.INVOICES).stream().filter(e -> e.text() == null && e.bytes() == null)
        .findFirst().orElseThrow();
    Row r = REJECTS.get("d1/invoices:" + longLine.line());
    String raw = r.getAs("raw_text");
    assertThat(raw).hasSize(CsvRecords.KEPT_CHARS + 1).startsWith(LONG_LINE_HEAD + "999").endsWith("…");
    assertThat(delivered(first, RawFile.INVOICES).sizeBytes()).isGreaterThan(FIFTY_MB);
  }

  /** A silver table's rows as the evaluation reads them (Kernel's file list, then Parquet: no Delta scan job). */
  private static Dataset<Row> silverRows(TableDef table) {
    return warehouse.readYears(table, y -> true);
  }

  @Test
  void everyValidRecordIsInSilver() {
    for (Corpus corpus : List.of(D1, D2)) {
      for (RawFile file : corpus.headers.keySet()) {
        TreeSet<Long> expected = new TreeSet<>();
        corpus.entries.get(file).stream().filter(e -> e.code() == null).forEach(e -> expected.add((long) e.line()));
        TreeSet<Long> actual = new TreeSet<>();
        for (Row r : silverRows(Tables.silver(file, RULES)).select("_source_file", "_line").collectAsList()) {
          if (folder(r.getString(0)).equals(corpus.name)) {
            assertThat(actual.add(r.getLong(1))).as("%s/%s line %d once", corpus.name, file.fileName(), r.getLong(1))
                .isTrue();
          }
        }
        assertThat(actual).as(corpus.name + "/" + file.fileName()).isEqualTo(expected);
      }
    }
  }

  @Test
  void acceptedValuesAreReadAsMeant() {
    TableDef invoices = Tables.silver(RawFile.INVOICES, RULES);
    Row v3 = silverRows(invoices).filter("invoice_id = 'V3'").first();
    assertThat(v3.<BigDecimal>getAs("amount")).isEqualByComparingTo("0");
    assertThat(silverRows(invoices).filter("invoice_id = 'V13'").first().<String>getAs("seller_uscc")).isEqualTo(U1);
    assertThat(silverRows(invoices).filter("invoice_id = 'V,19'").first().<java.sql.Date>getAs("issue_date").toString())
        .isEqualTo("2024-01-09");
    assertThat(silverRows(invoices).filter("invoice_id = '发票3'").first().<Integer>getAs("year")).isEqualTo(2025);
    // d2's invoices replaced nothing of 2024.
    assertThat(silverRows(invoices).filter("year = 2024").count())
        .isEqualTo(D1.entries.get(RawFile.INVOICES).stream().filter(e -> e.code() == null).count());
    TableDef enterprises = Tables.silver(RawFile.ENTERPRISES, RULES);
    assertThat(silverRows(enterprises).filter(col("uscc").equalTo(U3)).first().<String>getAs("name"))
        .isEqualTo("扬州, 有限\n公司");
    assertThat(silverRows(enterprises).filter(col("uscc").equalTo(U2)).select("year", "name").collectAsList())
        .extracting(Row::toString).containsExactlyInAnyOrder("[2024,企业2]", "[2025,江苏,有限\n公司]");
    Row l2 = silverRows(Tables.silver(RawFile.LAND_PARCELS, RULES)).filter("parcel_id = 'L2'").first();
    assertThat(l2.<BigDecimal>getAs("area_m2")).isEqualByComparingTo("0");
    assertThat(l2.<java.sql.Date>getAs("released_date").toString()).isEqualTo("9999-12-31");
    assertThat(l2.<Integer>getAs("year")).isEqualTo(2024);
    TableDef zones = Tables.silver(RawFile.ZONES, RULES);
    Row z3 = silverRows(zones).filter("zone_id = 'Z3' AND year = 2024").first();
    assertThat(z3.<String>getAs("zone_name")).isEqualTo("集中区三\n（新区）");
    assertThat(z3.getList(z3.fieldIndex("specialty_industries"))).containsExactly("C38", "C39");
    assertThat(z3.<String>getAs("zone_type")).isEqualTo("OPTIMIZED");
    assertThat(silverRows(zones).filter("zone_id = 'Z2' AND year = 2025").first().<String>getAs("zone_name"))
        .isEqualTo("仪征市真州工业集中区");
  }

  // ---- file-level problems: one line naming the file and the line, before anything is written ----

  /** A delivery of one file, for 2024. */
  private static Path deliveryOf(String name, RawFile file, byte[] content) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    Files.write(dir.resolve(file.fileName()), content);
    return dir;
  }

  /** Ingests a delivery that must fail, and returns its one-line reason; nothing was written. */
  private static String refused(Path delivery, Charset charset) {
    Throwable thrown = catchThrowable(() -> ingest(delivery, Set.of(2024), charset));
    assertThat(thrown).isInstanceOf(RawInput.InputException.class);
    assertThat(thrown.getMessage()).doesNotContain("\n", "\r");
    assertThat(versions()).isEqualTo(versionsAfter);
    assertThat(CommitLog.read(warehouse).ingests()).hasSize(2);
    return thrown.getMessage();
  }

  @Test
  void anEmptyFile() throws IOException {
    Path dir = deliveryOf("empty", RawFile.INVOICES, new byte[0]);
    assertThat(refused(dir, StandardCharsets.UTF_8)).isEqualTo(dir.resolve("invoices.csv")
        + ": empty file, expected the header invoice_id,seller_uscc,issue_date,amount,tax_amount,status");
  }

  @Test
  void wrongHeaders() throws IOException {
    Path dir = deliveryOf("renamed", RawFile.TALENTS,
        "talent_id,employer,program,awarded_date\nT1,x,national,2024-01-01\n".getBytes(StandardCharsets.UTF_8));
    assertThat(refused(dir, StandardCharsets.UTF_8)).isEqualTo(dir.resolve("talents.csv")
        + ": line 1: wrong header: missing column(s) employer_uscc (expected talent_id,employer_uscc,program,"
        + "awarded_date, found talent_id,employer,program,awarded_date)");
    dir = deliveryOf("twice", RawFile.TALENTS,
        "talent_id,employer_uscc,program,awarded_date,Program\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(refused(dir, StandardCharsets.UTF_8)).isEqualTo(dir.resolve("talents.csv")
        + ": line 1: wrong header: column program appears twice");
    dir = deliveryOf("noheader", RawFile.RECOGNITIONS, (U1 + ",high_tech,2024-05-01\n").getBytes(StandardCharsets.UTF_8));
    assertThat(refused(dir, StandardCharsets.UTF_8)).startsWith(dir.resolve("recognitions.csv")
        + ": line 1: wrong header: missing column(s) uscc, kind, recognized_date (expected uscc,kind,recognized_date, "
        + "found ");
    dir = deliveryOf("quote", RawFile.INCIDENTS,
        "incident_id,\"zone_id,kind,severity,occurred_date\n".getBytes(StandardCharsets.UTF_8));
    assertThat(refused(dir, StandardCharsets.UTF_8))
        .isEqualTo(dir.resolve("incidents.csv") + ": line 1: malformed header (unbalanced quote)");
  }

  @Test
  void aUtf8FileInAGbkDelivery() throws IOException {
    // Read as GBK, its Chinese names would decode into other, valid-looking characters: refused, naming
    // its first line with such text.
    Path dir = deliveryOf("utf8", RawFile.ENTERPRISES, ("year,uscc,name,zone_id,industry_code,above_scale\n"
        + "2024," + U1 + ",企业1,Z1,C3811,true\n").getBytes(StandardCharsets.UTF_8));
    assertThat(refused(dir, GBK)).isEqualTo(dir.resolve("enterprises.csv") + ": line 2: the file is UTF-8 (all its "
        + "non-ASCII text is valid UTF-8), not GBK: read as GBK it would be garbled; use --encoding UTF-8");
    // A UTF-8 byte order mark alone is evidence enough.
    dir = deliveryOf("bom", RawFile.INCIDENTS,
        ("\uFEFF" + String.join(",", RawFile.INCIDENTS.columns()) + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(refused(dir, GBK)).startsWith(dir.resolve("incidents.csv") + ": line 1: the file is UTF-8");
  }
}
