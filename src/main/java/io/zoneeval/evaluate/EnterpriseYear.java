package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.try_sum;
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
import org.apache.spark.sql.types.DataTypes;

/**
 * One row per enterprise of a year's roster with the facts the zone metrics add up: invoice sales and
 * treasury tax of that year (in fen, summed as longs), land held at 31 December, whether its industry is
 * one of its zone's specialties, and whether it is newly above designated size.
 */
public final class EnterpriseYear {
  private EnterpriseYear() {}

  /** Money in yuan as silver holds it: two decimals. */
  private static final org.apache.spark.sql.types.DecimalType YUAN = DataTypes.createDecimalType(18, 2);

  /** The cents of an amount in yuan, between -0.99 and 0.99. */
  private static final org.apache.spark.sql.types.DecimalType CENTS = DataTypes.createDecimalType(3, 2);

  /**
   * The sum of amounts in yuan as long fen, or null when it leaves the range of a long. Each amount is cut
   * into whole yuan (a long: truncated toward zero) and its cents (a decimal(3,2) of the same sign), both on
   * Spark's compact decimal path, a long of hundredths: the whole yuan are summed as longs ({@code
   * try_sum}: null where they leave a long's range), the cents as a decimal that Spark itself sums as a
   * long (its optimizer does so for decimals of up to 8 digits); the two are joined into fen as a decimal
   * once per group and taken to a long ({@code try_cast}: null out of range). Summed as decimal(18,2), the
   * sum is a decimal(28,2), which Spark's hash aggregation keeps as a BigInteger's bytes, taken apart and
   * put together again at each row (docs/performance.md, "2026-12-07 (sixth session)"). A plain long sum
   * would stop the run with Spark's own overflow error (ANSI mode) or wrap around to a wrong figure
   * (without it); {@link #exactSum} turns the null into a stop that names the zone and year.
   */
  public static Column sumFen(Column yuan) {
    Column amount = yuan.cast(YUAN);
    Column wholeYuan = amount.cast(DataTypes.LongType);
    Column cents = amount.minus(wholeYuan.cast(YUAN)).cast(CENTS);
    Column fen = try_sum(wholeYuan).cast(DataTypes.createDecimalType(20, 0)).multiply(lit(100))
        .plus(sum(cents).multiply(lit(100)));
    return fen.try_cast(DataTypes.LongType);
  }

  /**
   * A sum of {@link #sumFen}, checked: 0 when nothing was summed ({@code rows} null or 0), the sum when it
   * is exact, and otherwise (null with rows behind it: it left the range of a long) the run stops with one
   * line naming the year, the zone and whose sum it is ({@code whose}, text).
   */
  public static Column exactSum(Column sum, Column rows, Column year, Column zoneId, Column whose) {
    Column overflowed = sum.isNull().and(coalesce(rows, lit(0L)).gt(0));
    return when(overflowed, raise_error(concat(lit(MONEY_OUT_OF_RANGE), year.cast("string"), lit(" zone "),
        coalesce(zoneId, lit("?")), lit(": "), whose, lit(" add up beyond "), lit(MAX_FEN_AS_YUAN),
        lit(" yuan, more than a sum in fen holds exactly; check the records, each at most "
            + "data.max_record_amount_yuan"))))
        .otherwise(coalesce(sum, lit(0L)));
  }

  /** How every stop for money out of range starts (see {@link #moneyStop}). */
  public static final String MONEY_OUT_OF_RANGE = "money out of range: ";

  /**
   * The one line of a stop for money out of range ({@link #exactSum}, ZoneMetrics' range check) that an
   * error carries, or null. Spark raises it inside a task and wraps it on the way to the driver: with
   * its error class and SQLSTATE around it, or, when several stages fail at once, as the cause of a
   * "multiple failures" error whose first line says only that. Whoever reports an error in one line can
   * show this one.
   */
  public static String moneyStop(Throwable error) {
    for (Throwable t : io.zoneeval.spark.Failures.chain(error)) {
      String message = t.getMessage();
      int at = message == null ? -1 : message.indexOf(MONEY_OUT_OF_RANGE);
      if (at >= 0) {
        String line = message.substring(at).lines().findFirst().orElse("");
        return line.replaceFirst("\\s*SQLSTATE: \\w+$", "");
      }
    }
    return null;
  }

