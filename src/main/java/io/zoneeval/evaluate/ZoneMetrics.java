package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Every figure behind the scores, one row per zone and year of zones.csv: sums over the zone's roster,
 * the previous year's figures of the same zone, the ratios the rankings compare, and the points of the
 * capped indicators before their caps. Pure function of silver frames.
 */
public final class ZoneMetrics {
  private ZoneMetrics() {}

  /** A zone's sum of amounts in fen: decimal(38,0), exact for any number of enterprises (a long each). */
  public static final String ZONE_FEN = "decimal(38,0)";

  /** The largest zone figure gold holds: its money columns are decimal(20,2) yuan, under 10^20 fen. */
  static final BigDecimal YUAN_COLUMN_LIMIT_FEN = BigDecimal.TEN.pow(20);

  /** The exact sum over a zone's enterprises of a long amount in fen. */
  public static Column zoneFen(Column fen) {
    return sum(fen.cast(ZONE_FEN));
  }

  /**
   * A zone's sum in fen, checked against what gold's yuan columns hold: beyond it the run stops with one
   * line naming the year and zone (a cast would stop with Spark's error without them, or give null).
   */
  static Column inYuanRange(Column fen, String what) {
    Column tooLarge = abs(fen).geq(lit(YUAN_COLUMN_LIMIT_FEN));
    Column stop = raise_error(concat(lit(EnterpriseYear.MONEY_OUT_OF_RANGE), col("year").cast("string"),
        lit(" zone "), col("zone_id"), lit(": the zone's " + what + " of "), fen.cast("string"),
        lit(" fen is more than gold.zone_metrics holds (decimal(20,2) yuan); check the records, each at most "
            + "data.max_record_amount_yuan")));
    return when(tooLarge, stop).otherwise(fen);
  }

  private static Column money(String fenColumn) {
    return col(fenColumn).divide(lit(100)).cast("decimal(20,2)");
  }

  private static final Column NO_FEN = lit(BigDecimal.ZERO).cast(ZONE_FEN);

  /**
   * The column that ranks a ratio metric: its exact {@link ExactMath#rankKey rank key}, where the metric
   * column shows it rounded to 18 decimals.
   */
  public static String rankKey(String metric) {
    return metric + "_rank_key";
  }

  /**
   * The zone metrics of every year silver's frames hold: one small function per indicator family, each a
   * frame keyed by (year, zone_id), joined to the zones of the year; then the previous year's figures and
   * the ratios the rankings compare.
   */
  public static Dataset<Row> compute(SilverRecords silver, Dataset<Row> enterpriseYear, Rules rules) {
    Dataset<Row> roster = enterpriseYear.select("year", "uscc", "zone_id");
    String[] zoneYear = {"year", "zone_id"};
    Dataset<Row> current = silver.accepted(RawFile.ZONES)
        .join(members(enterpriseYear), zoneYear, "left")
        .join(cultivation(silver, enterpriseYear, roster, rules), zoneYear, "left")
        .join(talent(silver, roster, rules), zoneYear, "left")
        .join(investment(silver, rules), zoneYear, "left")
        .join(capacity(silver), zoneYear, "left")
        .join(vetoingIncidents(silver, rules), zoneYear, "left")
        .join(silver.accepted(RawFile.COUNTY_POLICIES).select("year", "county", "has_policy"),
            new String[] {"year", "county"}, "left")
        .select(currentColumns(rules))
        // A few hundred rows that are joined with themselves below: computed once, not twice.
        .localCheckpoint();
    return ratios(withPreviousYear(current), rules);
  }

  /** 规模效益, 特色发展, 亩均: sums over the zone's roster of the year (money as exact fen). */
  static Dataset<Row> members(Dataset<Row> enterpriseYear) {
    return enterpriseYear
        .groupBy("year", "zone_id")
        .agg(
            count(lit(1)).as("enterprise_count"),
            zoneFen(col("sales_fen")).as("sales_fen"),
            zoneFen(col("tax_fen")).as("tax_fen"),
            zoneFen(when(col("is_specialty"), col("sales_fen")).otherwise(0L)).as("specialty_sales_fen"),
            sum(when(col("above_scale"), 1).otherwise(0)).cast("int").as("above_scale_count"),
            sum(when(col("above_scale").and(col("has_land").equalTo(false)), 1).otherwise(0)).cast("int")
                .as("above_scale_without_land_count"),
            zoneFen(when(col("above_scale"), col("sales_fen")).otherwise(0L)).as("above_scale_sales_fen"),
            zoneFen(when(col("above_scale"), col("tax_fen")).otherwise(0L)).as("above_scale_tax_fen"),
            sum(when(col("above_scale"), col("land_m2")).otherwise(lit(BigDecimal.ZERO)))
                .cast("decimal(24,4)").as("above_scale_land_m2"),
            sum(when(col("new_above_scale"), 1).otherwise(0)).cast("int").as("new_above_scale_count"));
  }

