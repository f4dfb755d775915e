package io.zoneeval.publish;

import static org.apache.spark.sql.functions.col;

import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.Rules;
import io.zoneeval.rules.ZoneType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a publication shows, read from the gold tables: the zones of one year (results, scores and
 * metrics, merged by zone), the run that wrote them, and the rules that run evaluated with (full marks,
 * tie-break). The current publication reads the tables' latest versions; the publication of an earlier
 * run reads each gold table {@code VERSION AS OF} the version that run recorded in {@code
 * gold.runs.table_versions}, so it reads exactly what that run left.
 */
public record ReportData(int year, List<Zone> zones, List<RunInfo> runs, Rules rules) {

  /** One zone of the year: every column of its gold.zone_results, zone_scores and zone_metrics rows. */
  public record Zone(Map<String, Object> values) {
    public Object get(String column) {
      if (!values.containsKey(column)) {
        throw new IllegalArgumentException("no column " + column);
      }
      return values.get(column);
    }

    public String text(String column) {
      Object v = get(column);
      return v == null ? null : v.toString();
    }

    public String zoneId() {
      return text("zone_id");
    }

    public ZoneType type() {
      return ZoneType.valueOf(text("zone_type"));
    }

    public int finalRank() {
      return ((Number) get("final_rank")).intValue();
    }
  }

  /** An input file of a run, as gold.runs recorded it. */
  public record Input(String file, long sizeBytes, String sha256, String charset, long read, long accepted,
      long rejected) {}

  /** The run that wrote the rows, from gold.runs. */
  public record RunInfo(String runId, List<Integer> years, String rulesName, String rulesSha256, String rulesFile,
      String codeVersion, List<Input> inputs, Map<String, Long> tableVersions) {}

  /** A report that cannot be made, with a one-line reason. */
  public static final class ReportException extends RuntimeException {
    public ReportException(String message) {
      super(message);
    }
  }

  /** The zones of one type, in final order. */
  public List<Zone> group(ZoneType type) {
    return zones.stream().filter(z -> z.type() == type).toList();
  }

  /** The run ids of the rows (one, unless the tables were written by hand). */
  public String runIds() {
    return String.join(", ", runs.stream().map(RunInfo::runId).toList());
  }

