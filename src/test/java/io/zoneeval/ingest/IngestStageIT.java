package io.zoneeval.ingest;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries into one warehouse, in the order the annual cycle brings them: two years at once, then a
 * correction of one file for one year, then the same bytes again, then a file with records of another
 * year and ids already held. Each step is checked against what silver holds afterwards.
 *
 * <p>Checked to fail without its protection: with the ids held in other years left unread
 * ({@code IngestStage.heldInOtherYears} replaced by an empty map), 2023's V1 delivered again in 2024 was
 * accepted and test 2 failed at silver's invoices.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2)
class IngestStageIT {
  private static final Rules RULES = Rules.defaults();
  private static final SparkSession SPARK = SparkTestSession.get();
  @TempDir static Path dir;
  private static Warehouse warehouse;
  private static IngestStage stage;

  /** Two years of a small city; invoice V2 appears twice (the second line is the duplicate). */
  private static RawFixture city() {
    return new RawFixture()
        .zone(2023, "Z1", "C1", "重点发展型", "C38").zone(2024, "Z1", "C1", "重点发展型", "C38")
        .policy(2023, "C1", true).policy(2024, "C1", true)
        .enterprise(2023, 1, "Z1", "C3811", true).enterprise(2024, 1, "Z1", "C3811", true)
        .enterprise(2024, 2, "Z1", "C3811", false)
        .add(RawFile.INVOICES,
            "V1," + uscc(1) + ",2023-03-01,100.00,13.00,normal",       // line 2
            "V2," + uscc(1) + ",2024-03-01,200.00,26.00,normal",       // line 3
            "V2," + uscc(1) + ",2024-04-01,999.00,0.00,normal",        // line 4: duplicate of line 3
            "V3," + uscc(2) + ",2024-05-01,300.00,39.00,normal",       // line 5
            "V4," + uscc(1) + ",2021-05-01,1.00,0.00,normal")          // line 6: outside 2023-2024
        .add(RawFile.TAX_PAYMENTS, "T1," + uscc(1) + ",增值税,2023-04-01,10.00", "T2," + uscc(1) + ",增值税,2024-04-01,20.00")
        .add(RawFile.LAND_PARCELS, "L1," + uscc(1) + ",1000,2020-01-01,");
  }

  @BeforeAll
  static void firstDelivery() {
    warehouse = new Warehouse(SPARK, dir.resolve("warehouse").toString());
    stage = new IngestStage(SPARK, warehouse, new Progress(new PrintStream(OutputStream.nullOutputStream())));
    ingest(city().write(dir.resolve("d1")), null);
  }

  private static IngestStage.Outcome ingest(Path delivery, Set<Integer> years) {
    return stage.ingest(new IngestStage.Request(delivery.toString(), years, StandardCharsets.UTF_8, RULES));
  }

  private static TableDef silver(RawFile file) {
    return Tables.silver(file, RULES);
  }

  /** "year:id" of silver's invoices, sorted. */
  private static List<String> invoices() {
    return warehouse.readYears(silver(RawFile.INVOICES), y -> true).collectAsList().stream()
        .map(r -> r.<Integer>getAs("year") + ":" + r.getAs("invoice_id") + "=" + r.getAs("amount"))
        .sorted().toList();
  }

  /** silver.rejects of a source, by delivery folder and line ("d1:4"). */
  private static Map<String, String> rejects(String source) {
    return warehouse.read(Tables.REJECTS).filter("source = '" + source + "'").collectAsList().stream()
        .collect(Collectors.toMap(r -> Path.of(r.<String>getAs("source_file").replaceFirst("^file:", "")).getParent()
            .getFileName() + ":" + r.getAs("line"), r -> r.getAs("reason_code") + ": " + r.getAs("reason"),
            (a, b) -> a + " | " + b, TreeMap::new));
  }