  /**
   * 企业培育: only an enterprise's first recognition of each kind counts, in the year it falls in, for the
   * zone of the enterprise in that year's roster; and the new above-size enterprises.
   */
  static Dataset<Row> cultivation(SilverRecords silver, Dataset<Row> enterpriseYear, Dataset<Row> roster,
      Rules rules) {
    Dataset<Row> recognitions = silver.accepted(RawFile.RECOGNITIONS)
        .withColumn("_n", org.apache.spark.sql.functions.row_number().over(
            Window.partitionBy("uscc", "kind").orderBy(col("recognized_date"), col("_source_file"), col("_line"))))
        .filter(col("_n").equalTo(1))
        .join(roster, new String[] {"year", "uscc"});
    Dataset<Row> newAbove = enterpriseYear.filter(col("new_above_scale"))
        .select(col("year"), col("zone_id"), lit("new_above_scale").as("kind"));
    return counted(recognitions.select("year", "zone_id", "kind").unionByName(newAbove), "kind",
        rules.indicators().cultivation().points(), "cultivation");
  }

  /** 人才集聚: each talent for the zone of its employer in the roster of the year it was awarded. */
  static Dataset<Row> talent(SilverRecords silver, Dataset<Row> roster, Rules rules) {
    Dataset<Row> talents = silver.accepted(RawFile.TALENTS)
        .join(roster.withColumnRenamed("uscc", "employer_uscc"), new String[] {"year", "employer_uscc"});
    return counted(talents.select("year", "zone_id", "program"), "program", rules.indicators().talent().points(),
        "talent");
  }

  /**
   * 工业投入: the qualifying projects. A project's year is that of the date that scores it; one without
   * that date is filed under its other date's year and scores nothing.
   */
  static Dataset<Row> investment(SilverRecords silver, Rules rules) {
    Rules.Investment inv = rules.indicators().investment();
    Column qualifyingUpgrade = col("kind").equalTo("tech_upgrade").and(col("production_start_date").isNotNull())
        .and(col("equipment_investment").geq(lit(inv.techUpgradeMinEquipmentYuan())));
    Column startedMajor = col("kind").equalTo("major").and(col("construction_start_date").isNotNull());
    return silver.accepted(RawFile.PROJECTS).filter(col("year").isNotNull()).groupBy("year", "zone_id").agg(
        sum(when(qualifyingUpgrade, 1).otherwise(0)).cast("int").as("tech_upgrade_projects"),
        sum(when(startedMajor, 1).otherwise(0)).cast("int").as("major_projects"));
  }

  /** 项目承载: standard factories' floor area and revitalised land of the year. */
  static Dataset<Row> capacity(SilverRecords silver) {
    Dataset<Row> factories = silver.accepted(RawFile.STANDARD_FACTORIES).groupBy("year", "zone_id")
        .agg(sum("floor_area_m2").cast("decimal(24,4)").as("factory_floor_m2"));
    Dataset<Row> revitalized = silver.accepted(RawFile.LAND_REVITALIZATIONS).groupBy("year", "zone_id")
        .agg(sum("area_mu").cast("decimal(24,4)").as("revitalized_mu"));
    return factories.join(revitalized, new String[] {"year", "zone_id"}, "full");
  }

  /** 否决项: the incidents of the kinds and severities that put a zone last. */
  static Dataset<Row> vetoingIncidents(SilverRecords silver, Rules rules) {
    return silver.accepted(RawFile.INCIDENTS)
        .filter(col("kind").isin(rules.veto().incidentKinds().toArray())
            .and(col("severity").isin(rules.veto().incidentSeverities().toArray())))
        .groupBy("year", "zone_id")
        .agg(count(lit(1)).cast("int").as("vetoing_incidents"));
  }

