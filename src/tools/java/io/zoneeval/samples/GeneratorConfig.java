package io.zoneeval.samples;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link SampleGenerator} writes: where, from which seed, how much, for which years, in which encoding,
 * and whether deliberately bad rows are mixed in.
 *
 * <p>The same configuration always gives byte-identical files.
 *
 * @param outDir folder that receives the twelve CSV files (created if missing)
 * @param seed seed of every random choice
 * @param enterprises number of distinct enterprises over all years (the yearly roster is a little smaller)
 * @param invoicesPerYear valid VAT invoices written per year (at least twice {@code enterprises})
 * @param firstYear first year of data
 * @param lastYear last year of data (at most 19 years after {@code firstYear})
 * @param charset file encoding; UTF-8 or GBK
 * @param includeBadRows whether the quarantine test rows (a few dozen) are written too
 */
public record GeneratorConfig(
    Path outDir,
    long seed,
    int enterprises,
    int invoicesPerYear,
    int firstYear,
    int lastYear,
    Charset charset,
    boolean includeBadRows) {

  public static final long DEFAULT_SEED = 20240101L;
  public static final int DEFAULT_ENTERPRISES = 3000;
  public static final int DEFAULT_INVOICES_PER_YEAR = 15000;
  public static final int DEFAULT_FIRST_YEAR = 2022;
  public static final int DEFAULT_LAST_YEAR = 2024;
  /** Each of the 28 zones gets a few enterprises before the rest are shared out. */
  public static final int MIN_ENTERPRISES = 300;
  public static final int MAX_ENTERPRISES = 1_000_000;
  /** Valid invoice numbers end in an 8-digit sequence below 90,000,000; the rest is for bad rows. */
  public static final int MAX_INVOICES_PER_YEAR = 50_000_000;

  public GeneratorConfig {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(charset, "charset");
    if (enterprises < MIN_ENTERPRISES || enterprises > MAX_ENTERPRISES) {
      throw new IllegalArgumentException(
          "enterprises must be between " + MIN_ENTERPRISES + " and " + MAX_ENTERPRISES + ": " + enterprises);
    }
    if (invoicesPerYear < 2L * enterprises || invoicesPerYear > MAX_INVOICES_PER_YEAR) {
      throw new IllegalArgumentException(
          "invoicesPerYear must be between twice the enterprises (" + 2L * enterprises + ") and "
              + MAX_INVOICES_PER_YEAR
              + ": " + invoicesPerYear);
    }
    if (firstYear < 2000 || lastYear > 2099 || firstYear > lastYear || lastYear - firstYear > 19) {
      throw new IllegalArgumentException(
          "years must satisfy 2000 <= first <= last <= 2099 and span at most 20 years: " + firstYear + "-"
              + lastYear);
    }
    if (!charset.equals(StandardCharsets.UTF_8) && !charset.name().equalsIgnoreCase("GBK")) {
      throw new IllegalArgumentException("charset must be UTF-8 or GBK: " + charset.name());
    }
  }

  /** The defaults: seed 20240101, 3,000 enterprises, 15,000 invoices a year, 2022-2024, UTF-8, bad rows. */
  public static GeneratorConfig defaults(Path outDir) {
    return new GeneratorConfig(
        outDir, DEFAULT_SEED, DEFAULT_ENTERPRISES, DEFAULT_INVOICES_PER_YEAR, DEFAULT_FIRST_YEAR,
        DEFAULT_LAST_YEAR, StandardCharsets.UTF_8, true);
  }

  public int years() {
    return lastYear - firstYear + 1;
  }

  public GeneratorConfig withOutDir(Path value) {
    return new GeneratorConfig(value, seed, enterprises, invoicesPerYear, firstYear, lastYear, charset, includeBadRows);
  }

  public GeneratorConfig withSeed(long value) {
    return new GeneratorConfig(outDir, value, enterprises, invoicesPerYear, firstYear, lastYear, charset, includeBadRows);
  }

  public GeneratorConfig withEnterprises(int value) {
    return new GeneratorConfig(outDir, seed, value, invoicesPerYear, firstYear, lastYear, charset, includeBadRows);
  }

  public GeneratorConfig withInvoicesPerYear(int value) {
    return new GeneratorConfig(outDir, seed, enterprises, value, firstYear, lastYear, charset, includeBadRows);
  }

  public GeneratorConfig withYears(int first, int last) {
    return new GeneratorConfig(outDir, seed, enterprises, invoicesPerYear, first, last, charset, includeBadRows);
  }

  public GeneratorConfig withCharset(Charset value) {
    return new GeneratorConfig(outDir, seed, enterprises, invoicesPerYear, firstYear, lastYear, value, includeBadRows);
  }

  public GeneratorConfig withIncludeBadRows(boolean value) {
    return new GeneratorConfig(outDir, seed, enterprises, invoicesPerYear, firstYear, lastYear, charset, value);
  }
}
