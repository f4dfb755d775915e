package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.rules.Rules;
import io.zoneeval.rules.TestRules;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enterprise per-mu evaluation, the zone tier mix and the land candidates on a hand-made city, one
 * county per rule, the arithmetic written in each test. Land of 2000 m² is 2000 × 15 / 10000 = 3 亩.
 */
class EnterpriseTiersTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final StructType ENTERPRISE_YEAR = new StructType()
      .add("year", DataTypes.IntegerType).add("uscc", DataTypes.StringType).add("zone_id", DataTypes.StringType)
      .add("above_scale", DataTypes.BooleanType).add("sales_fen", DataTypes.LongType)
      .add("tax_fen", DataTypes.LongType).add("land_m2", DataTypes.createDecimalType(24, 4));
  private static final StructType ZONES = new StructType()
      .add("year", DataTypes.IntegerType).add("zone_id", DataTypes.StringType).add("county", DataTypes.StringType);
  private static final StructType PARCELS = new StructType()
      .add("year", DataTypes.IntegerType).add("parcel_id", DataTypes.StringType)
      .add("holder_uscc", DataTypes.StringType).add("area_m2", DataTypes.createDecimalType(24, 6))
      .add("acquired_date", DataTypes.DateType).add("released_date", DataTypes.DateType);

  /** The city: enterprise-year facts, zones and the land register, as silver and EnterpriseYear give them. */
  private static final class City {
    final List<Row> firms = new ArrayList<>();
    final List<Row> zones = new ArrayList<>();
    final List<Row> parcels = new ArrayList<>();

    City zone(int year, String zone, String county) {
      zones.add(RowFactory.create(year, zone, county));
      return this;
    }

    /** A firm-year; amounts in yuan; its land is what the parcels given for the year add up to when held. */
    City firm(int year, String id, String zone, boolean above, long salesYuan, long taxYuan, long landM2) {
      firms.add(RowFactory.create(year, id, zone, above, salesYuan * 100, taxYuan * 100,
          new BigDecimal(landM2).setScale(4)));
      return this;
    }

    /** A firm-year holding one parcel since 2010 (not new on its land). */
    City settled(int year, String id, String zone, boolean above, long salesYuan, long taxYuan, long landM2) {
      parcel(year, "L-" + id, id, landM2, "2010-01-01", null);
      return firm(year, id, zone, above, salesYuan, taxYuan, landM2);
    }

    City parcel(int year, String parcel, String holder, long m2, String acquired, String released) {
      parcels.add(RowFactory.create(year, parcel, holder, new BigDecimal(m2).setScale(6), Date.valueOf(acquired),
          released == null ? null : Date.valueOf(released)));
      return this;
    }

    SilverRecords silver() {
      Map<RawFile, Dataset<Row>> records = new EnumMap<>(RawFile.class);
      records.put(RawFile.ZONES, SPARK.createDataFrame(zones, ZONES));
      records.put(RawFile.LAND_PARCELS, SPARK.createDataFrame(parcels, PARCELS));
      return new SilverRecords(records);
    }

    Dataset<Row> enterpriseYear() {
      return SPARK.createDataFrame(firms, ENTERPRISE_YEAR);
    }
  }

  private static City city;
  private static final Map<String, Row> TIERS = new LinkedHashMap<>();

  @BeforeAll
  static void evaluate() {
    city = new City();
    for (int c = 1; c <= 8; c++) {
      city.zone(2024, "Z" + c, "C" + c);
    }
    city.zone(2023, "Z6", "C6");
    // C1: 20 rated firms, equal land (3 亩), no sales, tax 100 + i yuan (i = 1..20).
    for (int i = 1; i <= 20; i++) {
      city.settled(2024, "A" + i, "Z1", true, 0, 100 + i, 2000);
    }
    // C2: five firms, equal land, tax 300, 300, 200, 100, 100.
    long[] c2 = {300, 300, 200, 100, 100};
    for (int i = 0; i < c2.length; i++) {
      city.settled(2024, "B" + (i + 1), "Z2", true, 100, c2[i], 2000);
    }
    // C3: the cap. E1 tax 900 sales 100, E2 tax 100 sales 300.
    city.settled(2024, "E1", "Z3", true, 100, 900, 2000).settled(2024, "E2", "Z3", true, 300, 100, 2000);
    // C4: Σ tax ≤ 0. F tax -100 sales 300, G tax 30 sales 200, H tax 60 sales 100.
    city.settled(2024, "F", "Z4", true, 300, -100, 2000).settled(2024, "G", "Z4", true, 200, 30, 2000)
        .settled(2024, "H", "Z4", true, 100, 60, 2000);
    // C5: who is rated, and why not.
    city.firm(2024, "N1", "Z5", true, 500, 50, 0)                                    // no land
        .parcel(2024, "P2", "N2", 2000, "2023-01-01", null).firm(2024, "N2", "Z5", true, 500, 50, 2000)
        // relocation: the old parcel released in 2024, the new one acquired in 2024
        .parcel(2024, "P3old", "N3", 5000, "2010-01-01", "2024-03-01")
        .parcel(2024, "P3new", "N3", 3000, "2024-02-01", null).firm(2024, "N3", "Z5", true, 500, 50, 3000)
        .settled(2024, "N4", "Z5", false, 500, 50, 1999)                             // 2.9985 亩 < 3
        .settled(2024, "N5", "Z5", false, 500, 50, 2000)                             // exactly 3 亩
        .parcel(2024, "P6", "N6", 2000, "2022-12-31", null).firm(2024, "N6", "Z5", true, 500, 50, 2000)
        .parcel(2024, "P7", "N7", 1000, "2024-05-01", null).firm(2024, "N7", "Z5", false, 500, 50, 1000)
        .firm(2024, "N8", "Z5", false, 500, 50, 0);
    // C6: the land candidates, 2023 and 2024. D1 pays no tax both years (forced D) and sells nothing in 2024.
    city.parcel(2023, "L1", "D1", 2000, "2010-01-01", null).parcel(2024, "L1", "D1", 2000, "2010-01-01", null)
        .parcel(2023, "L2", "D1", 1000, "2010-01-01", "2024-06-30")
        .parcel(2024, "L2", "D1", 1000, "2010-01-01", "2024-06-30")
        .firm(2023, "D1", "Z6", true, 10, -50, 3000).firm(2024, "D1", "Z6", true, 0, 0, 2000)
        .settled(2023, "K1", "Z6", true, 5000, 1000, 4000).settled(2024, "K1", "Z6", true, 5000, 1000, 4000)
        .settled(2023, "I1", "Z6", false, 100, 10, 1000).settled(2024, "I1", "Z6", false, 0, 10, 1000)
        .parcel(2024, "L5", "NW", 3000, "2024-01-15", null).firm(2024, "NW", "Z6", true, 0, 5, 3000);
    // C7 (zone Z7): no enterprise. C8: rounding half-up, tax 823 and 7177, no sales.
    city.settled(2024, "R1", "Z8", true, 0, 823, 2000).settled(2024, "R2", "Z8", true, 0, 7177, 2000);
    for (Row r : EnterpriseTiers.compute(city.silver(), city.enterpriseYear(), Rules.defaults()).collectAsList()) {
      TIERS.put(r.<Integer>getAs("year") + "/" + r.getAs("uscc"), r);
    }
  }

  private static Row t(String id) {
    return TIERS.get("2024/" + id);
  }

  private static String score(String id) {
    BigDecimal s = t(id).getAs("score");
    return s == null ? null : s.toPlainString();
  }

  @Test
  void cutOffsFallExactlyOnTwentySixtyAndNinetyFivePerCent() {
    // C1: Σ tax = 20 × 100 + 210 = 2210 yuan on 60 亩; bench = 2210 / 60 = 36.83… yuan/亩. Firm i: tax per mu
    // (100 + i) / 3, ratio (100 + i) × 60 / (3 × 2210) = 20 (100 + i) / 2210 < 1.5; score = 60 × ratio =
    // 120 (100 + i) / 221: i = 1 → 12120 / 221 = 54.8416… → 54.84; i = 20 → 14400 / 221 = 65.158… → 65.16.
    // Sales all 0: the sales benchmark is 0, its term scores 0.
    assertThat(score("A1")).isEqualTo("54.84");
    assertThat(score("A20")).isEqualTo("65.16");
    assertThat(t("A1").<BigDecimal>getAs("bench_tax_per_mu").toPlainString()).isEqualTo("36.833333333333333333");
    assertThat(t("A1").<BigDecimal>getAs("bench_sales_per_mu")).isEqualByComparingTo("0");
    assertThat(t("A1").<BigDecimal>getAs("tax_per_mu").toPlainString()).isEqualTo("33.666666666666666667");
    assertThat(t("A1").<String>getAs("county")).isEqualTo("C1");
    // Rank r = 21 − i. n = 20: A when 100 r ≤ 400 (r ≤ 4), B ≤ 1200 (r ≤ 12), C ≤ 1900 (r ≤ 19), else D.
    Map<Integer, String> byRank = new LinkedHashMap<>();
    for (int i = 1; i <= 20; i++) {
      Row r = t("A" + i);
      assertThat(r.<Integer>getAs("county_rank")).isEqualTo(21 - i);
      byRank.put(21 - i, r.getAs("tier"));
    }
    assertThat(byRank.get(4)).isEqualTo("A");
    assertThat(byRank.get(5)).isEqualTo("B");
    assertThat(byRank.get(12)).isEqualTo("B");
    assertThat(byRank.get(13)).isEqualTo("C");
    assertThat(byRank.get(19)).isEqualTo("C");
    assertThat(byRank.get(20)).isEqualTo("D");
  }

  @Test
  void tiesShareARankAcrossACutOff() {
    // C2: tax 300, 300, 200, 100, 100 on equal land → ranks 1, 1, 3, 4, 4. n = 5: A when 100 r ≤ 100,
    // B ≤ 300, C ≤ 475. The second firm is A (rank 1, not 2); the fifth is C (rank 4, not 5: no D).
    assertThat(List.of("B1", "B2", "B3", "B4", "B5")).extracting(id -> t(id).<Integer>getAs("county_rank"))
        .containsExactly(1, 1, 3, 4, 4);
    assertThat(List.of("B1", "B2", "B3", "B4", "B5")).extracting(id -> t(id).<String>getAs("tier"))
        .containsExactly("A", "A", "B", "C", "C");
  }

  @Test
  void aTermIsCappedAndAScoreRoundsHalfUp() {
    // C3, land 3 亩 each. Tax: Σ 1000 on 6 亩; E1 (900 / 3) ÷ (1000 / 6) = 1.8 → capped 1.5 → 60 × 1.5 = 90;
    // E2 0.2 → 12. Sales: Σ 400; E1 (100 / 3) ÷ (400 / 6) = 0.5 → 40 × 0.5 = 20; E2 exactly 1.5 → 60.
    assertThat(score("E1")).isEqualTo("110.00");
    assertThat(score("E2")).isEqualTo("72.00");
    // C8: R1's ratio is 823 × 6 / (3 × 8000) = 0.20575, × 60 = 12.345 exactly: half-up 12.35 (not 12.34).
    // R2: 7177 × 6 / 24000 = 1.79425 → 1.5 → 90.
    assertThat(score("R1")).isEqualTo("12.35");
    assertThat(score("R2")).isEqualTo("90.00");
  }

  @Test
  void aBenchmarkAtOrBelowZeroScoresNothingAndNoNetTaxIsForcedToDKeepingItsRank() {
    // C4: Σ tax = -100 + 30 + 60 = -10 ≤ 0: the tax terms score 0. Sales Σ 600 on 9 亩, bench 200 / 3:
    // F 300 / 3 ÷ 200 / 3 = 1.5 → 60, G 1.0 → 40, H 0.5 → 20. Ranks 1, 2, 3; n = 3.
    assertThat(List.of("F", "G", "H")).extracting(EnterpriseTiersTest::score).containsExactly("60.00", "40.00", "20.00");
    assertThat(t("F").<BigDecimal>getAs("bench_tax_per_mu").toPlainString()).isEqualTo("-1.111111111111111111");
    assertThat(List.of("F", "G", "H")).extracting(id -> t(id).<Integer>getAs("county_rank")).containsExactly(1, 2, 3);
    // F pays no net tax (tax per mu -33.3 ≤ 0): D, keeping rank 1 and counting in n. G: 200 ≤ 60 × 3? no;
    // ≤ 180? no; ≤ 285: C. H: 300 > 285: D.
    assertThat(List.of("F", "G", "H")).extracting(id -> t(id).<String>getAs("tier")).containsExactly("D", "C", "D");
    assertThat(List.of("F", "G", "H")).extracting(id -> t(id).<Boolean>getAs("forced_d"))
        .containsExactly(true, false, false);
    // With a floor of 10 yuan/亩, G's tax per mu 30 / 3 = 10 is at the floor: forced too (≤); H's 20 is not.
    Rules floor10 = TestRules.replacing("d_floor_tax_per_mu_yuan: 0", "d_floor_tax_per_mu_yuan: 10");
    Map<String, Row> g = byId(EnterpriseTiers.compute(city.silver(), city.enterpriseYear().filter(col("zone_id")
        .equalTo("Z4")), floor10));
    assertThat(List.of("F", "G", "H")).extracting(id -> g.get(id).<Boolean>getAs("forced_d"))
        .containsExactly(true, true, false);
    assertThat(g.get("G").<String>getAs("tier")).isEqualTo("D");
  }

  @Test
  void eachNotRatedReasonFirstThatApplies() {
    // Above-size without land: no_land. N2's only parcel acquired 2023-01-01 (on or after 1 January of
    // Y−1): new_enterprise. N3 relocated: the old parcel released 2024-03-01, the new one acquired in
    // 2024 is all it holds: new_enterprise. N4 below-size with 1999 m² = 2.9985 亩 < 3: below_size_small_land;
    // N5 with 3 亩 exactly: rated. N6's parcel acquired 2022-12-31: not new, rated. N7 below-size, small and
    // new: new_enterprise comes first. N8 below-size without land: no_land.
    assertThat(List.of("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"))
        .extracting(id -> t(id).<String>getAs("not_rated_reason"))
        .containsExactly("no_land", "new_enterprise", "new_enterprise", "below_size_small_land", null, null,
            "new_enterprise", "no_land");
    assertThat(List.of("N1", "N4", "N5", "N6")).extracting(id -> t(id).<Boolean>getAs("rated"))
        .containsExactly(false, false, true, true);
    assertThat(t("N4").<Object>getAs("score")).isNull();
    assertThat(t("N4").<Object>getAs("tier")).isNull();
    assertThat(t("N4").<BigDecimal>getAs("land_mu").toPlainString()).isEqualTo("2.99850000");
    assertThat(t("N1").<Object>getAs("tax_per_mu")).isNull();
    // N5 and N6 rank among C5's rated only: equal figures, both rank 1 of n = 2 → B (100 ≤ 120).
    assertThat(List.of("N5", "N6")).extracting(id -> t(id).<Integer>getAs("county_rank")).containsExactly(1, 1);
    // new_enterprise_years 1: only a parcel acquired in Y itself is new; N2 (2023) is rated then.
    Rules oneYear = TestRules.replacing("new_enterprise_years: 2", "new_enterprise_years: 1");
    Map<String, Row> one = byId(EnterpriseTiers.compute(city.silver(), city.enterpriseYear()
        .filter(col("zone_id").equalTo("Z5")), oneYear));
    assertThat(one.get("N2").<Boolean>getAs("rated")).isTrue();
    assertThat(one.get("N3").<String>getAs("not_rated_reason")).isEqualTo("new_enterprise");
  }

  @Test
  void theCityScopeTakesOneBenchmarkAndStillRanksWithinTheCounty() {
    // C3 and C4 alone, benchmark city: Σ tax 1000 − 10 = 990 on 15 亩 (66 yuan/亩); Σ sales 400 + 600 = 1000.
    // E2: tax (100 / 3) ÷ 66 = 1500 / 2970 → × 60 = 30.3030…; sales (300 / 3) ÷ (1000 / 15) = 1.5 → 60.
    // Score 90.3030… → 90.30. E1: tax 300 ÷ 66 > 1.5 → 90; sales 0.5 → 20: 110.00.
    Rules city = TestRules.replacing("benchmark_scope: county", "benchmark_scope: city");
    Map<String, Row> s = byId(EnterpriseTiers.compute(EnterpriseTiersTest.city.silver(),
        EnterpriseTiersTest.city.enterpriseYear().filter(col("zone_id").isin("Z3", "Z4")), city));
    assertThat(s.get("E2").<BigDecimal>getAs("score").toPlainString()).isEqualTo("90.30");
    assertThat(s.get("E1").<BigDecimal>getAs("score").toPlainString()).isEqualTo("110.00");
    assertThat(s.get("F").<BigDecimal>getAs("bench_tax_per_mu").toPlainString()).isEqualTo("66.000000000000000000");
    // C4's firms still rank 1, 2, 3 among themselves (F 0 + 40 × 300/3 ÷ 1000/15 capped = 60, …).
    assertThat(List.of("F", "G", "H")).extracting(id -> s.get(id).<Integer>getAs("county_rank"))
        .containsExactly(1, 2, 3);
  }

  @Test
  void eachZoneOfTheYearHasItsTierMixWithZerosWhereNone() {
    Dataset<Row> tiers = EnterpriseTiers.compute(city.silver(), city.enterpriseYear(), Rules.defaults());
    Map<String, Row> mix = new LinkedHashMap<>();
    for (Row r : EnterpriseTiers.zoneMix(city.silver(), tiers, Rules.defaults()).collectAsList()) {
      mix.put(r.<Integer>getAs("year") + "/" + r.getAs("zone_id"), r);
    }
    assertThat(mix).hasSize(9);
    // Z6 2024: D1 (forced D, 2000 m²) and K1 (B, 4000 m²) rated; I1 (small land) and NW (new) not.
    // land_mu_d = 2000 × 15 / 10000 = 3; share = 2000 / 6000 = 1/3.
    Row z6 = mix.get("2024/Z6");
    assertThat(List.of("rated", "a", "b", "c", "d", "not_rated")).extracting(c -> z6.<Integer>getAs(c))
        .containsExactly(2, 0, 1, 0, 1, 2);
    assertThat(z6.<BigDecimal>getAs("land_mu_d").toPlainString()).isEqualTo("3.00000000");
    assertThat(z6.<BigDecimal>getAs("share_land_d").toPlainString()).isEqualTo("0.333333333333333333");
    // Z1: r ≤ 4 A, 5..12 B, 13..19 C, 20 D.
    Row z1 = mix.get("2024/Z1");
    assertThat(List.of("rated", "a", "b", "c", "d", "not_rated")).extracting(c -> z1.<Integer>getAs(c))
        .containsExactly(20, 4, 8, 7, 1, 0);
    // Z7 has no enterprise: zeros, no share.
    Row z7 = mix.get("2024/Z7");
    assertThat(List.of("rated", "a", "b", "c", "d", "not_rated")).extracting(c -> z7.<Integer>getAs(c))
        .containsExactly(0, 0, 0, 0, 0, 0);
    assertThat(z7.<BigDecimal>getAs("land_mu_d")).isEqualByComparingTo("0");
    assertThat(z7.<Object>getAs("share_land_d")).isNull();
  }

  @Test
  void landCandidatesOneRowPerHoldingAndReason() {
    // 2023: D1 pays -50 (forced D), K1 B. 2024: D1 pays 0 (forced D again) and sells nothing; K1 B.
    // L1 (held both years by D1): d_two_years and idle, two rows. L2 released 2024-06-30: not held at the
    // end of 2024, no row. I1 (below-size, settled, sales 0 in 2024): idle. NW sold nothing but is new on
    // its land: no row. 2023: D1 has no 2022 tier and sold 10: no row. (C1's and C8's firms sold nothing
    // either: idle, each; not this test's zone.)
    Dataset<Row> tiers = EnterpriseTiers.compute(city.silver(), city.enterpriseYear(), Rules.defaults());
    List<String> rows = new ArrayList<>();
    for (Row r : LandCandidates.compute(city.silver(), tiers, Rules.defaults()).filter(col("zone_id").equalTo("Z6"))
        .orderBy("year", "parcel_id", "reason").collectAsList()) {
      rows.add(r.getAs("year") + " " + r.getAs("parcel_id") + " " + r.getAs("holder_uscc") + " " + r.getAs("zone_id")
          + " " + r.<BigDecimal>getAs("area_mu").toPlainString() + " " + r.getAs("reason"));
    }
    assertThat(rows).containsExactly(
        "2024 L-I1 I1 Z6 1.50000000 idle",
        "2024 L1 D1 Z6 3.00000000 d_two_years",
        "2024 L1 D1 Z6 3.00000000 idle");
  }

  private static Map<String, Row> byId(Dataset<Row> tiers) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : tiers.filter(col("year").equalTo(2024)).collectAsList()) {
      out.put(r.getAs("uscc"), r);
    }
    return out;
  }
}