  /** A zone-year's own figures, zero where the zone has none; sums checked against what gold holds. */
  private static Column[] currentColumns(Rules rules) {
    return new Column[] {
      col("year"), col("zone_id"), col("zone_name"), col("county"), col("zone_type"),
      array_join(col("specialty_industries"), ";").as("specialty_industries"),
      coalesce(col("has_policy"), lit(rules.eligibility().missingCountyPolicyCountsAsPolicy())).as("county_has_policy"),
      col("has_policy").isNull().as("county_policy_missing"),
      coalesce(col("enterprise_count"), lit(0L)).as("enterprise_count"),
      inYuanRange(coalesce(col("sales_fen"), NO_FEN), "sales").as("sales_fen"),
      inYuanRange(coalesce(col("tax_fen"), NO_FEN), "tax").as("tax_fen"),
      inYuanRange(coalesce(col("specialty_sales_fen"), NO_FEN), "specialty sales").as("specialty_sales_fen"),
      coalesce(col("above_scale_count"), lit(0)).as("above_scale_count"),
      coalesce(col("above_scale_without_land_count"), lit(0)).as("above_scale_without_land_count"),
      inYuanRange(coalesce(col("above_scale_sales_fen"), NO_FEN), "above-size sales").as("above_scale_sales_fen"),
      inYuanRange(coalesce(col("above_scale_tax_fen"), NO_FEN), "above-size tax").as("above_scale_tax_fen"),
      coalesce(col("above_scale_land_m2"), lit(BigDecimal.ZERO)).cast("decimal(24,4)").as("above_scale_land_m2"),
      coalesce(col("new_above_scale_count"), lit(0)).as("new_above_scale_count"),
      col("cultivation_counts"),
      coalesce(col("cultivation_points"), lit(BigDecimal.ZERO)).cast("decimal(12,4)").as("cultivation_points"),
      col("talent_counts"),
      coalesce(col("talent_points"), lit(BigDecimal.ZERO)).cast("decimal(12,4)").as("talent_points"),
      coalesce(col("tech_upgrade_projects"), lit(0)).as("tech_upgrade_projects"),
      coalesce(col("major_projects"), lit(0)).as("major_projects"),
      coalesce(col("factory_floor_m2"), lit(BigDecimal.ZERO)).cast("decimal(24,4)").as("factory_floor_m2"),
      coalesce(col("revitalized_mu"), lit(BigDecimal.ZERO)).cast("decimal(24,4)").as("revitalized_mu"),
      coalesce(col("vetoing_incidents"), lit(0)).as("vetoing_incidents")
    };
  }

  /** The same zone's figures a year earlier (its members of that year), when zones.csv has it then. */
  static Dataset<Row> withPreviousYear(Dataset<Row> current) {
    Dataset<Row> previous = current.select(
        col("year").plus(1).as("year"), col("zone_id"),
        col("sales_fen").as("prev_sales_fen"), col("tax_fen").as("prev_tax_fen"),
        col("specialty_sales_fen").as("prev_specialty_sales_fen"));
    return current.join(previous, new String[] {"year", "zone_id"}, "left");
  }

