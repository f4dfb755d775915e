package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.rules.Rules;
import io.zoneeval.rules.ZoneType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Vetoes, the final order, awards, interviews and leadership adjustments, from the scored zone-years.
 * <ul>
 *   <li>A zone with a vetoing incident in the year is placed after every zone without one; vetoed zones
 *       are ordered among themselves by total.</li>
 *   <li>Equal totals are ordered by the rules' tie-break (tax per mu, higher first, undefined last; then
 *       zone id), and the zones so ordered are flagged.</li>
 *   <li>Awards go down the final order to eligible zones only (not vetoed, county with a policy): the
 *       next eligible zone moves up.</li>
 *   <li>The last of each group is interviewed; last two years running means a leadership adjustment
 *       ({@link #withLeadership}, from the year before's result).</li>
 * </ul>
 */
public final class AwardAllocation {
  private AwardAllocation() {}

  /** A tie-break criterion as an ordering; per-mu figures by their exact rank keys. */
  private static Column tieBreak(String criterion) {
    return switch (criterion) {
      case "tax_per_mu", "sales_per_mu" -> col(ZoneMetrics.rankKey(criterion)).desc_nulls_last();
      case "zone_id" -> col("zone_id").asc();
      default -> throw new IllegalArgumentException("unknown tie-break " + criterion);
    };
  }

  // The reasons are published (公示): in Chinese, the severities and kinds named from the rules.
  static final String VETOED_NOT_ELIGIBLE = "已被否决，不参加评优";
  static final String NO_COUNTY_POLICY_NOT_ELIGIBLE = "所在县(市、区)无配套政策，不参加评优";
  static final String COUNTY_POLICY_MISSING_NOT_ELIGIBLE =
      "所在县(市、区)本年度无配套政策记录，视为无配套政策，不参加评优";

  /** 否决：发生较大及以上安全或环境事件N起, from the rules' vetoing kinds and severities. */
  static Column vetoReason(Rules rules) {
    return concat_ws("", lit("否决：发生" + rules.veto().chinese()), col("vetoing_incidents").cast("string"),
        lit("起"));
  }

  public static Dataset<Row> allocate(Dataset<Row> scores, Rules rules) {
    return allocate(scores, rules, List.of());
  }

  /**
   * The same, each (year, zone type) split further by the values of {@code splitBy} (a sensitivity draw):
   * every such split is a group of its own, ordered and awarded as if it were the only one.
   */
  public static Dataset<Row> allocate(Dataset<Row> scores, Rules rules, List<String> splitBy) {
    WindowSpec group = Window.partitionBy(partition(splitBy, "year", "zone_type"));
    List<Column> order = new ArrayList<>(List.of(col("vetoed").asc(), col("total_score").desc()));
    rules.finalOrder().tieBreak().forEach(c -> order.add(tieBreak(c)));

    // Columns in layers, each on the ones before (ColumnLayer).
    Dataset<Row> vetoed = new ColumnLayer().put("vetoed", col("vetoing_incidents").gt(0)).addTo(scores);
    Dataset<Row> ordered = new ColumnLayer()
        .put("final_rank", row_number().over(group.orderBy(order.toArray(Column[]::new))))
        .put("group_size", count(lit(1)).over(group).cast("int"))
        .put("decided_by_tie_break",
            count(lit(1)).over(Window.partitionBy(partition(splitBy, "year", "zone_type", "vetoed", "total_score")))
                .gt(1))
        .put("award_eligible", col("vetoed").equalTo(false).and(col("county_has_policy")))
        .addTo(vetoed);

    // Eligible zones take the prizes in final order: the n-th eligible zone gets the prize whose
    // cumulative count first reaches n.
    Dataset<Row> withEligibleRank = new ColumnLayer().put("eligible_rank",
        when(col("award_eligible"), row_number().over(
            Window.partitionBy(partition(splitBy, "year", "zone_type", "award_eligible")).orderBy(col("final_rank")))))
        .addTo(ordered);
    Column prize = lit(null).cast("int");
    Column amount = lit(null).cast("decimal(10,2)");
    for (ZoneType type : ZoneType.values()) {
      int upTo = 0;
      Column typePrize = lit(null).cast("int");
      Column typeAmount = lit(null).cast("decimal(10,2)");
      List<Rules.Prize> prizes = rules.prizes(type);
      for (int i = prizes.size() - 1; i >= 0; i--) {
        upTo = 0;
        for (int j = 0; j <= i; j++) {
          upTo += prizes.get(j).count();
        }
        Column within = col("eligible_rank").leq(upTo);
        typePrize = when(within, lit(prizes.get(i).prize())).otherwise(typePrize);
        typeAmount = when(within, lit(prizes.get(i).amountWan()).cast("decimal(10,2)")).otherwise(typeAmount);
      }
      Column isType = col("zone_type").equalTo(type.name());
      prize = when(isType, typePrize).otherwise(prize);
      amount = when(isType, typeAmount).otherwise(amount);
    }

    return new ColumnLayer()
        .put("award_prize", prize)
        .put("award_amount_wan", amount)
        .put("interview", col("final_rank").equalTo(col("group_size")))
        .put("veto_reason", when(col("vetoed"), vetoReason(rules)))
        .put("ineligible_reason",
            when(col("vetoed"), lit(VETOED_NOT_ELIGIBLE))
                .when(col("county_has_policy").equalTo(false).and(col("county_policy_missing")),
                    lit(COUNTY_POLICY_MISSING_NOT_ELIGIBLE))
                .when(col("county_has_policy").equalTo(false), lit(NO_COUNTY_POLICY_NOT_ELIGIBLE)))
        .addTo(withEligibleRank)
        .drop("eligible_rank");
  }

  private static Column[] partition(List<String> splitBy, String... columns) {
    List<Column> all = new ArrayList<>();
    splitBy.forEach(c -> all.add(col(c)));
    for (String c : columns) {
      all.add(col(c));
    }
    return all.toArray(Column[]::new);
  }

  /**
   * Leadership adjustment: last of its group this year and last of its group the year before.
   * {@code lastBefore} holds (year, zone_id) of each zone that was last of its group in year − 1, as the
   * year before's result has it (approved, else published, else its latest committed run), keyed by the
   * year it counts for.
   */
  public static Dataset<Row> withLeadership(Dataset<Row> awarded, Dataset<Row> lastBefore) {
    Dataset<Row> before = lastBefore.select(col("year"), col("zone_id"), lit(true).as("_last_before"));
    return awarded.join(before, new String[] {"year", "zone_id"}, "left")
        .withColumn("leadership_adjustment", col("interview").and(col("_last_before").isNotNull()))
        .drop("_last_before");
  }
}
