package io.zoneeval.analysis;

import io.zoneeval.rules.ZoneType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The sensitivity's rank intervals as one self-contained HTML page (inline SVG, no script, no file or
 * font from elsewhere): per zone type, the zones in their committed order, a bar from the 5th to the 95th
 * percentile of their rank over the draws, a tick at the median, a dot at the committed rank, and the
 * places that won a prize in the committed result shaded; beside each zone, the share of draws that gave
 * it a prize. The page depends only
 * on the result: the same seed gives the same bytes.
 */
public final class SensitivityChart {
  private static final int LABEL_WIDTH = 170;
  private static final int SHARE_WIDTH = 56;
  private static final int ROW_HEIGHT = 22;
  private static final int AXIS_HEIGHT = 22;

  private SensitivityChart() {}

  public static void write(Sensitivity.Result result, Path file) throws IOException {
    Files.writeString(file, html(result), StandardCharsets.UTF_8);
  }

  public static String html(Sensitivity.Result result) {
    Sensitivity.Settings s = result.settings();
    StringBuilder page = new StringBuilder();
    String title = result.year() + "年度综合评价 排名稳定性 (sensitivity)";
    page.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;")
        .append("margin:1em auto;max-width:60em;padding:0 1em;color:#222}\n")
        .append("svg{max-width:100%;height:auto;display:block}\n")
        .append("p.legend span{display:inline-block;margin-right:1.2em}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n<p>")
        .append(escape(String.format(Locale.ROOT, "每次抽样，每个指标得分乘以 (1 + u)，u 在 [−%s, %s] 内均匀取值"
            + "（同一次抽样中各区相同），按同一规则（否决、并列排序、评优资格、奖项名额）重新排名；共 %,d 次，"
            + "随机种子 %d。基准：运行 %s（规则 %s）。", plain(s.spread()), plain(s.spread()), s.draws(), s.seed(),
            result.run().id(), result.rules().name())))
        .append("<br>").append(escape(String.format(Locale.ROOT, "Each draw multiplies every indicator score by "
            + "(1 + u), u uniform in [−%s, %s] (the same for every zone of the draw), and decides the order and "
            + "prizes again by the same rules; %,d draws, seed %d; base: run %s.", plain(s.spread()),
            plain(s.spread()), s.draws(), s.seed(), result.run().id())))
        .append("</p>\n<p class=\"legend\">")
        .append("<span><svg width=\"14\" height=\"10\" style=\"display:inline\"><rect width=\"14\" height=\"10\" "
            + "fill=\"#f6e7b4\"/></svg> 公示结果获奖名次 places with a prize in the committed result</span>")
        .append("<span><svg width=\"22\" height=\"10\" style=\"display:inline\"><rect y=\"1\" width=\"22\" "
            + "height=\"8\" rx=\"3\" fill=\"#4e79a7\" fill-opacity=\"0.5\"/></svg> 5%–95% 排名区间 rank interval</span>")
        .append("<span><svg width=\"6\" height=\"12\" style=\"display:inline\"><rect x=\"2\" width=\"2\" "
            + "height=\"12\" fill=\"#1f3552\"/></svg> 中位数 median</span>")
        .append("<span><svg width=\"10\" height=\"10\" style=\"display:inline\"><circle cx=\"5\" cy=\"5\" r=\"4\" "
            + "fill=\"#e15759\"/></svg> 公示排名 committed rank</span>")
        .append("<span>获奖 %: 获奖的抽样占比 share of draws with a prize</span></p>\n");
    for (ZoneType type : ZoneType.values()) {
      List<Sensitivity.Interval> zones = result.zones().stream()
          .filter(z -> z.zoneType().equals(type.name())).toList();
      if (!zones.isEmpty()) {
        page.append("<h2>").append(escape(type.chinese())).append("工业集中区 (").append(type.name())
            .append(")</h2>\n").append(svg(zones)).append('\n');
      }
    }
    return page.append("</body>\n</html>\n").toString();
  }

  static String svg(List<Sensitivity.Interval> zones) {
    // The places down to the last prize of the committed result (an ineligible zone above it moves it down).
    int prizePlaces = zones.stream().filter(z -> z.basePrize() != null).mapToInt(Sensitivity.Interval::baseRank)
        .max().orElse(0);
    int n = zones.stream().mapToInt(z -> Math.max(z.baseRank(), z.p95Rank())).max().orElse(1);
    double cell = Math.max(14, Math.min(40, 480.0 / n));
    double plot = n * cell;
    int width = (int) Math.ceil(LABEL_WIDTH + plot + SHARE_WIDTH);
    int height = AXIS_HEIGHT + zones.size() * ROW_HEIGHT + 6;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
        + "width=\"%d\" height=\"%d\" role=\"img\" font-size=\"12\">", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f6e7b4\"/>",
        LABEL_WIDTH, AXIS_HEIGHT - 4, Math.min(prizePlaces, n) * cell, zones.size() * ROW_HEIGHT + 4));
    for (int rank = 1; rank <= n; rank++) {
      double x = x(rank, cell);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>",
          x, AXIS_HEIGHT - 4, x, height - 2));
      if (n <= 20 || rank == 1 || rank % 5 == 0) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%d</text>",
            x, AXIS_HEIGHT - 8, rank));
      }
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">名次 rank</text>",
        LABEL_WIDTH - 6, AXIS_HEIGHT - 8));
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#555\">获奖</text>",
        LABEL_WIDTH + plot + 8, AXIS_HEIGHT - 8));
    for (int i = 0; i < zones.size(); i++) {
      Sensitivity.Interval z = zones.get(i);
      double mid = AXIS_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2.0;
      String label = z.zoneId() + (z.zoneName() == null ? "" : " " + z.zoneName());
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\"%s>%s</text>",
          LABEL_WIDTH - 6, mid + 4, z.boundary() ? " font-weight=\"bold\"" : "", escape(shorten(label, 14))));
      double left = x(z.p5Rank(), cell) - cell * 0.35;
      double right = x(z.p95Rank(), cell) + cell * 0.35;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"8\" rx=\"3\" "
          + "fill=\"#4e79a7\" fill-opacity=\"0.5\"><title>%s</title></rect>", left, mid - 4, right - left,
          escape(z.zoneId() + ": 5%–95% " + z.p5Rank() + "–" + z.p95Rank() + ", median " + z.medianRank()
              + ", committed " + z.baseRank())));
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"2\" height=\"12\" fill=\"#1f3552\"/>",
          x(z.medianRank(), cell) - 1, mid - 6));
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#e15759\"/>",
          x(z.baseRank(), cell), mid));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%s%%</text>",
          LABEL_WIDTH + plot + 8, mid + 4, z.prizeShare().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP)
              .toPlainString()));
    }
    return svg.append("</svg>").toString();
  }

  private static double x(int rank, double cell) {
    return LABEL_WIDTH + (rank - 0.5) * cell;
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }

  private static String shorten(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
