package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.catalog.Tables;
import io.zoneeval.rules.ZoneType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbook's sheet 亩均分档: each zone's enterprises by per-mu tier, zone level, from gold.zone_tier_mix. */
class TierMixSheetTest {
  @TempDir Path dir;

  private static Map<String, Object> mix(int rated, int a, int b, int c, int d, int notRated, String landMuD,
      String share) {
    Map<String, Object> v = new HashMap<>(Map.of("rated", rated, "a", a, "b", b, "c", c, "d", d,
        "not_rated", notRated, "land_mu_d", new BigDecimal(landMuD)));
    v.put("share_land_d", share == null ? null : new BigDecimal(share));
    return v;
  }

  private static ReportData data(boolean withMix) {
    List<ReportData.Zone> zones = List.of(
        ReportPublicFilesTest.zone("YZ02", ZoneType.KEY, 1, withMix
            ? mix(20, 4, 8, 7, 1, 3, "12.34567800", "0.333333333333333333") : Map.of()),
        ReportPublicFilesTest.zone("YZ01", ZoneType.OPTIMIZED, 1, withMix
            ? mix(0, 0, 0, 0, 0, 2, "0E-8", null) : Map.of()));
    ReportData.RunInfo run = new ReportData.RunInfo("run-1", List.of(2024), "yangzhou-2021", "ab".repeat(32), null,
        "0.1.0", List.of(), Map.of());
    return new ReportData(2024, zones, List.of(run), ReportData.PUBLISHED, io.zoneeval.rules.Rules.defaults());
  }

  private static Workbook open(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return WorkbookFactory.create(in);
    }
  }

  @Test
  void eachZoneHasItsTierCountsAndDLandInZoneOrder() throws IOException {
    Report.write(data(true), dir);
    try (Workbook wb = open(Report.xlsx(dir, 2024))) {
      Sheet sheet = wb.getSheet(XlsxReport.TIER_MIX_SHEET);
      assertThat(sheet).isNotNull();
      assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("A档");
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      Row first = sheet.getRow(1);
      assertThat(first.getCell(0).getStringCellValue()).isEqualTo("YZ01");
      assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(0.0);
      assertThat(first.getCell(8).getNumericCellValue()).isEqualTo(2.0);
      assertThat(first.getCell(10)).isNull(); // no rated land: no share
      Row second = sheet.getRow(2);
      assertThat(second.getCell(1).getStringCellValue()).isEqualTo("测试YZ02工业集中区");
      // rated 20 = A 4 + B 8 + C 7 + D 1; D land 12.345678 亩 → 12.35; share 1/3 → 33.33 %.
      assertThat(List.of(3, 4, 5, 6, 7, 8)).extracting(i -> second.getCell(i).getNumericCellValue())
          .containsExactly(20.0, 4.0, 8.0, 7.0, 1.0, 3.0);
      assertThat(second.getCell(9).getNumericCellValue()).isEqualTo(12.35);
      assertThat(second.getCell(10).getNumericCellValue()).isEqualTo(33.33);
    }
  }

  @Test
  void aRunWithoutTiersHasNoSuchSheetAndReportsReadTheMixOnlyFromRunsThatWroteIt() throws IOException {
    Report.write(data(false), dir);
    try (Workbook wb = open(Report.xlsx(dir, 2024))) {
      assertThat(wb.getSheet(XlsxReport.TIER_MIX_SHEET)).isNull();
    }
    assertThat(ReportData.zoneTables(Map.of("gold.zone_results", 3L))).doesNotContain(Tables.ZONE_TIER_MIX);
    assertThat(ReportData.zoneTables(Map.of(Tables.ZONE_TIER_MIX.qualifiedName(), 3L))).contains(Tables.ZONE_TIER_MIX);
    // Zone level: one row per (year, zone), like the other tables a report reads.
    assertThat(Tables.ZONE_TIER_MIX.groupChecks().get("one_row_per_zone_year").groupBy())
        .containsExactly("year", "zone_id");
    assertThat(Tables.ZONE_TIER_MIX.columnNames()).doesNotContain("uscc", "name", "holder_uscc");
  }
}
