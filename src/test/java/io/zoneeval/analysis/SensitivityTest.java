package io.zoneeval.analysis;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.evaluate.ExactMath;
import io.zoneeval.evaluate.RankScore;
import io.zoneeval.evaluate.ZoneMetrics;
import io.zoneeval.rules.Rules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The draws on hand-made committed results, with the arithmetic written out. */
class SensitivityTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final Rules RULES = Rules.defaults();
  private static final String SCORE = "decimal(6,2)";

  /** One zone of a committed result, as {@link Sensitivity#base} gives it (its tie-break key from tax per mu). */
  private record Zone(String id, String type, String[] scores, int baseRank, int incidents, boolean policy,
      String taxPerMu) {}

  private static Zone zone(String id, int baseRank, String... scores) {
    return new Zone(id, "KEY", scores, baseRank, 0, true, "1");
  }

  private static Zone with(Zone z, int incidents, boolean policy, String taxPerMu) {
    return new Zone(z.id(), z.type(), z.scores(), z.baseRank(), incidents, policy, taxPerMu);
  }

  private static Dataset<Row> base(Zone... zones) {
    StructType schema = new StructType().add("year", DataTypes.IntegerType).add("zone_id", DataTypes.StringType)
        .add("zone_name", DataTypes.StringType).add("zone_type", DataTypes.StringType);
    for (String s : RankScore.INDICATOR_SCORES) {
      schema = schema.add(s, DataTypes.createDecimalType(6, 2));
    }
    schema = schema.add("base_rank", DataTypes.IntegerType).add("base_prize", DataTypes.IntegerType)
        .add("vetoing_incidents", DataTypes.IntegerType)
        .add("county_has_policy", DataTypes.BooleanType).add("county_policy_missing", DataTypes.BooleanType)
        .add(ZoneMetrics.rankKey("tax_per_mu"), ExactMath.RANK_KEY);
    List<Row> rows = new ArrayList<>();
    for (Zone z : zones) {
      List<Object> v = new ArrayList<>(List.of(2024, z.id(), "集中区" + z.id(), z.type()));
      for (int i = 0; i < 8; i++) {
        v.add(new BigDecimal(i < z.scores().length ? z.scores()[i] : "0.00").setScale(2));
      }
      v.addAll(Arrays.asList(z.baseRank(), null, z.incidents(), z.policy(), false,
          ExactMath.rankKey(new BigDecimal(z.taxPerMu()))));
      rows.add(RowFactory.create(v.toArray()));
    }
    return SPARK.createDataFrame(rows, schema);
  }

  private static String csv(List<Sensitivity.Interval> zones) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Sensitivity.print(zones, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Five KEY zones. Totals: A 50, B 48 but vetoed, C 45 in a county without policy, D 45, E 30. Final order
   * by the rules: A; D and C tie on 45, D first (tax per mu 9 > 3); E; B last (vetoed) → A 1, D 2, C 3,
   * E 4, B 5. Prizes (KEY: 1st ×1, 2nd ×2, 3rd ×3) to eligible zones in that order: A 1st, D and E 2nd.
   */
  private static final Zone[] FIVE = {
    zone("A", 1, "10", "10", "20", "10"),
    with(zone("B", 5, "10", "10", "18", "10"), 1, true, "20"),
    with(zone("C", 3, "10", "5", "20", "10"), 0, false, "3"),
    with(zone("D", 2, "5", "10", "20", "10"), 0, true, "9"),
    zone("E", 4, "10", "10", "10"),
  };

  @Test
  void withNoSpreadEveryDrawGivesTheCommittedOrderAndPrizes() {
    List<Sensitivity.Interval> zones = Sensitivity.intervals(base(FIVE), RULES,
        new Sensitivity.Settings(7, BigDecimal.ZERO, 1));
    assertThat(zones).extracting(Sensitivity.Interval::zoneId).containsExactly("A", "D", "C", "E", "B");
    assertThat(zones).allSatisfy(z -> {
      assertThat(z.medianRank()).isEqualTo(z.baseRank());
      assertThat(z.p5Rank()).isEqualTo(z.baseRank());
      assertThat(z.p95Rank()).isEqualTo(z.baseRank());
      assertThat(z.boundary()).isFalse();
    });
    assertThat(zones).extracting(z -> z.prizeShare().toPlainString())
        .containsExactly("1.0000", "1.0000", "0.0000", "1.0000", "0.0000");
    assertThat(csv(zones)).isEqualTo("""
        year,zone_id,zone_type,base_rank,median_rank,p5_rank,p95_rank,prize_share,boundary
        2024,A,KEY,1,1,1,1,1.0000,false
        2024,D,KEY,2,2,2,2,1.0000,false
        2024,C,KEY,3,3,3,3,0.0000,false
        2024,E,KEY,4,4,4,4,1.0000,false
        2024,B,KEY,5,5,5,5,0.0000,false
        """);
  }

  @Test
  void theSameSeedGivesTheSameBytes() {
    Sensitivity.Settings settings = new Sensitivity.Settings(300, new BigDecimal("0.2"), 42);
    String first = csv(Sensitivity.intervals(base(FIVE), RULES, settings));
    String again = csv(Sensitivity.intervals(base(FIVE), RULES, settings));
    assertThat(again).isEqualTo(first);
    // The spread moves someone: C and D tie at 45 in the committed result, so draws order them both ways.
    assertThat(first).contains("2024,D,KEY,2,").doesNotContain("2024,D,KEY,2,2,2,2,");
    // Another seed draws other multipliers.
    List<Row> u42 = multipliers(3, settings);
    List<Row> u43 = multipliers(3, new Sensitivity.Settings(300, new BigDecimal("0.2"), 43));
    assertThat(u43).isNotEqualTo(u42);
  }

  /** u of draws 0..n−1 and the eight indicators, as (draw, u0, …, u7). */
  private static List<Row> multipliers(int n, Sensitivity.Settings settings) {
    List<Column> columns = new ArrayList<>(List.of(col("draw")));
    for (int i = 0; i < 8; i++) {
      columns.add(Sensitivity.u(col("draw"), i, settings).as("u" + i));
    }
    return SPARK.range(n).toDF("draw").select(columns.toArray(Column[]::new)).orderBy("draw").collectAsList();
  }

  /** The default rules, KEY with one prize only (600 万元). */
  private static Rules onePrize() {
    String yaml = RulesText.defaults().replace("    - {prize: 2, count: 2, amount_wan: 400}\n"
        + "    - {prize: 3, count: 3, amount_wan: 200}\n", "");
    return Rules.parse(yaml, "one KEY prize");
  }

  @Test
  void aDrawOfTwoZonesWorkedByHand() {
    // X scores only scale (10.00), Y only tax (9.50); KEY has one prize. In draw d, X's total is
    // 10 × (1 + u(d, scale)), Y's 9.5 × (1 + u(d, tax)); the higher is first and wins the prize.
    Rules rules = onePrize();
    Sensitivity.Settings settings = new Sensitivity.Settings(20, new BigDecimal("0.2"), 1);
    Dataset<Row> base = base(zone("X", 1, "10"), zone("Y", 2, "0", "9.5"));
    List<Row> u = multipliers(20, settings);

    // Draw 0, seed 1. Spark's xxhash64(1L, 0L, indicator) mod 2,000,001 − 1,000,000 is k = 599340 for scale
    // and −480521 for tax (worked out apart from Spark, with XXH64 as Spark defines it for a long and an
    // int), so u = k × 0.2 / 10^6: 0.1198680 and −0.0961042.
    Row d0 = u.get(0);
    assertThat(d0.<BigDecimal>getAs("u0").toPlainString()).isEqualTo("0.1198680");
    assertThat(d0.<BigDecimal>getAs("u1").toPlainString()).isEqualTo("-0.0961042");
    // X: 10 × 1.1198680 = 11.198680; Y: 9.5 × 0.9038958 = 8.5870101 (9 × 0.9038958 = 8.1350622, plus half of
    // 0.9038958, 0.4519479). X is first and wins the one prize.
    List<Row> draw0 = Sensitivity.draws(base, rules, settings).filter(col("draw").equalTo(0))
        .orderBy("zone_id").collectAsList();
    assertThat(draw0.get(0).<BigDecimal>getAs("total_score")).isEqualByComparingTo("11.198680");
    assertThat(draw0.get(1).<BigDecimal>getAs("total_score")).isEqualByComparingTo("8.5870101");
    assertThat(draw0).extracting(r -> r.<Integer>getAs("final_rank")).containsExactly(1, 2);
    assertThat(draw0).extracting(r -> r.<Integer>getAs("award_prize")).containsExactly(1, null);

    // Every draw: X's rank, 1 when its total is higher (on equal totals the tie-break: equal tax per mu,
    // then zone id, X first).
    List<Integer> ranks = new ArrayList<>();
    for (Row r : u) {
      BigDecimal x = new BigDecimal("10").multiply(BigDecimal.ONE.add(r.getAs("u0")));
      BigDecimal y = new BigDecimal("9.5").multiply(BigDecimal.ONE.add(r.getAs("u1")));
      assertThat(r.<BigDecimal>getAs("u0").abs()).isLessThanOrEqualTo(new BigDecimal("0.2"));
      ranks.add(x.compareTo(y) >= 0 ? 1 : 2);
    }
    long firsts = ranks.stream().filter(r -> r == 1).count();
    List<Integer> sorted = ranks.stream().sorted().toList();
    // Nearest rank over 20 draws: p5 the ⌈1⌉st smallest, the median the ⌈10⌉th, p95 the ⌈19⌉th.
    List<Sensitivity.Interval> zones = Sensitivity.intervals(base, rules, settings);
    Sensitivity.Interval x = zones.get(0);
    assertThat(x.zoneId()).isEqualTo("X");
    assertThat(List.of(x.p5Rank(), x.medianRank(), x.p95Rank()))
        .containsExactly(sorted.get(0), sorted.get(9), sorted.get(18));
    assertThat(x.prizeDraws()).isEqualTo(firsts);
    assertThat(zones.get(1).prizeDraws()).isEqualTo(20 - firsts);
    assertThat(x.prizeShare()).isEqualByComparingTo(BigDecimal.valueOf(firsts).divide(BigDecimal.valueOf(20)));
    // Worked out apart from Spark as draw 0 above: X is first in 12 of the 20 draws (draws 3, 5, 8, 9, 12, 14,
    // 17 and 19 go to Y), so its ranks sorted are twelve 1s then eight 2s: p5 1, median (10th) 1, p95 (19th) 2,
    // prize share 12/20 = 0.6000; Y's 0.4000. Both are on the boundary.
    assertThat(firsts).isEqualTo(12);
    assertThat(List.of(x.p5Rank(), x.medianRank(), x.p95Rank())).containsExactly(1, 1, 2);
    assertThat(zones).extracting(z -> z.prizeShare().toPlainString()).containsExactly("0.6000", "0.4000");
    assertThat(zones).allMatch(Sensitivity.Interval::boundary);
  }

  @Test
  void aCommittedResultReadFromGoldKeepsItsOrderWithNoSpread() {
    // TiedWarehouse: K1 60.00; K3 and K2 tie on 58.70 and tax per mu puts K3 first (the zone id would not):
    // the draws break the tie from gold's exact per-mu figures as the evaluation did.
    TiedWarehouse.Built built = TiedWarehouse.get();
    Sensitivity.Result result = Sensitivity.compute(SPARK, built.warehouse(), 2024, null,
        new Sensitivity.Settings(3, BigDecimal.ZERO, 1));
    assertThat(result.run().id()).isEqualTo(built.runId());
    assertThat(csv(result.zones())).isEqualTo("""
        year,zone_id,zone_type,base_rank,median_rank,p5_rank,p95_rank,prize_share,boundary
        2024,K1,KEY,1,1,1,1,1.0000,false
        2024,K3,KEY,2,2,2,2,1.0000,false
        2024,K2,KEY,3,3,3,3,1.0000,false
        """);
    assertThat(SensitivityChart.html(result)).contains("<svg", "K3 集中区K3").doesNotContain("<script");
    assertThatThrownBy(() -> Sensitivity.compute(SPARK, built.warehouse(), 2024, "nope",
        new Sensitivity.Settings(3, BigDecimal.ZERO, 1))).isInstanceOf(Refused.class)
        .hasMessage("run nope is not a committed run of 2024 (its committed runs: " + built.runId() + ")");
    assertThatThrownBy(() -> Sensitivity.compute(SPARK, built.warehouse(), 2025, null,
        new Sensitivity.Settings(3, BigDecimal.ZERO, 1))).isInstanceOf(Refused.class)
        .hasMessage("2025: no committed run evaluated 2025 (evaluate it first: evaluate --year 2025)");
  }

  @Test
  void nearestRankIsTheCeilingOfPTimesN() {
    // ⌈0.05 × 1000⌉ = 50, ⌈0.5 × 1001⌉ = ⌈500.5⌉ = 501, ⌈0.95 × 10⌉ = ⌈9.5⌉ = 10, ⌈0.05 × 1⌉ = 1.
    assertThat(Sensitivity.nearestRank(new BigDecimal("0.05"), 1000)).isEqualTo(50);
    assertThat(Sensitivity.nearestRank(new BigDecimal("0.5"), 1001)).isEqualTo(501);
    assertThat(Sensitivity.nearestRank(new BigDecimal("0.95"), 10)).isEqualTo(10);
    assertThat(Sensitivity.nearestRank(new BigDecimal("0.05"), 1)).isEqualTo(1);
  }

  @Test
  void settingsOutsideTheirRangeAreRefusedInOneLine() {
    assertThatThrownBy(() -> new Sensitivity.Settings(0, new BigDecimal("0.2"), 1))
        .isInstanceOf(Refused.class).hasMessage("--draws must be at least 1, not 0");
    assertThatThrownBy(() -> new Sensitivity.Settings(10, new BigDecimal("1"), 1))
        .isInstanceOf(Refused.class).hasMessage("--spread must be in [0, 1), not 1");
    assertThatThrownBy(() -> new Sensitivity.Settings(10, new BigDecimal("-0.1"), 1))
        .isInstanceOf(Refused.class).hasMessage("--spread must be in [0, 1), not -0.1");
    assertThatThrownBy(() -> new Sensitivity.Settings(10, new BigDecimal("0.1234567"), 1))
        .isInstanceOf(Refused.class).hasMessage("--spread 0.1234567 has more than 6 decimals");
    assertThat(new Sensitivity.Settings(10, new BigDecimal("0.200"), 1).spread().toPlainString()).isEqualTo("0.2");
  }
}
