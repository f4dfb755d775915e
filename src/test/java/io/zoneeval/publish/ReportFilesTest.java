package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.rules.Rules;
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
    return data(Rules.defaults());
  }

  static ReportData data(Rules rules) {
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
    vetoed.put("veto_reason", "否决：发生较大及以上安全或环境事件1起");
    vetoed.put("ineligible_reason", "已被否决，不参加评优");
    vetoed.put("tax_per_mu", null);
    vetoed.put("sales_per_mu", null);
    zones.add(zone("YZ02", ZoneType.KEY, 2, vetoed));
    // A name with a comma and quotes, as CSV must quote them; its county has no row in county_policies.csv.
    zones.add(zone("YZ03", ZoneType.OPTIMIZED, 1, Map.of("sales_per_mu", new BigDecimal("2000000"),
        "tax_per_mu", new BigDecimal("100000"), "zone_name", "测试\"YZ03\",工业集中区", "county", "高邮市",
        "county_policy_missing", Boolean.TRUE, "award_eligible", Boolean.FALSE, "ineligible_reason",
        "所在县(市、区)本年度无配套政策记录，视为无配套政策，不参加评优")));
    Map<String, Object> tied = new LinkedHashMap<>();
    tied.put("decided_by_tie_break", Boolean.TRUE);
    tied.put("cultivation_counts", new TreeMap<>(Map.of("new_above_scale", 1L)));
    zones.add(zone("YZ04", ZoneType.OPTIMIZED, 2, tied));
    ReportData.RunInfo run = new ReportData.RunInfo("run-1", List.of(2024), "yangzhou-2021", "ab".repeat(32), null,
        "0.1.0", List.of(new ReportData.Input("zones.csv", 100, "cd".repeat(32), "UTF-8", 3, 3, 0)), Map.of());
    return new ReportData(2024, zones, List.of(run), ReportData.PUBLISHED, rules);
  }

  /** The notice of the tests: a bureau, a contact on two lines, five working days from Monday 5 May 2025. */
  static Notice notice() {
    return new Notice("扬州市工业和信息化局", "电话：0514-87000000\n电子邮箱：gyjzq@example.gov.cn",
        java.time.LocalDate.of(2025, 5, 5), java.time.LocalDate.of(2025, 5, 9));
  }

  @Test
  void writingTheSameRowsTwiceGivesTheSameBytes() throws Exception {
    Report.write(data(), notice(), dir.resolve("a"));
    Thread.sleep(2100); // the zip format and the workbook's properties record times to the second
    Report.write(data(), notice(), dir.resolve("b"));
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
      assertThat(key.getRow(2).getCell(16).getStringCellValue()).isEqualTo("否决：发生较大及以上安全或环境事件1起");
      assertThat(key.getLastRowNum()).isEqualTo(2);
      assertThat(wb.getSheet("优化发展型").getLastRowNum()).isEqualTo(2);

      Sheet metrics = wb.getSheet(XlsxReport.METRICS_SHEET);
      List<String> headers = new ArrayList<>();
      metrics.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
      var row = metrics.getRow(1);
      assertThat(row.getCell(headers.indexOf("开票销售(万元)")).getNumericCellValue()).isEqualTo(2317128.88);
      assertThat(row.getCell(headers.indexOf("亩均税收(万元/亩)")).getNumericCellValue()).isEqualTo(44.13);
      assertThat(row.getCell(headers.indexOf("亩均开票销售(万元/亩)")).getNumericCellValue()).isEqualTo(733.45);
      assertThat(row.getCell(headers.indexOf("开票销售增幅(%)")).getNumericCellValue()).isEqualTo(20.41);
      assertThat(row.getCell(headers.indexOf("企业培育项数")).getStringCellValue()).isEqualTo("高新技术企业×2，上市企业×1");
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
    assertThat(lines).hasSize(5);
    // The first column says what the rows are: a published run's (公示), a draft (草稿), approved (已批准).
    assertThat(lines.get(0)).startsWith("状态,年度,集中区类型,综合排名,集中区编号,集中区名称,县(市、区),规模总量得分,");
    assertThat(lines.get(1)).startsWith("公示,2024,重点发展型,1,YZ01,测试YZ01工业集中区,county,1.00,");
    assertThat(lines.get(2)).contains(",是,否决：发生较大及以上安全或环境事件1起,否,已被否决，不参加评优,");
    assertThat(lines.get(3)).startsWith("公示,2024,优化发展型,1,YZ03,\"测试\"\"YZ03\"\",工业集中区\",高邮市,");
  }

  @Test
  void thePageIsSelfContainedWithTablesAndCharts() throws IOException {
    Report.write(data(), dir);
    String html = Files.readString(Report.html(dir, 2024), StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">").contains("<meta charset=\"utf-8\">")
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    // Two charts per zone type, each drawn for wide screens and for phones.
    assertThat(html.split("<svg", -1)).hasSize(9);
    assertThat(html).contains("<th>综合<br>排名</th>").contains("测试YZ01（一等奖）").contains("测试YZ02（否决）")
        .contains("规上企业无用地、亩均未定义，未绘入图中：YZ02 测试YZ02")
        .contains("<td class=\"w\">否决：发生较大及以上安全或环境事件1起</td>");
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("url(")
        .doesNotContain("http");
  }

  /** What the public page must not show: the bureau's internal details, which the sheet 说明 keeps. */
  static void assertNothingInternal(String html, ReportData data) {
    for (ReportData.RunInfo run : data.runs()) {
      assertThat(html).doesNotContain(run.runId()).doesNotContain(run.rulesSha256()).doesNotContain(run.codeVersion());
      for (ReportData.Input in : run.inputs()) {
        assertThat(html).doesNotContain(in.file()).doesNotContain(in.sha256());
      }
    }
    assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("sha256").doesNotContain("sha-256")
        .doesNotContain(".csv").doesNotContain(".yaml").doesNotContain("bin/zone-eval").doesNotContain("docs/")
        .doesNotContain("gold.").doesNotContain("delta").doesNotContain("运行编号").doesNotContain("程序版本");
  }

  @Test
  void thePublicNoticeSaysWhoPublishesItTheNoticePeriodAndWhereToObjectAndNothingInternal() {
    String html = HtmlReport.html(data(), notice());
    assertThat(html).contains("<title>关于2024年度工业集中区综合评价结果的公示</title>")
        .contains("<h1>关于2024年度工业集中区综合评价结果的公示</h1>")
        .contains("<b>公示期</b>：2025年5月5日至2025年5月9日。")
        .contains("向扬州市工业和信息化局反映：</p>\n<p class=\"contact\">电话：0514-87000000\n电子邮箱：gyjzq@example.gov.cn</p>")
        // Signed and dated, as a notice is: in the notice and at the end of the page.
        .contains("<p class=\"sign\">扬州市工业和信息化局<br>2025年5月5日</p>\n</section>")
        .endsWith("<p class=\"sign\">扬州市工业和信息化局<br>2025年5月5日</p>\n</body>\n</html>\n")
        .doesNotContain("草稿");
    assertNothingInternal(html, data());
  }

  @Test
  void withoutANoticeThePageIsADraftForInternalReviewAndSaysSo() {
    String html = HtmlReport.html(data());
    assertThat(html).contains("<title>2024年度工业集中区综合评价结果（草稿）</title>")
        .contains("<h1>2024年度工业集中区综合评价结果（草稿）</h1>")
        .contains("<p class=\"draft\"><b>草稿</b>　仅供内部审阅，不是公示，请勿对外发布。</p>")
        .doesNotContain("公示期").doesNotContain("class=\"sign\"");
    assertNothingInternal(html, data());
    // A notice of rows not yet published: the notice as it will read, marked as a draft.
    ReportData unpublished = new ReportData(2024, data().zones(), data().runs(), ReportData.DRAFT, Rules.defaults());
    assertThat(HtmlReport.html(unpublished, notice())).contains("<h1>关于2024年度工业集中区综合评价结果的公示（草稿）</h1>")
        .contains("本结果尚未公示").contains("2025年5月5日至2025年5月9日");
  }

  @Test
  void theChartsScaleToThePageWhichReadsOnAPhoneAndPrintsOnA4() {
    String html = HtmlReport.html(data(), notice());
    java.util.regex.Matcher svg = java.util.regex.Pattern.compile("<svg[^>]*>").matcher(html);
    int charts = 0;
    while (svg.find()) {
      charts++;
      // The drawing's size is its viewBox alone: no width or height attribute fixes it in pixels.
      assertThat(svg.group()).matches("<svg viewBox=\"0 0 [0-9]+ [0-9]+\" .*").doesNotContain(" width=")
          .doesNotContain(" height=");
    }
    assertThat(charts).isEqualTo(8);
    assertThat(html.split("<div class=\"wide\">\n<svg viewBox=\"0 0 1140 ", -1)).hasSize(5);
    assertThat(html.split("<div class=\"narrow\">\n<svg viewBox=\"0 0 400 ", -1)).hasSize(5);
    String css = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
    assertThat(css).contains("svg{display:block;width:100%;height:auto;max-width:1140px")
        // A wide table scrolls in its own box, never the page; narrow screens get smaller type.
        .contains(".tw{overflow-x:auto;max-width:100%}").contains("@media (max-width:600px){")
        .contains("@page{size:A4;").contains("@media print{").contains("tr,svg,.notice,.sign{break-inside:avoid")
        // A phone gets the narrow drawings, paper the wide ones.
        .contains(".narrow{display:none}").contains("@media (max-width:600px){.wide{display:none}.narrow{display:block}")
        .contains(".wide{display:block!important}.narrow{display:none!important}}");
    // Every table is in a scrolling box.
    assertThat(html.split("<table>", -1).length).isEqualTo(html.split("<div class=\"tw\"><table>", -1).length);
  }

  @Test
  void theWorkbookFiltersTheLeagueTablesSeparatesThousandsAndPrintsOnA4Landscape() throws IOException {
    Report.write(data(), notice(), dir);
    try (Workbook wb = open(Report.xlsx(dir, 2024))) {
      for (ZoneType type : ZoneType.values()) {
        org.apache.poi.xssf.usermodel.XSSFSheet league = (org.apache.poi.xssf.usermodel.XSSFSheet) wb.getSheet(
            XlsxReport.sheetName(type));
        // The header row and the type's two zones, every column of the league table (A to V).
        assertThat(league.getCTWorksheet().getAutoFilter().getRef()).as(type.name()).isEqualTo("A1:V3");
        assertThat(ReportColumns.league()).hasSize(22);
      }
      Sheet key = wb.getSheet("重点发展型");
      assertThat(key.getRow(1).getCell(14).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
      Sheet metrics = wb.getSheet(XlsxReport.METRICS_SHEET);
      List<String> headers = new ArrayList<>();
      metrics.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
      for (String wan : List.of("开票销售(万元)", "亩均税收(万元/亩)")) {
        assertThat(metrics.getRow(1).getCell(headers.indexOf(wan)).getCellStyle().getDataFormatString()).as(wan)
            .isEqualTo("#,##0.00");
      }
      // 2317128.88 万元 shows as 2,317,128.88.
      var cell = metrics.getRow(1).getCell(headers.indexOf("开票销售(万元)"));
      assertThat(new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT).formatCellValue(cell))
          .isEqualTo("2,317,128.88");
      for (Sheet sheet : wb) {
        var setup = sheet.getPrintSetup();
        assertThat(setup.getPaperSize()).as(sheet.getSheetName()).isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
        assertThat(setup.getLandscape()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
        assertThat(setup.getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
        assertThat(setup.getFitHeight()).as(sheet.getSheetName()).isEqualTo((short) 0);
      }
      // The bureau's copy records the notice the page carries.
      Sheet about = wb.getSheet(XlsxReport.ABOUT_SHEET);
      assertThat(valueOf(about, "公示发布单位")).isEqualTo("扬州市工业和信息化局");
      assertThat(valueOf(about, "公示期")).isEqualTo("2025年5月5日至2025年5月9日（2025-05-05 至 2025-05-09）");
      assertThat(valueOf(about, "异议反映方式")).isEqualTo("电话：0514-87000000\n电子邮箱：gyjzq@example.gov.cn");
    }
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

  /** The text a reader sees on the page: tags, attributes and entities left out. */
  private static String visibleText(String html) {
    return html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("(?s)<title>.*?</title>", " ")
        .replaceAll("<[^>]*>", " ").replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<")
        .replace("&gt;", ">");
  }

  @Test
  void thePageSpeaksChineseAndTakesFullMarksAndTheTieBreakFromTheRules() throws IOException {
    Rules rules = io.zoneeval.rules.TestRules.replacing(
        "  specialty:    # 特色发展\n    full: 20", "  specialty:    # 特色发展\n    full: 25",
        "tie_break: [tax_per_mu, zone_id]", "tie_break: [sales_per_mu, zone_id]");
    String html = HtmlReport.html(data(rules));
    assertThat(html).contains(">特色发展（25分）</text>").contains(">亩均产出（20分）</text>")
        .contains("<td class=\"w\">总分并列，按亩均开票销售、集中区编号排序</td>")
        .contains("<td class=\"w\">所在县(市、区)本年度无配套政策记录，视为无配套政策，不参加评优</td>")
        .doesNotContain("不参加评优: ").doesNotContain("不参加评优：所在县");
    // The totals' axis runs to the rules' largest total, 105 here: its last tick is 110.
    assertThat(html).contains(">110</text>");
    // Words a reader sees are Chinese: what is left in Latin letters are the zones' ids, and the notice's
    // contact as the bureau wrote it.
    String visible = visibleText(HtmlReport.html(data(rules), notice()));
    java.util.regex.Matcher words = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z_.-]*[A-Za-z]").matcher(visible);
    java.util.Set<String> latin = new java.util.TreeSet<>();
    while (words.find()) {
      if (!words.group().matches("[0-9a-f]+")) { // checksums
        latin.add(words.group());
      }
    }
    assertThat(latin).isSubsetOf("YZ", "county", "gyjzq", "example.gov.cn");
  }

  @Test
  void theScatterLegendSitsAboveThePlotWhereItCoversNoPoint() {
    String svg = HtmlReport.scatter(data().group(ZoneType.OPTIMIZED));
    java.util.regex.Matcher plot = java.util.regex.Pattern.compile(
        "<rect x=\"([0-9.]+)\" y=\"([0-9.]+)\" width=\"([0-9.]+)\" height=\"([0-9.]+)\" fill=\"none\"").matcher(svg);
    assertThat(plot.find()).isTrue();
    double plotTop = Double.parseDouble(plot.group(2));
    java.util.regex.Matcher legend = java.util.regex.Pattern.compile(
        "<circle cx=\"[0-9.]+\" cy=\"([0-9.]+)\" r=\"6\" fill=\"#[0-9a-f]+\"/><text[^>]*>(获奖|未获奖|否决)</text>").matcher(svg);
    int items = 0;
    while (legend.find()) {
      items++;
      assertThat(Double.parseDouble(legend.group(1)) + 6).as(legend.group(2)).isLessThan(plotTop);
    }
    assertThat(items).isEqualTo(3);
  }

  @Test
  void theAboutSheetIsChineseAndNamesCountiesWithoutAPolicyRow() throws IOException {
    Report.write(data(), dir);
    try (Workbook wb = open(Report.xlsx(dir, 2024))) {
      Sheet about = wb.getSheet(XlsxReport.ABOUT_SHEET);
      List<String> labels = new ArrayList<>();
      List<String> findings = new ArrayList<>();
      about.forEach(row -> {
        if (row.getCell(0) != null) {
          labels.add(row.getCell(0).getStringCellValue());
          if (row.getCell(0).getStringCellValue().equals("数据质量")) {
            findings.add(row.getCell(1).getStringCellValue());
          }
        }
      });
      assertThat(labels).contains("运行编号", "规则", "程序版本", "单位", "口径", "重现", "公示").doesNotContain("运行编号 run");
      assertThat(valueOf(about, "运行编号")).isEqualTo("run-1");
      assertThat(valueOf(about, "程序版本")).isEqualTo("0.1.0");
      assertThat(valueOf(about, "规则 SHA-256")).isEqualTo("ab".repeat(32));
      assertThat(valueOf(about, "重现")).startsWith("bin/zone-eval report --run run-1 ");
      assertThat(valueOf(about, "公示")).contains("草稿");
      assertThat(findings).containsExactly(
          "高邮市在 county_policies.csv 中无2024年度配套政策记录，视为无配套政策，不参加评优：YZ03 测试\"YZ03\",工业集中区");
    }
    ReportData complete = new ReportData(2024, List.of(zone("YZ01", ZoneType.KEY, 1, Map.of())), data().runs(), ReportData.PUBLISHED,
        Rules.defaults());
    assertThat(XlsxReport.findings(complete)).containsExactly("各集中区所在县(市、区)在 county_policies.csv 中均有2024年度配套政策记录");
  }

  /** The text beside a label in column A of a sheet. */
  static String valueOf(Sheet sheet, String label) {
    for (org.apache.poi.ss.usermodel.Row row : sheet) {
      if (row.getCell(0) != null && row.getCell(0).getStringCellValue().equals(label)) {
        return row.getCell(1).getStringCellValue();
      }
    }
    throw new AssertionError("no row " + label + " in sheet " + sheet.getSheetName());
  }

  private static ReportData.RunInfo run(String rulesName, String sha, String rulesFile) {
    return new ReportData.RunInfo("run-9", List.of(2024), rulesName, sha, rulesFile, "0.1.0", List.of(), Map.of());
  }

  @Test
  void theReportPresentsTheRulesItsRunEvaluatedWith() throws Exception {
    String yaml = io.zoneeval.rules.TestRules.yamlReplacing("  specialty:    # 特色发展\n    full: 20",
        "  specialty:    # 特色发展\n    full: 25");
    Path file = dir.resolve("next-year.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
    // The run's file, unchanged: its full marks.
    assertThat(ReportData.rulesOf(List.of(run("yangzhou-2021", sha, file.toString()))).indicators().specialty().full())
        .isEqualByComparingTo("25");
    // The bundled rules, under their name.
    assertThat(ReportData.rulesOf(List.of(run("yangzhou-2021", "any", null))).indicators().specialty().full())
        .isEqualByComparingTo("20");
    assertThatThrownBy(() -> ReportData.rulesOf(List.of(run("yangzhou-2031", "any", null))))
        .isInstanceOf(ReportData.ReportException.class).hasMessageContaining("bundled rules yangzhou-2031");
    Files.writeString(file, yaml + "\n# edited\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ReportData.rulesOf(List.of(run("yangzhou-2021", sha, file.toString()))))
        .isInstanceOf(ReportData.ReportException.class).hasMessageContaining("changed since run run-9");
    assertThatThrownBy(() -> ReportData.rulesOf(List.of(run("yangzhou-2021", sha, dir.resolve("gone.yaml").toString()))))
        .isInstanceOf(ReportData.ReportException.class).hasMessageContaining("which is not there any more");
  }

  @Test
  void headersBreakBetweenWordsNeverInsideOne() {
    assertThat(HtmlReport.headerLines("规模总量得分")).isEqualTo("规模总量<br>得分");
    assertThat(HtmlReport.headerLines("集中区编号")).isEqualTo("集中区<br>编号");
    assertThat(HtmlReport.headerLines("奖励金额(万元)")).isEqualTo("奖励金额<br>(万元)");
    assertThat(HtmlReport.headerLines("综合排名")).isEqualTo("综合<br>排名");
    assertThat(HtmlReport.headerLines("县(市、区)")).isEqualTo("县(市、区)");
    assertThat(HtmlReport.headerLines("奖项")).isEqualTo("奖项");
  }
}
