package io.zoneeval.evaluate;

import io.zoneeval.rules.Rules;
import io.zoneeval.ingest.Validation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver to gold in one call: metrics, then scores, then the final order and awards, every year at once. */
public final class ZoneResults {
  private ZoneResults() {}

  /** One row per zone-year with every metric, rank, score and result column of the gold tables. */
  public static Dataset<Row> compute(Validation.Result silver, Dataset<Row> enterpriseYear, Rules rules) {
    Dataset<Row> metrics = ZoneMetrics.compute(silver, enterpriseYear, rules);
    return AwardAllocation.allocate(RankScore.score(metrics, rules), rules);
  }
}
