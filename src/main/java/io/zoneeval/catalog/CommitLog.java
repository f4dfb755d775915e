package io.zoneeval.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What has been committed to a warehouse, read from its three logs: {@code silver.ingests} (one row per
 * committed delivery ingest or rebuild), {@code gold.runs} (one row per committed evaluation) and
 * {@code gold.publications} (public notice, approval, reopening). A write is committed when its log row
 * is written, last; the table versions the rows record are the state readers see, and what a writer
 * takes a table back to when a process died after writing it but before its log row.
 */
public final class CommitLog {

  /** A file of a committed ingest. */
  public record DeliveredFile(String source, String deliveryId, String path, String storedPath, long sizeBytes,
      String sha256, String charset, String action, long read, long accepted, long rejected) {
    public static final String REPLACED = "replaced";
    public static final String UNCHANGED = "unchanged";
    /** Judged again, from its bronze copy, because another file of its year it is judged against changed. */
    public static final String REJUDGED = "rejudged";
  }

  /** A committed ingest (kind "ingest") or rebuild (kind "rebuild"). */
  public record Ingest(String id, String kind, Instant startedAt, Instant finishedAt, String inputDir,
      List<Integer> years, List<DeliveredFile> files, List<String> replayed, Map<String, Long> versions) {
    public static final String INGEST = "ingest";
    public static final String REBUILD = "rebuild";
  }

  /** A committed evaluation run. */
  public record Run(String id, Instant startedAt, Instant finishedAt, List<Integer> years, String ingestId,
      Map<String, Long> silverVersions, Map<Integer, String> priorResults, List<String> notes, String rulesName,
      String rulesSha256, String rulesFile, String codeVersion, Map<String, Long> versions) {}

  /** A row of gold.publications. */
  public record Publication(int year, String runId, String state, Instant at, String reason, String byUser) {
    public static final String PUBLISHED = "published";
    public static final String APPROVED = "approved";
    public static final String REOPENED = "reopened";
  }

  private final List<Ingest> ingests;
  private final List<Run> runs;
  private final List<Publication> publications;

  private CommitLog(List<Ingest> ingests, List<Run> runs, List<Publication> publications) {
    this.ingests = ingests;
    this.runs = runs;
    this.publications = publications;
  }

  /** Reads the three logs (those not created yet read as empty). */
  public static CommitLog read(Warehouse warehouse) {
    return read(warehouse, true);
  }

  /** Only the run log and the publications: what readers of results need. */
  public static CommitLog readResults(Warehouse warehouse) {
    return read(warehouse, false);
  }

  /** The logs read at once: each is a small Delta table whose snapshot costs Delta a few jobs. */
  private static CommitLog read(Warehouse warehouse, boolean withIngests) {
    List<List<?>> logs = io.zoneeval.spark.Parallel.call(List.<java.util.concurrent.Callable<List<?>>>of(
        () -> withIngests ? ingests(warehouse) : List.of(), () -> runs(warehouse), () -> publications(warehouse)));
    @SuppressWarnings("unchecked")
    CommitLog log = new CommitLog((List<Ingest>) logs.get(0), (List<Run>) logs.get(1), (List<Publication>) logs.get(2));
    return log;
  }

  public List<Ingest> ingests() {
    return ingests;
  }

  public List<Run> runs() {
    return runs;
  }

  public List<Publication> publications() {
    return publications;
  }

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  /**
   * The id of a new ingest or run, the key of its log row: its start (UTC), so that ids read in time
   * order, and a random suffix for two writers started in the same second.
   */
  public static String newId() {
    return ID_TIME.format(Instant.now()) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }

  /**
   * Appends a row to gold.publications: a year's run put on notice, approved, or the year reopened. The
   * caller holds the warehouse's writer lock.
   */
  public static void recordPublication(Warehouse warehouse, int year, String runId, String state, String reason) {
    warehouse.ensure(Tables.PUBLICATIONS);
    Row row = RowFactory.create(year, runId, state, Timestamp.from(Instant.now()), reason,
        System.getProperty("user.name"));
    warehouse.append(Tables.PUBLICATIONS,
        warehouse.spark().createDataFrame(List.of(row), Tables.PUBLICATIONS.structType()));
  }

