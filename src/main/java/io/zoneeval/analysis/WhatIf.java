package io.zoneeval.analysis;

import static org.apache.spark.sql.functions.col;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.evaluate.EvaluateStage;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Progress;
import io.zoneeval.spark.Sessions;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What-if: a year scored from silver under another rules file, beside a committed run's result. The
 * "after" is what {@code evaluate --year Y --rules FILE} would write now: the same reading of silver (at
 * its committed versions, and the year before's committed result for the previous last place) and the
 * same computation ({@link EvaluateStage#plan}, {@link EvaluateStage.YearPlan#results}). Nothing is
 * written, and no lock is taken: it reads what any reader reads.
 */
public final class WhatIf {
  /** The CSV's header: the contract of the spec's what-if. */
  public static final String HEADER = "year,zone_id,zone_type,final_rank_before,final_rank_after,total_before,"
      + "total_after,award_prize_before,award_prize_after,award_amount_wan_before,award_amount_wan_after";

  private WhatIf() {}

  /** A zone's place in one result: type, final rank, total, prize (null: none) and its amount in 万元. */
  public record Place(String zoneType, int finalRank, BigDecimal total, Integer prize, BigDecimal amountWan) {
    /** From a result row's columns, by name. */
    static Place of(Function<String, Object> column) {
      return new Place((String) column.apply("zone_type"), (Integer) column.apply("final_rank"),
          (BigDecimal) column.apply("total_score"), (Integer) column.apply("award_prize"),
          (BigDecimal) column.apply("award_amount_wan"));
    }
  }

  /**
   * One zone of the year: its place in the committed result ({@code before}; null when silver's zones
   * of the year changed since and the run did not rank it) and under the other rules ({@code after}; null
   * when it is no longer among silver's zones of the year).
   */
  public record Zone(int year, String zoneId, Place before, Place after) {
    public String zoneType() {
      return after != null ? after.zoneType() : before.zoneType();
    }

    /** Its final rank or its prize (which, or how much) changed. */
    public boolean moved() {
      if (before == null || after == null) {
        return true;
      }
      return before.finalRank() != after.finalRank() || !Objects.equals(before.prize(), after.prize())
          || !sameAmount(before.amountWan(), after.amountWan());
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
      return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
  }

  /** The year's zones in the order of the result under the other rules, and the run they are compared with. */
  public record Result(int year, CommitLog.Run before, String rulesName, List<Zone> zones) {}

  /** The columns of a result row a zone's {@link Place} is read from. */
  private static final String[] PLACE = {"zone_id", "zone_type", "final_rank", "total_score", "award_prize",
      "award_amount_wan"};

  /**
   * Scores {@code year} under {@code rules} and sets it beside run {@code runId}'s result (null: the year's
   * published run, else its latest committed one). Refused, in one line, when the year has no committed
   * run, the run is not one of the year's, or evaluate would refuse the year.
   */
  public static Result compute(SparkSession spark, Warehouse warehouse, int year, Rules rules, String runId,
      boolean allowMissingPriorYear, Progress progress) {
    CommitLog log = CommitLog.read(warehouse);
    CommitLog.Run run = CommittedResult.of(log, year, runId);
    Map<String, Place> before = new TreeMap<>();
    for (Map<String, Object> r : CommittedResult.rows(warehouse, run, Tables.ZONE_RESULTS, year)) {
      before.put((String) r.get("zone_id"), Place.of(r::get));
    }

    EvaluateStage stage = new EvaluateStage(spark, warehouse, progress);
    EvaluateStage.YearPlan plan = stage.plan(List.of(year), rules, log, allowMissingPriorYear,
        stage.committedSilver(log, rules));
    Dataset<Row> enterpriseYear = plan.enterpriseYear().persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> rows;
    try {
      progress.step("enterprise facts", enterpriseYear::count);
      rows = progress.step("score", () -> Sessions.zoneLevel(spark, () -> plan.results(enterpriseYear)
          .filter(col("year").equalTo(year)).selectExpr(PLACE).collectAsList()));
    } finally {
      enterpriseYear.unpersist();
    }
    Map<String, Place> after = new TreeMap<>();
    for (Row r : rows) {
      after.put(r.getAs("zone_id"), Place.of(r::<Object>getAs));
    }

    Set<String> zoneIds = new TreeSet<>(before.keySet());
    zoneIds.addAll(after.keySet());
    List<Zone> zones = new ArrayList<>();
    for (String zoneId : zoneIds) {
      zones.add(new Zone(year, zoneId, before.get(zoneId), after.get(zoneId)));
    }
    zones.sort(Comparator.comparing(Zone::zoneType)
        .thenComparing(z -> z.after() == null ? Integer.MAX_VALUE : z.after().finalRank())
        .thenComparing(z -> z.before() == null ? Integer.MAX_VALUE : z.before().finalRank())
        .thenComparing(Zone::zoneId));
    return new Result(year, run, rules.name(), List.copyOf(zones));
  }

  /** The CSV: {@link #HEADER}, then one line per zone; decimals as written in gold, an absent value empty. */
  public static void print(Result result, PrintStream out) {
    out.println(HEADER);
    for (Zone z : result.zones()) {
      Place b = z.before();
      Place a = z.after();
      out.println(String.join(",", String.valueOf(z.year()), csv(z.zoneId()), csv(z.zoneType()),
          text(b == null ? null : b.finalRank()), text(a == null ? null : a.finalRank()),
          text(b == null ? null : b.total()), text(a == null ? null : a.total()),
          text(b == null ? null : b.prize()), text(a == null ? null : a.prize()),
          text(b == null ? null : b.amountWan()), text(a == null ? null : a.amountWan())));
    }
    out.flush();
  }

  static String text(Object value) {
    return value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }

  static String csv(String text) {
    return text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
