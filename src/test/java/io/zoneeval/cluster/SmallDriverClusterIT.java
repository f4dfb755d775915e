package io.zoneeval.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.bench.Benchmark;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.cycle.SamplesWarehouse;
import io.zoneeval.rules.Rules;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 27's shape of a city's delivery, on the standalone cluster with a 512 MB driver (the least Spark
 * starts a driver with): a delivery of three years, then a re-delivery of the last year's invoices whose
 * every id the year before holds. Both succeed; every invoice of the re-delivery is refused
 * {@code duplicate_id} (the last year then has none) and the years before are left as they were; and the driver's own reads and writes
 * of data are what they are for data-samples, give or take 5 % of the delivered bytes: it reads header lines and
 * commits, while the executors read, check, copy and compare the records. (A driver that read the files
 * itself, as this job's once did, moves every delivered byte twice: read, and written to bronze.) The
 * figures are the driver's own, printed at the end of each command ({@code DriverFootprint}): what it read and
 * wrote through Hadoop's file systems while that command ran. The commands are
 * {@link SamplesWarehouse}'s, on the cluster that evaluates data-samples: sized for CI's ten minutes, the
 * shape is what is checked here, the volume is the benchmark's annual cycle (13M, 40M); the ids hashed first
 * (files of 32 MiB and more) are DuplicatesTest's.
 *
 * <p>The last test class of all, after the unit tests too (they share the integration tests' JVM under
 * {@code -Pcluster}): the thread that takes classes from the end starts the cluster first
 * (junit-platform.properties).
 */
@Order(Integer.MAX_VALUE)
class SmallDriverClusterIT {
  @Test
  void aDeliveryAndAReDeliveryOfHeldIdsPassThroughExecutorsWithASmallDriver() throws Exception {
    SamplesWarehouse.City city = SamplesWarehouse.city();
    String output = SamplesWarehouse.output();
    // The three commands in one application (one spark-submit), each ending with the driver's figures.
    assertThat(output).containsOnlyOnce("submitted run ended with status 0");

    // Every invoice of the re-delivery refused as a duplicate of a held id (2024 has none left); 2022 and
    // 2023 as delivered, their files those the first ingest wrote.
    Warehouse w = new Warehouse(SparkTestSession.get(), city.warehouse().toString());
    var invoices = Tables.silver(RawFile.INVOICES, Rules.defaults());
    assertThat(city.redelivered()).isEqualTo(SamplesWarehouse.CITY_INVOICES_PER_YEAR);
    long refused = w.read(Tables.REJECTS).filter("source = 'invoices' AND year = 2024 AND reason_code = 'duplicate_id'")
        .count();
    assertThat(refused).isEqualTo(city.redelivered());
    long perYear = SamplesWarehouse.CITY_INVOICES_PER_YEAR;
    assertThat(w.readYears(invoices, y -> true).groupBy("year").count().collectAsList().stream()
        .collect(Collectors.toMap((Row r) -> r.getInt(0), (Row r) -> r.getLong(1))))
        .containsExactlyInAnyOrderEntriesOf(Map.of(2022, perYear, 2023, perYear));
    // The files of 2023 at each version, as Delta Kernel lists them (readYears): no Spark job per version.
    List<String> filesOf2023 = List.of(w.readYears(invoices, y -> y == 2023).inputFiles());
    long first = java.util.stream.LongStream.rangeClosed(0, w.version(invoices))
        .filter(v -> w.readYears(invoices, y -> y == 2023, v).inputFiles().length > 0).findFirst().orElseThrow();
    assertThat(List.of(w.readYears(invoices, y -> y == 2023, first).inputFiles()))
        .containsExactlyInAnyOrderElementsOf(filesOf2023);

    // What the driver moves through Hadoop's file systems (Delta logs, header lines) is what it moves for
    // data-samples' run, give or take 5 % of the delivered bytes: a driver that read the records would read
    // them all, and one that copied them to bronze would write them all. (Its process's reads and writes,
    // its jars included, are printed beside.)
    List<long[]> runs = footprints(output);
    assertThat(runs).hasSize(3);
    long[] samples = runs.get(0);
    List<Long> delivered = List.of(Benchmark.csvBytes(city.earlier()), Benchmark.csvBytes(city.colliding()));
    for (int i = 0; i < 2; i++) {
      long[] footprint = runs.get(i + 1);
      long allowed = delivered.get(i) / 20;
      System.err.printf("[SmallDriverClusterIT] driver: heap after collections %,d MiB of %,d; read %,d MiB, wrote %,d MiB;"
          + " through Hadoop read %,d bytes, wrote %,d (data-samples' run: %,d and %,d) for %,d delivered bytes%n",
          footprint[0] >> 20, footprint[1] >> 20, footprint[2] >> 20, footprint[3] >> 20, footprint[4], footprint[5],
          samples[4], samples[5], delivered.get(i));
      assertThat(footprint[4] - samples[4]).as("driver's reads through Hadoop beyond data-samples' run")
          .isLessThanOrEqualTo(allowed);
      assertThat(footprint[5] - samples[5]).as("driver's writes through Hadoop beyond data-samples' run")
          .isLessThanOrEqualTo(allowed);
    }
  }

  /**
   * The driver's figures of every run in an output, in order, in bytes: heap after collections, heap, read,
   * wrote, read through Hadoop, written through Hadoop (to the 0.1 MiB printed).
   */
  static List<long[]> footprints(String output) {
    Matcher m = io.zoneeval.spark.DriverFootprint.LINE.matcher(output);
    List<long[]> all = new java.util.ArrayList<>();
    while (m.find()) {
      long[] figures = new long[6];
      for (int i = 0; i < 6; i++) {
        figures[i] = Math.round(Double.parseDouble(m.group(i + 1).replace(",", "")) * 1048576);
      }
      all.add(figures);
    }
    return all;
  }
}
