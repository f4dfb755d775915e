package io.zoneeval.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.ingest.Uscc;
import io.zoneeval.tools.GenerateCommand;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SampleGeneratorTest {

  /** The contract's files and headers, copied from evaluation-method.md (not from the generator). */
  static final Map<String, String> CONTRACT = new LinkedHashMap<>();

  static {
    CONTRACT.put("zones.csv", "year,zone_id,zone_name,county,zone_type,specialty_industries");
    CONTRACT.put("county_policies.csv", "year,county,has_policy");
    CONTRACT.put("enterprises.csv", "year,uscc,name,zone_id,industry_code,above_scale");
    CONTRACT.put("invoices.csv", "invoice_id,seller_uscc,issue_date,amount,tax_amount,status");
    CONTRACT.put("tax_payments.csv", "payment_id,uscc,tax_type,entry_date,amount");
    CONTRACT.put("land_parcels.csv", "parcel_id,holder_uscc,area_m2,acquired_date,released_date");
    CONTRACT.put("recognitions.csv", "uscc,kind,recognized_date");
    CONTRACT.put("talents.csv", "talent_id,employer_uscc,program,awarded_date");
    CONTRACT.put("projects.csv",
        "project_id,zone_id,kind,equipment_investment,construction_start_date,production_start_date");
    CONTRACT.put("standard_factories.csv", "factory_id,zone_id,floor_area_m2,accepted_date");
    CONTRACT.put("land_revitalizations.csv", "record_id,zone_id,area_mu,completed_date");
    CONTRACT.put("incidents.csv", "incident_id,zone_id,kind,severity,occurred_date");
  }

  /** Columns holding a USCC, per file. */
  static final Map<String, String> USCC_COLUMNS =
      Map.of(
          "enterprises.csv", "uscc",
          "invoices.csv", "seller_uscc",
          "tax_payments.csv", "uscc",
          "land_parcels.csv", "holder_uscc",
          "recognitions.csv", "uscc",
          "talents.csv", "employer_uscc");

  @TempDir static Path tmp;
  static GeneratorConfig small;
  static SampleGenerator.Result fullResult;
  static Path full;
  static Path clean;

  @BeforeAll
  static void generateOnce() {
    full = tmp.resolve("full");
    clean = tmp.resolve("clean");
    small = GeneratorConfig.defaults(full).withEnterprises(600).withInvoicesPerYear(4000);
    fullResult = new SampleGenerator(small).generate();
    new SampleGenerator(small.withOutDir(clean).withIncludeBadRows(false)).generate();
  }

  @Test
  void sameSeedGivesByteIdenticalFiles() throws IOException {
    Path again = tmp.resolve("again");
    new SampleGenerator(small.withOutDir(again)).generate();
    for (String file : CONTRACT.keySet()) {
      assertThat(Files.readAllBytes(again.resolve(file))).as(file).isEqualTo(Files.readAllBytes(full.resolve(file)));
    }
  }

  @Test
  void differentSeedGivesDifferentFiles() throws IOException {
    Path other = tmp.resolve("other-seed");
    new SampleGenerator(small.withOutDir(other).withSeed(small.seed() + 1)).generate();
    for (String file : List.of("enterprises.csv", "invoices.csv", "tax_payments.csv", "land_parcels.csv")) {
      assertThat(Files.readAllBytes(other.resolve(file))).as(file).isNotEqualTo(Files.readAllBytes(full.resolve(file)));
    }
  }

  @Test
  void writesExactlyTheContractFilesWithTheirHeaders() throws IOException {
    assertThat(SampleGenerator.FILES.stream().map(SampleGenerator.FileSpec::name)).containsExactlyElementsOf(CONTRACT.keySet());
    try (Stream<Path> listing = Files.list(full)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
    }
    for (Map.Entry<String, String> e : CONTRACT.entrySet()) {
      for (Path dir : List.of(full, clean)) {
        String text = Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8);
        assertThat(text).as(e.getKey()).startsWith(e.getValue() + "\n").endsWith("\n").doesNotContain("\r");
      }
    }
    assertThat(fullResult.files()).extracting(SampleGenerator.FileStat::file).containsExactlyElementsOf(CONTRACT.keySet());
  }

  @Test
  void everyCleanRowHasTheHeaderFieldCountValidUsccsAndParseableValues() throws IOException {
    for (String file : CONTRACT.keySet()) {
      List<String> lines = Files.readAllLines(clean.resolve(file), StandardCharsets.UTF_8);
      List<String> header = parse(lines.get(0));
      assertThat(lines).as(file).hasSizeGreaterThan(1);
      for (int n = 1; n < lines.size(); n++) {
        List<String> row = parse(lines.get(n));
        String where = file + ":" + (n + 1) + " " + lines.get(n);
        assertThat(row).as(where).hasSameSizeAs(header);
        for (int c = 0; c < header.size(); c++) {
          String column = header.get(c);
          String value = row.get(c);
          if (column.equals(USCC_COLUMNS.get(file))) {
            assertThat(Uscc.isValid(value)).as(where).isTrue();
          } else if (column.endsWith("_date")) {
            if (!value.isEmpty() || !(column.equals("released_date") || column.endsWith("start_date"))) {
              assertThat(LocalDate.parse(value)).as(where).isNotNull();
            }
          } else if (List.of("amount", "tax_amount", "area_m2", "floor_area_m2", "area_mu", "equipment_investment")
              .contains(column)) {
            assertThat(value).as(where).matches("-?\\d+\\.\\d\\d");
            if (column.contains("area")) {
              assertThat(value).as(where).doesNotStartWith("-");
            }
          }
        }
      }
    }
  }

  @Test
  void cleanValuesComeFromTheContractVocabulary() throws IOException {
    assertThat(column(clean, "zones.csv", "zone_type")).containsOnly("重点发展型", "优化发展型");
    assertThat(column(clean, "county_policies.csv", "has_policy")).containsOnly("true", "false");
    assertThat(column(clean, "enterprises.csv", "above_scale")).containsOnly("true", "false");
    assertThat(column(clean, "enterprises.csv", "industry_code")).allMatch(code -> code.matches("C\\d{4}"));
    assertThat(column(clean, "zones.csv", "specialty_industries")).allMatch(s -> s.matches("C\\d\\d(;C\\d\\d)?"));
    assertThat(column(clean, "invoices.csv", "status")).containsOnly("normal", "red", "void");
    assertThat(column(clean, "recognitions.csv", "kind")).isSubsetOf(Catalog.RECOGNITION_KINDS);
    assertThat(column(clean, "talents.csv", "program")).isSubsetOf(Catalog.TALENT_PROGRAMS);
    assertThat(column(clean, "projects.csv", "kind")).containsOnly("tech_upgrade", "major");
    assertThat(column(clean, "incidents.csv", "kind")).containsOnly("safety", "environment");
    assertThat(column(clean, "incidents.csv", "severity")).containsOnly("general", "larger", "major");
    for (String[] idColumn : new String[][] {
      {"invoices.csv", "invoice_id"}, {"tax_payments.csv", "payment_id"}, {"talents.csv", "talent_id"},
      {"projects.csv", "project_id"}, {"standard_factories.csv", "factory_id"},
      {"land_revitalizations.csv", "record_id"}, {"incidents.csv", "incident_id"}
    }) {
      List<String> ids = column(clean, idColumn[0], idColumn[1]);
      assertThat(ids).as(idColumn[0]).doesNotHaveDuplicates();
    }
  }

  @Test
  void badRowsAreExactlyTheExtraLinesAndEachIsListed() throws IOException {
    List<Note> bad = fullResult.notes().stream().filter(n -> n.kind() == Note.Kind.BAD).toList();
    assertThat(bad).hasSizeBetween(36, 72);
    assertThat(fullResult.badRows()).isEqualTo(bad.size());
    long extra = 0;
    for (String file : CONTRACT.keySet()) {
      List<String> withBad = Files.readAllLines(full.resolve(file), StandardCharsets.UTF_8);
      List<String> without = Files.readAllLines(clean.resolve(file), StandardCharsets.UTF_8);
      Map<String, Integer> remaining = new HashMap<>();
      for (String line : without) {
        remaining.merge(line, 1, Integer::sum);
      }
      List<Long> extraLines = new ArrayList<>();
      for (int n = 0; n < withBad.size(); n++) {
        Integer left = remaining.get(withBad.get(n));
        if (left != null && left > 0) {
          remaining.put(withBad.get(n), left - 1);
        } else {
          extraLines.add((long) n + 1);
        }
      }
      assertThat(remaining.values()).as(file + ": every clean line is in the full file").allMatch(v -> v == 0);
      List<Long> listed =
          bad.stream().filter(n -> n.file().equals(file)).map(Note::line).sorted().toList();
      assertThat(extraLines).as(file + ": the extra lines are the listed bad rows").isEqualTo(listed);
      extra += extraLines.size();
    }
    assertThat(extra).isEqualTo(bad.size());
    assertThat(bad.stream().map(Note::rule))
        .anyMatch(r -> r.startsWith("malformed CSV line (unbalanced quote)"))
        .anyMatch(r -> r.startsWith("malformed CSV line (5 fields"))
        .anyMatch(r -> r.startsWith("unparseable number"))
        .anyMatch(r -> r.startsWith("unparseable date"))
        .anyMatch(r -> r.startsWith("invalid USCC"))
        .anyMatch(r -> r.startsWith("unknown zone"))
        .anyMatch(r -> r.startsWith("enterprise in no roster"))
        .anyMatch(r -> r.startsWith("negative"))
        .anyMatch(r -> r.equals("unknown invoice status"))
        .anyMatch(r -> r.equals("unknown recognition kind"))
        .anyMatch(r -> r.equals("unknown talent program"))
        .anyMatch(r -> r.equals("unknown incident severity"))
        .anyMatch(r -> r.equals("unknown project kind"));
    for (String id : List.of("invoice_id", "payment_id", "talent_id", "project_id", "factory_id", "record_id", "incident_id")) {
      assertThat(bad).as(id).anyMatch(n -> n.rule().startsWith("duplicate " + id));
    }
    List<String> enterprises = Files.readAllLines(full.resolve("enterprises.csv"), StandardCharsets.UTF_8);
    assertThat(enterprises.get(enterprises.size() - 1)).as("the unbalanced quote is the last line").contains(",\"");
  }

  @Test
  void edgeCasesAreListedWithTheirRows() throws IOException {
    List<Note> edges = fullResult.notes().stream().filter(n -> n.kind() == Note.Kind.EDGE).toList();
    for (Note note : edges) {
      if (note.line() > 0) {
        List<String> lines = Files.readAllLines(full.resolve(note.file()), StandardCharsets.UTF_8);
        String line = lines.get((int) note.line() - 1);
        if (!note.id().isEmpty() && !note.file().equals("zones.csv")) {
          assertThat(line).as(note.rule()).startsWith(note.id() + ",");
        }
      }
    }
    String markdown = fullResult.manifestMarkdown();
    assertThat(markdown).contains("### Edge cases", "### Bad rows", "red-letter", "void", "YZ28");
    assertThat(edges.stream().map(Note::rule))
        .anyMatch(r -> r.startsWith("red-letter (红字) invoice"))
        .anyMatch(r -> r.startsWith("void"))
        .anyMatch(r -> r.startsWith("tax refund"))
        .anyMatch(r -> r.startsWith("parcel acquired on 31 December"))
        .anyMatch(r -> r.startsWith("parcel released on 31 December"))
        .anyMatch(r -> r.startsWith("parcel released mid-year"))
        .anyMatch(r -> r.startsWith("above-size enterprise with no land"))
        .anyMatch(r -> r.startsWith("new above-size"))
        .anyMatch(r -> r.startsWith("leaves the roster"))
        .anyMatch(r -> r.startsWith("changes zone"))
        .anyMatch(r -> r.startsWith("repeated recognition"))
        .anyMatch(r -> r.startsWith("tech upgrade of exactly 8,000,000.00"))
        .anyMatch(r -> r.startsWith("tie:"))
        .anyMatch(r -> r.startsWith("zone new in the last year"))
        .anyMatch(r -> r.startsWith("zone changes type"))
        .anyMatch(r -> r.startsWith("county without supporting policy"))
        .anyMatch(r -> r.startsWith("incidents two years running"))
        .anyMatch(r -> r.startsWith("lower-case USCC"))
        .anyMatch(r -> r.startsWith("space-padded USCC"));
  }

  @Test
  void deliberateFiguresHoldInTheFiles() throws IOException {
    // Roster: (year, normalized uscc) -> zone.
    Map<String, String> roster = new HashMap<>();
    for (List<String> row : rows(clean, "enterprises.csv")) {
      roster.put(row.get(0) + "|" + Uscc.normalize(row.get(1)), row.get(3));
    }
    Map<String, Long> sales = new TreeMap<>();
    for (List<String> row : rows(clean, "invoices.csv")) {
      if (!row.get(5).equals("void")) {
        String year = row.get(2).substring(0, 4);
        String zone = roster.get(year + "|" + Uscc.normalize(row.get(1)));
        assertThat(zone).as("seller on the roster of its year: " + row).isNotNull();
        sales.merge(year + "|" + zone, SampleGenerator.parseCents(row.get(3)), Long::sum);
      }
    }
    Map<String, Long> tax = new TreeMap<>();
    for (List<String> row : rows(clean, "tax_payments.csv")) {
      String year = row.get(3).substring(0, 4);
      String zone = roster.get(year + "|" + Uscc.normalize(row.get(1)));
      assertThat(zone).as("taxpayer on the roster of its year: " + row).isNotNull();
      tax.merge(year + "|" + zone, SampleGenerator.parseCents(row.get(4)), Long::sum);
    }
    assertThat(sales.get("2024|YZ14")).isEqualTo(sales.get("2024|YZ19"));
    assertThat(tax.get("2023|YZ06")).isEqualTo(tax.get("2023|YZ21"));
    assertThat(sales.keySet()).noneMatch(k -> k.startsWith("2022|YZ28") || k.startsWith("2023|YZ28"));
    assertThat(sales).containsKey("2024|YZ28");
    assertThat(column(clean, "invoices.csv", "amount")).anyMatch(a -> a.startsWith("-"));
    assertThat(column(clean, "tax_payments.csv", "amount")).anyMatch(a -> a.startsWith("-"));
    assertThat(column(clean, "projects.csv", "equipment_investment")).contains("8000000.00", "7999999.99");
    assertThat(column(clean, "land_parcels.csv", "acquired_date")).contains("2023-12-31", "2024-12-31");
    assertThat(column(clean, "land_parcels.csv", "released_date")).contains("2023-12-31", "2024-06-30");
  }

  @Test
  void gbkFilesHoldTheSameTextAsUtf8() throws IOException {
    Path gbk = tmp.resolve("gbk");
    new SampleGenerator(small.withOutDir(gbk).withCharset(Charset.forName("GBK"))).generate();
    for (String file : CONTRACT.keySet()) {
      String decoded = strictDecode(Files.readAllBytes(gbk.resolve(file)), Charset.forName("GBK"));
      assertThat(decoded).as(file).isEqualTo(Files.readString(full.resolve(file), StandardCharsets.UTF_8));
    }
  }

  @Test
  void singleAndTwoYearRunsWork() throws IOException {
    for (int first : new int[] {2024, 2023}) {
      Path dir = tmp.resolve("years-" + first);
      SampleGenerator.Result result = new SampleGenerator(small.withOutDir(dir).withYears(first, 2024)).generate();
      assertThat(result.files()).hasSize(12);
      assertThat(column(dir, "zones.csv", "year")).contains("2024").allMatch(y -> Integer.parseInt(y) >= first);
    }
  }

  @Test
  void largeInvoiceCountsStreamInASmallHeap() throws Exception {
    // 600,000 invoices would need far more than 64 MB if rows were kept in memory.
    Path dir = tmp.resolve("large");
    String classpath =
        Stream.of(GenerateCommand.class, CommandLine.class, Uscc.class, SampleGenerator.class)
            .map(c -> codeSource(c))
            .distinct()
            .reduce((a, b) -> a + File.pathSeparator + b)
            .orElseThrow();
    Process process =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp", classpath,
                GenerateCommand.class.getName(), "--out", dir.toString(), "--invoices-per-year", "200000",
                "--no-bad-rows")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("large.log").toFile())
            .start();
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(tmp.resolve("large.log"))).isZero();
    long lines;
    try (Stream<String> s = Files.lines(dir.resolve("invoices.csv"), StandardCharsets.UTF_8)) {
      lines = s.count();
    }
    assertThat(lines).isEqualTo(1 + 3 * 200_000);
  }

  // ---------------------------------------------------------------------------------------- helpers

  private static String codeSource(Class<?> c) {
    try {
      return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String strictDecode(byte[] bytes, Charset charset) throws CharacterCodingException {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  static List<List<String>> rows(Path dir, String file) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
    List<List<String>> result = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      result.add(parse(line));
    }
    return result;
  }

  static List<String> column(Path dir, String file, String name) throws IOException {
    List<String> header = parse(Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8).get(0));
    int index = header.indexOf(name);
    assertThat(index).as(name).isGreaterThanOrEqualTo(0);
    return rows(dir, file).stream().map(r -> r.get(index)).toList();
  }

  /** RFC 4180 fields of one line (the samples have no line breaks inside fields). */
  static List<String> parse(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unbalanced quote: " + line);
    }
    fields.add(field.toString());
    return fields;
  }
}
