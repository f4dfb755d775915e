package io.zoneeval.publish;

import io.zoneeval.catalog.CommitLog;
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
import org.apache.spark.sql.SparkSession;

/**
 * What a publication shows, read from the gold tables: the zones of one year (results, scores and
 * metrics, merged by zone), the run that wrote them, and the rules that run evaluated with (full marks,
 * tie-break). Every table is read {@code VERSION AS OF} the version the run recorded in {@code
 * gold.runs.table_versions}: the year's published run, else its latest committed run (a draft), or the run
 * named.
 *
 * <p>Zone-level only, by construction (the report is public; the warehouse is not): {@link #load} reads
 * gold.zone_results, gold.zone_scores and gold.zone_metrics, and gold.zone_tier_mix (each zone's enterprise
 * counts per per-mu tier) when the run wrote it, and nothing else, tables of one row per (year, zone) (their group check one_row_per_zone_year refuses any other write), whose columns are zone
 * facts and sums over a zone's enterprises; no USCC, enterprise name or enterprise row is among them (the
 * free texts are the zone's name and county, its specialty code prefixes, and reasons built from counts
 * and fixed phrases). {@link RunInfo} adds the run's rules and delivered files (file name, size, SHA-256,
 * record counts), never a record. Were an enterprise-level column ever added to one of these tables, it
 * would ride along in {@link Zone#values()} but still not be published: the writers show only the
 * columns {@link ReportColumns} declares ({@code ReportPublicFilesTest} holds both to that).
 *
 * <p>{@code publishedAt}: when the run's result of the year was last put on public notice (gold.publications),
 * the default first day of the notice period; null when it never was.
 */
