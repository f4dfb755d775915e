package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.Tables;
import io.zoneeval.cli.ZoneEvalCli;
import io.zoneeval.job.EvaluationJob;
import io.zoneeval.spark.Progress;
import io.zoneeval.rules.Rules;
import io.zoneeval.rules.ZoneType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The analysts' workbench on the sample warehouse (data-samples evaluated once): every exported notebook
 * runs and returns its results; the published report's three files agree with gold (the workbook read
 * back with POI, cell by cell); the page renders in headless Chromium; and after a correction run, the
 * report of the first run is reproduced byte for byte while the new report shows the correction.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishSamplesTest {
  private static final int YEAR = 2024;
  private static SparkSession spark;
  private static Path warehouse;
  private static Path reports;
  private static EvaluationJob.Outcome first;

  @BeforeAll
  static void evaluateTheSamples() throws IOException {
    spark = SparkTestSession.get();
    warehouse = Files.createTempDirectory("zone-eval-publish");
    reports = Files.createTempDirectory("zone-eval-reports");
    first = evaluate("data-samples");
  }

  static EvaluationJob.Outcome evaluate(String input) {
    return new EvaluationJob(spark, new Progress(System.err)).run(new EvaluationJob.Request(input,
        warehouse.toString(), null, Rules.defaults(), null, "test", StandardCharsets.UTF_8));
  }

  /** Runs the command line, returning stdout; fails on a non-zero exit. */
  static String cli(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = ZoneEvalCli.execute(args);
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(String.join(" ", args) + "\n" + out).isZero();
    return out;
  }

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("notebooks-exported"))) {
      return s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
  }

  @Test
  @Order(1)
  void everyNotebookRunsWithoutErrorAndEveryRequiredResultHasRows() throws IOException {
    List<String> empty = new ArrayList<>();
    for (Path file : notebooks()) {
      Notebook nb = Notebook.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      List<NotebookRunner.Result> results = new NotebookRunner(spark,
          new PrintStream(printed, true, StandardCharsets.UTF_8)).run(nb, Map.of());
      assertThat(results).as(file.toString()).isNotEmpty();
      NotebookRunner.emptyRequired(results).forEach(r -> empty.add(file + " cell " + r.cell().number() + " ("
          + r.cell().title() + ")"));
      assertThat(printed.toString(StandardCharsets.UTF_8)).as(file.toString()).contains("== " + file);
    }
    assertThat(empty).as("queries that returned no rows").isEmpty();
  }

  @Test
  @Order(2)
  void theNotebookCommandPrintsEachResultAndTakesTheYearAndVariables() {
    String out = cli("notebook", "notebooks-exported/02-why-this-rank.sql", "--year", "2023", "--var", "zone=YZ22",
        "--strict", "--warehouse", warehouse.toString());
    assertThat(out).contains("-- report_year = 2023").contains("-- zone = 'YZ22'");
    // The zone's result line: YZ22 is first of the 2023 KEY group.
    assertThat(out.lines().filter(l -> l.startsWith("2023,YZ22,")).findFirst()).isPresent()
        .hasValueSatisfying(l -> assertThat(l).contains(",KEY,1 / "));
    assertThat(out).contains("1b 开票销售 sales,万元,");
  }

  @Test
  @Order(3)
  void theCatalogShowsEveryColumnsCommentWithItsUnit() {
    List<Row> described = spark.sql("DESCRIBE gold.zone_metrics").collectAsList();
    Map<String, String> comments = new HashMap<>();
    described.forEach(r -> comments.putIfAbsent(r.getString(0), r.getString(2)));
    for (var c : Tables.ZONE_METRICS.columns()) {
      assertThat(comments.get(c.name())).as(c.name()).isEqualTo(c.comment());
    }
    assertThat(comments.get("tax_per_mu")).startsWith("亩均税收 ").endsWith("[元/亩]");
  }

  @Test
  @Order(4)
  void theReportWritesTheThreeFilesAndTheWorkbookAgreesWithGold() throws IOException {
    Path dir = reports.resolve("first");
    String out = cli("report", "--year", String.valueOf(YEAR), "--out", dir.toString(), "--warehouse",
        warehouse.toString());
    assertThat(out.lines().toList()).containsExactly(Report.xlsx(dir, YEAR).toString(), Report.csv(dir, YEAR).toString(),
        Report.html(dir, YEAR).toString());

    Map<String, Row> gold = new HashMap<>();
    spark.sql("SELECT r.*, m.sales, m.tax_per_mu, m.sales_growth FROM gold.zone_results r JOIN gold.zone_metrics m "
        + "USING (year, zone_id) WHERE year = " + YEAR).collectAsList().forEach(r -> gold.put(r.getAs("zone_id"), r));
    assertThat(gold).hasSize(28);

    try (Workbook wb = open(Report.xlsx(dir, YEAR))) {
      assertThat(wb.getSheetName(0)).isEqualTo("重点发展型");
      assertThat(wb.getSheetName(1)).isEqualTo("优化发展型");
      assertThat(wb.getSheet(XlsxReport.METRICS_SHEET)).isNotNull();
      int rows = 0;
      for (ZoneType type : ZoneType.values()) {
        Sheet sheet = wb.getSheet(XlsxReport.sheetName(type));
        List<String> headers = new ArrayList<>();
        sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
        assertThat(headers).startsWith("综合排名", "集中区编号", "集中区名称", "县(市、区)", "规模总量得分", "税收贡献得分",
            "特色发展得分", "亩均产出得分", "企业培育得分", "人才集聚得分", "工业投入得分", "项目承载得分", "综合评价得分", "奖项",
            "奖励金额(万元)", "否决", "否决原因", "参加评优", "不参加评优原因");
        int previousRank = 0;
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
          org.apache.poi.ss.usermodel.Row row = sheet.getRow(i);
          Map<String, Cell> cells = new HashMap<>();
          for (int c = 0; c < headers.size(); c++) {
            cells.put(headers.get(c), row.getCell(c));
          }
          Row g = gold.get(cells.get("集中区编号").getStringCellValue());
          assertThat(g).isNotNull();
          assertThat(g.<String>getAs("zone_type")).isEqualTo(type.name());
          int rank = (int) cells.get("综合排名").getNumericCellValue();
          assertThat(rank).isEqualTo(g.<Integer>getAs("final_rank")).isEqualTo(previousRank + 1);
          previousRank = rank;
          assertThat(cells.get("集中区名称").getStringCellValue()).isEqualTo(g.<String>getAs("zone_name"));
          String[][] scores = {{"规模总量得分", "score_scale"}, {"税收贡献得分", "score_tax"}, {"特色发展得分", "score_specialty"},
              {"亩均产出得分", "score_per_mu"}, {"企业培育得分", "score_cultivation"}, {"人才集聚得分", "score_talent"},
              {"工业投入得分", "score_investment"}, {"项目承载得分", "score_capacity"}, {"综合评价得分", "total_score"}};
          for (String[] s : scores) {
            assertThat(number(cells.get(s[0]))).as(s[0]).isEqualByComparingTo(g.<BigDecimal>getAs(s[1]));
          }
          Integer prize = g.getAs("award_prize");
          assertThat(text(cells.get("奖项"))).isEqualTo(prize == null ? "" : new String[] {"", "一等奖", "二等奖", "三等奖"}[prize]);
          BigDecimal amount = g.getAs("award_amount_wan");
          if (amount == null) {
            assertThat(cells.get("奖励金额(万元)").getCellType()).isEqualTo(CellType.BLANK);
          } else {
            assertThat(number(cells.get("奖励金额(万元)"))).isEqualByComparingTo(amount);
          }
          assertThat(text(cells.get("否决"))).isEqualTo(g.<Boolean>getAs("vetoed") ? "是" : "否");
          assertThat(text(cells.get("否决原因"))).isEqualTo(nullToEmpty(g.getAs("veto_reason")));
          assertThat(text(cells.get("参加评优"))).isEqualTo(g.<Boolean>getAs("award_eligible") ? "是" : "否");
          assertThat(text(cells.get("不参加评优原因"))).isEqualTo(nullToEmpty(g.getAs("ineligible_reason")));
          rows++;
        }
      }
      assertThat(rows).isEqualTo(28);

      // The metrics sheet: money in 万元 and per-mu in 万元/亩 rounded half-up to 2 decimals, growth in %.
      Sheet metrics = wb.getSheet(XlsxReport.METRICS_SHEET);
      List<String> headers = new ArrayList<>();
      metrics.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
      assertThat(metrics.getLastRowNum()).isEqualTo(28);
      for (int i = 1; i <= metrics.getLastRowNum(); i++) {
        org.apache.poi.ss.usermodel.Row row = metrics.getRow(i);
        Row g = gold.get(row.getCell(headers.indexOf("集中区编号")).getStringCellValue());
        assertThat(number(row.getCell(headers.indexOf("开票销售(万元)"))))
            .isEqualByComparingTo(g.<BigDecimal>getAs("sales").divide(BigDecimal.valueOf(10000), 2, RoundingMode.HALF_UP));
        BigDecimal taxPerMu = g.getAs("tax_per_mu");
        Cell perMu = row.getCell(headers.indexOf("亩均税收(万元/亩)"));
        if (taxPerMu == null) {
          assertThat(perMu == null || perMu.getCellType() == CellType.BLANK).isTrue();
        } else {
          assertThat(number(perMu)).isEqualByComparingTo(taxPerMu.divide(BigDecimal.valueOf(10000), 2, RoundingMode.HALF_UP));
        }
        BigDecimal growth = g.getAs("sales_growth");
        Cell growthCell = row.getCell(headers.indexOf("开票销售增幅(%)"));
        if (growth != null) {
          assertThat(number(growthCell)).isEqualByComparingTo(growth.movePointRight(2).setScale(2, RoundingMode.HALF_UP));
        }
      }
      // The about sheet names the run.
      assertThat(text(wb.getSheet(XlsxReport.ABOUT_SHEET).getRow(3).getCell(1))).isEqualTo(first.runId());
    }

    byte[] csv = Files.readAllBytes(Report.csv(dir, YEAR));
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
    List<String> lines = new String(csv, StandardCharsets.UTF_8).substring(1).lines().toList();
    assertThat(lines).hasSize(29);
    assertThat(lines.get(0)).startsWith("年度,集中区类型,综合排名,集中区编号,集中区名称,");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("2024,重点发展型,1,YZ09,仪征市真州工业集中区,"));

    String html = Files.readString(Report.html(dir, YEAR), StandardCharsets.UTF_8);
    assertThat(html).contains("<meta charset=\"utf-8\">").contains("2024年度工业集中区综合评价结果")
        .contains(first.runId()).contains("<svg").contains("亩均税收与亩均开票销售").contains("各项指标得分");
    // Self-contained: nothing to fetch, no script.
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("url(")
        .doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  @Order(5)
  void thePageRendersInHeadlessChromiumWithoutErrors() throws Exception {
    String chromium = chromium();
    assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium fonts-noto-cjk)");
    Path html = Report.html(reports.resolve("first"), YEAR).toAbsolutePath();
    Path png = reports.resolve("report-" + YEAR + ".png");
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0");
    List<String> shot = new ArrayList<>(List.of(chromium));
    shot.addAll(flags);
    shot.addAll(List.of("--screenshot=" + png, "--window-size=1400,2400", html.toUri().toString()));
    String log = run(shot);
    assertThat(png).exists();
    assertThat(Files.size(png)).as(log).isGreaterThan(20_000);
    assertThat(log).doesNotContainPattern("(?i)CONSOLE.*(error|failed)").doesNotContain("Uncaught");

    List<String> dump = new ArrayList<>(List.of(chromium));
    dump.addAll(flags);
    dump.addAll(List.of("--dump-dom", html.toUri().toString()));
    String dom = run(dump);
    assertThat(dom).contains("2024年度工业集中区综合评价结果").contains("<svg").contains("</html>");
  }

  @Test
  @Order(6)
  void aCorrectionRunChangesTheNewReportAndTheFirstRunsReportIsReproducedByteForByte() throws Exception {
    // The correction: YZ13's 2024 incident was wrongly reported as 较大 (larger); it was a general one.
    Path corrected = Files.createTempDirectory("zone-eval-corrected");
    try (Stream<Path> files = Files.list(Path.of("data-samples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        Files.copy(f, corrected.resolve(f.getFileName()));
      }
    }
    Path incidents = corrected.resolve("incidents.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(incidents, StandardCharsets.UTF_8));
    int changed = 0;
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length == 5 && f[1].equals("YZ13") && f[3].equals("larger") && f[4].startsWith("2024-")) {
        lines.set(i, String.join(",", f[0], f[1], f[2], "general", f[4]));
        changed++;
      }
    }
    assertThat(changed).isEqualTo(1);
    Files.write(incidents, lines, StandardCharsets.UTF_8);
    EvaluationJob.Outcome second = evaluate(corrected.toString());
    assertThat(second.runId()).isNotEqualTo(first.runId());

    // gold.runs: the run's inputs (size, checksum) and the versions of every table it wrote, bronze included.
    Row run = spark.sql("SELECT * FROM gold.runs WHERE run_id = '" + first.runId() + "'").first();
    Map<String, Long> versions = run.getJavaMap(run.fieldIndex("table_versions"));
    assertThat(versions).containsKeys("gold.zone_results", "gold.zone_scores", "gold.zone_metrics",
        "silver.rejects", "bronze.invoices", "bronze.deliveries");
    List<Row> inputs = run.getList(run.fieldIndex("inputs"));
    assertThat(inputs).hasSize(12).allSatisfy(in -> {
      assertThat(in.<String>getAs("sha256")).hasSize(64);
      assertThat(in.<Long>getAs("size_bytes")).isPositive();
    });

    Path now = reports.resolve("corrected");
    cli("report", "--year", String.valueOf(YEAR), "--out", now.toString(), "--warehouse", warehouse.toString());
    Path again = reports.resolve("first-again");
    cli("report", "--run", first.runId(), "--year", String.valueOf(YEAR), "--out", again.toString(), "--warehouse",
        warehouse.toString());
    Path before = reports.resolve("first");

    // The first run's report, reproduced after the correction: cell by cell, and byte for byte.
    assertSameCells(Report.xlsx(before, YEAR), Report.xlsx(again, YEAR));
    assertThat(Files.readAllBytes(Report.xlsx(again, YEAR))).isEqualTo(Files.readAllBytes(Report.xlsx(before, YEAR)));
    assertThat(Files.readAllBytes(Report.csv(again, YEAR))).isEqualTo(Files.readAllBytes(Report.csv(before, YEAR)));
    assertThat(Files.readAllBytes(Report.html(again, YEAR))).isEqualTo(Files.readAllBytes(Report.html(before, YEAR)));
    // Without --year, the run's latest year.
    Path defaultYear = reports.resolve("first-default-year");
    cli("report", "--run", first.runId(), "--out", defaultYear.toString(), "--warehouse", warehouse.toString());
    assertThat(Files.readAllBytes(Report.csv(defaultYear, YEAR))).isEqualTo(Files.readAllBytes(Report.csv(before, YEAR)));

    // The new report shows the correction: YZ13 is no longer vetoed, and names the new run.
    String oldCsv = Files.readString(Report.csv(before, YEAR), StandardCharsets.UTF_8);
    String newCsv = Files.readString(Report.csv(now, YEAR), StandardCharsets.UTF_8);
    assertThat(yz13(oldCsv)).contains(",是,");
    assertThat(yz13(newCsv)).doesNotContain("较大").startsWith("2024,重点发展型,");
    assertThat(yz13(newCsv).split(",")[2]).isNotEqualTo("13");
    assertThat(Files.readString(Report.html(now, YEAR), StandardCharsets.UTF_8)).contains(second.runId())
        .doesNotContain(first.runId());
    try (Workbook wb = open(Report.xlsx(now, YEAR))) {
      Sheet key = wb.getSheet("重点发展型");
      for (int i = 1; i <= key.getLastRowNum(); i++) {
        if (key.getRow(i).getCell(1).getStringCellValue().equals("YZ13")) {
          assertThat(key.getRow(i).getCell(15).getStringCellValue()).isEqualTo("否");
        }
      }
    }
  }

  private static String yz13(String csv) {
    return csv.lines().filter(l -> l.contains(",YZ13,")).findFirst().orElseThrow();
  }

  /** Two workbooks hold the same sheets, cells (type, value) and number formats. */
  static void assertSameCells(Path a, Path b) throws IOException {
    try (Workbook x = open(a); Workbook y = open(b)) {
      assertThat(y.getNumberOfSheets()).isEqualTo(x.getNumberOfSheets());
      for (int s = 0; s < x.getNumberOfSheets(); s++) {
        Sheet sx = x.getSheetAt(s);
        Sheet sy = y.getSheetAt(s);
        assertThat(sy.getSheetName()).isEqualTo(sx.getSheetName());
        assertThat(sy.getLastRowNum()).isEqualTo(sx.getLastRowNum());
        for (int r = 0; r <= sx.getLastRowNum(); r++) {
          var rx = sx.getRow(r);
          var ry = sy.getRow(r);
          if (rx == null) {
            assertThat(ry).isNull();
            continue;
          }
          assertThat(ry.getLastCellNum()).isEqualTo(rx.getLastCellNum());
          for (int c = 0; c < rx.getLastCellNum(); c++) {
            Cell cx = rx.getCell(c);
            Cell cy = ry.getCell(c);
            String where = sx.getSheetName() + "!" + new org.apache.poi.ss.util.CellReference(r, c).formatAsString();
            assertThat(cy == null ? null : cy.getCellType()).as(where).isEqualTo(cx == null ? null : cx.getCellType());
            if (cx == null) {
              continue;
            }
            switch (cx.getCellType()) {
              case NUMERIC -> assertThat(cy.getNumericCellValue()).as(where).isEqualTo(cx.getNumericCellValue());
              case STRING -> assertThat(cy.getStringCellValue()).as(where).isEqualTo(cx.getStringCellValue());
              case BOOLEAN -> assertThat(cy.getBooleanCellValue()).as(where).isEqualTo(cx.getBooleanCellValue());
              default -> { }
            }
            assertThat(cy.getCellStyle().getDataFormatString()).as(where).isEqualTo(cx.getCellStyle().getDataFormatString());
          }
        }
      }
    }
  }

  static Workbook open(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  private static BigDecimal number(Cell cell) {
    assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
    return BigDecimal.valueOf(cell.getNumericCellValue());
  }

  private static String text(Cell cell) {
    return cell == null || cell.getCellType() == CellType.BLANK ? "" : cell.getStringCellValue();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}
