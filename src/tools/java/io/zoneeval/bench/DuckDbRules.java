package io.zoneeval.bench;

import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule-applying DuckDB query: what a single-machine user who re-implements the rules would write
 * instead of zone-eval, DuckDB SQL over the same raw CSV, for the zone-year figures gold.zone_metrics holds
 * (sales, tax, specialty sales, tax and sales per mu of above-size firms). Its figures must equal
 * zone-eval's exactly; that is the benchmark's check that both did the same work.
 *
 * <p>It applies the rules of the spec that change those five figures: a line with the wrong number of
 * fields or an unclosed quote is dropped (DuckDB's strict reader, skipping what it cannot read), values
 * that do not parse or are out of their domain are dropped, a roster row needs a valid USCC (shape and
 * check character, GB 32100-2015: an invoice, tax entry or parcel of another code then meets no roster),
 * duplicates keep the first row in file order among the rows that pass the other checks, a roster row
 * must name a zone of its year, an invoice or tax entry must be of an enterprise in the roster of its year,
 * a void invoice counts nothing and a red one its negative amount, land is what is held at 31 December.
 * It does not compute the other files or the scores.
 *
 * <p>Money stays exact: amounts are DECIMAL(18,2) turned into BIGINT fen before they are summed, and the
 * per-mu ratios are computed in HUGEINT integer arithmetic as the same single division, rounded half-up
 * to 18 decimals, that {@code ExactMath.perMu} does (DuckDB's own decimal division returns a DOUBLE).
 */
public final class DuckDbRules {
  /** The result: figures per zone-year ({@link Figures#key}), and how long the query took. */
  public record Result(Map<String, Figures> figures, double seconds) {}

  private DuckDbRules() {}

  /** Runs the query over the raw CSV files of {@code input} with {@code threads} threads, spilling to DuckDB's default. */
  public static Result run(Path input, Rules rules, int threads, String memoryLimit) throws SQLException {
    return run(input, rules, new DuckDb.Settings(threads, memoryLimit, null));
  }

  public static Result run(Path input, Rules rules, DuckDb.Settings settings) throws SQLException {
    String sql = sql(input, rules);
    long start = System.nanoTime();
    Map<String, Figures> out = new TreeMap<>();
    try (Connection c = DuckDb.connect(settings);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(Figures.key(rs.getInt("year"), rs.getString("zone_id")), new Figures(rs.getLong("sales_fen"),
            rs.getLong("tax_fen"), rs.getLong("specialty_sales_fen"), scaled(rs.getString("tax_per_mu_e18")),
            scaled(rs.getString("sales_per_mu_e18"))));
      }
    }
    return new Result(out, (System.nanoTime() - start) / 1e9);
  }

  private static BigDecimal scaled(String e18) {
    return e18 == null ? null : new BigDecimal(new BigInteger(e18), 18);
  }

  private static String csv(Path input, String file) {
    // Every column as text, as zone-eval reads it; typing is the query's job, as it is the job's. The
    // strict reader refuses a line with too few or too many fields or an unclosed quote, and
    // ignore_errors drops it: zone-eval rejects such a line as malformed (a lenient reader would pad or
    // cut it and count it).
    return "read_csv(" + DuckDb.path(input, file) + ", header = true, all_varchar = true, quote = '\"', escape = '\"', "
        + "strict_mode = true, ignore_errors = true)";
  }

  /** The SQL of the aggregation (public for the documentation and tests). */
  public static String sql(Path input, Rules rules) {
    BigInteger[] mu = integerFraction(rules.data().muPerM2Numerator(), rules.data().muPerM2Denominator());
    String redAmount = rules.data().redInvoiceAmount() == Rules.RedInvoiceAmount.AS_GIVEN ? "fen" : "-abs(fen)";
    String bool = "lower(trim(%s)) IN ('true','yes','1','是','y','t')";
    String boolAny = "lower(trim(%s)) IN ('true','yes','1','是','y','t','false','no','0','否','n','f')";
    String amount = "TRY_CAST(trim(%1$s) AS DECIMAL(18,2))";
    String plainNumber = "regexp_full_match(trim(%1$s), '[+-]?[0-9]+(\\.[0-9]+)?')";
    String date = "CASE WHEN regexp_full_match(trim(%1$s), '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(trim(%1$s) AS DATE) END";
    // Per mu, exactly: fen × den × 10^6 ÷ (100 × num × area in µm²), scaled by 10^18, rounded half-up.
    String perMu = """
        CASE WHEN land_um2 > 0 THEN
          sign(%1$s) * ((abs(%1$s)::HUGEINT * %2$s * 1000000) // (100 * %3$s * land_um2) * 1000000000000000000
            + ((abs(%1$s)::HUGEINT * %2$s * 1000000) %% (100 * %3$s * land_um2)) * 1000000000000000000 // (100 * %3$s * land_um2)
            + CASE WHEN 2 * (((abs(%1$s)::HUGEINT * %2$s * 1000000) %% (100 * %3$s * land_um2)) * 1000000000000000000
                   %% (100 * %3$s * land_um2)) >= 100 * %3$s * land_um2 THEN 1 ELSE 0 END)
        END""";
    return String.format(Locale.ROOT, """
        WITH
        zones_raw AS (
          SELECT row_number() OVER () AS rn, TRY_CAST(trim(year) AS INTEGER) AS year, trim(zone_id) AS zone_id,
                 trim(zone_type) AS zone_type, coalesce(specialty_industries, '') AS specialty_industries
          FROM %s),
        zones AS (
          SELECT year, zone_id,
                 list_filter(list_transform(string_split(specialty_industries, ';'), p -> upper(trim(p))), p -> p <> '') AS prefixes
          FROM zones_raw
          WHERE year IS NOT NULL AND zone_id <> '' AND zone_type IN ('重点发展型','KEY','key','优化发展型','OPTIMIZED','optimized')
          QUALIFY row_number() OVER (PARTITION BY year, zone_id ORDER BY rn) = 1),
        roster_raw AS (
          SELECT row_number() OVER () AS rn, TRY_CAST(trim(year) AS INTEGER) AS year, upper(trim(uscc)) AS uscc,
                 trim(zone_id) AS zone_id, upper(trim(industry_code)) AS industry, above_scale
          FROM %s),
        roster AS (
          SELECT r.year, r.uscc, r.zone_id, %s AS above,
                 len(list_filter(z.prefixes, p -> starts_with(r.industry, p))) > 0 AS specialty
          FROM roster_raw r JOIN zones z ON z.year = r.year AND z.zone_id = r.zone_id
          WHERE r.year IS NOT NULL AND %s AND r.industry <> '' AND %s
          QUALIFY row_number() OVER (PARTITION BY r.year, r.uscc ORDER BY r.rn) = 1),
        invoices_typed AS (
          SELECT row_number() OVER () AS rn, trim(invoice_id) AS invoice_id, upper(trim(seller_uscc)) AS uscc,
                 %s AS issued, CAST(%s * 100 AS BIGINT) AS fen, lower(trim(status)) AS status,
                 trim(coalesce(tax_amount, '')) = '' OR (%s AND %s IS NOT NULL) AS tax_ok,
                 %s AS amount_ok
          FROM %s),
        invoices AS (
          SELECT year(i.issued) AS year, i.uscc,
                 CASE i.status WHEN 'void' THEN 0 WHEN 'red' THEN %s ELSE fen END AS counted_fen
          FROM invoices_typed i
          SEMI JOIN roster r ON r.year = year(i.issued) AND r.uscc = i.uscc
          WHERE i.invoice_id <> '' AND i.issued IS NOT NULL AND i.fen IS NOT NULL AND i.amount_ok AND i.tax_ok
            AND i.status IN ('normal','red','void')
          QUALIFY row_number() OVER (PARTITION BY i.invoice_id ORDER BY i.rn) = 1),
        sales AS (SELECT year, uscc, sum(counted_fen) AS sales_fen FROM invoices GROUP BY ALL),
        tax_typed AS (
          SELECT row_number() OVER () AS rn, trim(payment_id) AS payment_id, upper(trim(uscc)) AS uscc,
                 %s AS entered, CAST(%s * 100 AS BIGINT) AS fen, %s AS amount_ok
          FROM %s),
        taxes AS (
          SELECT year(t.entered) AS year, t.uscc, t.fen
          FROM tax_typed t
          SEMI JOIN roster r ON r.year = year(t.entered) AND r.uscc = t.uscc
          WHERE t.payment_id <> '' AND t.entered IS NOT NULL AND t.fen IS NOT NULL AND t.amount_ok
          QUALIFY row_number() OVER (PARTITION BY t.payment_id ORDER BY t.rn) = 1),
        tax AS (SELECT year, uscc, sum(fen) AS tax_fen FROM taxes GROUP BY ALL),
        parcels_typed AS (
          SELECT row_number() OVER () AS rn, trim(parcel_id) AS parcel_id, upper(trim(holder_uscc)) AS uscc,
                 CAST(TRY_CAST(trim(area_m2) AS DECIMAL(22,6)) * 1000000 AS HUGEINT) AS area_um2, %s AS area_ok,
                 %s AS acquired, %s AS released, trim(coalesce(released_date, '')) = '' AS open
          FROM %s),
        parcels AS (
          SELECT * FROM parcels_typed
          WHERE parcel_id <> '' AND length(uscc) = 18 AND area_ok AND area_um2 >= 0 AND acquired IS NOT NULL
            AND (open OR released IS NOT NULL) AND (open OR released >= acquired)
          QUALIFY row_number() OVER (PARTITION BY parcel_id, uscc, acquired ORDER BY rn) = 1),
        land AS (
          SELECT r.year, r.uscc, sum(p.area_um2) AS land_um2
          FROM roster r JOIN parcels p ON p.uscc = r.uscc AND p.acquired <= make_date(r.year, 12, 31)
            AND (p.open OR p.released > make_date(r.year, 12, 31))
          GROUP BY ALL),
        enterprise_year AS (
          SELECT r.year, r.zone_id, r.above, r.specialty, coalesce(s.sales_fen, 0) AS sales_fen,
                 coalesce(t.tax_fen, 0) AS tax_fen, coalesce(l.land_um2, 0) AS land_um2
          FROM roster r LEFT JOIN sales s USING (year, uscc) LEFT JOIN tax t USING (year, uscc)
          LEFT JOIN land l USING (year, uscc)),
        metrics AS (
          SELECT z.year, z.zone_id,
                 coalesce(sum(e.sales_fen), 0)::BIGINT AS sales_fen,
                 coalesce(sum(e.tax_fen), 0)::BIGINT AS tax_fen,
                 coalesce(sum(e.sales_fen) FILTER (WHERE e.specialty), 0)::BIGINT AS specialty_sales_fen,
                 coalesce(sum(e.sales_fen) FILTER (WHERE e.above), 0)::BIGINT AS above_sales_fen,
                 coalesce(sum(e.tax_fen) FILTER (WHERE e.above), 0)::BIGINT AS above_tax_fen,
                 coalesce(sum(e.land_um2) FILTER (WHERE e.above), 0)::HUGEINT AS land_um2
          FROM zones z LEFT JOIN enterprise_year e USING (year, zone_id)
          GROUP BY ALL)
        SELECT year, zone_id, sales_fen, tax_fen, specialty_sales_fen,
               (%s)::VARCHAR AS tax_per_mu_e18,
               (%s)::VARCHAR AS sales_per_mu_e18
        FROM metrics ORDER BY year, zone_id
        """,
        csv(input, "zones.csv"),
        csv(input, "enterprises.csv"),
        String.format(Locale.ROOT, bool, "r.above_scale"), validUscc("r.uscc"),
        String.format(Locale.ROOT, boolAny, "r.above_scale"),
        String.format(Locale.ROOT, date, "issue_date"), String.format(Locale.ROOT, amount, "amount"),
        String.format(Locale.ROOT, plainNumber, "tax_amount"), String.format(Locale.ROOT, amount, "tax_amount"),
        String.format(Locale.ROOT, plainNumber, "amount"),
        csv(input, "invoices.csv"),
        redAmount,
        String.format(Locale.ROOT, date, "entry_date"), String.format(Locale.ROOT, amount, "amount"),
        String.format(Locale.ROOT, plainNumber, "amount"),
        csv(input, "tax_payments.csv"),
        String.format(Locale.ROOT, plainNumber, "area_m2"),
        String.format(Locale.ROOT, date, "acquired_date"), String.format(Locale.ROOT, date, "released_date"),
        csv(input, "land_parcels.csv"),
        String.format(Locale.ROOT, perMu, "above_tax_fen", mu[1], mu[0]),
        String.format(Locale.ROOT, perMu, "above_sales_fen", mu[1], mu[0]));
  }

  /**
   * Whether a (trimmed, upper-cased) code is a valid USCC, as {@code ingest.Uscc} judges it: its shape,
   * and its check character = (31 − Σ value × weight of the first 17 mod 31) mod 31 over the alphabet
   * 0-9 A-H J-N P Q R T U W X Y (values 0–30), weights 3^i mod 31.
   */
  static String validUscc(String column) {
    String alphabet = "'0123456789ABCDEFGHJKLMNPQRTUWXY'";
    return String.format(Locale.ROOT, """
        (regexp_full_match(%1$s, '[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}')
          AND (31 - list_sum(list_transform(range(17), i -> (strpos(%2$s, substr(%1$s, i + 1, 1)) - 1)
                 * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i + 1])) %% 31) %% 31
              = strpos(%2$s, substr(%1$s, 18, 1)) - 1)""", column, alphabet);
  }

  /** num/den as a fraction of two integers (the rules give 15 and 10000; decimals are scaled up). */
  static BigInteger[] integerFraction(BigDecimal num, BigDecimal den) {
    int scale = Math.max(0, Math.max(num.scale(), den.scale()));
    return new BigInteger[] {num.movePointRight(scale).toBigIntegerExact(), den.movePointRight(scale).toBigIntegerExact()};
  }
}
