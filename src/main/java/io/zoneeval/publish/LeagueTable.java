package io.zoneeval.publish;

import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.ZoneType;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The final order of a year, per zone type, as the bureau reads it: printed after a run. */
public final class LeagueTable {
  private LeagueTable() {}

  /** Pads to a width in terminal columns, where a Chinese character takes two. */
  static String pad(String text, int columns) {
    int width = 0;
    for (int i = 0; i < text.length(); i++) {
      width += Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN
          || (text.charAt(i) >= '\uFF00' && text.charAt(i) <= '\uFFEF') ? 2 : 1;
    }
    return text + " ".repeat(Math.max(0, columns - width));
  }

  /**
   * Prints a committed run's final order of a year, read at the version of gold.zone_results it wrote
   * (with Delta Kernel on this thread: a few dozen rows need no Spark job).
   */
  public static void print(Warehouse warehouse, String runId, long resultsVersion, int year, PrintStream out) {
    out.printf("%n(run %s)%n", runId);
    List<Map<String, Object>> rows = warehouse.rowsOfYear(Tables.ZONE_RESULTS, resultsVersion, year).stream()
        .sorted(Comparator.comparing((Map<String, Object> r) -> (String) r.get("zone_type"))
            .thenComparing(r -> (Integer) r.get("final_rank")))
        .toList();
    for (ZoneType type : ZoneType.values()) {
      out.printf("%n%d年度 %s工业集中区 综合评价排名%n", year, type.chinese());
      out.printf("%s  %s %s %s  %s %s%n", pad("名次", 4), pad("编号", 8), pad("名称", 34), "    总分", pad("奖项", 14),
          "备注");
      for (Map<String, Object> r : rows) {
        if (!type.name().equals(r.get("zone_type"))) {
          continue;
        }
        StringBuilder notes = new StringBuilder();
        if (flag(r, "vetoed")) {
          notes.append("否决 ");
        } else if (!flag(r, "award_eligible")) {
          notes.append("不参加评优 ");
        }
        if (flag(r, "interview")) {
          notes.append("约谈 ");
        }
        if (flag(r, "leadership_adjustment")) {
          notes.append("主要负责人调整 ");
        }
        if (flag(r, "decided_by_tie_break")) {
          notes.append("总分并列 ");
        }
        String prize = r.get("award_prize") == null ? ""
            : ReportColumns.prize((Integer) r.get("award_prize")) + " "
                + ((BigDecimal) r.get("award_amount_wan")).stripTrailingZeros().toPlainString() + "万元";
        out.printf("%4d  %-8s %s %8s  %s %s%n", (Integer) r.get("final_rank"), r.get("zone_id"),
            pad((String) r.get("zone_name"), 34), ((BigDecimal) r.get("total_score")).toPlainString(), pad(prize, 14),
            notes.toString().trim());
      }
    }
    out.flush();
  }

  private static boolean flag(Map<String, Object> row, String column) {
    return Boolean.TRUE.equals(row.get(column));
  }
}
