package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.rules.Rules;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Low-efficiency land candidates (低效用地): the parcel holdings held at 31 December of a year whose holder
 * is in tier D that year and the year before ({@code d_two_years}), or is on the year's roster, not new on
 * its land, and sold nothing ({@code idle}); one row per holding and reason. Pure function of frames.
 */
public final class LandCandidates {
  private LandCandidates() {}

  public static final String D_TWO_YEARS = "d_two_years";
  public static final String IDLE = "idle";

  /**
   * The candidates of every year of {@code tiers} ({@link EnterpriseTiers#compute}), whose year before, when
   * {@code tiers} holds it, was tiered from its own records by the same rules (whether it was evaluated or
   * not). Columns of gold.land_candidates but run_id.
   */
  public static Dataset<Row> compute(SilverRecords silver, Dataset<Row> tiers, Rules rules) {
    Rules.Data data = rules.data();
    Dataset<Row> held = silver.accepted(RawFile.LAND_PARCELS)
        .filter(EnterpriseYear.heldAtYearEnd(col("acquired_date"), col("released_date"), col("year")))
        .select("year", "holder_uscc", "parcel_id", "acquired_date", "area_m2");
    Dataset<Row> holders = tiers.select(col("year"), col("uscc").as("holder_uscc"), col("zone_id"), col("tier"),
        col("not_rated_reason"), col("sales_fen"));
    Dataset<Row> dBefore = tiers.filter(col("tier").equalTo("D"))
        .select(col("year").plus(1).as("year"), col("uscc").as("holder_uscc"), lit(true).as("_d_before"));

    Column dTwoYears = coalesce(col("tier").equalTo("D"), lit(false)).and(col("_d_before").isNotNull());
    Column idle = not(coalesce(col("not_rated_reason").equalTo(EnterpriseTiers.NEW_ENTERPRISE), lit(false)))
        .and(col("sales_fen").leq(0));
    Column reasons = org.apache.spark.sql.functions.filter(
        array(when(dTwoYears, lit(D_TWO_YEARS)), when(idle, lit(IDLE))), Column::isNotNull);
    return held
        .join(holders, new String[] {"year", "holder_uscc"})
        .join(dBefore, new String[] {"year", "holder_uscc"}, "left")
        .select(col("year"), col("parcel_id"), col("holder_uscc"), col("acquired_date"), col("zone_id"),
            col("area_m2").multiply(lit(data.muPerM2Numerator())).divide(lit(data.muPerM2Denominator()))
                .cast("decimal(24,8)").as("area_mu"),
            explode(reasons).as("reason"));
  }
}