  /** Every row of a log table, read with Delta Kernel on this thread; none when it was never created. */
  static List<Map<String, Object>> rows(Warehouse warehouse, TableDef table) {
    if (!warehouse.exists(table)) {
      return List.of();
    }
    return LogTables.read(warehouse.spark().sparkContext().hadoopConfiguration(), warehouse.location(table));
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? List.of() : new ArrayList<>((List<T>) v);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> map(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? Map.of() : new LinkedHashMap<>((Map<K, V>) v);
  }

  static List<Ingest> ingests(Warehouse warehouse) {
    List<Ingest> out = new ArrayList<>();
    for (Map<String, Object> r : rows(warehouse, Tables.INGESTS)) {
      List<DeliveredFile> files = new ArrayList<>();
      for (Map<String, Object> f : CommitLog.<Map<String, Object>>list(r, "files")) {
        files.add(new DeliveredFile((String) f.get("source"), (String) f.get("delivery_id"), (String) f.get("path"),
            (String) f.get("stored_path"), (Long) f.get("size_bytes"), (String) f.get("sha256"),
            (String) f.get("charset"), (String) f.get("action"), (Long) f.get("rows_read"), (Long) f.get("accepted"),
            (Long) f.get("rejected")));
      }
      out.add(new Ingest((String) r.get("ingest_id"), (String) r.get("kind"), (Instant) r.get("started_at"),
          (Instant) r.get("finished_at"), (String) r.get("input_dir"), list(r, "years"), files, list(r, "replayed"),
          map(r, "table_versions")));
    }
    // Arrival order: the order the ingests committed (one writer at a time, so finishing times order them).
    out.sort(Comparator.comparing(Ingest::finishedAt).thenComparing(Ingest::id));
    return List.copyOf(out);
  }

  static List<Run> runs(Warehouse warehouse) {
    List<Run> out = new ArrayList<>();
    for (Map<String, Object> r : rows(warehouse, Tables.RUNS)) {
      out.add(new Run((String) r.get("run_id"), (Instant) r.get("started_at"), (Instant) r.get("finished_at"),
          list(r, "years"), (String) r.get("ingest_id"), map(r, "silver_versions"), map(r, "prior_results"),
          list(r, "notes"), (String) r.get("rules_name"), (String) r.get("rules_sha256"), (String) r.get("rules_file"),
          (String) r.get("code_version"), map(r, "table_versions")));
    }
    out.sort(Comparator.comparing(Run::finishedAt).thenComparing(Run::id));
    return List.copyOf(out);
  }

  static List<Publication> publications(Warehouse warehouse) {
    List<Publication> out = new ArrayList<>();
    for (Map<String, Object> r : rows(warehouse, Tables.PUBLICATIONS)) {
      out.add(new Publication((Integer) r.get("year"), (String) r.get("run_id"), (String) r.get("state"),
          (Instant) r.get("at"), (String) r.get("reason"), (String) r.get("by_user")));
    }
    out.sort(Comparator.comparing(Publication::at));
    return List.copyOf(out);
  }

  /**
   * The committed version of each table the logs record: the newest version any committed ingest or run
   * wrote. A table at a later version holds the writes of a process that died before its log row.
   */
  public Map<String, Long> committedVersions() {
    Map<String, Long> versions = new HashMap<>();
    for (Ingest i : ingests) {
      i.versions().forEach((table, v) -> versions.merge(table, v, Math::max));
    }
    for (Run r : runs) {
      r.versions().forEach((table, v) -> versions.merge(table, v, Math::max));
    }
    return versions;
  }

  /**
   * For each (source file, year), the delivery whose records silver holds: the last committed ingest that
   * replaced that file's records of that year (a rebuild replays the same deliveries, so it changes none).
   */
  public Map<String, String> holders() {
    Map<String, String> holders = new HashMap<>();
    for (Ingest i : ingests) {
      if (!Ingest.INGEST.equals(i.kind())) {
        continue;
      }
      for (DeliveredFile f : i.files()) {
        if (DeliveredFile.REPLACED.equals(f.action())) {
          for (int year : i.years()) {
            holders.put(holderKey(f.source(), year), f.deliveryId());
          }
        }
      }
    }
    return holders;
  }

  /**
   * The delivered files whose records silver held for a year after an ingest (for a run, the last ingest
   * before it): for each file, the entry of the ingest that last replaced it for that year.
   */
  public List<DeliveredFile> filesHeldAsOf(String ingestId, int year) {
    Map<String, DeliveredFile> held = new java.util.TreeMap<>();
    for (Ingest i : ingests) {
      if (Ingest.INGEST.equals(i.kind()) && i.years().contains(year)) {
        for (DeliveredFile f : i.files()) {
          if (DeliveredFile.REPLACED.equals(f.action())) {
            held.put(f.source(), f);
          }
        }
      }
      if (i.id().equals(ingestId)) {
        break;
      }
    }
    return List.copyOf(held.values());
  }

  public static String holderKey(String source, int year) {
    return source + "@" + year;
  }

  /** The ingests a rebuild replays, in the order they arrived: every committed delivery ingest. */
  public List<Ingest> deliveries() {
    return ingests.stream().filter(i -> Ingest.INGEST.equals(i.kind())).toList();
  }

  public Optional<Ingest> lastIngest() {
    return ingests.isEmpty() ? Optional.empty() : Optional.of(ingests.get(ingests.size() - 1));
  }

  public Optional<Run> run(String runId) {
    return runs.stream().filter(r -> r.id().equals(runId)).findFirst();
  }

  /** The committed runs that evaluated a year, oldest first. */
  public List<Run> runsOf(int year) {
    return runs.stream().filter(r -> r.years().contains(year)).toList();
  }

  public Optional<Run> latestRunOf(int year) {
    List<Run> of = runsOf(year);
    return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
  }

  /** Where a year stands in the annual cycle. */
  public record YearState(int year, String publishedRun, boolean approved, Publication last) {
    public boolean published() {
      return publishedRun != null;
    }
  }

  /**
   * The year's publication state: the run last put on public notice (approval keeps it), and whether the
   * year is approved (its last approve not followed by a reopen).
   */
  public YearState state(int year) {
    String published = null;
    boolean approved = false;
    Publication last = null;
    for (Publication p : publications) {
      if (p.year() != year) {
        continue;
      }
      last = p;
      switch (p.state()) {
        case Publication.PUBLISHED -> {
          published = p.runId();
          approved = false;
        }
        case Publication.APPROVED -> {
          published = p.runId();
          approved = true;
        }
        case Publication.REOPENED -> approved = false;
        default -> { }
      }
    }
    return new YearState(year, published, approved, last);
  }

  /**
   * The result of a year that later years refer to (the previous last place): approved, else published,
   * else the latest committed run's; empty when no committed run evaluated the year.
   */
  public Optional<Run> resultOf(int year) {
    YearState state = state(year);
    if (state.published()) {
      return run(state.publishedRun());
    }
    return latestRunOf(year);
  }
}
