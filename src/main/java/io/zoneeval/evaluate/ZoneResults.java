package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.zoneeval.rules.Rules;
import java.util.Collection;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver to gold for the years evaluated: metrics (with the year before's figures), then ranks and
 * scores within each (year, type), then the final order, awards and interviews, then the leadership
 * adjustments from the year before's result.
 */
public final class ZoneResults {
  private ZoneResults() {}

  /**
   * One row per zone of each year of {@code years}, with every metric, rank, score and result column of
   * the gold tables. {@code enterpriseYear} covers these years and the years before them;
   * {@code lastBefore} is (year, zone_id) of the zones last of their group the year before, from an
   * earlier run; for the years of {@code lastFromThisRun} it is this computation's own result of the year
   * before. {@code priorYearMissing}: the years evaluated without the year before's zones and roster.
   */
  public static Dataset<Row> compute(SilverRecords silver, Dataset<Row> enterpriseYear, Rules rules,
      Collection<Integer> years, Dataset<Row> lastBefore, Collection<Integer> lastFromThisRun,
      Collection<Integer> priorYearMissing) {
    Dataset<Row> metrics = ZoneMetrics.compute(silver, enterpriseYear, rules)
        .filter(col("year").isin(years.toArray()))
        .withColumn("prior_year_missing", priorYearMissing.isEmpty() ? lit(false)
            : col("year").isin(priorYearMissing.toArray()));
    Dataset<Row> awarded = AwardAllocation.allocate(RankScore.score(metrics, rules), rules);
    Dataset<Row> last = lastBefore;
    if (!lastFromThisRun.isEmpty()) {
      // A few dozen rows read twice (the year before's last places): computed once.
      awarded = awarded.localCheckpoint();
      last = last.unionByName(awarded.filter(col("interview"))
          .select(col("year").plus(1).as("year"), col("zone_id"))
          .filter(col("year").isin(lastFromThisRun.toArray())));
    }
    return AwardAllocation.withLeadership(awarded, last);
  }
}
