package io.zoneeval.evaluate;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.ingest.IngestStage;
import io.zoneeval.publish.Publications;
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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a year is evaluated from: silver only, the year before's zones and roster (or a refusal naming what
 * is missing), and the year before's result for the previous last place: the published one, not a later
 * correction nobody published; an approved year is evaluated again only when reopened on purpose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(4)
class EvaluateStageIT {
  private static final Rules RULES = Rules.defaults();
  private static final SparkSession SPARK = SparkTestSession.get();
  @TempDir static Path dir;
  private static Warehouse warehouse;
  private static EvaluateStage stage;
  private static IngestStage ingest;
  /** The last run of 2024 (test 3's). */
  private static EvaluateStage.Outcome lastRun;

  /** One group of three zones each year; K3 sells least in 2023 and 2024, K2 least in the 2023 correction. */
  private static RawFixture city(String k2Sales2023) {
    RawFixture f = new RawFixture();
    for (int year : new int[] {2023, 2024}) {
      f.zone(year, "K1", "C1", "重点发展型", "C38").zone(year, "K2", "C1", "重点发展型", "C38")
          .zone(year, "K3", "C1", "重点发展型", "C38").policy(year, "C1", true)
          .enterprise(year, 1, "K1", "C3811", true).enterprise(year, 2, "K2", "C3811", true)
          .enterprise(year, 3, "K3", "C3811", true);
    }
    return f.add(RawFile.INVOICES,
        "A1," + uscc(1) + ",2023-03-01,300.00,0,normal", "A2," + uscc(2) + ",2023-03-01," + k2Sales2023 + ",0,normal",
        "A3," + uscc(3) + ",2023-03-01,100.00,0,normal",
        "B1," + uscc(1) + ",2024-03-01,300.00,0,normal", "B2," + uscc(2) + ",2024-03-01,200.00,0,normal",
        "B3," + uscc(3) + ",2024-03-01,100.00,0,normal");
  }

