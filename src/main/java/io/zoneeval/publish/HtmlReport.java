package io.zoneeval.publish;

import io.zoneeval.rules.Rules;
import io.zoneeval.rules.ZoneType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * report-YYYY.html: one self-contained page, readable in Chinese, with no script and nothing fetched
 * from the network: the public notice ({@link Notice}) or a draft's warning, then per zone type the league
 * table, a stacked bar of each zone's eight indicator scores, and tax per mu against sales per mu, both as
 * inline SVG drawn here. It reads on a phone and prints on A4 ({@link #style}).
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The eight indicators: score column, short Chinese name, full mark (from the rules), colour. */
  record Indicator(String column, String name, BigDecimal full, String colour) {}

  static List<Indicator> indicators(Rules rules) {
    return io.zoneeval.rules.Indicator.ALL.stream()
        .map(i -> new Indicator(i.scoreColumn(), i.shortTerm(), i.full().apply(rules), i.colour())).toList();
  }


  private static final String FONTS = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC',"
      + "'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

  /** The width the charts are drawn at, in SVG units: they scale to the page, up to this many CSS pixels. */
  static final int CHART_WIDTH = 1140;
  /** The width of the charts drawn for phones (shown instead of the others below 600 CSS pixels). */
  static final int NARROW_WIDTH = 400;

  public static void write(ReportData data, Path file) throws IOException {
    write(data, null, file);
  }

  /** The page, with the public notice given (null: a draft for internal review). */
  public static void write(ReportData data, Notice notice, Path file) throws IOException {
    Files.writeString(file, html(data, notice), StandardCharsets.UTF_8);
  }

  public static String html(ReportData data) {
    return html(data, null);
  }

  /**
   * The page. With a notice, and rows on public notice, it is the 公示 itself; else it says it is a draft
   * (草稿) for internal review, and is not to be published. Either way it names no run, checksum, program
   * version, file or repository path: those are the bureau's, in the workbook's sheet 说明.
   */
  public static String html(ReportData data, Notice notice) {
    boolean draft = notice == null || data.draft();
    String title = (notice == null ? data.subject() : "关于" + data.subject() + "的公示") + (draft ? "（草稿）" : "");
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(style()).append("</style>\n</head>\n<body>\n");
    if (draft) {
      h.append("<p class=\"draft\"><b>草稿</b>　").append(notice == null
          ? "仅供内部审阅，不是公示，请勿对外发布。"
          : "本结果尚未公示：以下公示内容仅供内部审阅，请勿对外发布。").append("</p>\n");
    }
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    if (notice != null) {
      notice(h, data, notice);
    }
    h.append("<p class=\"meta\">金额单位：万元，四舍五入保留两位小数；亩均：万元/亩；得分：分。同一类型工业集中区之间排名。</p>\n");
    h.append("<nav>");
    for (ZoneType type : ZoneType.values()) {
      h.append("<a href=\"#").append(type.name()).append("\">").append(type.chinese()).append("</a>");
    }
    h.append("</nav>\n");

    for (ZoneType type : ZoneType.values()) {
      List<ReportData.Zone> zones = data.group(type);
      h.append("\n<section id=\"").append(type.name()).append("\">\n<h2>").append(type.chinese())
          .append("工业集中区（").append(zones.size()).append("家）</h2>\n");
      h.append("<h3>综合评价排名</h3>\n");
      leagueTable(h, zones, data.rules());
      h.append("<h3>各项指标得分</h3>\n");
      h.append("<div class=\"wide\">\n").append(stackedBars(zones, data.rules(), false)).append("</div>\n");
      h.append("<div class=\"narrow\">\n").append(stackedBars(zones, data.rules(), true)).append("</div>\n");
      h.append("<h3>亩均税收与亩均开票销售</h3>\n");
      h.append("<div class=\"wide\">\n").append(scatter(zones, false)).append("</div>\n");
      h.append("<div class=\"narrow\">\n").append(scatter(zones, true)).append("</div>\n");
      h.append("</section>\n");
    }
    if (notice != null) {
      h.append("\n<p class=\"sign\">").append(esc(notice.issuer())).append("<br>").append(Notice.chinese(notice.from()))
          .append("</p>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** The notice: what is on notice and for how long, where and how to object, who publishes it and when. */
  private static void notice(StringBuilder h, ReportData data, Notice notice) {
    h.append("<section class=\"notice\" id=\"notice\">\n")
        .append("<p>现将").append(esc(data.subject())).append("予以公示。</p>\n")
        .append("<p><b>公示期</b>：").append(notice.period()).append("。</p>\n")
        .append("<p><b>异议反映</b>：公示期间，对评价结果如有异议，请通过以下方式向").append(esc(notice.issuer()))
        .append("反映：</p>\n<p class=\"contact\">").append(esc(notice.objectionContact())).append("</p>\n")
        .append("<p class=\"sign\">").append(esc(notice.issuer())).append("<br>").append(Notice.chinese(notice.from()))
        .append("</p>\n</section>\n");
  }

  /**
   * The page's style: the charts scale to the viewport (a phone gets those drawn narrow), a wide table
   * scrolls inside its own box (the page never scrolls sideways, down to a 390 px phone), and print fits A4.
   */
  private static String style() {
    return "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
        + "body{font-family:" + FONTS + ";margin:24px 32px;color:#222;background:#fff;line-height:1.45}\n"
        + "h1{font-size:26px;margin:0 0 8px;line-height:1.3}"
        + "h2{font-size:21px;margin:34px 0 10px;border-bottom:2px solid #4e79a7;padding-bottom:4px}\n"
        + "h3{font-size:16px;margin:22px 0 6px}.meta{color:#555;font-size:13px;margin:2px 0}\n"
        + ".draft{border:2px solid #c0392b;background:#fdecea;color:#8e1b10;padding:8px 12px;margin:0 0 14px;font-size:15px}\n"
        + ".notice{border:1px solid #c9d3df;background:#f7f9fc;padding:10px 18px;margin:10px 0 16px;max-width:52em;font-size:15px}\n"
        + ".notice p{margin:6px 0}.contact{white-space:pre-line;margin-left:2em!important}"
        + ".sign{text-align:right;margin:14px 0 4px;max-width:52em}\n"
        + ".notice,.sign{overflow-wrap:anywhere}\n"
        + ".tw{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:13px;margin:6px 0}"
        + "th,td{border:1px solid #ccc;padding:3px 6px}td{white-space:nowrap}\n"
        + "th{background:#eef2f7;font-weight:600;white-space:nowrap;vertical-align:bottom}"
        + "td.n{text-align:right;font-variant-numeric:tabular-nums}td.w{white-space:normal;min-width:12em;max-width:20em}\n"
        + "tr.prize td{background:#fff6dc}tr.vetoed td{background:#fde2e2}tr.noaward td{color:#666}\n"
        + "svg{display:block;width:100%;height:auto;max-width:" + CHART_WIDTH + "px;margin:6px 0}"
        + "svg text{font-family:" + FONTS + "}\n"
        + ".note{font-size:12px;color:#555}nav a{margin-right:16px}\n"
        // Each chart is drawn twice, for wide screens and paper, and for phones; one of the two is shown.
        + ".narrow{display:none}\n"
        + "@media (max-width:600px){.wide{display:none}.narrow{display:block}body{margin:12px 10px}h1{font-size:20px}h2{font-size:18px;margin-top:26px}"
        + "h3{font-size:15px}.notice{padding:6px 12px;font-size:14px}.contact{margin-left:1em!important}"
        + "table{font-size:11px}th,td{padding:2px 4px}td.w{min-width:10em}}\n"
        // A4 portrait: the tables in smaller type, names wrapped, to its width; colours kept (prizes,
        // vetoes), no row cut in two, the header row on every page.
        + "@page{size:A4;margin:14mm 10mm}\n"
        + "@media print{body{margin:0;font-size:10pt}h1{font-size:16pt}h2{font-size:13pt;margin-top:16pt}"
        + "h3{font-size:11pt}h2,h3{break-after:avoid;page-break-after:avoid}nav{display:none}"
        + ".draft,.notice,tr.prize td,tr.vetoed td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
        + ".tw{overflow:visible}table{font-size:7pt;width:100%}th,td{padding:1px 2px}td.t{white-space:normal}"
        + "td.w{min-width:7em;max-width:none}"
        + "thead{display:table-header-group}tr,svg,.notice,.sign{break-inside:avoid;page-break-inside:avoid}"
        + "svg{max-width:100%}.wide{display:block!important}.narrow{display:none!important}}\n";
  }

  /**
   * The league table of a type: the workbook's columns up to the prize money, then one 备注 column with
   * the veto and eligibility reasons, interview, leadership adjustment and tie-break, so the page fits.
   */
  private static void leagueTable(StringBuilder h, List<ReportData.Zone> zones, Rules rules) {
    List<ReportColumns.Column> all = ReportColumns.league();
    int upToAmount = all.stream().map(ReportColumns.Column::source).toList().indexOf("award_amount_wan") + 1;
    List<ReportColumns.Column> columns = all.subList(0, upToAmount);
    h.append("<div class=\"tw\"><table>\n<thead><tr>");
    for (ReportColumns.Column c : columns) {
      h.append("<th>").append(headerLines(c.header())).append("</th>");
    }
    h.append("<th>备注</th></tr></thead>\n<tbody>\n");
    for (ReportData.Zone z : zones) {
      String cls = Boolean.TRUE.equals(z.get("vetoed")) ? "vetoed"
          : z.get("award_prize") != null ? "prize" : !Boolean.TRUE.equals(z.get("award_eligible")) ? "noaward" : "";
      h.append(cls.isEmpty() ? "<tr>" : "<tr class=\"" + cls + "\">");
      for (ReportColumns.Column c : columns) {
        // Numbers right-aligned; names (text) may wrap on paper.
        h.append(c.format().numeric() ? "<td class=\"n\">"
                : c.format() == ReportColumns.Format.TEXT ? "<td class=\"t\">" : "<td>")
            .append(esc(ReportColumns.text(c, z.get(c.source())))).append("</td>");
      }
      h.append("<td class=\"w\">").append(esc(notes(z, rules))).append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  /**
   * A column header broken into lines between words, never inside one (a browser breaks Chinese at any
   * character: 规模总|量得分): before 得分 or 编号 that end a longer term, before a unit in brackets, and a
   * four-character term in two.
   */
  static String headerLines(String header) {
    java.util.regex.Matcher unit = java.util.regex.Pattern.compile("(.+)(\\((万元|万元/亩|元|%|亩|m²|百分点)\\))")
        .matcher(header);
    if (unit.matches()) {
      return esc(unit.group(1)) + "<br>" + esc(unit.group(2));
    }
    for (String end : List.of("得分", "编号")) {
      if (header.endsWith(end) && header.length() > end.length() + 2) {
        return esc(header.substring(0, header.length() - end.length())) + "<br>" + end;
      }
    }
    if (header.length() == 4 && header.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
      return esc(header.substring(0, 2)) + "<br>" + esc(header.substring(2));
    }
    return esc(header);
  }

  /** The 备注 of a zone: veto, no award and why, interview, leadership adjustment, tie-break. */
  static String notes(ReportData.Zone z, Rules rules) {
    List<String> notes = new ArrayList<>();
    if (Boolean.TRUE.equals(z.get("vetoed"))) {
      String reason = z.text("veto_reason");
      notes.add(reason == null ? "否决" : reason.startsWith("否决") ? reason : "否决：" + reason);
    } else if (!Boolean.TRUE.equals(z.get("award_eligible"))) {
      // The reason says it, in full (所在县(市、区)无配套政策，不参加评优).
      String reason = z.text("ineligible_reason");
      notes.add(reason == null ? "不参加评优" : reason.contains("不参加评优") ? reason : "不参加评优：" + reason);
    }
    if (Boolean.TRUE.equals(z.get("interview"))) {
      notes.add("约谈");
    }
    if (Boolean.TRUE.equals(z.get("leadership_adjustment"))) {
      notes.add("主要负责人调整");
    }
    if (Boolean.TRUE.equals(z.get("decided_by_tie_break"))) {
      notes.add("总分并列，按" + rules.finalOrder().chinese() + "排序");
    }
    return String.join("；", notes);
  }

  /** A zone's name without the common suffix, for chart labels. */
  static String shortName(ReportData.Zone z) {
    String name = z.text("zone_name");
    return name.endsWith("工业集中区") && name.length() > 5 ? name.substring(0, name.length() - 5) : name;
  }

  /** Each zone's eight indicator scores as one horizontal stacked bar, in final order. */
  static String stackedBars(List<ReportData.Zone> zones, Rules rules) {
    return stackedBars(zones, rules, false);
  }

  /**
   * {@link #stackedBars}, {@code narrow}: drawn for a phone, each zone's name above its bar and the legend
   * in two columns, so that at 390 px the text is still the size of the page's.
   */
  static String stackedBars(List<ReportData.Zone> zones, Rules rules, boolean narrow) {
    List<Indicator> indicators = indicators(rules);
    // The axis spans the largest total the rules allow, in steps of 10 points.
    int maxTotal = indicators.stream().map(Indicator::full).reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.TEN, 0, java.math.RoundingMode.CEILING).intValueExact() * 10;
    int labelWidth = narrow ? 8 : 300;
    int width = narrow ? NARROW_WIDTH : CHART_WIDTH;
    double perPoint = (width - labelWidth - (narrow ? 50.0 : 90.0)) / maxTotal;
    int legendColumns = narrow ? 2 : 4;
    int legendRows = (indicators.size() + legendColumns - 1) / legendColumns;
    int top = 12 + legendRows * 22;
    int rowHeight = narrow ? 42 : 26;
    int barTop = narrow ? 20 : 4;
    int height = top + zones.size() * rowHeight + 34;
    StringBuilder s = new StringBuilder();
    s.append(svgOpen(width, height, "各项指标得分"));
    for (int i = 0; i < indicators.size(); i++) {
      Indicator ind = indicators.get(i);
      int x = labelWidth + (i % legendColumns) * (narrow ? 196 : 190);
      int y = 8 + (i / legendColumns) * 22;
      s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"14\" height=\"14\" fill=\"")
          .append(ind.colour()).append("\"/><text x=\"").append(x + 20).append("\" y=\"").append(y + 12)
          .append("\" font-size=\"13\">").append(ind.name()).append("（").append(ind.full().stripTrailingZeros().toPlainString())
          .append("分）</text>\n");
    }
    int axisY = top + zones.size() * rowHeight;
    for (int p = 0; p <= maxTotal; p += 10) {
      String x = fmt(labelWidth + p * perPoint);
      s.append("<line x1=\"").append(x).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(x)
          .append("\" y2=\"").append(axisY).append("\" stroke=\"#ddd\"/>")
          .append("<text x=\"").append(x).append("\" y=\"").append(axisY + 16)
          .append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">").append(p).append("</text>\n");
    }
    s.append("<text x=\"").append(fmt(labelWidth + maxTotal / 2.0 * perPoint)).append("\" y=\"").append(axisY + 31)
        .append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">得分（分）</text>\n");
    int row = 0;
    for (ReportData.Zone z : zones) {
      int y = top + row * rowHeight;
      StringBuilder label = new StringBuilder().append(z.finalRank()).append("  ").append(shortName(z));
      if (Boolean.TRUE.equals(z.get("vetoed"))) {
        label.append("（否决）");
      } else if (z.get("award_prize") != null) {
        label.append("（").append(ReportColumns.prize(((Number) z.get("award_prize")).intValue())).append("）");
      }
      s.append(narrow ? "<text x=\"" + labelWidth + "\" y=\"" + (y + 15) + "\" font-size=\"14\">"
          : "<text x=\"" + (labelWidth - 8) + "\" y=\"" + (y + 17) + "\" font-size=\"13\" text-anchor=\"end\">")
          .append(esc(label.toString())).append("</text>\n");
      double x = labelWidth;
      for (Indicator ind : indicators) {
        BigDecimal score = (BigDecimal) z.get(ind.column());
        double w = score.doubleValue() * perPoint;
        if (w > 0) {
          s.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + barTop).append("\" width=\"")
              .append(fmt(w)).append("\" height=\"18\" fill=\"").append(ind.colour()).append("\"><title>")
              .append(esc(z.zoneId() + " " + ind.name() + " " + score.toPlainString())).append("</title></rect>");
        }
        x += w;
      }
      s.append("<text x=\"").append(fmt(x + 6)).append("\" y=\"").append(y + barTop + 13).append("\" font-size=\"13\">")
          .append(((BigDecimal) z.get("total_score")).toPlainString()).append("</text>\n");
      row++;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  /** Tax per mu (y) against sales per mu (x), in 万元/亩, one labelled point per zone with land. */
  static String scatter(List<ReportData.Zone> zones) {
    return scatter(zones, false);
  }

  /** {@link #scatter}, {@code narrow}: drawn for a phone, where its text is then about the page's size. */
  static String scatter(List<ReportData.Zone> zones, boolean narrow) {
    int width = narrow ? NARROW_WIDTH : CHART_WIDTH;
    int height = narrow ? 420 : 540;
    int left = narrow ? 58 : 80;
    int right = narrow ? 12 : 40;
    // The legend has a row of its own above the plot, where it can cover no point.
    int top = 44;
    int bottom = 62;
    List<ReportData.Zone> plotted = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    double maxX = 0;
    double maxY = 0;
    for (ReportData.Zone z : zones) {
      if (z.get("sales_per_mu") == null || z.get("tax_per_mu") == null) {
        missing.add(z.zoneId() + " " + shortName(z));
        continue;
      }
      plotted.add(z);
      maxX = Math.max(maxX, wanPerMu(z, "sales_per_mu"));
      maxY = Math.max(maxY, wanPerMu(z, "tax_per_mu"));
    }
    double minX = 0;
    double minY = 0;
    for (ReportData.Zone z : plotted) {
      minX = Math.min(minX, wanPerMu(z, "sales_per_mu"));
      minY = Math.min(minY, wanPerMu(z, "tax_per_mu"));
    }
    double stepX = niceStep(maxX - minX);
    double stepY = niceStep(maxY - minY);
    double x0 = Math.floor(minX / stepX) * stepX;
    double y0 = Math.floor(minY / stepY) * stepY;
    double x1 = Math.max(Math.ceil(maxX / stepX) * stepX, x0 + stepX);
    double y1 = Math.max(Math.ceil(maxY / stepY) * stepY, y0 + stepY);
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    StringBuilder s = new StringBuilder();
    s.append(svgOpen(width, height, "亩均税收与亩均开票销售"));
    for (double v = x0; v <= x1 + stepX / 1e6; v += stepX) {
      String x = fmt(left + (v - x0) / (x1 - x0) * plotW);
      s.append("<line x1=\"").append(x).append("\" y1=\"").append(top).append("\" x2=\"").append(x).append("\" y2=\"")
          .append(top + (int) plotH).append("\" stroke=\"#e3e3e3\"/><text x=\"").append(x).append("\" y=\"")
          .append(fmt(top + plotH + 18)).append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">")
          .append(tick(v, stepX)).append("</text>\n");
    }
    for (double v = y0; v <= y1 + stepY / 1e6; v += stepY) {
      String y = fmt(top + plotH - (v - y0) / (y1 - y0) * plotH);
      s.append("<line x1=\"").append(left).append("\" y1=\"").append(y).append("\" x2=\"").append(left + (int) plotW)
          .append("\" y2=\"").append(y).append("\" stroke=\"#e3e3e3\"/><text x=\"").append(left - 8).append("\" y=\"")
          .append(y).append("\" dy=\"4\" font-size=\"12\" text-anchor=\"end\" fill=\"#555\">").append(tick(v, stepY))
          .append("</text>\n");
    }
    s.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(fmt(plotW))
        .append("\" height=\"").append(fmt(plotH)).append("\" fill=\"none\" stroke=\"#999\"/>\n");
    s.append("<text x=\"").append(fmt(left + plotW / 2)).append("\" y=\"").append(height - 16)
        .append("\" font-size=\"13\" text-anchor=\"middle\">亩均开票销售（万元/亩）</text>\n");
    s.append("<text transform=\"translate(20 ").append(fmt(top + plotH / 2))
        .append(") rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">亩均税收（万元/亩）</text>\n");
    List<double[]> taken = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (ReportData.Zone z : plotted) {
      points.add(new double[] {left + (wanPerMu(z, "sales_per_mu") - x0) / (x1 - x0) * plotW,
          top + plotH - (wanPerMu(z, "tax_per_mu") - y0) / (y1 - y0) * plotH});
    }
    for (double[] p : points) {
      taken.add(new double[] {p[0] - 6, p[1] - 6, p[0] + 6, p[1] + 6});
    }
    for (int i = 0; i < plotted.size(); i++) {
      ReportData.Zone z = plotted.get(i);
      String cx = fmt(points.get(i)[0]);
      String cy = fmt(points.get(i)[1]);
      String colour = Boolean.TRUE.equals(z.get("vetoed")) ? "#d62728"
          : z.get("award_prize") != null ? "#e8a317" : "#4e79a7";
      s.append("<circle cx=\"").append(cx).append("\" cy=\"").append(cy).append("\" r=\"6\" fill=\"").append(colour)
          .append("\" fill-opacity=\"0.85\"><title>").append(esc(z.zoneId() + " " + z.text("zone_name")
              + "：亩均税收 " + ReportColumns.text(perMu("tax_per_mu"), z.get("tax_per_mu")) + " 万元/亩，亩均开票销售 "
              + ReportColumns.text(perMu("sales_per_mu"), z.get("sales_per_mu")) + " 万元/亩"))
          .append("</title></circle>");
      Label label = place(shortName(z), points.get(i)[0], points.get(i)[1], taken, left, top, left + plotW, top + plotH);
      s.append("<text x=\"").append(fmt(label.x())).append("\" y=\"").append(fmt(label.y()))
          .append("\" font-size=\"12\" text-anchor=\"").append(label.anchor()).append("\">").append(esc(label.text()))
          .append("</text>\n");
    }
    int lx = left;
    for (String[] legend : new String[][] {{"#e8a317", "获奖"}, {"#4e79a7", "未获奖"}, {"#d62728", "否决"}}) {
      s.append("<circle cx=\"").append(lx + 6).append("\" cy=\"").append(top - 22).append("\" r=\"6\" fill=\"")
          .append(legend[0]).append("\"/><text x=\"").append(lx + 18).append("\" y=\"").append(top - 18)
          .append("\" font-size=\"13\">").append(legend[1]).append("</text>\n");
      lx += narrow ? 76 : 90;
    }
    s.append("</svg>\n");
    if (!missing.isEmpty()) {
      s.append("<p class=\"note\">规上企业无用地、亩均未定义，未绘入图中：").append(esc(String.join("、", missing)))
          .append("</p>\n");
    }
    return s.toString();
  }

  /**
   * An SVG's opening tag: its drawing size as the viewBox only, so the stylesheet scales it to the page
   * (width:100%, the height following the viewBox's proportions).
   */
  static String svgOpen(int width, int height, String label) {
    return "<svg viewBox=\"0 0 " + width + " " + height + "\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" aria-label=\""
        + esc(label) + "\">\n";
  }

  /** Where a point's label goes: baseline position, anchor, and its text. */
  record Label(double x, double y, String anchor, String text) {}

  /**
   * Places a label beside its point where it overlaps no point and no label placed before (right, left,
   * above, below, then further out), keeping inside the plot; if nowhere is free, to the right anyway.
   */
  static Label place(String text, double px, double py, List<double[]> taken, double minX, double minY, double maxX,
      double maxY) {
    double w = XlsxReport.displayWidth(text) * 6.2;
    double h = 13;
    double[][] candidates = {{9, 4, 0}, {-9, 4, 2}, {0, -10, 1}, {0, 17, 1}, {9, -8, 0}, {9, 16, 0}, {-9, -8, 2},
        {-9, 16, 2}, {0, -22, 1}, {0, 29, 1}, {9, -20, 0}, {9, 28, 0}, {-9, -20, 2}, {-9, 28, 2}};
    for (double[] c : candidates) {
      double x = px + c[0];
      double y = py + c[1];
      double x0 = c[2] == 0 ? x : c[2] == 1 ? x - w / 2 : x - w;
      double[] box = {x0, y - h + 2, x0 + w, y + 2};
      if (box[0] < minX || box[2] > maxX || box[1] < minY || box[3] > maxY) {
        continue;
      }
      boolean free = true;
      for (double[] t : taken) {
        if (box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]) {
          free = false;
          break;
        }
      }
      if (free) {
        taken.add(box);
        return new Label(x, y, c[2] == 0 ? "start" : c[2] == 1 ? "middle" : "end", text);
      }
    }
    double x = px + 9;
    boolean fits = x + w <= maxX;
    taken.add(fits ? new double[] {x, py - h + 6, x + w, py + 6} : new double[] {px - 9 - w, py - h + 6, px - 9, py + 6});
    return fits ? new Label(x, py + 4, "start", text) : new Label(px - 9, py + 4, "end", text);
  }

  private static ReportColumns.Column perMu(String column) {
    return new ReportColumns.Column(column, column, ReportColumns.Format.PER_MU_WAN);
  }

  private static double wanPerMu(ReportData.Zone z, String column) {
    return ReportColumns.number(perMu(column), z.get(column)).doubleValue();
  }

  /** A round step (1, 2 or 5 × 10^n) giving about five intervals over a range. */
  static double niceStep(double range) {
    if (!(range > 0)) {
      return 1;
    }
    double raw = range / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static String tick(double value, double step) {
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
    return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(value) < step / 1e6 ? 0.0 : value);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