  @Test
  @Order(1)
  void aDeliveryOfTwoYearsFilesEachRecordUnderItsYearAndQuarantinesTheRest() {
    assertThat(invoices()).containsExactly("2023:V1=100.00", "2024:V2=200.00", "2024:V3=300.00");
    Map<String, String> refused = rejects("invoices");
    assertThat(refused).hasSize(2);
    assertThat(refused.get("d1:4")).startsWith("duplicate_id: duplicate invoice_id: V2 already appears at line 3");
    assertThat(refused.get("d1:6")).isEqualTo("outside_delivery_years: the record is of 2021, outside the years this "
        + "delivery covers (2023-2024)");
    // A land register serves every year its delivery covers.
    assertThat(warehouse.read(silver(RawFile.LAND_PARCELS)).select("year").collectAsList())
        .extracting(r -> r.getInt(0)).containsExactlyInAnyOrder(2023, 2024);
    // Every record is accepted or refused: read = accepted + rejected, and the log says so.
    CommitLog.DeliveredFile inv = CommitLog.read(warehouse).ingests().get(0).files().stream()
        .filter(f -> f.source().equals("invoices.csv")).findFirst().orElseThrow();
    assertThat(inv.read()).isEqualTo(5);
    assertThat(inv.accepted()).isEqualTo(3);
    assertThat(inv.rejected()).isEqualTo(2);
  }

  @Test
  @Order(2)
  void laterDeliveriesReplaceOnlyTheirFilesOfTheirYearsAndTheSameBytesAgainChangeNothing() {
    // A correction of 2024's invoices alone: V3's amount changes, V5 is new.
    RawFixture corrected = new RawFixture().add(RawFile.INVOICES,
        "V2," + uscc(1) + ",2024-03-01,200.00,26.00,normal",
        "V3," + uscc(2) + ",2024-05-01,350.00,45.50,normal",
        "V5," + uscc(1) + ",2024-06-01,50.00,6.50,normal",
        "V1," + uscc(1) + ",2024-07-01,70.00,9.10,normal",             // line 5: V1 is 2023's
        "V6," + uscc(1) + ",2023-07-01,70.00,9.10,normal");            // line 6: 2023 is not delivered
    Map<String, Long> before = versions();
    IngestStage.Outcome outcome = ingest(corrected.write(dir.resolve("d2"), EnumSet.of(RawFile.INVOICES)), Set.of(2024));
    assertThat(outcome.changed()).isTrue();
    assertThat(invoices()).containsExactly("2023:V1=100.00", "2024:V2=200.00", "2024:V3=350.00", "2024:V5=50.00");
    Map<String, String> refused = rejects("invoices");
    assertThat(refused.get("d2:5")).startsWith("duplicate_id: duplicate invoice_id: V1 is held by the accepted record of "
        + "2023 (delivery ");
    assertThat(refused.get("d2:6")).startsWith("outside_delivery_years: the record is of 2023, outside the years this "
        + "delivery covers (2024)");
    // The first delivery's rejects of 2024 (its duplicate) went with its 2024 records; its record outside its
    // years stays with it, as the first delivery still holds 2023.
    assertThat(refused.keySet()).containsExactly("d1:6", "d2:5", "d2:6");
    // Only the invoices and their rejects (and the logs) have new versions.
    Map<String, Long> after = versions();
    for (TableDef t : Tables.ingestTables(RULES)) {
      String name = t.qualifiedName();
      boolean written = name.equals(silver(RawFile.INVOICES).qualifiedName()) || name.equals("silver.rejects")
          || name.equals("silver.ingests") || name.equals("bronze.deliveries");
      assertThat(after.get(name)).as(name).isEqualTo(written ? before.get(name) + 1 : before.get(name));
    }

    // The same bytes again: nothing written at all.
    IngestStage.Outcome again = ingest(dir.resolve("d2"), Set.of(2024));
    assertThat(again.changed()).isFalse();
    assertThat(versions()).isEqualTo(after);
  }

