package io.zoneeval.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Enforced schemas (issue 5, item 5): an impossible gold row or frame, written straight through the
 * warehouse's write path, is refused and the table's version and rows stay as they were. Row rules are
 * Delta CHECK constraints (enforced by Delta at commit); rules over a (year, type) group, which a row
 * CHECK cannot express, are {@link TableDef.GroupCheck}s that {@link Warehouse} verifies on the table
 * the write would leave, before it commits. Bounds come from the rules (full marks, caps, prizes).
 *
 * <p>How the tests were seen to fail without their protection (one run with all of these removed, then
 * restored): {@code scale_range}, {@code total_is_sum}, {@code prize_as_the_rules_give} and {@code
 * prize_only_if_eligible} deleted from {@code Tables.zoneResults}: {@code rowChecks} failed (its first
 * write, scale_range, committed); {@code Warehouse.checkGroups} made a no-op: {@code groupChecks} and
 * {@code anAppendIsJudgedWithTheRowsAlreadyThere} failed (the writes committed); the DROP/ADD of a
 * constraint whose rules-derived expression changed removed from {@code Warehouse.addMissingChecks}:
 * {@code rulesThatTheRowsAlreadyThereBreakAreRefused} failed (no refusal). {@code boundsComeFromTheRules}
 * compares the generated expressions, so a literal bound instead of the rules' fails it by construction.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldConstraintsTest {
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static final TableDef RESULTS = Tables.zoneResults(Rules.defaults());

  /** A valid (year, type) group's row, with the given columns changed. */
  static Row row(Map<String, Object> values) {
    Map<String, Object> v = new HashMap<>();
    v.put("year", 2024);
    v.put("zone_name", "集中区");
    v.put("county", "C1");
    v.put("zone_type", "KEY");
    for (String s : List.of("score_specialty", "score_per_mu")) {
      v.put(s, new BigDecimal("20.00"));
    }
    for (String s : List.of("score_scale", "score_cultivation", "score_talent", "score_investment",
        "score_capacity")) {
      v.put(s, new BigDecimal("10.00"));
    }
    v.put("score_tax", new BigDecimal("9.50"));
    v.put("total_score", new BigDecimal("99.50"));
    v.put("vetoed", false);
    v.put("award_eligible", true);
    v.put("group_size", 3);
    v.put("decided_by_tie_break", false);
    v.put("interview", false);
    v.put("leadership_adjustment", false);
    v.put("prior_year_missing", false);
    v.put("rules_name", "test-rules");
    v.put("rules_sha256", "ab".repeat(32));
    v.put("run_id", "test");
    v.putAll(values);
    List<Object> out = new ArrayList<>();
    for (StructField f : RESULTS.structType().fields()) {
      out.add(v.get(f.name()));
    }
    return RowFactory.create(out.toArray());
  }

  static Map<String, Object> zone(String id, int rank, Integer prize, String amount) {
    Map<String, Object> v = new HashMap<>();
    v.put("zone_id", id);
    v.put("final_rank", rank);
    v.put("award_prize", prize);
    v.put("award_amount_wan", amount == null ? null : new BigDecimal(amount));
    return v;
  }

  static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
    Map<String, Object> v = new HashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      v.put((String) keyValues[i], keyValues[i + 1]);
    }
    return v;
  }

  /** 2024: KEY Z1, Z2, Z3 (1st, 2nd, 2nd prizes; Z3 last, interviewed), OPTIMIZED Z4 alone (1st, interviewed). */
  static List<Map<String, Object>> valid() {
    return List.of(zone("Z1", 1, 1, "600"), zone("Z2", 2, 2, "400"),
        with(zone("Z3", 3, 2, "400"), "interview", true),
        with(zone("Z4", 1, 1, "500"), "zone_type", "OPTIMIZED", "group_size", 1, "interview", true));
  }

  static Dataset<Row> frame(List<Map<String, Object>> rows) {
    // Nullable, so that a null key reaches the table's own NOT NULL check rather than Spark's encoder.
    StructField[] fields = java.util.Arrays.stream(RESULTS.structType().fields())
        .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new);
    return spark.createDataFrame(rows.stream().map(GoldConstraintsTest::row).toList(),
        new org.apache.spark.sql.types.StructType(fields));
  }

  @BeforeAll
  static void aValidYear() throws IOException {
    spark = SparkTestSession.get();
    warehouse = new Warehouse(spark, Files.createTempDirectory("zone-eval-constraints").toString());
    warehouse.ensure(RESULTS);
    warehouse.replaceYears(RESULTS, frame(valid()), List.of(2024));
  }

  /** Refused, and nothing committed: a Delta table at the same version holds the same rows. */
  private static void assertRefused(Runnable write, String check) {
    long version = warehouse.version(RESULTS);
    assertThatThrownBy(write::run).hasMessageContaining(check);
    assertThat(warehouse.version(RESULTS)).isEqualTo(version);
  }

  /** A one-zone group of 2023, valid as it stands: each row test changes one thing in it. */
  private static Map<String, Object> alone() {
    return with(zone("Z1", 1, 1, "600"), "year", 2023, "group_size", 1, "interview", true);
  }

  @Test
  @Order(1)
  void aValidFrameIsWrittenAndEveryKeyIsNotNull() {
    assertThat(warehouse.read(RESULTS).count()).isEqualTo(4);
    for (String key : List.of("year", "zone_id", "zone_type", "final_rank", "group_size", "interview", "run_id")) {
      assertThat(RESULTS.column(key).notNull()).as(key).isTrue();
      assertThat(warehouse.read(RESULTS).schema().apply(key).nullable()).as(key).isFalse();
    }
    for (TableDef t : List.of(Tables.ZONE_METRICS, Tables.zoneScores(Rules.defaults()))) {
      assertThat(t.column("year").notNull()).isTrue();
      assertThat(t.column("zone_id").notNull()).isTrue();
    }
    // A silver row's year comes from its mandatory date: never null.
    assertThat(Tables.silver(RawFile.INVOICES, Rules.defaults()).column("year").notNull()).isTrue();
    assertRefused(() -> warehouse.append(RESULTS, frame(List.of(with(alone(), "zone_id", null)))), "zone_id");
  }

  @Test
  @Order(2)
  void rowChecks() {
    // A score above its full mark, the total still the sum of the eight.
    assertRefused(() -> warehouse.append(RESULTS, frame(List.of(with(alone(), "score_scale", new BigDecimal("10.50"),
        "total_score", new BigDecimal("100.00"))))), "scale_range");
    // A total that is not the sum of the scores.
    assertRefused(() -> warehouse.append(RESULTS, frame(List.of(with(alone(),
        "total_score", new BigDecimal("99.00"))))), "total_is_sum");
    // A prize for a zone that may not receive one.
    assertRefused(() -> warehouse.append(RESULTS, frame(List.of(with(alone(), "award_eligible", false,
        "ineligible_reason", "no county policy")))), "prize_only_if_eligible");
    // A prize of an amount the rules do not give.
    assertRefused(() -> warehouse.append(RESULTS, frame(List.of(with(alone(),
        "award_amount_wan", new BigDecimal("700.00"))))), "prize_as_the_rules_give");
  }

  @Test
  @Order(3)
  void groupChecks() {
    List<Map<String, Object>> rows = new ArrayList<>(valid());
    // Two zones of one group both ranked last and interviewed.
    rows.set(1, with(zone("Z2", 3, 2, "400"), "interview", true));
    assertRefused(() -> warehouse.replaceYears(RESULTS, frame(rows), List.of(2024)),
        "CHECK one_interview_per_group (count_if(interview) = 1 per year, zone_type) would not hold for "
            + "(year=2024, zone_type=KEY); nothing written");
    // Two 1st prizes in one group.
    List<Map<String, Object>> prizes = new ArrayList<>(valid());
    prizes.set(1, zone("Z2", 2, 1, "600"));
    assertRefused(() -> warehouse.replaceYears(RESULTS, frame(prizes), List.of(2024)), "prizes_within_the_rules");
    // The same zone twice in a year.
    List<Map<String, Object>> twice = new ArrayList<>(valid());
    twice.add(zone("Z1", 1, 1, "600"));
    assertRefused(() -> warehouse.replaceYears(RESULTS, frame(twice), List.of(2024)), "one_row_per_zone_year");
  }

  @Test
  @Order(4)
  void anAppendIsJudgedWithTheRowsAlreadyThere() {
    // Valid on its own (a last place, interviewed), but a second interview in the 2024 KEY group.
    assertRefused(() -> warehouse.append(RESULTS, frame(List.of(with(zone("Z5", 4, null, null), "group_size", 4,
        "interview", true)))), "one_interview_per_group");
    // After every refusal of the tests before, the table holds the valid year it was given, and only that.
    assertThat(warehouse.read(RESULTS).orderBy("zone_id").collectAsList()).extracting(r -> r.<String>getAs("zone_id"))
        .containsExactly("Z1", "Z2", "Z3", "Z4");
  }

  @Test
  @Order(5)
  void boundsComeFromTheRules() throws IOException {
    assertThat(RESULTS.checks()).containsEntry("specialty_range", "score_specialty BETWEEN 0 AND 20")
        .containsEntry("total_range", "total_score BETWEEN 0 AND 100");
    Rules fifteen = specialtyFullMark(15);
    assertThat(Tables.zoneResults(fifteen).checks()).containsEntry("specialty_range", "score_specialty BETWEEN 0 AND 15");
    assertThat(Tables.zoneScores(fifteen).checks())
        .containsEntry("rankscore_specialty_share_range", "rankscore_specialty_share BETWEEN 0 AND 15")
        .containsEntry("total_range", "total_score BETWEEN 0 AND 95");
  }

  @Test
  @Order(6)
  void rulesThatTheRowsAlreadyThereBreakAreRefused() throws IOException {
    // Ensuring the same rules again changes nothing.
    long version = warehouse.version(RESULTS);
    new Warehouse(spark, warehouse.root()).ensure(RESULTS);
    assertThat(warehouse.version(RESULTS)).isEqualTo(version);
    // Rules with a specialty full mark of 15: the 2024 rows have 20, so the constraint cannot follow them.
    assertThatThrownBy(() -> new Warehouse(spark, warehouse.root()).ensure(Tables.zoneResults(specialtyFullMark(15))))
        .hasMessageContaining("specialty_range");
    Map<String, String> props = new HashMap<>();
    spark.sql("SHOW TBLPROPERTIES delta.`" + warehouse.location(RESULTS) + "`").collectAsList()
        .forEach(r -> props.put(r.getString(0), r.getString(1)));
    assertThat(props.get("delta.constraints.specialty_range")).isEqualToIgnoringCase("score_specialty BETWEEN 0 AND 20");
  }

  static Rules specialtyFullMark(int full) throws IOException {
    String yaml;
    try (InputStream in = Rules.class.getResourceAsStream(Rules.DEFAULT_RESOURCE)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String changed = yaml.replaceFirst("(specialty:[^\\n]*\\n\\s*full:) 20", "$1 " + full);
    assertThat(changed).isNotEqualTo(yaml);
    Path file = Files.createTempFile("rules", ".yaml");
    Files.writeString(file, changed);
    return Rules.load(file);
  }
}
