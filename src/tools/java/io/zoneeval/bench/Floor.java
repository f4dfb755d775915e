package io.zoneeval.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.year;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The engine's floor for zone-eval: what any Spark + Delta program that keeps a typed copy of the raw
 * records must do at least, so that zone-eval's time can be stated as a ratio to it, measured side by side
 * on the same machine and data (the definition is {@code shared/bench/floor}; this is the project's own
 * implementation of it).
 *
 * <ol>
 *   <li>a local[*] session with Delta and nothing else: no Hive catalog, no UI, 8 shuffle partitions;</li>
 *   <li>every {@code *.csv} file of the input folder (the twelve raw files) read with Spark's own CSV reader
 *       (header, every column text) and written once as a Delta table named after the file; the invoices
 *       typed first (date, DECIMAL(18,2) amounts, code trimmed and upper-cased) and partitioned by year;</li>
 *   <li>one zone-year aggregation read back from those tables: the roster's sales (invoices not void) per
 *       year and zone, collected to the driver.</li>
 * </ol>
 *
 * <p>Run by the benchmark as its own JVM, with the launcher's JVM options and heap, so that its wall time
 * counts the same JVM and session start as a zone-eval command does. Usage: {@code Floor INPUT_DIR OUT_DIR}.
 * Prints a line per step on stderr in zone-eval's progress format ({@code [floor HH:MM:SS] step  N.N s}) and
 * the aggregation as CSV on stdout ({@code year,zone_id,sales}), so that a test or the benchmark can see the
 * work was done.
 */
public final class Floor {
  /** The tag of the floor's progress lines. */
  public static final String TAG = "floor";

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final SparkSession spark;
  private final PrintStream progress;

  Floor(SparkSession spark, PrintStream progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Floor INPUT_DIR OUT_DIR");
      System.exit(64);
    }
    Path input = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    SparkSession spark = session();
    try {
      List<Row> zoneYears = new Floor(spark, System.err).run(input, out);
      System.out.println("year,zone_id,sales");
      for (Row r : zoneYears) {
        System.out.println(r.get(0) + "," + (r.isNullAt(1) ? "" : r.getString(1)) + ","
            + (r.isNullAt(2) ? "" : r.getDecimal(2).toPlainString()));
      }
      System.out.flush();
    } finally {
      spark.stop();
    }
  }

  /** The floor's session: Delta, and Spark's defaults otherwise (the few settings of the definition). */
  static SparkSession session() {
    return SparkSession.builder().master("local[*]").appName("zone-eval floor")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .getOrCreate();
  }

  /** Writes every CSV file of {@code input} as a Delta table under {@code out}, then aggregates; returns the zone-years. */
  List<Row> run(Path input, Path out) throws IOException {
    for (Path csv : csvFiles(input)) {
      String table = csv.getFileName().toString().replaceFirst("\\.csv$", "");
      step("write " + table, () -> {
        write(csv, out.resolve(table));
        return null;
      });
    }
    List<Row> zoneYears = step("aggregate zone-year sales", () -> aggregate(out));
    // Sorted here rather than in Spark: an ORDER BY would add a sampling job to what is measured.
    List<Row> sorted = new ArrayList<>(zoneYears);
    sorted.sort(Comparator.comparing((Row r) -> r.isNullAt(0) ? Integer.MIN_VALUE : r.getInt(0))
        .thenComparing(r -> r.isNullAt(1) ? "" : r.getString(1)));
    return sorted;
  }

  static List<Path> csvFiles(Path input) throws IOException {
    try (Stream<Path> files = Files.list(input)) {
      List<Path> csv = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
      if (csv.isEmpty()) {
        throw new IllegalArgumentException("no CSV files in " + input);
      }
      return csv;
    }
  }

  private void write(Path csv, Path table) {
    Dataset<Row> raw = spark.read().option("header", "true").csv(csv.toString());
    if (csv.getFileName().toString().equals("invoices.csv")) {
      // The typed copy of the records zone-eval's figures come from. try_ functions: a value that does not
      // parse becomes null instead of failing the job (Spark 4 casts are ANSI).
      Dataset<Row> typed = raw.select(
              col("invoice_id"),
              upper(trim(col("seller_uscc"))).as("uscc"),
              try_to_date(col("issue_date")).as("issue_date"),
              col("amount").try_cast(DataTypes.createDecimalType(18, 2)).as("amount"),
              col("tax_amount").try_cast(DataTypes.createDecimalType(18, 2)).as("tax_amount"),
              col("status"))
          .withColumn("year", year(col("issue_date")));
      typed.write().format("delta").mode("overwrite").partitionBy("year").save(table.toString());
    } else {
      raw.write().format("delta").mode("overwrite").save(table.toString());
    }
  }

  /** Sales per year and zone of the roster: invoices not void summed per enterprise and year, joined to the roster. */
  private List<Row> aggregate(Path out) {
    Dataset<Row> sales = spark.read().format("delta").load(out.resolve("invoices").toString())
        .where(col("status").notEqual("void"))
        .groupBy(col("uscc"), col("year"))
        .agg(sum(col("amount")).as("sales"));
    Dataset<Row> roster = spark.read().format("delta").load(out.resolve("enterprises").toString())
        .select(col("year").try_cast(DataTypes.IntegerType).as("year"), upper(trim(col("uscc"))).as("uscc"),
            col("zone_id"));
    return roster.join(sales, roster.col("uscc").equalTo(sales.col("uscc"))
            .and(roster.col("year").equalTo(sales.col("year"))), "left")
        .groupBy(roster.col("year"), roster.col("zone_id"))
        .agg(sum(col("sales")).as("sales"))
        .collectAsList();
  }

  private <T> T step(String what, Supplier<T> step) {
    long start = System.nanoTime();
    T result = step.get();
    progress.println(String.format(Locale.ROOT, "[%s %s] %-48s %6.1f s", TAG, LocalTime.now().format(CLOCK), what,
        (System.nanoTime() - start) / 1e9));
    progress.flush();
    return result;
  }
}