  private static Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    for (TableDef t : Tables.ingestTables(RULES)) {
      versions.put(t.qualifiedName(), warehouse.version(t));
    }
    return versions;
  }

  /**
   * A roster delivered again without an enterprise refuses its records of that year already in silver
   * ({@code not_in_roster}); the roster with it again accepts them again and the refusals go: the records
   * are judged against the roster silver holds whenever either arrives (checked to fail with
   * {@code IngestStage.rejudge} returning no re-judgement: V3 stayed accepted after the first roster).
   */
  @Test
  @Order(3)
  void aRosterCorrectionThatLeavesAnEnterpriseOutAndPutsItBackJudgesItsRecordsAgain() {
    ingest(new RawFixture().enterprise(2024, 1, "Z1", "C3811", true)
        .write(dir.resolve("roster-without"), EnumSet.of(RawFile.ENTERPRISES)), Set.of(2024));
    assertThat(invoices()).containsExactly("2023:V1=100.00", "2024:V2=200.00", "2024:V5=50.00");
    assertThat(rejects("invoices").get("d2:3")).startsWith("not_in_roster: ").contains(uscc(2));
    CommitLog.Ingest judged = CommitLog.read(warehouse).lastIngest().orElseThrow();
    assertThat(judged.files()).anySatisfy(f -> {
      assertThat(f.source()).isEqualTo("invoices.csv");
      assertThat(f.action()).isEqualTo("rejudged");
      assertThat(f.accepted()).as("V2, V5").isEqualTo(2);
      assertThat(f.rejected()).as("V3 now, and V1 of 2023").isEqualTo(2);
    });

    ingest(new RawFixture().enterprise(2024, 1, "Z1", "C3811", true).enterprise(2024, 2, "Z1", "C3811", false)
        .write(dir.resolve("roster-again"), EnumSet.of(RawFile.ENTERPRISES)), Set.of(2024));
    assertThat(invoices()).containsExactly("2023:V1=100.00", "2024:V2=200.00", "2024:V3=350.00", "2024:V5=50.00");
    assertThat(rejects("invoices").keySet()).containsExactly("d1:6", "d2:5", "d2:6");
  }

  /** Every silver table and silver.rejects as text, without the ingest that wrote each row. */
  private static List<String> silverRows() {
    List<TableDef> tables = new java.util.ArrayList<>(Tables.silverTables(RULES));
    tables.add(Tables.REJECTS);
    List<String> rows = new java.util.ArrayList<>();
    for (TableDef t : tables) {
      // Silver's tables as the evaluation reads them (Kernel's file list, Parquet: no Delta scan job);
      // silver.rejects, partitioned by source, through Delta.
      var frame = t == Tables.REJECTS ? warehouse.read(t) : warehouse.readYears(t, y -> true);
      for (String column : List.of("_ingest_id", "ingest_id", "_ingested_at", "ingested_at")) {
        frame = frame.drop(column);
      }
      frame.collectAsList().forEach(r -> rows.add(t.name() + " " + r));
    }
    rows.sort(String::compareTo);
    return rows;
  }

  /**
   * Silver rebuilt from bronze is silver as the deliveries left it, re-judgements included: every delivery
   * replayed in the order it arrived (the first, the invoice correction, the roster without enterprise 2,
   * the roster with it again), in one rebuild.
   */
  @Test
  @Order(4)
  void silverRebuiltFromBronzeIsSilverAsTheDeliveriesInTheirOrderLeftIt() {
    List<String> before = silverRows();
    assertThat(before).anyMatch(r -> r.startsWith("rejects ")).anyMatch(r -> r.startsWith("invoices "));
    IngestStage.Outcome rebuilt = stage.rebuild(RULES);
    assertThat(rebuilt.years()).containsExactly(2023, 2024);
    assertThat(silverRows()).isEqualTo(before);
    assertThat(CommitLog.read(warehouse).lastIngest().orElseThrow().replayed()).hasSize(4);
  }

  @Test
  @Order(5)
  void aDeliveryWithoutZonesMustNameItsYears() {
    assertThatThrownBy(() -> ingest(new RawFixture().write(dir.resolve("d3"), EnumSet.of(RawFile.INVOICES)), null))
        .isInstanceOf(Delivery.DeliveryException.class)
        .hasMessageEndingWith("a delivery without zones.csv must name the years it covers (--years 2024 or --years 2022-2024)");
  }
}
