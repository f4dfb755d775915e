package io.zoneeval.job;

import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows of Delta tables as sorted JSON lines, for comparing two runs value by value. The columns
 * that name the run itself (its id, its ingest time) are left out: two runs are "the same" when every
 * other value of every row is.
 */
final class TableRows {
  static final Set<String> RUN_IDENTITY = Set.of("run_id", "_run_id", "_ingested_at", "ingested_at");

  private TableRows() {}

  /** Every row of the table at its latest version (or {@code version}, when not null). */
  static List<String> of(SparkSession spark, String location, Long version) {
    var reader = spark.read().format("delta");
    if (version != null) {
      reader = reader.option("versionAsOf", version);
    }
    Dataset<Row> frame = reader.load(location);
    String[] drop = Arrays.stream(frame.columns()).filter(RUN_IDENTITY::contains).toArray(String[]::new);
    List<String> rows = new ArrayList<>(frame.drop(drop).toJSON().collectAsList());
    rows.sort(null);
    return rows;
  }

  /** The rows of each of the tables, by qualified name. */
  static Map<String, List<String>> of(SparkSession spark, Warehouse warehouse, List<TableDef> tables) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (TableDef t : tables) {
      all.put(t.qualifiedName(), of(spark, warehouse.location(t), null));
    }
    return all;
  }

  /**
   * Fails naming the rows that differ (a few of each side), table by table: a full dump of two warehouses
   * would bury the difference, and a message of megabytes upsets the test runner's channel.
   */
  static void assertSame(Map<String, List<String>> actual, Map<String, List<String>> expected, String what) {
    StringBuilder problems = new StringBuilder();
    java.util.Set<String> names = new java.util.TreeSet<>(actual.keySet());
    names.addAll(expected.keySet());
    for (String table : names) {
      List<String> a = actual.getOrDefault(table, List.of());
      List<String> e = expected.getOrDefault(table, List.of());
      if (a.equals(e)) {
        continue;
      }
      List<String> extra = new ArrayList<>(a);
      e.forEach(extra::remove);
      List<String> missing = new ArrayList<>(e);
      a.forEach(missing::remove);
      problems.append(String.format("%n%s: %d rows, expected %d; %d unexpected, e.g. %s; %d missing, e.g. %s", table,
          a.size(), e.size(), extra.size(), extra.subList(0, Math.min(3, extra.size())), missing.size(),
          missing.subList(0, Math.min(3, missing.size()))));
    }
    if (problems.length() > 0) {
      throw new AssertionError(what + ":" + problems);
    }
  }

  static final List<TableDef> GOLD = List.of(Tables.ZONE_METRICS, Tables.ZONE_SCORES, Tables.ZONE_RESULTS);

  /** The silver and gold tables a run rewrites (the run log left out: it differs by design). */
  static List<TableDef> rewritten(io.zoneeval.rules.Rules rules) {
    return Tables.all(rules).stream().filter(t -> !t.schema().equals("bronze") && t != Tables.RUNS).toList();
  }

  /** The gold tables as the latest finished run left them: read at the versions gold.runs records. */
  static Map<String, List<String>> published(SparkSession spark, Warehouse warehouse) {
    Row latest = warehouse.read(Tables.RUNS).orderBy(org.apache.spark.sql.functions.col("finished_at").desc())
        .first();
    Map<String, Long> versions = latest.getJavaMap(latest.fieldIndex("table_versions"));
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (TableDef t : GOLD) {
      all.put(t.qualifiedName(), of(spark, warehouse.location(t), versions.get(t.qualifiedName())));
    }
    return all;
  }
}
