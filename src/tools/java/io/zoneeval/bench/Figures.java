package io.zoneeval.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * One zone-year's five figures of gold.zone_metrics that the benchmark compares with the rule-applying
 * DuckDB query: money in fen, per-mu figures in yuan per mu at scale 18 (null when the zone holds no land).
 * Zone-years are keyed "year zone_id" everywhere in the benchmark.
 */
public record Figures(long salesFen, long taxFen, long specialtySalesFen, BigDecimal taxPerMu, BigDecimal salesPerMu) {

  public String describe() {
    return String.format(Locale.ROOT, "sales %d fen, tax %d fen, specialty sales %d fen, tax/mu %s, sales/mu %s",
        salesFen, taxFen, specialtySalesFen, plain(taxPerMu), plain(salesPerMu));
  }

  private static String plain(BigDecimal v) {
    return v == null ? "undefined" : v.toPlainString();
  }

  /** The key of a zone-year in every map of figures. */
  public static String key(int year, String zoneId) {
    return year + " " + zoneId;
  }

  /** The year of a key. */
  public static int year(String key) {
    return Integer.parseInt(key.substring(0, key.indexOf(' ')));
  }

  /** Yuan with 2 decimals (as gold stores money) in fen, exactly; a third decimal is an error, not rounded. */
  public static long fen(BigDecimal yuan) {
    return yuan.movePointRight(2).longValueExact();
  }

  /** The differences between zone-eval's figures and DuckDB's, one line each; empty when they agree. */
  public static List<String> differences(Map<String, Figures> zoneEval, Map<String, Figures> duckdb) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(zoneEval.keySet());
    keys.addAll(duckdb.keySet());
    for (String k : keys) {
      Figures a = zoneEval.get(k);
      Figures b = duckdb.get(k);
      if (a == null || b == null || !same(a, b)) {
        out.add(k + ": zone-eval " + (a == null ? "no row" : a.describe()) + " | DuckDB "
            + (b == null ? "no row" : b.describe()));
      }
    }
    return out;
  }

  /** Equal to the fen, and the per-mu ratios equal as numbers (1.5 = 1.500). */
  static boolean same(Figures a, Figures b) {
    return a.salesFen() == b.salesFen() && a.taxFen() == b.taxFen() && a.specialtySalesFen() == b.specialtySalesFen()
        && sameNumber(a.taxPerMu(), b.taxPerMu()) && sameNumber(a.salesPerMu(), b.salesPerMu());
  }

  private static boolean sameNumber(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
