package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.rules.Rules;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per enterprise of a year's roster with the facts the zone metrics add up: invoice sales and
 * treasury tax of that year (in fen, summed as longs), land held at 31 December, whether its industry is
 * one of its zone's specialties, and whether it is newly above designated size.
 */
public final class EnterpriseYear {
  private EnterpriseYear() {}

  /** Money as long fen: the sums stay on Spark's fast integer path and are exact. */
  public static Column fen(Column yuan) {
    return yuan.multiply(lit(100)).cast("long");
  }

  /** What an invoice adds to sales: its amount, negative for a red-letter invoice, nothing when void. */
  public static Column countedInvoiceFen(Rules rules) {
    Column amount = fen(col("amount"));
    Column red = "as_given".equals(rules.data().redInvoiceAmount()) ? amount : abs(amount).multiply(-1);
    return when(col("status").equalTo("void"), lit(0L))
        .when(col("status").equalTo("red"), red)
        .otherwise(amount);
  }

  public static Dataset<Row> compute(SilverRecords silver, Rules rules) {
    Dataset<Row> zones = silver.accepted(RawFile.ZONES)
        .select(col("year"), col("zone_id"), col("specialty_industries"));
    Dataset<Row> roster = silver.accepted(RawFile.ENTERPRISES);

    Dataset<Row> sales = silver.accepted(RawFile.INVOICES)
        .groupBy(col("year"), col("seller_uscc").as("uscc"))
        .agg(sum(countedInvoiceFen(rules)).as("sales_fen"));
    Dataset<Row> tax = silver.accepted(RawFile.TAX_PAYMENTS)
        .groupBy(col("year"), col("uscc"))
        .agg(sum(fen(col("amount"))).as("tax_fen"));

    // Land held at 31 December of each roster year: acquired on or before that day, and not released
    // by the end of it (a release dated 31 December ends the holding that day).
    Dataset<Row> parcels = silver.accepted(RawFile.LAND_PARCELS);
    Dataset<Row> rosterKeys = roster.select(col("year").as("_y"), col("uscc").as("_u"));
    Column yearEnd = make_date(col("_y"), lit(12), lit(31));
    Dataset<Row> land = rosterKeys
        // The register delivered for that year (a register serves each year its delivery covers).
        .join(parcels, rosterKeys.col("_u").equalTo(parcels.col("holder_uscc"))
            .and(parcels.col("year").equalTo(rosterKeys.col("_y")))
            .and(parcels.col("acquired_date").leq(yearEnd))
            .and(parcels.col("released_date").isNull().or(parcels.col("released_date").gt(yearEnd))))
        .groupBy(col("_y").as("year"), col("_u").as("uscc"))
        .agg(sum(col("area_m2")).as("land_m2"));

    // New above-size: above-size in Y and not above-size (or absent) in Y-1; and, by rule, only when
    // the input has a roster for Y-1 at all.
    Dataset<Row> previousAbove = roster.filter(col("above_scale"))
        .select(col("year").plus(1).as("year"), col("uscc"), lit(true).as("_was_above"));
    Dataset<Row> rosterYears = roster.select(col("year").plus(1).as("year")).distinct()
        .withColumn("_prior_roster", lit(true));

    Dataset<Row> joined = roster
        .join(zones, new String[] {"year", "zone_id"}, "left")
        .join(sales, new String[] {"year", "uscc"}, "left")
        .join(tax, new String[] {"year", "uscc"}, "left")
        .join(land, new String[] {"year", "uscc"}, "left")
        .join(previousAbove, new String[] {"year", "uscc"}, "left")
        .join(rosterYears, new String[] {"year"}, "left");

    Column industry = upper(col("industry_code"));
    Column specialty = exists(coalesce(col("specialty_industries"), org.apache.spark.sql.functions.array()),
        prefix -> industry.startsWith(prefix));
    Column priorRosterOk = rules.indicators().cultivation().newAboveScaleNeedsPriorRoster()
        ? col("_prior_roster").isNotNull() : lit(true);
    return joined.select(
        col("year"),
        col("uscc"),
        col("name"),
        col("zone_id"),
        col("industry_code"),
        col("above_scale"),
        specialty.as("is_specialty"),
        col("above_scale").and(col("_was_above").isNull()).and(priorRosterOk).as("new_above_scale"),
        coalesce(col("sales_fen"), lit(0L)).as("sales_fen"),
        coalesce(col("tax_fen"), lit(0L)).as("tax_fen"),
        coalesce(col("land_m2"), lit(java.math.BigDecimal.ZERO)).cast("decimal(24,4)").as("land_m2"),
        col("land_m2").isNotNull().as("has_land"));
  }
}
