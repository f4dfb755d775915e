package io.zoneeval.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analyst's plain DuckDB query: the zone-year sales and tax over the roster, as someone who knows the
 * files would write it in a notebook. The files are RFC 4180 CSV, which the query says (DuckDB's sniffer
 * gives up on a file whose last line has an unclosed quote, as data-samples' roster has); DuckDB's reader
 * detects the columns (the amounts and dates are declared, so that money stays exact and a date is a
 * date), a line it cannot read is skipped, codes are
 * trimmed and upper-cased as the floor does, void invoices are left out. No other rule: no duplicate ids,
 * no valid USCC, no zones of the year, no land. It is the least a single-machine user would run, the
 * DuckDB counterpart of the Spark floor; its figures are not zone-eval's on data with bad rows.
 */
public final class DuckDbPlain {
  /** One zone-year: the roster's sales and tax, in fen (0 when the zone's enterprises have none). */
  public record SalesTax(long salesFen, long taxFen) {}

  /** Zone-years ({@link Figures#key}) and how long the query took. */
  public record Result(Map<String, SalesTax> figures, double seconds) {}

  private DuckDbPlain() {}

  public static Result run(Path input, DuckDb.Settings settings) throws SQLException {
    String sql = sql(input);
    long start = System.nanoTime();
    Map<String, SalesTax> out = new TreeMap<>();
    try (Connection c = DuckDb.connect(settings);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        // A roster row with an empty zone or a year the reader could not type still forms a group, as it
        // would in the analyst's result; it is keyed as it comes.
        out.put(Figures.key(rs.getInt("year"), String.valueOf(rs.getString("zone_id"))),
            new SalesTax(fen(rs.getBigDecimal("sales")), fen(rs.getBigDecimal("tax"))));
      }
    }
    return new Result(out, (System.nanoTime() - start) / 1e9);
  }

  private static long fen(BigDecimal yuan) {
    return yuan == null ? 0 : Figures.fen(yuan);
  }

  /** The query (public for the documentation and tests). */
  public static String sql(Path input) {
    return String.format(Locale.ROOT, """
        WITH
        roster AS (
          SELECT year, upper(trim(uscc)) AS uscc, zone_id
          FROM read_csv(%1$s, %4$s, types = {'year': 'INTEGER'})),
        sales AS (
          SELECT year(issue_date) AS year, upper(trim(seller_uscc)) AS uscc, sum(amount) AS sales
          FROM read_csv(%2$s, %4$s,
                        types = {'issue_date': 'DATE', 'amount': 'DECIMAL(18,2)', 'tax_amount': 'DECIMAL(18,2)'})
          WHERE status <> 'void'
          GROUP BY ALL),
        tax AS (
          SELECT year(entry_date) AS year, upper(trim(uscc)) AS uscc, sum(amount) AS tax
          FROM read_csv(%3$s, %4$s, types = {'entry_date': 'DATE', 'amount': 'DECIMAL(18,2)'})
          GROUP BY ALL)
        SELECT r.year, r.zone_id, sum(s.sales) AS sales, sum(t.tax) AS tax
        FROM roster r LEFT JOIN sales s USING (year, uscc) LEFT JOIN tax t USING (year, uscc)
        GROUP BY ALL
        ORDER BY ALL
        """, DuckDb.path(input, "enterprises.csv"), DuckDb.path(input, "invoices.csv"),
        DuckDb.path(input, "tax_payments.csv"),
        "header = true, delim = ',', quote = '\"', escape = '\"', ignore_errors = true");
  }
}
