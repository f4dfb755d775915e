package io.zoneeval.cycle;

import io.zoneeval.SparkTestSession;
import io.zoneeval.bench.CollidingDelivery;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.cluster.StandaloneCluster;
import io.zoneeval.rules.Rules;
import io.zoneeval.samples.GeneratorConfig;
import io.zoneeval.samples.SampleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * data-samples evaluated once per test run, the way the README's first command does it (all of it one
 * delivery: 2022 ingested, 2023 and 2024 evaluated), on a Spark standalone cluster
 * (cluster/run-standalone: the cluster jar, two executors in worker JVMs of their own, a driver of 512 MB),
 * into a warehouse that several test classes read: the one evaluation of the samples as one folder that the
 * suite pays for. StandaloneClusterIT checks where it ran; SamplesEvaluationIT holds its gold to the
 * reference implementation, AnnualCycleIT this JVM's own runs of the same records to its gold.
 *
 * <p>The same application (one spark-submit, three commands) then ingests a generated city into a warehouse
 * of its own: 2022-2024 (its zones, roster and invoices), then a re-delivery of 2024's invoices (the tax
 * bureau's file alone) whose every invoice id 2023 holds ({@link City}: what SmallDriverClusterIT checks).
 * One cluster and one application for all three, their JVMs started once: the suite's time.
 */
public final class SamplesWarehouse {
  public static final String RESULT_COLUMNS = "year, zone_id, zone_type, score_scale, score_tax, score_specialty, "
      + "score_per_mu, score_cultivation, score_talent, score_investment, score_capacity, total_score, vetoed, "
      + "award_eligible, final_rank, award_prize, award_amount_wan, interview, leadership_adjustment";
  /** The generated city's invoices a year (its 2024 re-delivered with 2023's ids). */
  public static final int CITY_INVOICES_PER_YEAR = 30_000;

  /**
   * The generated city on the cluster: its two deliveries (2022-2024, and 2024's invoices with every id held
   * by 2023), the invoices re-delivered, and the warehouse both went into.
   */
  public record City(Path earlier, Path colliding, long redelivered, Path warehouse) {}

  private static Path warehouse;
  private static City city;
  private static String output;

  private SamplesWarehouse() {}

  public static synchronized Path get() {
    if (warehouse == null) {
      SparkTestSession.get();
      try {
        Path dir = Files.createTempDirectory("zone-eval-samples");
        Path cityDir = Files.createTempDirectory("zone-eval-city");
        Path generated = cityDir.resolve("generated");
        new SampleGenerator(new GeneratorConfig(generated, 20240101L, 2_000, CITY_INVOICES_PER_YEAR, 2022, 2024,
            StandardCharsets.UTF_8, false)).generate(stat -> { });
        // The files the invoices are judged against and the invoices: the other files would only add Spark
        // jobs (the cluster's time), not another path through the driver.
        Path first = Files.createDirectories(cityDir.resolve("2022-2024"));
        for (String file : List.of("zones.csv", "enterprises.csv", "invoices.csv")) {
          Files.copy(generated.resolve(file), first.resolve(file));
        }
        Path colliding = cityDir.resolve("2024-invoices-held-ids");
        long redelivered = CollidingDelivery.write(first, first, 2024, colliding, false);
        Path cityWarehouse = cityDir.resolve("warehouse");
        StandaloneCluster.Run run = StandaloneCluster.runWithDriver("512m",
            "--input", "data-samples", "--warehouse", dir.toString(), "---",
            "ingest", "--input", first.toString(), "--warehouse", cityWarehouse.toString(), "---",
            "ingest", "--input", colliding.toString(), "--years", "2024", "--warehouse", cityWarehouse.toString());
        if (run.status() != 0) {
          throw new IllegalStateException("cluster/run-standalone (data-samples, then the generated city) failed:\n"
              + StandaloneCluster.tail(run.output()));
        }
        output = run.output();
        city = new City(first, colliding, redelivered, cityWarehouse);
        warehouse = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return warehouse;
  }

  /** What the cluster's run printed (the script's and the drivers' output: data-samples', then the city's). */
  public static synchronized String output() {
    get();
    return output;
  }

  /** The generated city's deliveries and warehouse. */
  public static synchronized City city() {
    get();
    return city;
  }

  /**
   * gold.zone_results, zone_scores and zone_metrics of a year by zone, at the versions the committed runs
   * left, every column as text but the run. Read by path: the session's catalog setting is left alone, so
   * the other integration tests may run meanwhile. The year's files at those versions are listed by Delta
   * Kernel and read as Parquet ({@code readYears}, as the evaluation reads silver): the same rows as Delta's
   * scan (WarehouseReadYearsTest), without its jobs.
   */
  public static Map<String, String> goldOf(String warehouse, int year) {
    Warehouse w = new Warehouse(SparkTestSession.get(), warehouse);
    Map<String, Long> committed = CommitLog.read(w).committedVersions();
    Map<String, String> rows = new TreeMap<>();
    for (var table : List.of(Tables.ZONE_RESULTS, Tables.zoneScores(Rules.defaults()), Tables.ZONE_METRICS)) {
      for (Row r : w.readYears(table, y -> y == year, committed.get(table.qualifiedName())).drop("run_id")
          .collectAsList()) {
        rows.merge(r.getAs("zone_id"), r.toString(), (a, b) -> a + " | " + b);
      }
    }
    return rows;
  }

}