public record ReportData(int year, List<Zone> zones, List<RunInfo> runs, String state, Rules rules,
    java.time.Instant publishedAt) {
  /** Rows not (known to be) on public notice. */
  public ReportData(int year, List<Zone> zones, List<RunInfo> runs, String state, Rules rules) {
    this(year, zones, runs, state, rules, null);
  }

  /** Before any publication, the report shows the latest committed run, marked 草稿. */
  public static final String DRAFT = "draft";
  public static final String PUBLISHED = "published";
  public static final String APPROVED = "approved";
  /** A run named on the command line, whatever the year's publication. */
  public static final String RUN = "run";

  public boolean draft() {
    return DRAFT.equals(state);
  }

  /** The state in Chinese, as the report shows it: 草稿 (draft), 公示 (public notice), 批准 (approved). */
  public String stateChinese() {
    return switch (state) {
      case DRAFT -> "草稿";
      case PUBLISHED -> "公示";
      case APPROVED -> "已批准";
      default -> "运行 " + runIds();
    };
  }

  /** What the report is of, without its state: 2024年度工业集中区综合评价结果. */
  public String subject() {
    return year + "年度工业集中区综合评价结果";
  }

  /** The report's title; a draft says so. */
  public String title() {
    return subject() + (draft() ? "（草稿）" : "");
  }


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
   * Loads a year's publication: the run named ({@code runId}), else the year's published run (approved or
   * on public notice), else its latest committed run (a draft). Every table is read at the version that
   * run recorded, so a killed or running evaluation's rows are never shown. {@code year} null: the
   * latest year a committed run evaluated (of the run's years, with a run).
   */
  public static ReportData load(SparkSession spark, String warehouseRoot, Integer year, String runId) {
    Warehouse warehouse = new Warehouse(spark, warehouseRoot);
    CommitLog log = CommitLog.read(warehouse);
    if (log.runs().isEmpty()) {
      throw new ReportException(warehouse.root() + ": no committed evaluation run yet: run bin/zone-eval evaluate first");
    }
    CommitLog.Run run;
    String state;
    if (runId != null) {
      run = log.run(runId).orElseThrow(() -> new ReportException("run " + runId + " is not a committed run (runs: "
          + String.join(", ", log.runs().stream().map(CommitLog.Run::id).toList()) + ")"));
      if (year == null) {
        year = run.years().stream().max(Integer::compare).orElseThrow();
      } else if (!run.years().contains(year)) {
        throw new ReportException("run " + runId + " evaluated " + run.years() + ", not " + year);
      }
      state = RUN;
    } else {
      if (year == null) {
        year = log.runs().stream().flatMap(r -> r.years().stream()).max(Integer::compare).orElseThrow();
      }
      int y = year;
      run = log.resultOf(y).orElseThrow(() -> new ReportException(y + ": no committed run evaluated " + y));
      CommitLog.YearState yearState = log.state(y);
      state = yearState.approved() ? APPROVED : yearState.published() ? PUBLISHED : DRAFT;
    }
    Map<String, Long> versions = run.versions();
    int y = year;
    Map<String, Map<String, Object>> byZone = new TreeMap<>();
    // A few dozen rows a table, read by Delta Kernel on this thread (no Spark job: a read through Delta's
    // Spark source would reconstruct each table's state and choose its files with jobs of their own).
    for (TableDef table : zoneTables(versions)) {
      for (Map<String, Object> r : warehouse.rowsOfYear(table, version(table, versions), y)) {
        Map<String, Object> values = byZone.computeIfAbsent((String) r.get("zone_id"), k -> new LinkedHashMap<>());
        r.forEach((column, v) -> values.putIfAbsent(column, v instanceof Map<?, ?> m ? new TreeMap<>(m) : v));
      }
    }
    List<Zone> zones = new ArrayList<>();
    for (Map<String, Object> values : byZone.values()) {
      if (values.containsKey("final_rank")) {
        zones.add(new Zone(values));
      }
    }
    if (zones.isEmpty()) {
      throw new ReportException("gold.zone_results has no rows for " + y + " as of run " + run.id());
    }
    zones.sort(Comparator.comparing((Zone z) -> z.type().ordinal()).thenComparingInt(Zone::finalRank)
        .thenComparing(Zone::zoneId));
    List<RunInfo> runs = List.of(runInfo(log, run, y));
    return new ReportData(y, List.copyOf(zones), runs, state, rulesOf(runs), publishedAt(log, y, run.id()));
  }

  /** When the run's result of the year was last put on public notice (gold.publications); null if never. */
  static java.time.Instant publishedAt(CommitLog log, int year, String runId) {
    java.time.Instant at = null;
    for (CommitLog.Publication p : log.publications()) { // in time order
      if (p.year() == year && p.runId().equals(runId) && CommitLog.Publication.PUBLISHED.equals(p.state())) {
        at = p.at();
      }
    }
    return at;
  }

  /** The run, and the delivered files whose records silver held for the year when it ran. */
  private static RunInfo runInfo(CommitLog log, CommitLog.Run run, int year) {
    List<Input> inputs = new ArrayList<>();
    for (CommitLog.DeliveredFile f : log.filesHeldAsOf(run.ingestId(), year)) {
      inputs.add(new Input(f.source(), f.sizeBytes(), f.sha256(), f.charset(), f.read(), f.accepted(), f.rejected()));
    }
    return new RunInfo(run.id(), run.years(), run.rulesName(), run.rulesSha256(), run.rulesFile(), run.codeVersion(),
        List.copyOf(inputs), new TreeMap<>(run.versions()));
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

  /** The rules a committed run evaluated with, found as {@link #rulesOf(List)} finds them. */
  public static Rules rulesOf(CommitLog.Run run) {
    return rulesOf(new RunInfo(run.id(), run.years(), run.rulesName(), run.rulesSha256(), run.rulesFile(),
        run.codeVersion(), List.of(), run.versions()));
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

  /** The zone-level tables a report reads: the tier mix only from a run that wrote it (earlier runs did not). */
  static List<TableDef> zoneTables(Map<String, Long> versions) {
    List<TableDef> tables = new ArrayList<>(List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS));
    if (versions != null && versions.containsKey(Tables.ZONE_TIER_MIX.qualifiedName())) {
      tables.add(Tables.ZONE_TIER_MIX);
    }
    return tables;
  }

  /** The version of the table the run recorded (-1, the latest, when the versions are not known). */
  private static long version(TableDef table, Map<String, Long> versions) {
    if (versions == null || versions.isEmpty()) {
      return -1;
    }
    Long version = versions.get(table.qualifiedName());
    if (version == null) {
      throw new ReportException("the run recorded no version of " + table.qualifiedName());
    }
    return version;
  }
}