  /** Long.MAX_VALUE fen in yuan, as the stop message says it. */
  private static final String MAX_FEN_AS_YUAN =
      java.math.BigDecimal.valueOf(Long.MAX_VALUE, 2).toPlainString();

  /** What an invoice adds to sales, in yuan: its amount, negative for a red-letter invoice, nothing when void. */
  public static Column countedInvoiceYuan(Rules rules) {
    Column amount = col("amount").cast(YUAN);
    Column red = rules.data().redInvoiceAmount() == Rules.RedInvoiceAmount.AS_GIVEN ? amount : negate(abs(amount));
    return when(col("status").equalTo("void"), lit(java.math.BigDecimal.ZERO).cast(YUAN))
        .when(col("status").equalTo("red"), red)
        .otherwise(amount);
  }

  /** The treasury entries that count as tax: all but those of the tax types the rules exclude. */
  public static Dataset<Row> countedTaxPayments(Dataset<Row> taxPayments, Rules rules) {
    java.util.List<String> excluded = rules.data().taxTypesExcluded();
    return excluded.isEmpty() ? taxPayments
        : taxPayments.filter(col("tax_type").isNull().or(not(col("tax_type").isin(excluded.toArray()))));
  }

  /**
   * A parcel holding is held at 31 December of {@code year} when acquired on or before that day and not
   * released by the end of it (a release dated 31 December ends the holding that day).
   */
  public static Column heldAtYearEnd(Column acquired, Column released, Column year) {
    Column yearEnd = make_date(year, lit(12), lit(31));
    return acquired.leq(yearEnd).and(released.isNull().or(released.gt(yearEnd)));
  }

  public static Dataset<Row> compute(SilverRecords silver, Rules rules) {
    Dataset<Row> zones = silver.accepted(RawFile.ZONES)
        .select(col("year"), col("zone_id"), col("specialty_industries"));
    Dataset<Row> roster = silver.accepted(RawFile.ENTERPRISES);

    Dataset<Row> sales = silver.accepted(RawFile.INVOICES)
        .groupBy(col("year"), col("seller_uscc").as("uscc"))
        .agg(sumFen(countedInvoiceYuan(rules)).as("sales_fen"), count(lit(1)).as("_invoices"));
    Dataset<Row> tax = countedTaxPayments(silver.accepted(RawFile.TAX_PAYMENTS), rules)
        .groupBy(col("year"), col("uscc"))
        .agg(sumFen(col("amount")).as("tax_fen"), count(lit(1)).as("_tax_entries"));

    // Land held at 31 December of each roster year.
    Dataset<Row> parcels = silver.accepted(RawFile.LAND_PARCELS);
    Dataset<Row> rosterKeys = roster.select(col("year").as("_y"), col("uscc").as("_u"));
    Dataset<Row> land = rosterKeys
        // The register delivered for that year (a register serves each year its delivery covers).
        .join(parcels, rosterKeys.col("_u").equalTo(parcels.col("holder_uscc"))
            .and(parcels.col("year").equalTo(rosterKeys.col("_y")))
            .and(heldAtYearEnd(parcels.col("acquired_date"), parcels.col("released_date"), rosterKeys.col("_y"))))
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
        exactSum(col("sales_fen"), col("_invoices"), col("year"), col("zone_id"),
            concat(lit("the invoice sales of enterprise "), col("uscc"))).as("sales_fen"),
        exactSum(col("tax_fen"), col("_tax_entries"), col("year"), col("zone_id"),
            concat(lit("the tax entries of enterprise "), col("uscc"))).as("tax_fen"),
        coalesce(col("land_m2"), lit(java.math.BigDecimal.ZERO)).cast("decimal(24,4)").as("land_m2"),
        col("land_m2").isNotNull().as("has_land"));
  }
}
