package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseLock;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Parallel;
import io.zoneeval.spark.Progress;
import io.zoneeval.spark.Sessions;
import io.zoneeval.spark.Version;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Evaluate: silver into gold, for some years. Read top to bottom:
 * <ol>
 *   <li>may these years be evaluated: an approved year only when reopened on purpose; each year needs
 *       its zones, and the zones and roster of the year before (growth, new above-size firms), unless the
 *       run is told to do without;</li>
 *   <li>the inputs: silver's records of the years and of the years before them, every recognition up to
 *       the last year, and, for the previous last place, the year before's result (approved, else
 *       published, else its latest committed run's);</li>
 *   <li>the computation ({@link ZoneResults}), pure;</li>
 *   <li>the gold rows of these years written, one atomic commit per table, then the run log row: the
 *       run is committed.</li>
 * </ol>
 * Never a raw file: a year is what silver holds.
 */
public final class EvaluateStage {
  /** What to evaluate. */
  public record Request(Set<Integer> years, Rules rules, String rulesFile, String rulesSha256,
      boolean allowMissingPriorYear, String reopenReason) {}

  /** What a run did. */
  public record Outcome(String runId, List<Integer> years, Map<String, Long> versions, List<String> notes) {}

  /** A year that may not be evaluated now, with a one-line reason. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final Progress progress;

  public EvaluateStage(SparkSession spark, Warehouse warehouse, Progress progress) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.progress = progress;
  }

  /** Which of silver's years have zones, and which have a roster: what a year needs. */
  public record SilverYears(Set<Integer> zones, Set<Integer> roster) {
    /** Why the year cannot be evaluated from silver (null: it can), {@code allowMissingPrior} or not. */
    public String missing(int year, boolean allowMissingPrior) {
      if (!zones.contains(year)) {
        return year + ": silver has no zones of " + year + " (ingest a delivery covering " + year + " first)";
      }
      if (!allowMissingPrior && (!zones.contains(year - 1) || !roster.contains(year - 1))) {
        List<String> what = new ArrayList<>();
        if (!zones.contains(year - 1)) {
          what.add("zones");
        }
        if (!roster.contains(year - 1)) {
          what.add("roster");
        }
        return year + ": silver has no " + String.join(" or ", what) + " of " + (year - 1)
            + ", the year before (growth and new above-size firms need them); ingest them, or pass "
            + "--allow-missing-prior-year";
      }
      return null;
    }

    public boolean priorMissing(int year) {
      return !zones.contains(year - 1) || !roster.contains(year - 1);
    }
  }

  /** Silver's years, from its tables' file lists (see {@link Warehouse#years}): no Spark job. */
  public SilverYears silverYears(Rules rules) {
    return silverYears(rules, null);
  }

  /** The same at {@code versions} (by qualified name; null: the latest). */
  private SilverYears silverYears(Rules rules, Map<String, Long> versions) {
    TableDef zones = Tables.silver(RawFile.ZONES, rules);
    TableDef roster = Tables.silver(RawFile.ENTERPRISES, rules);
    return new SilverYears(warehouse.years(zones, versions == null ? -1 : versions.get(zones.qualifiedName())),
        warehouse.years(roster, versions == null ? -1 : versions.get(roster.qualifiedName())));
  }

