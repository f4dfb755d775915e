package io.zoneeval.bench;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The five compared figures of gold.zone_metrics, as {@code bin/zone-eval sql} prints them (CSV with a
 * header, decimals in plain notation, null as an empty field). Read through the command line, as an
 * analyst reads them, and not through the job's classes, which the benchmark does not depend on.
 */
final class GoldFigures {
  static final String QUERY =
      "SELECT year, zone_id, sales, tax, specialty_sales, tax_per_mu, sales_per_mu FROM gold.zone_metrics";

  private GoldFigures() {}

  /** Figures per zone-year from the CSV lines of {@link #QUERY}'s result. */
  static Map<String, Figures> parse(List<String> csv) {
    if (csv.isEmpty()) {
      throw new IllegalArgumentException("no output from the query of gold.zone_metrics");
    }
    List<String> header = Arrays.asList(csv.get(0).trim().split(",", -1));
    int year = column(header, "year");
    int zone = column(header, "zone_id");
    int sales = column(header, "sales");
    int tax = column(header, "tax");
    int specialty = column(header, "specialty_sales");
    int taxPerMu = column(header, "tax_per_mu");
    int salesPerMu = column(header, "sales_per_mu");
    Map<String, Figures> out = new TreeMap<>();
    for (String line : csv.subList(1, csv.size())) {
      if (line.isBlank()) {
        continue;
      }
      // Numbers and zone ids hold no comma or quote, so a plain split reads these lines exactly.
      if (line.indexOf('"') >= 0) {
        throw new IllegalArgumentException("unexpected quoted field in gold.zone_metrics: " + line);
      }
      String[] f = line.split(",", -1);
      if (f.length != header.size()) {
        throw new IllegalArgumentException("expected " + header.size() + " fields: " + line);
      }
      out.put(Figures.key(Integer.parseInt(f[year].trim()), f[zone].trim()), new Figures(
          money(f[sales]), money(f[tax]), money(f[specialty]), number(f[taxPerMu]), number(f[salesPerMu])));
    }
    return out;
  }

  private static int column(List<String> header, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("gold.zone_metrics has no column " + name + ": " + header);
    }
    return i;
  }

  /** Money is never undefined in gold; an empty field is zero only if the table says so, so it is an error. */
  private static long money(String yuan) {
    return Figures.fen(new BigDecimal(yuan.trim()));
  }

  private static BigDecimal number(String text) {
    return text.isBlank() ? null : new BigDecimal(text.trim());
  }
}