  @BeforeAll
  static void deliver() {
    warehouse = new Warehouse(SPARK, dir.resolve("warehouse").toString());
    Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()));
    stage = new EvaluateStage(SPARK, warehouse, quiet);
    ingest = new IngestStage(SPARK, warehouse, quiet);
    ingest.ingest(new IngestStage.Request(city("200.00").write(dir.resolve("d1")).toString(), null,
        StandardCharsets.UTF_8, RULES));
  }

  private static EvaluateStage.Request request(Set<Integer> years, boolean allowMissingPrior) {
    return new EvaluateStage.Request(years, RULES, null, "test", allowMissingPrior, null);
  }

  private static Map<String, Row> results(EvaluateStage.Outcome run) {
    Map<String, Row> rows = new TreeMap<>();
    warehouse.read(Tables.ZONE_RESULTS, run.versions().get(Tables.ZONE_RESULTS.qualifiedName())).collectAsList()
        .forEach(r -> rows.put(r.<Integer>getAs("year") + "/" + r.getAs("zone_id"), r));
    return rows;
  }

  @Test
  @Order(1)
  void aYearWithoutItsPriorYearIsRefusedInOneLineUnlessToldToDoWithout() {
    assertThatThrownBy(() -> stage.evaluate(request(Set.of(2023), false)))
        .isInstanceOf(EvaluateStage.Refused.class)
        .hasMessage("2023: silver has no zones or roster of 2022, the year before (growth and new above-size "
            + "firms need them); ingest them, or pass --allow-missing-prior-year");
    assertThat(warehouse.exists(Tables.RUNS)).isFalse();
    EvaluateStage.Outcome run = stage.evaluate(request(Set.of(2023), true));
    Map<String, Row> rows = results(run);
    assertThat(rows.values()).allSatisfy(r -> assertThat(r.<Boolean>getAs("prior_year_missing")).isTrue());
    assertThat(run.notes()).anySatisfy(n -> assertThat(n).startsWith("2023: evaluated without the zones and roster of 2022"));
    // K3 is last of 2023; 2022 has no result, so nobody of 2023 is adjusted.
    assertThat(rows.get("2023/K3").<Boolean>getAs("interview")).isTrue();
    assertThat(rows.get("2023/K3").<Boolean>getAs("leadership_adjustment")).isFalse();
  }

  @Test
  @Order(2)
  void thePreviousLastPlaceComesFromThePublishedResultNotALaterUnpublishedCorrection() {
    String published = CommitLog.read(warehouse).latestRunOf(2023).orElseThrow().id();
    Publications.publish(warehouse, 2023, published);
    // A correction of 2023 (K2 now sells least) is evaluated but not published.
    ingest.ingest(new IngestStage.Request(city("50.00").write(dir.resolve("d2"), EnumSet.of(RawFile.INVOICES))
        .toString(), Set.of(2023), StandardCharsets.UTF_8, RULES));
    EvaluateStage.Outcome correction = stage.evaluate(request(Set.of(2023), true));
    assertThat(results(correction).get("2023/K2").<Boolean>getAs("interview")).isTrue();
    // 2024: K3 last again; 2023's published last place is K3, so K3 is adjusted (not K2, last in the correction).
    EvaluateStage.Outcome run2024 = stage.evaluate(request(Set.of(2024), false));
    Map<String, Row> rows = results(run2024);
    assertThat(rows.get("2024/K3").<Boolean>getAs("interview")).isTrue();
    assertThat(rows.get("2024/K3").<Boolean>getAs("leadership_adjustment")).isTrue();
    assertThat(CommitLog.read(warehouse).run(run2024.runId()).orElseThrow().priorResults())
        .containsEntry(2024, published + " (published)");
  }

  @Test
  @Order(3)
  void anApprovedYearIsEvaluatedAgainOnlyWhenReopenedOnPurposeAndTheLogSaysWhy() {
    String run2024 = CommitLog.read(warehouse).latestRunOf(2024).orElseThrow().id();
    Publications.publish(warehouse, 2024, run2024);
    Publications.approve(warehouse, 2024);
    assertThatThrownBy(() -> stage.evaluate(request(Set.of(2024), false)))
        .isInstanceOf(EvaluateStage.Refused.class)
        .hasMessage("2024: approved (run " + run2024 + "); the result is final: evaluating it again needs --reopen \"REASON\"");
    EvaluateStage.Outcome reopened = stage.evaluate(new EvaluateStage.Request(Set.of(2024), RULES, null, "test", false,
        "objection of zone K3 upheld"));
    lastRun = reopened;
    CommitLog log = CommitLog.read(warehouse);
    CommitLog.Publication last = log.publications().get(log.publications().size() - 1);
    assertThat(last.state()).isEqualTo(CommitLog.Publication.REOPENED);
    assertThat(last.runId()).isEqualTo(reopened.runId());
    assertThat(last.reason()).isEqualTo("objection of zone K3 upheld");
    assertThat(log.state(2024).approved()).isFalse();
    assertThat(log.latestRunOf(2024).orElseThrow().id()).isEqualTo(reopened.runId());
  }

  /** The gold rows of 2024 of a run (zone metrics and results), without the run, as text. */
  private static List<String> gold2024(EvaluateStage.Outcome run) {
    List<String> rows = new java.util.ArrayList<>();
    for (var table : List.of(Tables.ZONE_METRICS, Tables.ZONE_RESULTS)) {
      warehouse.readYears(table, y -> y == 2024, run.versions().get(table.qualifiedName())).drop("run_id")
          .collectAsList().forEach(r -> rows.add(table.name() + " " + r));
    }
    rows.sort(String::compareTo);
    return rows;
  }

  /** Any year recomputed from the raw records: silver rebuilt from bronze, then evaluated, gives the same gold. */
  @Test
  @Order(4)
  void aYearEvaluatedAgainAfterSilverIsRebuiltFromBronzeHasTheSameGold() {
    List<String> before = gold2024(lastRun);
    assertThat(before).hasSize(6);
    ingest.rebuild(RULES);
    assertThat(gold2024(stage.evaluate(request(Set.of(2024), false)))).isEqualTo(before);
  }
}