  /**
   * The ratios the rankings compare (each shown to 18 decimals, ranked by its exact key), the points of
   * the counted indicators before their caps, and the money in yuan.
   */
  static Dataset<Row> ratios(Dataset<Row> withPrevious, Rules rules) {
    Rules.Indicators ind = rules.indicators();
    Rules.Data data = rules.data();
    Column[] shareArgs = {col("specialty_sales_fen"), col("sales_fen"), col("prev_specialty_sales_fen"),
        col("prev_sales_fen")};
    Column muNum = lit(data.muPerM2Numerator());
    Column muDen = lit(data.muPerM2Denominator());
    Column pointsChange = ExactMath.SHARE_CHANGE_POINTS.apply(shareArgs);
    Column relativeChange = ExactMath.SHARE_CHANGE_RELATIVE.apply(shareArgs);
    boolean relative = ind.specialty().change() == Rules.ShareChange.RELATIVE;
    Column changeKey = (relative ? ExactMath.SHARE_CHANGE_RELATIVE_KEY : ExactMath.SHARE_CHANGE_POINTS_KEY)
        .apply(shareArgs);
    Rules.Investment inv = ind.investment();
    Rules.Capacity cap = ind.capacity();
    Column factoryUnits = col("factory_floor_m2").divide(lit(cap.factoryUnitM2()));
    Column landUnits = col("revitalized_mu").divide(lit(cap.revitalizedUnitMu()));
    if (cap.units() == Rules.CapacityUnits.WHOLE) {
      factoryUnits = floor(factoryUnits);
      landUnits = floor(landUnits);
    }
    return withPrevious.select(
        col("*"),
        ExactMath.GROWTH.apply(col("sales_fen"), col("prev_sales_fen")).as("sales_growth"),
        ExactMath.GROWTH_KEY.apply(col("sales_fen"), col("prev_sales_fen")).as(rankKey("sales_growth")),
        ExactMath.GROWTH.apply(col("tax_fen"), col("prev_tax_fen")).as("tax_growth"),
        ExactMath.GROWTH_KEY.apply(col("tax_fen"), col("prev_tax_fen")).as(rankKey("tax_growth")),
        ExactMath.PERCENT.apply(col("specialty_sales_fen"), col("sales_fen")).as("specialty_share_pct"),
        ExactMath.PERCENT_KEY.apply(col("specialty_sales_fen"), col("sales_fen")).as(rankKey("specialty_share_pct")),
        ExactMath.PERCENT.apply(col("prev_specialty_sales_fen"), col("prev_sales_fen")).as("prev_specialty_share_pct"),
        pointsChange.as("specialty_share_change_pp"),
        relativeChange.as("specialty_share_change_rel"),
        (relative ? relativeChange : pointsChange).as("specialty_share_change"),
        changeKey.as(rankKey("specialty_share_change")),
        col("above_scale_land_m2").multiply(muNum).divide(muDen).cast("decimal(24,8)").as("above_scale_land_mu"),
        ExactMath.PER_MU.apply(col("above_scale_tax_fen"), col("above_scale_land_m2"), muNum, muDen).as("tax_per_mu"),
        ExactMath.PER_MU_KEY.apply(col("above_scale_tax_fen"), col("above_scale_land_m2"), muNum, muDen)
            .as(rankKey("tax_per_mu")),
        ExactMath.PER_MU.apply(col("above_scale_sales_fen"), col("above_scale_land_m2"), muNum, muDen).as("sales_per_mu"),
        ExactMath.PER_MU_KEY.apply(col("above_scale_sales_fen"), col("above_scale_land_m2"), muNum, muDen)
            .as(rankKey("sales_per_mu")),
        col("tech_upgrade_projects").multiply(lit(inv.techUpgradePoints()))
            .plus(col("major_projects").multiply(lit(inv.majorPoints()))).cast("decimal(12,4)").as("investment_points"),
        factoryUnits.multiply(lit(cap.factoryPoints())).plus(landUnits.multiply(lit(cap.revitalizedPoints())))
            .cast("decimal(16,4)").as("capacity_points"),
        money("sales_fen").as("sales"),
        money("tax_fen").as("tax"),
        money("specialty_sales_fen").as("specialty_sales"),
        money("prev_sales_fen").as("prev_sales"),
        money("prev_tax_fen").as("prev_tax"),
        money("above_scale_sales_fen").as("above_scale_sales"),
        money("above_scale_tax_fen").as("above_scale_tax"));
  }

  /** Counts items per (year, zone, kind), and their points: a map of counts and the points total. */
  private static Dataset<Row> counted(Dataset<Row> items, String kindColumn, Map<String, BigDecimal> points,
      String prefix) {
    Column value = lit(BigDecimal.ZERO);
    for (var e : points.entrySet()) {
      value = when(col(kindColumn).equalTo(e.getKey()), lit(e.getValue())).otherwise(value);
    }
    Dataset<Row> perKind = items.groupBy(col("year"), col("zone_id"), col(kindColumn))
        .agg(count(lit(1)).as("n"), sum(value).as("p"));
    return perKind.groupBy("year", "zone_id").agg(
        map_from_entries(org.apache.spark.sql.functions.array_sort(collect_list(struct(col(kindColumn), col("n"))))).as(prefix + "_counts"),
        sum("p").as(prefix + "_points"));
  }
}
