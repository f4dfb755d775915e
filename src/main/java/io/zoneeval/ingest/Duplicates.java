package io.zoneeval.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.translate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which delivered records are duplicates, as joins, aggregations and windows on the executors: an id that
 * an accepted record of another year holds is taken (that record named); of the rest, the first good
 * record of a key in file order stands and the later ones are duplicates. Pure functions of datasets;
 * the reading is {@link DeliveryChecks}'. Only good records take part: a record refused for another reason
 * never takes a key from a later good one.
 */
public final class Duplicates {
  /** A delivered record that may be a duplicate and passes every other check: its key and line. */
  public static final StructType CANDIDATE = new StructType()
      .add("key", DataTypes.StringType, false)
      .add("line", DataTypes.LongType, false);

  /** What {@link #decisions} gives: the refused line, its reason code and reason. */
  public static final StructType DECISION = new StructType()
      .add("line", DataTypes.LongType, false)
      .add("reason_code", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, false);

  static final String DUPLICATE_ID = "duplicate_id";

  private Duplicates() {}

  /**
   * The duplicates among {@code candidates} ({@link #CANDIDATE}), as {@link #DECISION} rows. {@code held}:
   * the records of other years that hold ids ({@code key}, {@code year}, {@code delivery_id}, {@code line}),
   * or null for a file whose key another year cannot hold. {@code keyText} names the key's columns.
   */
  public static Dataset<Row> decisions(Dataset<Row> candidates, Dataset<Row> held, String keyText) {
    Dataset<Row> free = candidates;
    Dataset<Row> taken = null;
    if (held != null) {
      Dataset<Row> holders = held.groupBy("key")
          .agg(min(struct(col("year"), col("delivery_id"), col("line"))).as("holder"));
      taken = candidates.join(holders, "key").select(col("line"), lit(DUPLICATE_ID).as("reason_code"),
          concat(lit("duplicate " + keyText + ": "), col("key"), lit(" is held by the accepted record of "),
              col("holder.year").cast("string"), lit(" (delivery "),
              col("holder.delivery_id").substr(1, 12), lit("…, line "), col("holder.line").cast("string"),
              lit(")")).as("reason"));
      free = candidates.join(holders, candidates.col("key").equalTo(holders.col("key")), "left_anti");
    }
    Column first = min("line").over(Window.partitionBy("key"));
    Dataset<Row> repeated = free.withColumn("stands", first).filter(col("line").notEqual(col("stands")))
        .select(col("line"), lit(DUPLICATE_ID).as("reason_code"),
            concat(lit("duplicate " + keyText + ": "), translate(col("key"), "\u0001", ","),
                lit(" already appears at line "), col("stands").cast("string"), lit(" of this delivery"))
                .as("reason"));
    return taken == null ? repeated : taken.unionByName(repeated);
  }
}
