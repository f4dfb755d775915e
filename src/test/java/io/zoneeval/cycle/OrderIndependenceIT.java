package io.zoneeval.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.catalog.RawFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Departments deliver when they are ready: one year's files delivered one by one, in an order where every
 * file that is judged against another arrives before it (the tax entries and the invoices before their
 * roster, the roster before its zones), and a roster corrected (an enterprise left out, then put back),
 * give the gold and the rejects of the same records delivered in one folder.
 *
 * <p>How it was checked to fail without its protection: with {@code IngestStage.rejudge} returning no
 * re-judgement, test 1 failed at the first zone's tax (every 2024 tax entry stayed refused
 * {@code not_in_roster}), and test 2 at the corrected enterprise's zone (its invoices stayed refused).
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
    // 2023 evaluated too: its last places are 2024's previous last places.
    Cli.ok("evaluate", "--input", byYear.get(0).toString(), "--warehouse", warehouse);
  }

  /** The zones whose 2024 gold differs from the one-folder gold (both rows), none when equal. */
  private static java.util.Map<String, String> goldDifferences() {
    java.util.Map<String, String> mine = SamplesWarehouse.goldOf(warehouse, 2024);
    java.util.Map<String, String> oneFolder = SamplesWarehouse.goldOf(samples, 2024);
    assertThat(mine.keySet()).hasSizeGreaterThan(20).isEqualTo(oneFolder.keySet());
    java.util.Map<String, String> differ = new java.util.TreeMap<>();
    mine.forEach((zone, row) -> {
      if (!row.equals(oneFolder.get(zone))) {
        differ.put(zone, row + "\n  one folder: " + oneFolder.get(zone));
      }
    });
    return differ;
  }

  /** A delivery of some of 2024's files, as they are in the one folder. */
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

  /** silver.rejects of 2024 counted by file and reason. */
  private static List<String> rejects2024(String warehouse) {
    return Cli.sql(warehouse, "SELECT source, reason_code, count(*) AS n FROM silver.rejects WHERE year = 2024 "
        + "GROUP BY source, reason_code ORDER BY source, reason_code");
  }

  @Test
  @Order(1)
  void aYearsFilesDeliveredOneByOneBeforeWhatTheyAreJudgedAgainstGiveTheGoldOfOneFolder() {
    deliver2024("tax", RawFile.TAX_PAYMENTS);
    deliver2024("invoices", RawFile.INVOICES);
    deliver2024("roster", RawFile.ENTERPRISES);
    assertThat(Cli.sql(warehouse, "SELECT count(*) FROM silver.enterprises WHERE year = 2024").get(1))
        .as("the roster arrived before its zones: every row refused for now").isEqualTo("0");
    deliver2024("zones", RawFile.ZONES);
    deliver2024("rest", RawFile.COUNTY_POLICIES, RawFile.LAND_PARCELS, RawFile.RECOGNITIONS, RawFile.TALENTS,
        RawFile.PROJECTS, RawFile.STANDARD_FACTORIES, RawFile.LAND_REVITALIZATIONS, RawFile.INCIDENTS);
    Cli.ok("evaluate", "--year", "2024", "--warehouse", warehouse);
    assertThat(goldDifferences()).isEmpty();
    assertThat(rejects2024(warehouse)).isEqualTo(rejects2024(samples));
    // The ingest log says what was judged again, and of which delivery.
    assertThat(Cli.sql(warehouse, "SELECT count(*) FROM silver.ingests LATERAL VIEW explode(files) f AS file "
        + "WHERE file.action = 'rejudged'").get(1)).isNotEqualTo("0");
  }

  @Test
  @Order(2)
  void aRosterCorrectionThatLeavesAnEnterpriseOutAndPutsItBackRejudgesItsRecords() throws IOException {
    String uscc = Cli.sql(samples, "SELECT seller_uscc FROM silver.invoices WHERE year = 2024 GROUP BY seller_uscc "
        + "ORDER BY count(*) DESC, seller_uscc LIMIT 1").get(1);
    Path leftOut = Files.createDirectories(dir.resolve("roster-without"));
    List<String> roster = Files.readAllLines(delivery2024.resolve(RawFile.ENTERPRISES.fileName()), StandardCharsets.UTF_8);
    Files.write(leftOut.resolve(RawFile.ENTERPRISES.fileName()),
        roster.stream().filter(l -> !l.contains(uscc)).toList(), StandardCharsets.UTF_8);
    Cli.ok("ingest", "--input", leftOut.toString(), "--years", "2024", "--warehouse", warehouse);
    String invoicesOf = "FROM silver.%s WHERE year = 2024 AND %s";
    assertThat(Cli.sql(warehouse, "SELECT count(*) " + String.format(invoicesOf, "invoices",
        "seller_uscc = '" + uscc + "'")).get(1)).isEqualTo("0");
    assertThat(Integer.parseInt(Cli.sql(warehouse, "SELECT count(*) " + String.format(invoicesOf, "rejects",
        "source = 'invoices' AND reason_code = 'not_in_roster' AND raw_text LIKE '%" + uscc + "%'")).get(1)))
        .isPositive();

    Cli.ok("ingest", "--input", dir.resolve("roster").toString(), "--years", "2024", "--warehouse", warehouse);
    Cli.ok("evaluate", "--year", "2024", "--warehouse", warehouse);
    assertThat(goldDifferences()).isEmpty();
    assertThat(rejects2024(warehouse)).isEqualTo(rejects2024(samples));
  }
}