  /**
   * Loads a year's publication. {@code runId} null: the latest table versions; otherwise the versions
   * that run recorded. {@code year} null: the latest year of the results (of the run's years, with a run).
   */
  public static ReportData load(SparkSession spark, String warehouseRoot, Integer year, String runId) {
    Warehouse warehouse = new Warehouse(spark, warehouseRoot);
    Map<String, Long> versions = Map.of();
    Dataset<Row> runsTable = read(spark, warehouse, Tables.RUNS, null);
    if (runId != null) {
      List<Row> run = runsTable.filter(col("run_id").equalTo(runId)).collectAsList();
      if (run.isEmpty()) {
        List<String> known = runsTable.select("run_id").orderBy("run_id").as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
        throw new ReportException("run " + runId + " is not in gold.runs (runs: " + String.join(", ", known) + ")");
      }
      RunInfo info = runInfo(run.get(0));
      versions = info.tableVersions();
      if (year == null) {
        year = info.years().stream().max(Integer::compare).orElseThrow();
      }
    }
    Dataset<Row> results = read(spark, warehouse, Tables.ZONE_RESULTS, versions);
    if (year == null) {
      Row max = results.agg(org.apache.spark.sql.functions.max("year")).first();
      if (max.isNullAt(0)) {
        throw new ReportException("gold.zone_results has no rows: run bin/zone-eval evaluate first");
      }
      year = max.getInt(0);
    }
    int y = year;
    Map<String, Map<String, Object>> byZone = new TreeMap<>();
    for (TableDef table : List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS)) {
      Dataset<Row> frame = table == Tables.ZONE_RESULTS ? results : read(spark, warehouse, table, versions);
      for (Row r : frame.filter(col("year").equalTo(y)).collectAsList()) {
        Map<String, Object> values = byZone.computeIfAbsent(r.getAs("zone_id"), k -> new LinkedHashMap<>());
        for (String column : r.schema().fieldNames()) {
          Object v = r.getAs(column);
          if (v instanceof scala.collection.Map<?, ?> m) {
            v = new TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(m));
          }
          values.putIfAbsent(column, v);
        }
      }
    }
    List<Zone> zones = new ArrayList<>();
    for (Map<String, Object> values : byZone.values()) {
      if (values.containsKey("final_rank")) {
        zones.add(new Zone(values));
      }
    }
    if (zones.isEmpty()) {
      throw new ReportException("gold.zone_results has no rows for " + y
          + (runId == null ? "" : " as of run " + runId));
    }
    zones.sort(Comparator.comparing((Zone z) -> z.type().ordinal()).thenComparingInt(Zone::finalRank)
        .thenComparing(Zone::zoneId));
    TreeSet<String> rowRuns = new TreeSet<>();
    zones.forEach(z -> rowRuns.add(z.text("run_id")));
    List<RunInfo> runs = new ArrayList<>();
    Map<String, Row> runRows = new LinkedHashMap<>();
    runsTable.filter(col("run_id").isin(rowRuns.toArray())).collectAsList()
        .forEach(r -> runRows.put(r.getAs("run_id"), r));
    for (String id : rowRuns) {
      Row r = runRows.get(id);
      runs.add(r == null ? new RunInfo(id, List.of(), "", "", null, "", List.of(), Map.of()) : runInfo(r));
    }
    return new ReportData(y, List.copyOf(zones), List.copyOf(runs), rulesOf(runs));
  }

  /**
   * The rules the runs of the rows evaluated with: the bundled rules when a run used them (under the same
   * name: a program that bundles another edition cannot present it), else the file the run names, unchanged
   * since (by its SHA-256). Rows of several runs must share their rules.
   */
  static Rules rulesOf(List<RunInfo> runs) {
    Rules rules = null;
    String sha = null;
    for (RunInfo run : runs) {
      if (sha != null && !sha.equals(run.rulesSha256())) {
        throw new ReportException("the rows of " + String.join(", ", runs.stream().map(RunInfo::runId).toList())
            + " were evaluated with different rules: one report presents one set of rules");
      }
      sha = run.rulesSha256();
      rules = rulesOf(run);
    }
    return rules == null ? Rules.defaults() : rules;
  }

  private static Rules rulesOf(RunInfo run) {
    if (run.rulesFile() == null) {
      Rules bundled = Rules.defaults();
      if (!run.rulesName().isEmpty() && !run.rulesName().equals(bundled.name())) {
        throw new ReportException("run " + run.runId() + " was evaluated with the bundled rules " + run.rulesName()
            + ", this program bundles " + bundled.name() + ": make its report with the program that ran it");
      }
      return bundled;
    }
    java.nio.file.Path file = java.nio.file.Path.of(run.rulesFile());
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new ReportException("run " + run.runId() + " was evaluated with the rules file " + file
          + ", which is not there any more: the report needs the rules it was evaluated with");
    }
    try {
      String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(java.nio.file.Files.readAllBytes(file)));
      if (!sha.equals(run.rulesSha256())) {
        throw new ReportException("the rules file " + file + " changed since run " + run.runId()
            + " evaluated with it (SHA-256 " + run.rulesSha256() + ", now " + sha + ")");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return Rules.load(file);
  }

  private static Dataset<Row> read(SparkSession spark, Warehouse warehouse, TableDef table, Map<String, Long> versions) {
    var reader = spark.read().format("delta");
    if (versions != null && !versions.isEmpty()) {
      Long version = versions.get(table.qualifiedName());
      if (version == null) {
        throw new ReportException("the run recorded no version of " + table.qualifiedName());
      }
      reader = reader.option("versionAsOf", version);
    }
    return reader.load(warehouse.location(table));
  }

  private static RunInfo runInfo(Row r) {
    List<Integer> years = new ArrayList<>(r.<Integer>getList(r.fieldIndex("years")));
    List<Input> inputs = new ArrayList<>();
    if (!r.isNullAt(r.fieldIndex("inputs"))) {
      for (Row in : r.<Row>getList(r.fieldIndex("inputs"))) {
        inputs.add(new Input(in.getAs("file"), in.<Long>getAs("size_bytes"), in.getAs("sha256"), in.getAs("charset"),
            in.<Long>getAs("rows_read"), in.<Long>getAs("accepted"), in.<Long>getAs("rejected")));
      }
    }
    Map<String, Long> versions = new TreeMap<>();
    if (!r.isNullAt(r.fieldIndex("table_versions"))) {
      versions.putAll(r.<String, Long>getJavaMap(r.fieldIndex("table_versions")));
    }
    return new RunInfo(r.getAs("run_id"), List.copyOf(years), r.getAs("rules_name"), r.getAs("rules_sha256"),
        r.getAs("rules_file"), r.getAs("code_version"), List.copyOf(inputs), versions);
  }
}
