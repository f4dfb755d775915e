package io.zoneeval.publish;

import io.zoneeval.rules.ZoneType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * results-YYYY.xlsx: one sheet per zone type (the league table, Chinese headers in row 1, one zone per
 * row in final order, with an autofilter), a sheet with every zone's metrics, ranks and scores, and a sheet
 * naming the run, its inputs and the public notice: the bureau's copy, with what the public page leaves out.
 * Every sheet prints on A4 landscape. The bytes depend only on the rows and the notice: no timestamps,
 * fixed zip entry times.
 */
public final class XlsxReport {
  /** The name of the sheet of every zone's metrics, ranks and scores. */
  public static final String METRICS_SHEET = "指标明细";
  /** The name of the sheet of each zone's enterprises by per-mu tier (zone level only). */
  public static final String TIER_MIX_SHEET = "亩均分档";
  /** The name of the sheet naming the run, rules and inputs. */
  public static final String ABOUT_SHEET = "说明";
  /** Every zip entry of the file carries this time (the zip format has no "no time"), whatever the time zone. */
  private static final java.time.LocalDateTime FIXED_LOCAL_TIME = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);
  /** The workbook's creation date (a property POI otherwise sets to the time of writing). */
  private static final long FIXED_TIME = FIXED_LOCAL_TIME.atZone(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();

  private XlsxReport() {}

  /** The sheet name of a zone type's league table. */
  public static String sheetName(ZoneType type) {
    return type.chinese();
  }

  public static void write(ReportData data, Path file) throws IOException {
    write(data, null, file);
  }

  /** The workbook; its sheet 说明 records the public notice the page carries (null: none, a draft page). */
  public static void write(ReportData data, Notice notice, Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles styles = new Styles(wb);
      for (ZoneType type : ZoneType.values()) {
        Sheet sheet = wb.createSheet(sheetName(type));
        table(sheet, styles, ReportColumns.league(), data.group(type));
        // The league tables are the ones sorted and filtered by county, prize, veto...
        sheet.setAutoFilter(new CellRangeAddress(0, sheet.getLastRowNum(), 0, ReportColumns.league().size() - 1));
      }
      table(wb.createSheet(METRICS_SHEET), styles, ReportColumns.metrics(), data.zones());
      tierMix(wb, styles, data);
      about(wb.createSheet(ABOUT_SHEET), styles, data, notice);
      for (Sheet sheet : wb) {
        printOnA4(sheet);
      }
      var core = wb.getProperties().getCoreProperties();
      core.setCreated(Optional.of(new Date(FIXED_TIME)));
      core.setTitle(data.title());
      core.setCreator("zone-eval");
      wb.write(bytes);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(normalizeZip(bytes.toByteArray()));
    }
  }

  /**
   * Every sheet prints on A4 landscape, as wide as one page and as long as it takes, its header row
   * (the first) on every page.
   */
  static void printOnA4(Sheet sheet) {
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    PrintSetup setup = sheet.getPrintSetup();
    setup.setPaperSize(PrintSetup.A4_PAPERSIZE);
    setup.setLandscape(true);
    setup.setFitWidth((short) 1);
    setup.setFitHeight((short) 0);
    sheet.setHorizontallyCenter(true);
    if (!sheet.getSheetName().equals(ABOUT_SHEET)) {
      sheet.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1));
    }
  }

  /** The number format of amounts (万元, 万元/亩, and areas and shares in 2 decimals): thousands separated. */
  static final String AMOUNT_FORMAT = "#,##0.00";

  /** Styles made once per workbook. */
  private static final class Styles {
    final CellStyle header;
    final CellStyle title;
    final CellStyle twoDecimals;
    final CellStyle amount;
    final CellStyle points;
    final CellStyle integer;
    final CellStyle wrapped;

    Styles(XSSFWorkbook wb) {
      DataFormat format = wb.createDataFormat();
      Font bold = wb.createFont();
      bold.setBold(true);
      header = wb.createCellStyle();
      header.setFont(bold);
      header.setWrapText(true);
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      title = wb.createCellStyle();
      title.setFont(big);
      twoDecimals = wb.createCellStyle();
      twoDecimals.setDataFormat(format.getFormat("0.00"));
      amount = wb.createCellStyle();
      amount.setDataFormat(format.getFormat(AMOUNT_FORMAT));
      points = wb.createCellStyle();
      points.setDataFormat(format.getFormat("0.00##"));
      integer = wb.createCellStyle();
      integer.setDataFormat(format.getFormat("0"));
      wrapped = wb.createCellStyle();
      wrapped.setWrapText(true);
      wrapped.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
    }
  }

  private static void table(Sheet sheet, Styles styles, List<ReportColumns.Column> columns, List<ReportData.Zone> zones) {
    Row head = sheet.createRow(0);
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Cell cell = head.createCell(i);
      cell.setCellValue(columns.get(i).header());
      cell.setCellStyle(styles.header);
      widths[i] = Math.min(displayWidth(columns.get(i).header()), 16);
    }
    int r = 1;
    for (ReportData.Zone zone : zones) {
      Row row = sheet.createRow(r++);
      for (int i = 0; i < columns.size(); i++) {
        ReportColumns.Column column = columns.get(i);
        Object value = zone.get(column.source());
        Cell cell = row.createCell(i);
        if (column.format().numeric()) {
          BigDecimal number = ReportColumns.number(column, value);
          if (number != null) {
            cell.setCellValue(number.doubleValue());
            cell.setCellStyle(switch (column.format()) {
              case INT -> styles.integer;
              case POINTS -> styles.points;
              case WAN, PER_MU_WAN, DEC2 -> styles.amount;
              default -> styles.twoDecimals;
            });
          }
        } else {
          String text = ReportColumns.text(column, value);
          if (!text.isEmpty()) {
            cell.setCellValue(text);
          }
        }
        widths[i] = Math.max(widths[i], displayWidth(ReportColumns.text(column, value)));
      }
    }
    for (int i = 0; i < widths.length; i++) {
      sheet.setColumnWidth(i, Math.min(widths[i] + 2, 60) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  /**
   * The sheet 亩均分档: each zone's enterprises by per-mu tier (gold.zone_tier_mix), counts and land only,
   * in zone order; none when the run wrote no tier mix. The tiers of enterprises stay in the warehouse.
   */
  private static void tierMix(XSSFWorkbook wb, Styles styles, ReportData data) {
    List<ReportData.Zone> zones = data.zones().stream().filter(z -> z.values().containsKey("rated"))
        .sorted(java.util.Comparator.comparing(ReportData.Zone::zoneId)).toList();
    if (zones.isEmpty()) {
      return;
    }
    Sheet sheet = wb.createSheet(TIER_MIX_SHEET);
    String[] headers = {"集中区编号", "集中区名称", "县(市、区)", "参评企业数", "A档", "B档", "C档", "D档", "未参评企业数",
        "D档用地(亩)", "D档用地占参评用地(%)"};
    String[] counts = {"rated", "a", "b", "c", "d", "not_rated"};
    Row head = sheet.createRow(0);
    for (int i = 0; i < headers.length; i++) {
      Cell cell = head.createCell(i);
      cell.setCellValue(headers[i]);
      cell.setCellStyle(styles.header);
      sheet.setColumnWidth(i, (i == 1 ? 30 : Math.max(displayWidth(headers[i]), 8) + 2) * 256);
    }
    int r = 1;
    for (ReportData.Zone z : zones) {
      Row row = sheet.createRow(r++);
      row.createCell(0).setCellValue(z.zoneId());
      row.createCell(1).setCellValue(z.text("zone_name"));
      row.createCell(2).setCellValue(z.text("county"));
      for (int i = 0; i < counts.length; i++) {
        Cell cell = row.createCell(3 + i);
        cell.setCellValue(((Number) z.get(counts[i])).longValue());
        cell.setCellStyle(styles.integer);
      }
      Cell land = row.createCell(9);
      land.setCellValue(((BigDecimal) z.get("land_mu_d")).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue());
      land.setCellStyle(styles.twoDecimals);
      BigDecimal share = (BigDecimal) z.get("share_land_d");
      if (share != null) {
        Cell pct = row.createCell(10);
        pct.setCellValue(share.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue());
        pct.setCellStyle(styles.twoDecimals);
      }
    }
    sheet.createFreezePane(0, 1);
  }

  private static void about(Sheet sheet, Styles styles, ReportData data, Notice notice) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {data.title()});
    lines.add(new String[] {});
    lines.add(new String[] {"年度", String.valueOf(data.year())});
    lines.add(new String[] {"状态", data.stateChinese()});
    if (notice == null) {
      lines.add(new String[] {"公示", "网页未附公示信息（草稿，仅供内部审阅）"});
    } else {
      lines.add(new String[] {"公示发布单位", notice.issuer()});
      lines.add(new String[] {"公示期", notice.period() + "（" + notice.from() + " 至 " + notice.to() + "）"});
      lines.add(new String[] {"异议反映方式", notice.objectionContact()});
    }
    lines.add(new String[] {});
    for (ReportData.RunInfo run : data.runs()) {
      lines.add(new String[] {"运行编号", run.runId()});
      lines.add(new String[] {"规则", run.rulesName() + (run.rulesFile() == null ? "（内置）" : "（" + run.rulesFile() + "）")});
      lines.add(new String[] {"规则 SHA-256", run.rulesSha256()});
      lines.add(new String[] {"程序版本", run.codeVersion()});
      lines.add(new String[] {});
      lines.add(new String[] {"输入文件", "大小(字节)", "SHA-256", "字符集", "读取记录", "接受", "拒绝"});
      for (ReportData.Input in : run.inputs()) {
        lines.add(new String[] {in.file(), String.valueOf(in.sizeBytes()), in.sha256(), in.charset(),
            String.valueOf(in.read()), String.valueOf(in.accepted()), String.valueOf(in.rejected())});
      }
      lines.add(new String[] {});
    }
    lines.add(new String[] {"单位", "金额：万元，四舍五入保留两位小数；亩均：万元/亩；增幅：%；得分：分"});
    lines.add(new String[] {"口径", "指标定义见 docs/indicators.md（指标字典）"});
    // What the public page leaves out, for the bureau: how to trace and reproduce every number.
    for (ReportData.RunInfo run : data.runs()) {
      lines.add(new String[] {"重现", "bin/zone-eval report --run " + run.runId() + " 可重现本报告；gold.runs "
          + "记录该运行的输入文件校验和、规则和各表的 Delta 版本，结果行记有运行编号"});
    }
    for (String finding : findings(data)) {
      lines.add(new String[] {"数据质量", finding});
    }
    int r = 0;
    for (String[] line : lines) {
      Row row = sheet.createRow(r++);
      for (int i = 0; i < line.length; i++) {
        Cell cell = row.createCell(i);
        // Sizes and counts are numbers; ids and the notice's words stay text (a telephone number too).
        boolean text = line[0].startsWith("运行") || line[0].startsWith("公示") || line[0].startsWith("异议");
        if (i > 0 && line[i].matches("-?[0-9]+") && line[i].length() < 15 && !text) {
          cell.setCellValue(Long.parseLong(line[i]));
          cell.setCellStyle(styles.integer);
        } else {
          cell.setCellValue(line[i]);
          if (line[i].contains("\n")) {
            cell.setCellStyle(styles.wrapped);
          }
        }
        if (r == 1) {
          cell.setCellStyle(styles.title);
        }
      }
    }
    sheet.setColumnWidth(0, 24 * 256);
    sheet.setColumnWidth(1, 40 * 256);
    sheet.setColumnWidth(2, 68 * 256);
  }

  /**
   * The data-quality findings a reader of the results should know, one line each: zone-years whose county
   * county_policies.csv lacks for the year (they count as having a policy only if the rules say so).
   */
  static List<String> findings(ReportData data) {
    java.util.Map<String, List<ReportData.Zone>> byCounty = new java.util.TreeMap<>();
    for (ReportData.Zone z : data.zones()) {
      if (Boolean.TRUE.equals(z.get("county_policy_missing"))) {
        byCounty.computeIfAbsent(z.text("county"), k -> new ArrayList<>()).add(z);
      }
    }
    if (byCounty.isEmpty()) {
      return List.of("各集中区所在县(市、区)在 county_policies.csv 中均有" + data.year() + "年度配套政策记录");
    }
    List<String> out = new ArrayList<>();
    for (var county : byCounty.entrySet()) {
      List<ReportData.Zone> zones = county.getValue();
      String names = String.join("、", zones.stream().map(z -> z.zoneId() + " " + z.text("zone_name")).toList());
      boolean counted = Boolean.TRUE.equals(zones.get(0).get("county_has_policy"));
      out.add(county.getKey() + "在 county_policies.csv 中无" + data.year() + "年度配套政策记录，"
          + (counted ? "按规则视为有配套政策" : "视为无配套政策，不参加评优") + "：" + names);
    }
    return out;
  }

  /** Characters as a spreadsheet column shows them: CJK (and other wide) characters take two places. */
  static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); i++) {
      width += text.charAt(i) >= 0x1100 ? 2 : 1;
    }
    return width;
  }

  /**
   * The same zip with every entry's time set to one fixed instant, in the same order: POI stamps
   * entries with the time of writing, which would make two writes of the same rows differ.
   */
  static byte[] normalizeZip(byte[] zip) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTimeLocal(FIXED_LOCAL_TIME);
        z.putNextEntry(copy);
        in.transferTo(z);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