  /** Evaluates the years, holding the warehouse's writer lock. */
  public Outcome evaluate(Request request) {
    String runId = CommitLog.newId();
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse.root(), "evaluate " + runId, Duration.ZERO)) {
      return evaluate(request, runId);
    }
  }

  private Outcome evaluate(Request request, String runId) {
    Instant started = Instant.now();
    Rules rules = request.rules();
    List<Integer> years = new ArrayList<>(new TreeSet<>(request.years()));
    progress.line("run %s: evaluate %s from silver, rules %s, warehouse %s", runId, years, rules.name(),
        warehouse.root());
    warehouse.checkLayout();
    CommitLog log = CommitLog.read(warehouse);
    List<TableDef> goldTables = Tables.goldTables(rules);
    warehouse.takeBackUncommitted(log, goldTables)
        .forEach(r -> progress.line("took back what a run that did not finish left: %s", r));

    // 1. May these years be evaluated?
    for (int year : years) {
      CommitLog.YearState state = log.state(year);
      if (state.approved() && request.reopenReason() == null) {
        throw new Refused(year + ": approved (run " + state.publishedRun() + "); the result is final: evaluating it "
            + "again needs --reopen \"REASON\"");
      }
    }
    // 2. The inputs (the writer holds the lock and took back what an unfinished writer left: silver's
    // latest versions are the committed ones).
    YearPlan plan = plan(years, rules, log, request.allowMissingPriorYear(), null);
    List<String> notes = new ArrayList<>(plan.notes());
    Map<Integer, String> priorResults = plan.priorResults();
    Long ingestVersion = log.lastIngest().map(i -> warehouse.version(Tables.INGESTS)).orElse(-1L);

    // 3. The computation.
    // The enterprise-year facts first: the one part whose size grows with the records (every invoice of
    // the years read). Everything after is zone-level, a few hundred rows. (Preparing the gold tables
    // while the facts are computed, or writing gold.enterprise_year while the scores are, made no
    // difference on two cores: both sides want the CPU.)
    // The gold tables' logs are a few small files: interpreted expressions serve Delta's replay of them.
    progress.step("prepare tables", () -> Sessions.zoneLevel(spark, () -> {
      warehouse.ensure(goldTables);
      return null;
    }));
    // Delta's state of each gold table that holds these years (a re-evaluation), reconstructed while the
    // facts are computed, a thread per table, in a session of its own (zone-level rows' settings, which
    // must not reach the facts): each replaceWhere below would otherwise begin with it, one after another
    // on two cores (docs/performance.md, "Public APIs only").
    Warehouse goldStatesWarehouse = new Warehouse(Sessions.zoneLevelSession(spark), warehouse.root());
    CompletableFuture<Void> goldStates = CompletableFuture.runAsync(() ->
        Parallel.run(goldTables.stream().filter(t -> !t.equals(Tables.RUNS) && !t.equals(Tables.PUBLICATIONS))
            .map(t -> (Runnable) () -> goldStatesWarehouse.prepareReplaceYears(t, years)).toList()));
    Dataset<Row> enterpriseYear = plan.enterpriseYear().persist(StorageLevel.MEMORY_AND_DISK());
    progress.step("enterprise facts", enterpriseYear::count);
    goldStates.join();

    // 4. The scores, gold, then the run log row: all of it zone-level rows (gold.enterprise_year has a few
    // per enterprise, already cached), under the settings for such rows.
    Map<String, Long> versions = new ConcurrentSkipListMap<>();
    // Two branches at once, each mostly one driver thread: the zone results (score, then their three
    // tables) and the enterprise rows (the facts, the per-mu tiers and their three tables).
    Sessions.zoneLevel(spark, () -> {
      Runnable zones = () -> {
        Dataset<Row> results = progress.step("score", () ->
            new ColumnLayer()
                .put("rules_name", lit(rules.name()))
                .put("rules_sha256", lit(request.rulesSha256()))
                .put("run_id", lit(runId))
                .addTo(plan.results(enterpriseYear))
                .localCheckpoint());
        Parallel.run(List.of(Tables.ZONE_METRICS, Tables.zoneScores(rules), Tables.zoneResults(rules)).stream()
            .map(table -> (Runnable) () -> write(table, results, years, versions)).toList());
      };
      Runnable enterprises = () -> {
        // The enterprise per-mu tiers of every year read: the year before's D tiers decide land candidates.
        Dataset<Row> tiers = progress.step("enterprise tiers", () ->
            EnterpriseTiers.compute(plan.silver(), enterpriseYear, rules).localCheckpoint());
        Map<TableDef, Dataset<Row>> rows = new java.util.LinkedHashMap<>();
        rows.put(Tables.ENTERPRISE_YEAR, enterpriseYear);
        rows.put(Tables.enterpriseTiers(rules), tiers);
        rows.put(Tables.ZONE_TIER_MIX, EnterpriseTiers.zoneMix(plan.silver(), tiers, rules));
        rows.put(Tables.LAND_CANDIDATES, LandCandidates.compute(plan.silver(), tiers, rules));
        // Each computed once (a few thousand rows): the write's checks and the write read the same rows.
        Parallel.run(rows.entrySet().stream().map(t -> (Runnable) () -> write(t.getKey(),
            t.getValue().filter(col("year").isin(years.toArray())).withColumn("run_id", lit(runId)).localCheckpoint(),
            years, versions)).toList());
      };
      Parallel.run(List.of(zones, enterprises));
      return null;
    });
    enterpriseYear.unpersist();
    Map<String, Long> silverVersions = new TreeMap<>();
    for (RawFile file : RawFile.values()) {
      TableDef table = Tables.silver(file, rules);
      silverVersions.put(table.qualifiedName(), warehouse.version(table));
    }
    if (ingestVersion >= 0) {
      silverVersions.put(Tables.INGESTS.qualifiedName(), ingestVersion);
    }
    String ingestId = log.lastIngest().map(CommitLog.Ingest::id).orElse("none");
    recordRun(request, runId, started, years, ingestId, silverVersions, priorResults, notes, versions);
    if (request.reopenReason() != null) {
      for (int year : years) {
        if (log.state(year).approved()) {
          CommitLog.recordPublication(warehouse, year, runId, CommitLog.Publication.REOPENED,
              request.reopenReason());
          progress.line("%d reopened: %s", year, request.reopenReason());
        }
      }
    }
    progress.line("run %s committed: years %s", runId, years);
    return new Outcome(runId, years, versions, notes);
  }

  /**
   * What computing some years reads: silver's records of the years and the years before them (every
   * recognition up to the last year), which years lack their year before, and the previous last places.
   * {@link #enterpriseYear} and {@link #results} are the computation, pure: evaluate writes its rows,
   * whatif compares them with a committed run's.
   */
  public record YearPlan(List<Integer> years, Rules rules, SilverRecords silver, List<Integer> priorMissing,
      Dataset<Row> lastBefore, List<Integer> lastFromThisRun, Map<Integer, String> priorResults, List<String> notes) {
    /** The enterprise-year facts of the years and the years before them. */
    public Dataset<Row> enterpriseYear() {
      return EnterpriseYear.compute(silver, rules);
    }

    /**
     * One row per zone of each year with every column of gold.zone_metrics, zone_scores and zone_results
     * but the run's own (rules name and checksum, run id), from {@link #enterpriseYear}'s rows.
     */
    public Dataset<Row> results(Dataset<Row> enterpriseYear) {
      return ZoneResults.compute(silver, enterpriseYear, rules, years, lastBefore, lastFromThisRun, priorMissing);
    }
  }

  /**
   * Reads what computing the years needs (see {@link YearPlan}), or refuses a year silver cannot evaluate;
   * writes nothing. Silver is read at {@code silverVersions} (each table's version by qualified name, see
   * {@link #committedSilver}), or, null, at its latest versions: the writer's, which holds the lock and took
   * back what an unfinished writer left. The previous last places come from {@code log}'s results.
   */
  public YearPlan plan(List<Integer> years, Rules rules, CommitLog log, boolean allowMissingPriorYear,
      Map<String, Long> silverVersions) {
    if (!warehouse.exists(Tables.silver(RawFile.ZONES, rules))) {
      throw new Refused(warehouse.root() + ": no delivery has been ingested yet; ingest one first (ingest --input DIR)");
    }
    SilverRecords silver = progress.step("read silver", () -> read(years, rules, silverVersions));
    SilverYears silverYears = progress.step("silver years", () -> silverYears(rules, silverVersions));
    for (int year : years) {
      String missing = silverYears.missing(year, allowMissingPriorYear);
      if (missing != null) {
        throw new Refused(missing);
      }
    }
    List<String> notes = new ArrayList<>();
    List<Integer> priorMissing = years.stream().filter(silverYears::priorMissing).toList();
    priorMissing.forEach(y -> notes.add(y + ": evaluated without the zones and roster of " + (y - 1)
        + " (prior_year_missing): growth and new above-size firms undefined"));
    LastPlaces last = previousLastPlaces(years, log);
    notes.addAll(last.notes());
    notes.forEach(n -> progress.line("note: %s", n));
    return new YearPlan(List.copyOf(years), rules, silver, priorMissing, last.zones(), last.fromThisRun(),
        last.priorResults(), List.copyOf(notes));
  }

  /**
   * The version of each silver table a reader sees (by qualified name): the newest a committed ingest
   * recorded, never a later one an ingest that is writing, or died, left; a table no ingest committed, as
   * created (version 0). What the session catalog reads by name.
   */
  public Map<String, Long> committedSilver(CommitLog log, Rules rules) {
    Map<String, Long> committed = log.committedVersions();
    Map<String, Long> versions = new TreeMap<>();
    for (RawFile file : RawFile.values()) {
      TableDef table = Tables.silver(file, rules);
      versions.put(table.qualifiedName(), Math.min(warehouse.version(table),
          committed.getOrDefault(table.qualifiedName(), 0L)));
    }
    return versions;
  }

  /**
   * Silver's records the years need, at {@code versions} (null: the latest). The tables' file lists come
   * from their logs, read by Delta Kernel for the twelve tables at once, with no Spark job.
   */
  private SilverRecords read(List<Integer> years, Rules rules, Map<String, Long> versions) {
    Set<Integer> needed = new TreeSet<>();
    for (int y : years) {
      needed.add(y);
      needed.add(y - 1);
    }
    int last = years.get(years.size() - 1);
    Map<RawFile, Dataset<Row>> records = new java.util.concurrent.ConcurrentHashMap<>();
    Parallel.run(java.util.Arrays.stream(RawFile.values()).map(file -> (Runnable) () -> {
      TableDef table = Tables.silver(file, rules);
      // Every recognition up to the last year: only an enterprise's first of each kind scores.
      records.put(file, warehouse.readYears(table, file == RawFile.RECOGNITIONS ? y -> y <= last : needed::contains,
          versions == null ? -1 : versions.get(table.qualifiedName())));
    }).toList());
    return new SilverRecords(new EnumMap<>(records));
  }

  /**
   * The previous last places of the years evaluated: (year, zone_id) of the zones last of their group the
   * year before, from earlier runs; the years whose year before is evaluated in this run (its result is
   * this run's own); which result of the year before each year used; and what the run says of it.
   */
  record LastPlaces(Dataset<Row> zones, List<Integer> fromThisRun, Map<Integer, String> priorResults,
      List<String> notes) {}

  private LastPlaces previousLastPlaces(List<Integer> years, CommitLog log) {
    StructType schema = new StructType().add("year", DataTypes.IntegerType).add("zone_id", DataTypes.StringType);
    List<Row> last = new ArrayList<>();
    List<Integer> fromThisRun = new ArrayList<>();
    Map<Integer, String> priorResults = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    for (int year : years) {
      int before = year - 1;
      CommitLog.YearState state = log.state(before);
      if (years.contains(before) && !state.published()) {
        fromThisRun.add(year);
        priorResults.put(year, "this run");
        continue;
      }
      Optional<CommitLog.Run> result = log.resultOf(before);
      if (result.isEmpty()) {
        notes.add(year + ": no committed result of " + before + ": no previous last place, no zone of " + year
            + " is adjusted (leadership_adjustment false)");
        continue;
      }
      CommitLog.Run run = result.get();
      priorResults.put(year, run.id() + (state.approved() ? " (approved)" : state.published() ? " (published)" : ""));
      long version = run.versions().get(Tables.ZONE_RESULTS.qualifiedName());
      for (Map<String, Object> r : warehouse.rowsOfYear(Tables.ZONE_RESULTS, version, before)) {
        if (Boolean.TRUE.equals(r.get("interview"))) {
          last.add(RowFactory.create(year, r.get("zone_id")));
        }
      }
    }
    return new LastPlaces(spark.createDataFrame(last, schema), List.copyOf(fromThisRun),
        java.util.Collections.unmodifiableMap(priorResults), List.copyOf(notes));
  }

  /** A gold table's rows of the years, written over its rows of those years; its version recorded. */
  private void write(TableDef table, Dataset<Row> rows, List<Integer> years, Map<String, Long> versions) {
    progress.step("gold " + table.name(), () -> warehouse.replaceYears(table, rows, years));
    versions.put(table.qualifiedName(), warehouse.version(table));
  }

  private void recordRun(Request request, String runId, Instant started, List<Integer> years, String ingestId,
      Map<String, Long> silverVersions, Map<Integer, String> priorResults, List<String> notes,
      Map<String, Long> versions) {
    Row run = RowFactory.create(runId, Timestamp.from(started), Timestamp.from(Instant.now()),
        scala.jdk.javaapi.CollectionConverters.asScala(years).toSeq(), ingestId,
        scala.jdk.javaapi.CollectionConverters.asScala(silverVersions),
        scala.jdk.javaapi.CollectionConverters.asScala(new LinkedHashMap<>(priorResults)),
        scala.jdk.javaapi.CollectionConverters.asScala(notes).toSeq(), request.rules().name(), request.rulesSha256(),
        request.rulesFile(), Version.current(), scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(versions)));
    progress.step("commit run " + runId, () ->
        warehouse.append(Tables.RUNS, spark.createDataFrame(List.of(run), Tables.RUNS.structType())));
  }
}
