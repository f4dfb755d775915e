package io.zoneeval.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.rules.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Departments deliver when they are ready: one year's files delivered one by one, in an order where every
 * file judged against another arrives before it (the tax entries and invoices before their roster, the
 * roster before its zones), and a roster corrected (an enterprise left out, then put back), leave silver
 * and its rejects of that year exactly as the same records delivered in one folder do. An evaluation reads
 * silver only (and the year before's result), so equal silver is equal gold: AnnualCycleIT and
 * SamplesEvaluationIT hold the gold of the one folder to the reference implementation.
 *
 * <p>How it was checked to fail without its protection: with {@code IngestStage.rejudge} returning no
 * re-judgement, test 1 failed at silver.tax_payments (every 2024 entry refused {@code not_in_roster}) and
 * test 2 at silver.invoices (the corrected enterprise's invoices stayed refused).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderIndependenceIT {
  @TempDir static Path dir;
  private static String warehouse;
  private static Path delivery2024;
  private static String samples;

  @BeforeAll
  static void firstTwoYears() {
    List<Path> byYear = SampleDeliveries.split(Path.of("data-samples"), dir.resolve("split"),
        List.of(Set.of(2022, 2023), Set.of(2024)));
    delivery2024 = byYear.get(1);
    warehouse = dir.resolve("warehouse").toString();
    samples = SamplesWarehouse.get().toString();
    Cli.ok("ingest", "--input", byYear.get(0).toString(), "--warehouse", warehouse);
  }

  /** A delivery of some of 2024's files, as the by-year cut has them, ingested for 2024. */
  private static void deliver2024(String name, RawFile... files) {
    Path folder = dir.resolve(name);
    try {
      Files.createDirectories(folder);
      for (RawFile f : files) {
        Files.copy(delivery2024.resolve(f.fileName()), folder.resolve(f.fileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Cli.ok("ingest", "--input", folder.toString(), "--years", "2024", "--warehouse", warehouse);
  }

  /**
   * Every silver table's records of 2024 and the rejects of 2024, as text, without what says which
   * delivery brought them (delivery, file, line, ingest): what an evaluation of 2024 reads.
   */
  private static List<String> silver2024(String warehouse) {
    var spark = SparkTestSession.get();
    List<String> rows = new ArrayList<>();
    List<TableDef> tables = new ArrayList<>(Tables.silverTables(Rules.defaults()));
    tables.add(Tables.REJECTS);
    for (TableDef table : tables) {
      var frame = spark.read().format("delta").load(warehouse + "/" + table.schema() + "/" + table.name())
          .filter("year = 2024");
      for (String lineage : List.of("_delivery_id", "_source_file", "_line", "delivery_id", "source_file", "line",
          "ingest_id", "reason")) {
        frame = frame.drop(lineage);
      }
      for (Row r : frame.collectAsList()) {
        rows.add(table.name() + " " + r);
      }
    }
    rows.sort(String::compareTo);
    return rows;
  }

  @Test
  @Order(1)
  void aYearsFilesDeliveredOneByOneBeforeWhatTheyAreJudgedAgainstGiveTheSilverOfOneFolder() {
    deliver2024("tax-and-invoices", RawFile.TAX_PAYMENTS, RawFile.INVOICES);
    deliver2024("roster", RawFile.ENTERPRISES);
    assertThat(Cli.sql(warehouse, "SELECT count(*) FROM silver.enterprises WHERE year = 2024").get(1))
        .as("the roster arrived before its zones: every row refused for now").isEqualTo("0");
    deliver2024("zones", RawFile.ZONES);
    deliver2024("rest", RawFile.COUNTY_POLICIES, RawFile.LAND_PARCELS, RawFile.RECOGNITIONS, RawFile.TALENTS,
        RawFile.PROJECTS, RawFile.STANDARD_FACTORIES, RawFile.LAND_REVITALIZATIONS, RawFile.INCIDENTS);
    List<String> oneFolder = silver2024(samples);
    assertThat(oneFolder).hasSizeGreaterThan(20_000);
    assertThat(silver2024(warehouse)).isEqualTo(oneFolder);
    // The ingest log says what was judged again.
    assertThat(Cli.sql(warehouse, "SELECT count(*) FROM silver.ingests LATERAL VIEW explode(files) f AS file "
        + "WHERE file.action = 'rejudged'").get(1)).isNotEqualTo("0");
  }

  @Test
  @Order(2)
  void aRosterCorrectionThatLeavesAnEnterpriseOutAndPutsItBackJudgesItsRecordsAgain() throws IOException {
    String uscc = Cli.sql(samples, "SELECT seller_uscc FROM silver.invoices WHERE year = 2024 GROUP BY seller_uscc "
        + "ORDER BY count(*) DESC, seller_uscc LIMIT 1").get(1);
    Path leftOut = Files.createDirectories(dir.resolve("roster-without"));
    List<String> roster = Files.readAllLines(delivery2024.resolve(RawFile.ENTERPRISES.fileName()), StandardCharsets.UTF_8);
    Files.write(leftOut.resolve(RawFile.ENTERPRISES.fileName()), roster.stream().filter(l -> !l.contains(uscc)).toList(),
        StandardCharsets.UTF_8);
    Cli.ok("ingest", "--input", leftOut.toString(), "--years", "2024", "--warehouse", warehouse);
    assertThat(Cli.sql(warehouse, "SELECT count(*) FROM silver.invoices WHERE year = 2024 AND seller_uscc = '" + uscc
        + "'").get(1)).isEqualTo("0");
    assertThat(Integer.parseInt(Cli.sql(warehouse, "SELECT count(*) FROM silver.rejects WHERE year = 2024 AND "
        + "source = 'invoices' AND reason_code = 'not_in_roster' AND raw_text LIKE '%" + uscc + "%'").get(1)))
        .isPositive();
    Cli.ok("ingest", "--input", dir.resolve("roster").toString(), "--years", "2024", "--warehouse", warehouse);
    assertThat(silver2024(warehouse)).isEqualTo(silver2024(samples));
  }
}
