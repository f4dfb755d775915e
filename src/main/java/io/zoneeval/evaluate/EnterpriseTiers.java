package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The enterprise per-mu evaluation (企业亩均效益评价, the rules' {@code enterprise} section): every enterprise
 * of a year's roster rated or not (with the first reason), scored against the per-mu benchmarks of its
 * county's rated enterprises, ranked within (year, county) by a window, and given a tier A–D; and each
 * zone's tier mix. Sales, tax and land are {@link EnterpriseYear}'s, so the figures are the ones the zone
 * metrics add up. Pure functions of frames.
 *
 * <p>Exact: a score term is tax_per_mu ÷ benchmark = (tax ÷ land) ÷ (Σ tax ÷ Σ land), one fraction
 * (tax × Σ land) ÷ (land × Σ tax) of exact decimals (the mu factor cancels), clamped and weighted as
 * such, the two terms added as fractions and only the sum rounded, half-up to 0.01: the rounded score is
 * what is stored and ranked. Tiers compare integers (100 × rank with cut-off × n).
 */
public final class EnterpriseTiers {
  private EnterpriseTiers() {}

  public static final String NO_LAND = "no_land";
  public static final String NEW_ENTERPRISE = "new_enterprise";
  public static final String BELOW_SIZE_SMALL_LAND = "below_size_small_land";
  private static final String[] TIERS = {"A", "B", "C"};

  /**
   * One row per enterprise of every roster year {@code enterpriseYear} holds (the year before an evaluated
   * year included: its D tiers decide land candidates), with the columns of gold.enterprise_tiers (but
   * run_id) and, for what follows, its sales_fen, tax_fen and land_m2.
   */
  public static Dataset<Row> compute(SilverRecords silver, Dataset<Row> enterpriseYear, Rules rules) {
    Rules.Enterprise e = rules.enterprise();
    Rules.Data data = rules.data();
    Column muNum = lit(data.muPerM2Numerator());
    Column muDen = lit(data.muPerM2Denominator());

    Dataset<Row> counties = silver.accepted(RawFile.ZONES).select("year", "zone_id", "county");
    // The earliest acquisition among the holdings held at 31 December: new on its land when even it is recent.
    Dataset<Row> firstHeld = silver.accepted(RawFile.LAND_PARCELS)
        .filter(EnterpriseYear.heldAtYearEnd(col("acquired_date"), col("released_date"), col("year")))
        .groupBy(col("year"), col("holder_uscc").as("uscc"))
        .agg(min("acquired_date").as("_first_acquired"));
    Dataset<Row> facts = enterpriseYear
        .select("year", "uscc", "zone_id", "above_scale", "sales_fen", "tax_fen", "land_m2")
        .join(counties, new String[] {"year", "zone_id"}, "left")
        .join(firstHeld, new String[] {"year", "uscc"}, "left");

    Column newSince = make_date(col("year").minus(e.newEnterpriseYears() - 1), lit(1), lit(1));
    // land_mu ≥ the minimum, as m² × num ≥ minimum × den: exact, no division.
    Column enoughLand = col("land_m2").multiply(muNum).geq(lit(e.minLandMuBelowSize()).multiply(muDen));
    Column reason = when(not(col("land_m2").gt(0)), lit(NO_LAND))
        .when(col("_first_acquired").geq(newSince), lit(NEW_ENTERPRISE))
        .when(not(col("above_scale").or(enoughLand)), lit(BELOW_SIZE_SMALL_LAND));
    Column rated = col("rated");

    WindowSpec scope = e.benchmarkScope() == Rules.BenchmarkScope.CITY
        ? Window.partitionBy("year") : Window.partitionBy("year", "county");
    Column fen = col("tax_fen").cast(ZoneMetrics.ZONE_FEN);
    // Columns in layers, each on the ones before (ColumnLayer).
    Dataset<Row> judged = new ColumnLayer()
        .put("not_rated_reason", reason)
        .put("rated", reason.isNull())
        .addTo(facts);
    Dataset<Row> benchmarked = new ColumnLayer()
        .put("_sum_tax_fen", sum(when(rated, fen)).over(scope))
        .put("_sum_sales_fen", sum(when(rated, col("sales_fen").cast(ZoneMetrics.ZONE_FEN))).over(scope))
        .put("_sum_land_m2", sum(when(rated, col("land_m2"))).over(scope))
        .addTo(judged);

    Dataset<Row> scored = new ColumnLayer()
        .put("tax_per_mu", ExactMath.PER_MU.apply(fen, col("land_m2"), muNum, muDen))
        .put("sales_per_mu", ExactMath.PER_MU.apply(col("sales_fen").cast(ZoneMetrics.ZONE_FEN),
            col("land_m2"), muNum, muDen))
        .put("bench_tax_per_mu", ExactMath.PER_MU.apply(col("_sum_tax_fen"), col("_sum_land_m2"), muNum, muDen))
        .put("bench_sales_per_mu", ExactMath.PER_MU.apply(col("_sum_sales_fen"), col("_sum_land_m2"),
            muNum, muDen))
        .put("score", when(rated, scoreUdf(e).apply(col("tax_fen"), col("sales_fen"), col("land_m2"),
            col("_sum_tax_fen"), col("_sum_sales_fen"), col("_sum_land_m2"))))
        .put("forced_d", coalesce(when(rated, forcedDUdf(e, data).apply(col("tax_fen"), col("land_m2"))),
            lit(false)))
        .addTo(benchmarked);

    // Competition rank among the county's rated enterprises; the others form their own partition and get none.
    WindowSpec county = Window.partitionBy("year", "county", "rated");
    Dataset<Row> ranked = new ColumnLayer()
        .put("county_rank", when(rated, rank().over(county.orderBy(col("score").desc()))))
        .put("_n", count(lit(1)).over(county))
        .addTo(scored);
    Column hundredR = col("county_rank").cast("long").multiply(100);
    List<Integer> cutoffs = e.tierCutoffsPct();
    Column tier = when(not(rated), lit(null).cast("string")).when(col("forced_d"), lit("D"));
    for (int i = 0; i < TIERS.length; i++) {
      tier = tier.when(hundredR.leq(col("_n").multiply(cutoffs.get(i))), lit(TIERS[i]));
    }
    tier = tier.otherwise(lit("D"));
    return ranked.select(
        col("year"), col("uscc"), col("zone_id"), col("county"), col("above_scale"),
        col("land_m2").multiply(muNum).divide(muDen).cast("decimal(24,8)").as("land_mu"),
        yuan(col("tax_fen")).as("tax"), yuan(col("sales_fen")).as("sales"),
        col("tax_per_mu"), col("sales_per_mu"), col("bench_tax_per_mu"), col("bench_sales_per_mu"),
        rated, col("not_rated_reason"), col("score"), col("county_rank"), tier.as("tier"), col("forced_d"),
        col("tax_fen"), col("sales_fen"), col("land_m2"));
  }

  /**
   * One row per zone of every year of zones.csv {@code silver} holds: its enterprises by tier, those not
   * rated, the land of its D enterprises and that land's share of its rated enterprises' land.
   */
  public static Dataset<Row> zoneMix(SilverRecords silver, Dataset<Row> tiers, Rules rules) {
    Rules.Data data = rules.data();
    Column rated = col("rated");
    Column isD = coalesce(col("tier").equalTo("D"), lit(false));
    Dataset<Row> counts = tiers.groupBy("year", "zone_id").agg(
        sum(when(rated, 1).otherwise(0)).as("rated"),
        sum(when(col("tier").equalTo("A"), 1).otherwise(0)).as("a"),
        sum(when(col("tier").equalTo("B"), 1).otherwise(0)).as("b"),
        sum(when(col("tier").equalTo("C"), 1).otherwise(0)).as("c"),
        sum(when(isD, 1).otherwise(0)).as("d"),
        sum(when(rated, 0).otherwise(1)).as("not_rated"),
        sum(when(isD, col("land_m2"))).as("_land_m2_d"),
        sum(when(rated, col("land_m2"))).as("_land_m2_rated"));
    Column zeroM2 = lit(BigDecimal.ZERO).cast("decimal(24,4)");
    return silver.accepted(RawFile.ZONES).select("year", "zone_id")
        .join(counts, new String[] {"year", "zone_id"}, "left")
        .select(col("year"), col("zone_id"),
            coalesce(col("rated"), lit(0)).cast("int").as("rated"),
            coalesce(col("a"), lit(0)).cast("int").as("a"),
            coalesce(col("b"), lit(0)).cast("int").as("b"),
            coalesce(col("c"), lit(0)).cast("int").as("c"),
            coalesce(col("d"), lit(0)).cast("int").as("d"),
            coalesce(col("not_rated"), lit(0)).cast("int").as("not_rated"),
            coalesce(col("_land_m2_d"), zeroM2).multiply(lit(data.muPerM2Numerator()))
                .divide(lit(data.muPerM2Denominator())).cast("decimal(24,8)").as("land_mu_d"),
            // The mu factor cancels: the share of m² is the share of mu.
            RATIO.apply(coalesce(col("_land_m2_d"), zeroM2), col("_land_m2_rated")).as("share_land_d"));
  }

  /** Fen (a long) as yuan, exact: divided as a decimal (a long divided would be a double). */
  private static Column yuan(Column fen) {
    return fen.cast(ZoneMetrics.ZONE_FEN).divide(lit(100)).cast("decimal(20,2)");
  }

  /** num ÷ den, exact to 18 decimals; null unless den is positive. Zone level: a few hundred rows. */
  private static final UserDefinedFunction RATIO = functions.udf(
      (UDF2<BigDecimal, BigDecimal, BigDecimal>) ExactMath::ratio, ExactMath.RATIO);

  /**
   * The score of a rated enterprise, exact, then rounded half-up to 0.01; null without land. Amounts in
   * fen, areas in m², the sums over the benchmark's rated enterprises.
   */
  static BigDecimal score(BigDecimal taxWeight, BigDecimal salesWeight, BigDecimal cap, Long taxFen, Long salesFen,
      BigDecimal landM2, BigDecimal sumTaxFen, BigDecimal sumSalesFen, BigDecimal sumLandM2) {
    if (taxFen == null || salesFen == null || landM2 == null || landM2.signum() <= 0 || sumLandM2 == null
        || sumLandM2.signum() <= 0) {
      return null;
    }
    BigDecimal[] tax = term(taxWeight, cap, BigDecimal.valueOf(taxFen), sumTaxFen, landM2, sumLandM2);
    BigDecimal[] sales = term(salesWeight, cap, BigDecimal.valueOf(salesFen), sumSalesFen, landM2, sumLandM2);
    BigDecimal num = tax[0].multiply(sales[1]).add(sales[0].multiply(tax[1]));
    return num.divide(tax[1].multiply(sales[1]), 2, RoundingMode.HALF_UP);
  }

  /**
   * weight × clamp((own ÷ land) ÷ (total ÷ totalLand), 0, cap) as {numerator, positive denominator}; 0 when
   * the benchmark (total ÷ totalLand, totalLand positive) is ≤ 0.
   */
  private static BigDecimal[] term(BigDecimal weight, BigDecimal cap, BigDecimal own, BigDecimal total,
      BigDecimal land, BigDecimal totalLand) {
    if (total == null || total.signum() <= 0 || own.signum() <= 0) {
      return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ONE};
    }
    BigDecimal num = own.multiply(totalLand);
    BigDecimal den = land.multiply(total);
    if (num.compareTo(cap.multiply(den)) >= 0) {
      return new BigDecimal[] {weight.multiply(cap), BigDecimal.ONE};
    }
    return new BigDecimal[] {weight.multiply(num), den};
  }

  /**
   * tax_per_mu ≤ the floor, exactly: tax per mu is fen × den ÷ (100 × num × m²) yuan (mu = m² × num ÷ den),
   * so the comparison is fen × den ≤ floor × 100 × num × m². Null without land.
   */
  static Boolean forcedD(BigDecimal floorYuan, BigDecimal muNum, BigDecimal muDen, Long taxFen, BigDecimal landM2) {
    if (taxFen == null || landM2 == null || landM2.signum() <= 0) {
      return null;
    }
    return BigDecimal.valueOf(taxFen).multiply(muDen)
        .compareTo(floorYuan.multiply(BigDecimal.valueOf(100)).multiply(muNum).multiply(landM2)) <= 0;
  }

  private static UserDefinedFunction scoreUdf(Rules.Enterprise e) {
    BigDecimal taxWeight = e.taxWeight();
    BigDecimal salesWeight = e.salesWeight();
    BigDecimal cap = e.cap();
    return functions.udf((UDF6<Long, Long, BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal>)
        (tax, sales, land, sumTax, sumSales, sumLand) ->
            score(taxWeight, salesWeight, cap, tax, sales, land, sumTax, sumSales, sumLand),
        DataTypes.createDecimalType(10, 2));
  }

  private static UserDefinedFunction forcedDUdf(Rules.Enterprise e, Rules.Data data) {
    BigDecimal floor = e.dFloorTaxPerMuYuan();
    BigDecimal muNum = data.muPerM2Numerator();
    BigDecimal muDen = data.muPerM2Denominator();
    return functions.udf((UDF2<Long, BigDecimal, Boolean>) (tax, land) -> forcedD(floor, muNum, muDen, tax, land),
        DataTypes.BooleanType);
  }
}
