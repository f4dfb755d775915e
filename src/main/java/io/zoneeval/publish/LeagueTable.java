package io.zoneeval.publish;

import static org.apache.spark.sql.functions.col;

import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.ZoneType;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Row;

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

  /** Prints a committed run's final order of a year, read at the version of gold.zone_results it wrote. */
  public static void print(Warehouse warehouse, String runId, long resultsVersion, int year, PrintStream out) {
    out.printf("%n(run %s)%n", runId);
    List<Row> rows = warehouse.read(Tables.ZONE_RESULTS, resultsVersion)
        .filter(col("year").equalTo(year))
        .orderBy(col("zone_type"), col("final_rank"))
        .select("zone_type", "final_rank", "zone_id", "zone_name", "county", "total_score", "award_prize",
            "award_amount_wan", "vetoed", "award_eligible", "interview", "leadership_adjustment",
            "decided_by_tie_break")
        .collectAsList();
    for (ZoneType type : ZoneType.values()) {
      out.printf("%n%d年度 %s工业集中区 综合评价排名%n", year, type.chinese());
      out.printf("%s  %s %s %s  %s %s%n", pad("名次", 4), pad("编号", 8), pad("名称", 34), "    总分", pad("奖项", 14),
          "备注");
      for (Row r : rows) {
        if (!type.name().equals(r.getString(0))) {
          continue;
        }
        StringBuilder notes = new StringBuilder();
        if (r.getBoolean(8)) {
          notes.append("否决 ");
        } else if (!r.getBoolean(9)) {
          notes.append("不参加评优 ");
        }
        if (r.getBoolean(10)) {
          notes.append("约谈 ");
        }
        if (r.getBoolean(11)) {
          notes.append("主要负责人调整 ");
        }
        if (r.getBoolean(12)) {
          notes.append("总分并列 ");
        }
        String prize = r.isNullAt(6) ? ""
            : ReportColumns.prize(r.getInt(6)) + " " + r.getDecimal(7).stripTrailingZeros().toPlainString() + "万元";
        out.printf("%4d  %-8s %s %8s  %s %s%n", r.getInt(1), r.getString(2), pad(r.getString(3), 34),
            r.getDecimal(5).toPlainString(), pad(prize, 14), notes.toString().trim());
      }
    }
    out.flush();
  }
}
