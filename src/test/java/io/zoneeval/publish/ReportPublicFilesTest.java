package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.rules.ZoneType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the report is the one thing that leaves the warehouse. Its three files hold zone-level figures
 * only, and are written with the caller's usual modes (bin/zone-eval runs Java under umask 077).
 *
 * <p>Checked to fail without what they hold: with {@code HtmlReport} also writing a zone's every value
 * ({@code z.values()}) the content test fails, naming the USCCs and names found in the html; with a
 * {@code uscc} column added to gold.zone_metrics the structure test fails; with {@code CallerModes.apply}
 * doing nothing the modes test fails (the files 644 of the test's umask 022, not the caller's 664).
 */
class ReportPublicFilesTest {
  @TempDir Path dir;

  /** A USCC (GB 32100-2015): 18 characters of digits and upper-case letters but I, O, S, V, Z. */
  static final Pattern USCC = Pattern.compile(
      "(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])");

  /** The roster of the sample data: enterprise names by USCC. */
  static Map<String, String> sampleEnterprises() throws IOException {
    Map<String, String> names = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("data-samples/enterprises.csv"), StandardCharsets.UTF_8)) {
      String[] f = line.split(",", -1); // year,uscc,name,zone_id,industry_code,above_scale
      // The valid ones (the samples hold a few bad rows on purpose).
      if (!f[0].equals("year") && f.length > 2 && USCC.matcher(f[1]).matches() && f[2].length() >= 4) {
        names.put(f[1], f[2]);
      }
    }
    return names;
  }

  /** A zone with every column of the three gold tables it is read from, and {@code extra} besides. */
  static ReportData.Zone zone(String id, ZoneType type, int rank, Map<String, Object> extra) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (TableDef t : List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS)) {
      for (TableDef.Col c : t.columns()) {
        Object value = c.type().startsWith("decimal") ? new BigDecimal("12345.67")
            : c.type().equals("int") ? 3 : c.type().equals("bigint") ? 120L : c.type().equals("boolean") ? Boolean.FALSE
            : c.type().startsWith("map") ? new TreeMap<>(Map.of("listed", 1L)) : c.name();
        v.putIfAbsent(c.name(), value);
      }
    }
    v.put("year", 2024);
    v.put("zone_id", id);
    v.put("zone_name", "测试" + id + "工业集中区");
    v.put("county", "邗江区");
    v.put("zone_type", type.name());
    v.put("final_rank", rank);
    v.put("award_prize", rank == 1 ? 1 : null);
    v.put("award_amount_wan", rank == 1 ? new BigDecimal("600.00") : null);
    v.put("veto_reason", null);
    v.put("ineligible_reason", null);
    v.put("award_eligible", Boolean.TRUE);
    v.put("run_id", "run-1");
    v.putAll(extra);
    return new ReportData.Zone(v);
  }

  /**
   * Three zones whose rows also carry what an enterprise-level column would bring, were one ever added to a
   * zone table: the USCCs and names of real sample enterprises, and a row of gold.enterprise_year.
   */
  static ReportData data(Map<String, String> enterprises) {
    List<String> usccs = new ArrayList<>(enterprises.keySet());
    List<ReportData.Zone> zones = new ArrayList<>();
    int i = 0;
    for (String[] z : new String[][] {{"YZ01", "KEY", "1"}, {"YZ02", "KEY", "2"}, {"YZ03", "OPTIMIZED", "1"}}) {
      String uscc = usccs.get(i++ * 7);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("uscc", uscc);
      extra.put("name", enterprises.get(uscc));
      extra.put("enterprise_name", enterprises.get(uscc));
      extra.put("top_enterprises", usccs.subList(0, 5));
      extra.put("enterprise_year", Map.of("uscc", uscc, "name", enterprises.get(uscc), "sales_fen", 123456789L));
      zones.add(zone(z[0], ZoneType.valueOf(z[1]), Integer.parseInt(z[2]), extra));
    }
    ReportData.RunInfo run = new ReportData.RunInfo("run-1", List.of(2023, 2024), "yangzhou-2021", "ab".repeat(32),
        "rules/yangzhou.yaml", "0.1.0", List.of(
            new ReportData.Input("enterprises.csv", 812345, "cd".repeat(32), "UTF-8", 8315, 8310, 5),
            new ReportData.Input("invoices.csv", 4512345, "ef".repeat(32), "UTF-8", 45008, 44990, 18)),
        Map.of("gold.zone_results", 3L, "gold.zone_scores", 3L, "gold.zone_metrics", 3L));
    return new ReportData(2024, zones, List.of(run), ReportData.PUBLISHED, io.zoneeval.rules.Rules.defaults());
  }

  @Test
  void theReportFilesHoldZoneLevelFiguresOnlyNoUsccAndNoEnterpriseName() throws Exception {
    Map<String, String> enterprises = sampleEnterprises();
    assertThat(enterprises).hasSizeGreaterThan(1000);
    ReportData data = data(enterprises);
    List<Path> files = Report.write(data, ReportFilesTest.notice(), dir);

    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("csv", Files.readString(Report.csv(dir, 2024), StandardCharsets.UTF_8));
    texts.put("html", Files.readString(Report.html(dir, 2024), StandardCharsets.UTF_8));
    try (ZipFile xlsx = new ZipFile(Report.xlsx(dir, 2024).toFile())) {
      for (ZipEntry e : java.util.Collections.list(xlsx.entries())) {
        texts.put("xlsx " + e.getName(), new String(xlsx.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(files).hasSize(3);
    assertThat(texts.keySet()).contains("xlsx xl/sharedStrings.xml").anyMatch(k -> k.startsWith("xlsx xl/worksheets/"));
    // Not a vacuous search: the zone-level content is there, in each file.
    assertThat(texts.get("csv")).contains("测试YZ01工业集中区", "邗江区", "600.00");
    assertThat(texts.get("html")).contains("测试YZ03工业集中区", "邗江区", "扬州市工业和信息化局");
    assertThat(texts.get("xlsx xl/sharedStrings.xml")).contains("测试YZ02工业集中区", "run-1", "enterprises.csv");
    // The page is for the public: the run, checksums, version, files and paths are in the bureau's sheet 说明 only.
    ReportFilesTest.assertNothingInternal(texts.get("html"), data);

    Set<String> found = new LinkedHashSet<>();
    texts.forEach((part, text) -> {
      Matcher m = USCC.matcher(text);
      while (m.find()) {
        found.add(part + ": USCC " + m.group());
      }
      for (String name : enterprises.values()) {
        if (text.contains(name)) {
          found.add(part + ": enterprise " + name);
        }
      }
    });
    assertThat(found).as("USCCs or enterprise names in the public report files").isEmpty();
  }

  @Test
  void theReportIsMadeOfZoneLevelTablesAndDeclaredColumnsOnly() {
    List<TableDef> zoneTables = List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS);
    Set<String> zoneColumns = new LinkedHashSet<>();
    for (TableDef t : zoneTables) {
      // One row per (year, zone): a group check refuses any write that would break it.
      assertThat(t.groupChecks()).as(t.qualifiedName()).containsKey("one_row_per_zone_year");
      assertThat(t.groupChecks().get("one_row_per_zone_year").groupBy()).containsExactly("year", "zone_id");
      t.columns().forEach(c -> zoneColumns.add(c.name()));
    }
    assertThat(zoneColumns).doesNotContain("uscc", "name", "enterprise_name");
    List<ReportColumns.Column> shown = new ArrayList<>(ReportColumns.leagueWithType());
    shown.addAll(ReportColumns.metrics());
    assertThat(shown).extracting(ReportColumns.Column::source).allMatch(zoneColumns::contains);
  }

  @Test
  void theReportFilesGetTheCallersModesNotThePrivateUmaskOfTheProcess() throws Exception {
    ReportData data = data(sampleEnterprises());
    // A caller with umask 002 (user-private groups): new folders 775, new files 664.
    Path out = dir.resolve("public/2024");
    Files.createDirectories(dir.resolve("public"));
    Files.setPosixFilePermissions(dir.resolve("public"), PosixFilePermissions.fromString("rwx------"));
    Report.write(data, out, 0002);
    for (Path file : List.of(Report.xlsx(out, 2024), Report.csv(out, 2024), Report.html(out, 2024))) {
      assertThat(perms(file)).as(file.toString()).isEqualTo("rw-rw-r--");
    }
    assertThat(perms(out)).isEqualTo("rwxrwxr-x");
    // What existed before keeps its mode: the parent folder, and a report file written again.
    assertThat(perms(dir.resolve("public"))).isEqualTo("rwx------");
    Files.setPosixFilePermissions(Report.csv(out, 2024), PosixFilePermissions.fromString("rw-------"));
    Report.write(data, out, 0002);
    assertThat(perms(Report.csv(out, 2024))).isEqualTo("rw-------");

    // Without the launcher's variable, the process's own umask decides, as for any file.
    Path plain = dir.resolve("plain");
    Report.write(data, plain, null);
    Files.writeString(dir.resolve("probe"), "");
    assertThat(perms(Report.html(plain, 2024))).isEqualTo(perms(dir.resolve("probe")));
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
