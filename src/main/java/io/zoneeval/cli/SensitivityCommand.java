package io.zoneeval.cli;

import io.zoneeval.analysis.Refused;
import io.zoneeval.analysis.Sensitivity;
import io.zoneeval.analysis.SensitivityChart;
import io.zoneeval.catalog.Warehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sensitivity", mixinStandardHelpOptions = true,
    description = "How firmly each zone holds its place: in each of N draws every indicator score of a committed "
        + "result is multiplied by (1 + u), u uniform in [-P, P] (one per draw and indicator, the same for every "
        + "zone), and the final order and prizes are decided again by the run's rules. CSV on stdout, one row per "
        + "zone: year,zone_id,zone_type,base_rank,median_rank,p5_rank,p95_rank,prize_share,boundary. Writes nothing "
        + "to the warehouse (no lock: a reader); the same seed gives the same output.")
public final class SensitivityCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, paramLabel = "YYYY", description = "The year.")
  int year;

  @Option(names = "--draws", defaultValue = "1000", paramLabel = "N", description = "Draws. Default: ${DEFAULT-VALUE}.")
  long draws;

  @Option(names = "--spread", defaultValue = "0.2", paramLabel = "P",
      description = "u is uniform in [-P, P], 0 <= P < 1, at most 6 decimals. Default: ${DEFAULT-VALUE}.")
  BigDecimal spread;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the draws. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--run", paramLabel = "RUN_ID",
      description = "The committed run of the year to draw from (default: its published run, else its latest).")
  String run;

  @Option(names = "--out", paramLabel = "FILE.html",
      description = "Also write the rank intervals as a chart: one self-contained HTML page.")
  Path out;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    // Checked before Spark starts: a mistake costs no session.
    Sensitivity.Settings settings = new Sensitivity.Settings(draws, spread, seed);
    if (out != null && !out.getFileName().toString().endsWith(".html")) {
      throw new Refused("--out " + out + ": the chart's name must end in .html");
    }
    SparkSession spark = sparkOptions.reader();
    Warehouse warehouse = sparkOptions.warehouse(spark);
    long started = System.nanoTime();
    Sensitivity.Result result = Sensitivity.compute(spark, warehouse, year, run, settings);
    Sensitivity.print(result.zones(), System.out);
    if (out != null) {
      SensitivityChart.write(result, out);
    }
    System.err.printf(java.util.Locale.ROOT, "[zone-eval] sensitivity %d of run %s: %,d draws, spread %s, seed %d: "
        + "%d zone(s), %d on a prize boundary, in %.1f s%s%n", year, result.run().id(), settings.draws(),
        settings.spread().toPlainString(), settings.seed(), result.zones().size(),
        result.zones().stream().filter(Sensitivity.Interval::boundary).count(), (System.nanoTime() - started) / 1e9,
        out == null ? "" : "; " + out);
    return 0;
  }
}
