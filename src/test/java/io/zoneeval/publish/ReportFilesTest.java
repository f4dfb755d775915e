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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three report files from hand-made rows, without Spark: presentation, determinism, self-containment. */
class ReportFilesTest {
  @TempDir Path dir;

  /** A zone with every gold column: numbers from {@code base}, then the given values. */
  static ReportData.Zone zone(String id, ZoneType type, int rank, Map<String, Object> values) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (TableDef t : List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS)) {
      for (TableDef.Col c : t.columns()) {
        Object value = c.type().startsWith("decimal") ? new BigDecimal("1.00")
            : c.type().equals("int") ? 1 : c.type().equals("bigint") ? 1L : c.type().equals("boolean") ? Boolean.FALSE
            : c.type().startsWith("map") ? new TreeMap<String, Long>() : c.name();
        v.putIfAbsent(c.name(), c.notNull() ? value : null);
      }
    }
    v.put("year", 2024);
    v.put("zone_id", id);
    v.put("zone_name", "测试" + id + "工业集中区");
    v.put("zone_type", type.name());
    v.put("final_rank", rank);
    v.put("award_eligible", Boolean.TRUE);
    v.put("run_id", "run-1");
    v.putAll(values);
    return new ReportData.Zone(v);
  }

  static ReportData data() {
    List<ReportData.Zone> zones = new ArrayList<>();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("award_prize", 1);
    first.put("award_amount_wan", new BigDecimal("600.00"));
    first.put("total_score", new BigDecimal("80.60"));
    first.put("score_per_mu", new BigDecimal("19.80"));
    first.put("sales", new BigDecimal("23171288812.35"));
    first.put("tax_per_mu", new BigDecimal("441255.123456789012345678"));
    first.put("sales_per_mu", new BigDecimal("7334512.5"));
    first.put("sales_growth", new BigDecimal("0.204149999"));
    first.put("cultivation_counts", new TreeMap<>(Map.of("listed", 1L, "high_tech", 2L)));
    zones.add(zone("YZ01", ZoneType.KEY, 1, first));
    Map<String, Object> vetoed = new LinkedHashMap<>();
    vetoed.put("vetoed", Boolean.TRUE);
    vetoed.put("award_eligible", Boolean.FALSE);
    vetoed.put("veto_reason", "否决: 1 incident, \"larger\"");
    vetoed.put("ineligible_reason", "vetoed (incident)");
    vetoed.put("tax_per_mu", null);
    vetoed.put("sales_per_mu", null);
    zones.add(zone("YZ02", ZoneType.KEY, 2, vetoed));
    zones.add(zone("YZ03", ZoneType.OPTIMIZED, 1, Map.of("sales_per_mu", new BigDecimal("2000000"),
        "tax_per_mu", new BigDecimal("100000"))));
    ReportData.RunInfo run = new ReportData.RunInfo("run-1", List.of(2024), "yangzhou-2021", "ab".repeat(32), null,
        "0.1.0", List.of(new ReportData.Input("zones.csv", 100, "cd".repeat(32), "UTF-8", 3, 3, 0)), Map.of());
    return new ReportData(2024, zones, List.of(run), ReportData.PUBLISHED);
  }

  @Test
  void writingTheSameRowsTwiceGivesTheSameBytes() throws Exception {
    Report.write(data(), dir.resolve("a"));
    Thread.sleep(2100); // the zip format and the workbook's properties record times to the second
    Report.write(data(), dir.resolve("b"));
    for (String name : List.of("results-2024.xlsx", "results-2024.csv", "report-2024.html")) {
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(name))).as(name)
          .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(name)));
    }
  }

  @Test
  void theWorkbookShowsMoneyInWanAndPerMuInWanPerMuWithChineseHeaders() throws IOException {
    Report.write(data(), dir);
    try (Workbook wb = open(Report.xlsx(dir, 2024))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(4);
      Sheet key = wb.getSheet("重点发展型");
      assertThat(key.getRow(0).getCell(0).getStringCellValue()).isEqualTo("综合排名");
      assertThat(key.getRow(0).getCell(14).getStringCellValue()).isEqualTo("奖励金额(万元)");
      assertThat(key.getRow(1).getCell(1).getStringCellValue()).isEqualTo("YZ01");
      assertThat(key.getRow(1).getCell(12).getNumericCellValue()).isEqualTo(80.6);
      assertThat(key.getRow(1).getCell(12).getCellStyle().getDataFormatString()).isEqualTo("0.00");
      assertThat(key.getRow(1).getCell(13).getStringCellValue()).isEqualTo("一等奖");
      assertThat(key.getRow(1).getCell(14).getNumericCellValue()).isEqualTo(600.0);
      assertThat(key.getRow(2).getCell(15).getStringCellValue()).isEqualTo("是");
      assertThat(key.getRow(2).getCell(16).getStringCellValue()).isEqualTo("否决: 1 incident, \"larger\"");
      assertThat(key.getLastRowNum()).isEqualTo(2);
      assertThat(wb.getSheet("优化发展型").getLastRowNum()).isEqualTo(1);

      Sheet metrics = wb.getSheet(XlsxReport.METRICS_SHEET);
      List<String> headers = new ArrayList<>();
      metrics.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
      var row = metrics.getRow(1);
      assertThat(row.getCell(headers.indexOf("开票销售(万元)")).getNumericCellValue()).isEqualTo(2317128.88);
      assertThat(row.getCell(headers.indexOf("亩均税收(万元/亩)")).getNumericCellValue()).isEqualTo(44.13);
      assertThat(row.getCell(headers.indexOf("亩均开票销售(万元/亩)")).getNumericCellValue()).isEqualTo(733.45);
      assertThat(row.getCell(headers.indexOf("开票销售增幅(%)")).getNumericCellValue()).isEqualTo(20.41);
      assertThat(row.getCell(headers.indexOf("企业培育项数")).getStringCellValue()).isEqualTo("high_tech×2, listed×1");
      assertThat(metrics.getRow(2).getCell(headers.indexOf("亩均税收(万元/亩)")).getCellType())
          .isEqualTo(org.apache.poi.ss.usermodel.CellType.BLANK);
    }
  }

  @Test
  void theCsvHasABomCrlfAndQuotesWhereNeeded() throws IOException {
    Report.write(data(), dir);
    byte[] bytes = Files.readAllBytes(Report.csv(dir, 2024));
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(text).contains("\r\n").endsWith("\r\n");
    List<String> lines = List.of(text.split("\r\n"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("年度,集中区类型,综合排名,集中区编号,集中区名称,县(市、区),规模总量得分,");
    assertThat(lines.get(1)).startsWith("2024,重点发展型,1,YZ01,测试YZ01工业集中区,county,1.00,");
    assertThat(lines.get(2)).contains(",是,\"否决: 1 incident, \"\"larger\"\"\",否,");
  }

  @Test
  void thePageIsSelfContainedWithTablesAndCharts() throws IOException {
    Report.write(data(), dir);
    String html = Files.readString(Report.html(dir, 2024), StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">").contains("<meta charset=\"utf-8\">")
        .contains("run-1");
    assertThat(html.split("<svg", -1)).hasSize(5);
    assertThat(html).contains("<th>综合排名</th>").contains("测试YZ01 (一等奖)").contains("测试YZ02 (否决)")
        .contains("亩均未定义 (not plotted): YZ02 测试YZ02").contains("<td class=\"w\">否决: 1 incident, &quot;larger&quot;</td>");
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("url(")
        .doesNotContain("http");
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(HtmlReport.niceStep(44.13)).isEqualTo(10.0);
    assertThat(HtmlReport.niceStep(768)).isEqualTo(200.0);
    assertThat(HtmlReport.niceStep(3)).isEqualTo(1.0);
    assertThat(HtmlReport.niceStep(0)).isEqualTo(1.0);
  }

  static Workbook open(Path file) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return new org.apache.poi.xssf.usermodel.XSSFWorkbook(in);
    }
  }
}
