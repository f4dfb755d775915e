package io.zoneeval.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.Rules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command on data-samples, checked: what it says and evaluates, the reconciliation of
 * every file, agreement with the independent reference implementation on every zone-year evaluated and
 * every row of the enterprise tiers, zone tier mix and land candidates, queries by name, and every exported notebook (the same years evaluated again: AnnualCycleIT).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(7)
class SamplesEvaluationIT {
  private static final SparkSession SPARK = SparkTestSession.get();

  private static String warehouse() {
    return SamplesWarehouse.get().toString();
  }

  @Test
  @Order(1)
  void theFirstCommandIngestsEveryYearAndEvaluatesThoseWithTheirPriorYearAndSaysWhyNotTheFirst() {
    String out = SamplesWarehouse.output();
    assertThat(out).contains("not evaluated: 2022: silver has no zones or roster of 2021, the year before");
    assertThat(out).contains("2024年度 重点发展型工业集中区 综合评价排名").contains("2024年度 优化发展型工业集中区 综合评价排名");
    CommitLog log = CommitLog.read(new Warehouse(SPARK, warehouse()));
    assertThat(log.ingests()).hasSize(1);
    assertThat(log.ingests().get(0).years()).containsExactly(2022, 2023, 2024);
    assertThat(log.runs()).hasSize(1);
    assertThat(log.runs().get(0).years()).containsExactly(2023, 2024);
  }

  @Test
  @Order(2)
  void everyRecordIsAcceptedOrRejectedAndTheRejectsTableHoldsTheRejected() {
    CommitLog.Ingest ingest = CommitLog.read(new Warehouse(SPARK, warehouse())).ingests().get(0);
    long rejected = 0;
    for (CommitLog.DeliveredFile f : ingest.files()) {
      assertThat(f.read()).as(f.source()).isEqualTo(f.accepted() + f.rejected());
      rejected += f.rejected();
    }
    // data-samples/README.md lists its deliberate bad rows.
    assertThat(rejected).isPositive();
    List<String> count = Cli.sql(warehouse(), "SELECT count(*) AS n FROM silver.rejects");
    assertThat(count).containsExactly("n", String.valueOf(rejected));
  }

  /** The reference implementation's outputs on data-samples, run once: results, and the three tier tables. */
  private static Map<String, Path> reference;

  private static synchronized Map<String, Path> reference() throws Exception {
    if (reference == null) {
      Path dir = Files.createTempDirectory("reference");
      Map<String, Path> out = new LinkedHashMap<>();
      List<String> command = new ArrayList<>(List.of("python3", "tools/reference/zone_eval_reference.py",
          "--input", "data-samples"));
      for (String option : List.of("out", "tiers", "tier-mix", "land-candidates")) {
        out.put(option, dir.resolve(option + ".csv"));
        command.addAll(List.of("--" + option, out.get(option).toString()));
      }
      // The reference is the project's own oracle: without python3 the comparison cannot run, and the test
      // fails rather than vanishing.
      Process p;
      try {
        p = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (java.io.IOException e) {
        throw new AssertionError("python3 is needed to run the reference implementation (tools/reference): "
            + e.getMessage(), e);
      }
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(log).isZero();
      reference = out;
    }
    return reference;
  }

  /** A reference output's header and its rows of the years evaluated (2022 has no year before it). */
  private static List<String> evaluatedYears(Path csv) throws Exception {
    return Files.readAllLines(csv).stream()
        .filter(line -> line.startsWith("year,") || line.startsWith("2023,") || line.startsWith("2024,")).toList();
  }

  @Test
  @Order(3)
  void resultsEqualTheIndependentReferenceImplementationOnEveryZoneYearEvaluated() throws Exception {
    List<String> ours = Cli.sql(warehouse(),
        "SELECT " + SamplesWarehouse.RESULT_COLUMNS + " FROM gold.zone_results ORDER BY year, zone_id");
    assertThat(ours).hasSizeGreaterThan(50).containsExactlyElementsOf(evaluatedYears(reference().get("out")));
  }

  /**
   * Every row of gold.enterprise_tiers, gold.zone_tier_mix and gold.land_candidates of the years evaluated
   * equals the reference's, value for value (ratios to 18 decimals): the reference tiers 2022 from its own
   * records for 2023's d_two_years, as the evaluation does from silver without evaluating 2022.
   */
  @Test
  @Order(4)
  void enterpriseTiersTierMixAndLandCandidatesEqualTheReferenceImplementationRowForRow() throws Exception {
    String[][] tables = {
      {"tiers", "year, uscc, zone_id, county, above_scale, land_mu, tax, sales, tax_per_mu, sales_per_mu, "
          + "bench_tax_per_mu, bench_sales_per_mu, rated, not_rated_reason, score, county_rank, tier, forced_d",
          "gold.enterprise_tiers", "year, uscc", "2500"},
      {"tier-mix", "year, zone_id, rated, a, b, c, d, not_rated, land_mu_d, share_land_d", "gold.zone_tier_mix",
          "year, zone_id", "50"},
      {"land-candidates", "year, parcel_id, holder_uscc, acquired_date, zone_id, area_mu, reason",
          "gold.land_candidates", "year, parcel_id, holder_uscc, acquired_date, reason", "10"},
    };
    for (String[] t : tables) {
      List<String> ours = Cli.sql(warehouse(), "SELECT " + t[1] + " FROM " + t[2] + " ORDER BY " + t[3]);
      assertThat(ours).as(t[2]).hasSizeGreaterThan(Integer.parseInt(t[4]))
          .containsExactlyElementsOf(evaluatedYears(reference().get(t[0])));
    }
  }

  @Test
  @Order(5)
  void tablesAreQueriedByNameAndCarryTheirRunAndRules() {
    List<String> out = Cli.sql(warehouse(), "SELECT year, zone_id, total_score, rules_name FROM gold.zone_results "
        + "WHERE year = 2024 ORDER BY zone_id LIMIT 2");
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo("year,zone_id,total_score,rules_name");
    assertThat(out.get(1)).matches("2024,YZ01,[0-9]+\\.[0-9]{2}," + Rules.defaults().name());
    assertThat(Cli.sql(warehouse(), "SELECT count(DISTINCT run_id) AS runs FROM gold.zone_results"))
        .containsExactly("runs", "1");
    // Both years in one commit per gold table: each table's version 1, after its creation (version 0).
    CommitLog.Run run = CommitLog.read(new Warehouse(SPARK, warehouse())).runs().get(0);
    assertThat(run.years()).containsExactly(2023, 2024);
    assertThat(run.versions()).hasSize(Tables.goldTables(Rules.defaults()).size() - 2).allSatisfy(
        (table, version) -> assertThat(version).as(table).isEqualTo(1L));
  }

  @Test
  @Order(6)
  void everyNotebookRunsAndEveryQueryThatShouldReturnRowsDoes() throws Exception {
    List<Path> notebooks;
    try (var files = Files.list(Path.of("notebooks-exported"))) {
      notebooks = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(notebooks).hasSizeGreaterThanOrEqualTo(7);
    // All of them in one command, as `bin/zone-eval notebook notebooks-exported/*.sql` runs them.
    List<String> args = new java.util.ArrayList<>(List.of("notebook"));
    notebooks.forEach(n -> args.add(n.toString()));
    args.addAll(List.of("--strict", "--warehouse", warehouse()));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isZero();
    for (Path notebook : notebooks) {
      assertThat(r.out()).contains("== " + notebook);
    }
    assertThat(r.out()).doesNotContain("expected to have rows");
  }
}
