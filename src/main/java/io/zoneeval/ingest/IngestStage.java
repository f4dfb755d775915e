package io.zoneeval.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.CommitLog.DeliveredFile;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseLock;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Parallel;
import io.zoneeval.spark.Progress;
import io.zoneeval.spark.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest: a delivery into bronze and silver. Read top to bottom:
 * <ol>
 *   <li>the delivery: which files, which years ({@link Delivery});</li>
 *   <li>bronze: each file read once by a Spark task (checksum, read ranges) while its bytes are copied
 *       into the warehouse as delivered; the driver reads its header line only;</li>
 *   <li>which files replace silver's records: a file whose bytes silver already holds for every year the
 *       delivery covers changes nothing;</li>
 *   <li>silver: each file's records checked ({@link RecordCheck}) against the zones and roster of their
 *       year, duplicates decided first on the executors ({@link Duplicates}), and the accepted
 *       records of the covered years written over that file's records of those years, one atomic commit
 *       per table; the refused ones, gathered on the way, go to silver.rejects;</li>
 *   <li>the ingest log row, last: the ingest is committed.</li>
 * </ol>
 */
public final class IngestStage {
  /** What to ingest: a delivery folder, the years it covers (null: its zones.csv's), its charset. */
  public record Request(String inputDir, Set<Integer> years, Charset charset, Rules rules) {}

  /** What an ingest did. {@code changed}: false when every file was already held (nothing written). */
  public record Outcome(String ingestId, Set<Integer> years, List<DeliveredFile> files, Map<String, Long> versions,
      boolean changed) {}

  /** One file of a delivery, read: where from, and its bronze copy. */
  record Source(RawFile file, RawInput input, String deliveredPath, String storedPath, boolean newlyStored) {
    String deliveryId() {
      return input.deliveryId();
    }
  }

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final Progress progress;

  public IngestStage(SparkSession spark, Warehouse warehouse, Progress progress) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.progress = progress;
  }

  /** Ingests a delivery, holding the warehouse's writer lock. */
  public Outcome ingest(Request request) {
    String ingestId = CommitLog.newId();
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse.root(), "ingest " + ingestId, Duration.ZERO)) {
      Instant started = Instant.now();
      Delivery delivery = Delivery.of(request.inputDir(), request.years(), request.charset(),
          spark.sparkContext().hadoopConfiguration());
      progress.line("ingest %s: %s, years %s, %d file(s), warehouse %s", ingestId, delivery.dir(),
          delivery.yearsText(), delivery.files().size(), warehouse.root());
      CommitLog log = takeBack(request.rules());
      // The tables made ready (the driver's work: a fresh warehouse's creations) while the delivery is read
      // and stored (the executors'): the store touches no table.
      Map<RawFile, Source> sources = Parallel.beside(
          () -> progress.step("read and store delivered files", () -> store(delivery, ingestId)),
          () -> prepareTables(request.rules()));
      Applied applied = apply(sources, delivery.years(), log.holders(), false, false, ingestId, request.rules());
      if (!applied.changed()) {
        progress.line("ingest %s: silver already holds these bytes for %s: nothing changed", ingestId,
            delivery.yearsText());
        discardUnstored(sources);
        return new Outcome(ingestId, delivery.years(), applied.files(), Map.of(), false);
      }
      Map<String, Long> versions = new TreeMap<>(applied.versions());
      List<DeliveredFile> files = new ArrayList<>(applied.files());
      for (Applied again : rejudge(applied, delivery.years(), log.deliveries(), ingestId, request.rules())) {
        versions.putAll(again.versions());
        files.addAll(again.files());
      }
      appendDeliveries(sources, ingestId, versions);
      commit(ingestId, CommitLog.Ingest.INGEST, started, delivery.dir(), delivery.years(), files, null,
          versions);
      return new Outcome(ingestId, delivery.years(), files, versions, true);
    }
  }

  /**
   * Silver again from bronze: every committed delivery replayed in the order it arrived, from its stored
   * bytes, into emptied silver tables; committed as one rebuild when the last is done, so that a rebuild
   * that dies leaves silver as it was.
   */
  public Outcome rebuild(Rules rules) {
    String ingestId = CommitLog.newId();
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse.root(), "rebuild " + ingestId, Duration.ZERO)) {
      Instant started = Instant.now();
      CommitLog log = prepare(rules);
      List<CommitLog.Ingest> deliveries = log.deliveries();
      if (deliveries.isEmpty()) {
        throw new Delivery.DeliveryException(warehouse.root() + ": no delivery has been ingested: nothing to rebuild");
      }
      progress.line("rebuild %s: %d deliveries to replay from bronze", ingestId, deliveries.size());
      Map<String, Long> versions = new TreeMap<>();
      List<TableDef> silver = new ArrayList<>(Tables.silverTables(rules));
      silver.add(Tables.REJECTS);
      progress.step("empty silver", () -> Parallel.run(silver.stream().map(t -> (Runnable) () ->
          warehouse.replaceAll(t, spark.createDataFrame(List.of(), t.structType()))).toList()));
      Map<String, String> holders = new HashMap<>();
      Set<Integer> allYears = new TreeSet<>();
      List<String> replayed = new ArrayList<>();
      for (CommitLog.Ingest original : deliveries) {
        progress.line("replay %s (%s, years %s)", original.id(), original.inputDir(), original.years());
        Map<RawFile, DeliveredFile> replayedFiles = new EnumMap<>(RawFile.class);
        original.files().stream().filter(f -> DeliveredFile.REPLACED.equals(f.action()))
            .forEach(f -> replayedFiles.put(RawFile.ofFileName(f.source()), f));
        // The ranges as the delivery's ingest would read it today.
        long splitBytes = splitBytes(replayedFiles.values().stream().mapToLong(DeliveredFile::sizeBytes).max()
            .orElse(0));
        Map<RawFile, Source> sources = fromBronze(replayedFiles, splitBytes);
        Applied applied = apply(sources, new TreeSet<>(original.years()), holders, true, false, ingestId, rules);
        holders = applied.holders();
        versions.putAll(applied.versions());
        for (Applied again : rejudge(applied, new TreeSet<>(original.years()), deliveries, ingestId, rules)) {
          versions.putAll(again.versions());
        }
        allYears.addAll(original.years());
        replayed.add(original.id());
      }
      commit(ingestId, CommitLog.Ingest.REBUILD, started, warehouse.root() + "/bronze/files", allYears, List.of(),
          replayed, versions);
      return new Outcome(ingestId, allYears, List.of(), versions, true);
    }
  }

  /** The layout checked, what a dead writer left taken back, the tables there. */
  private CommitLog prepare(Rules rules) {
    CommitLog log = takeBack(rules);
    prepareTables(rules);
    return log;
  }

  /** The ingest's tables there: created, or given the checks and properties a newer rules file adds. */
  private void prepareTables(Rules rules) {
    progress.step("prepare tables", () -> warehouse.ensure(Tables.ingestTables(rules)));
  }

  /** The layout checked, what a dead writer left taken back. */
  private CommitLog takeBack(Rules rules) {
    warehouse.checkLayout();
    CommitLog log = CommitLog.read(warehouse);
    List<String> restored = warehouse.takeBackUncommitted(log, Tables.ingestTables(rules));
    restored.forEach(r -> progress.line("took back what a writer that did not finish left: %s", r));
    return log;
  }

  // ---------------------------------------------------------------------------------------------------
  // Bronze

  private Path filesRoot() {
    return new Path(warehouse.root(), "bronze/files");
  }

  /**
   * Reads every file of the delivery once (several at a time), copying its bytes into bronze as they go
   * by; a copy whose bytes bronze already holds (same checksum and charset) is dropped.
   */
  private Map<RawFile, Source> store(Delivery delivery, String ingestId) {
    long splitBytes = splitBytes(delivery);
    List<RawInput.Opening> openings = delivery.files().stream().map(file -> new RawInput.Opening(
        new Path(delivery.dir(), file.fileName()), file, delivery.charset(),
        new RawInput.Options(splitBytes, incoming(ingestId, file)))).toList();
    Map<RawFile, Source> sources = new EnumMap<>(RawFile.class);
    for (RawInput input : RawInput.openAll(openings, spark.sparkContext().hadoopConfiguration(), spark)) {
      RawFile file = input.file();
      if (!input.extraColumns().isEmpty()) {
        progress.line("note: %s has extra column(s) %s, ignored", file.fileName(), input.extraColumns());
      }
      Path incoming = incoming(ingestId, file);
      Path stored = new Path(filesRoot(), file.tableName() + "/" + input.sha256() + "."
          + input.charset().toLowerCase(java.util.Locale.ROOT) + ".csv");
      boolean newlyStored;
      try {
        FileSystem fs = stored.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.mkdirs(stored.getParent());
        newlyStored = !fs.exists(stored) && fs.rename(incoming, stored);
        fs.delete(incoming, false);
      } catch (IOException e) {
        throw new UncheckedIOException("bronze: cannot store " + file.fileName() + ": " + e.getMessage(), e);
      }
      sources.put(file, new Source(file, input, input.path(), stored.toString(), newlyStored));
    }
    return sources;
  }

  private Path incoming(String ingestId, RawFile file) {
    return new Path(filesRoot(), "_incoming/" + ingestId + "-" + file.fileName());
  }

  /** Stored delivery files read again (a rebuild, a re-judgement); their checksums must still be the recorded ones. */
  private Map<RawFile, Source> fromBronze(Map<RawFile, DeliveredFile> recorded, long splitBytes) {
    List<RawInput.Opening> openings = recorded.entrySet().stream().map(e -> new RawInput.Opening(
        new Path(e.getValue().storedPath()), e.getKey(), Charset.forName(e.getValue().charset()),
        new RawInput.Options(splitBytes, null))).toList();
    Map<RawFile, Source> sources = new EnumMap<>(RawFile.class);
    for (RawInput input : RawInput.openAll(openings, spark.sparkContext().hadoopConfiguration(), spark)) {
      DeliveredFile f = recorded.get(input.file());
      if (!input.sha256().equals(f.sha256())) {
        throw new IllegalStateException(f.storedPath() + ": its bytes changed since they were delivered "
            + "(SHA-256 " + input.sha256() + ", recorded " + f.sha256() + ")");
      }
      // Records keep the path they were delivered from.
      sources.put(input.file(), new Source(input.file(), input, f.path(), f.storedPath(), false));
    }
    return sources;
  }

  /** Drops the copies of a delivery that changed nothing and is not in bronze's ledger. */
  private void discardUnstored(Map<RawFile, Source> sources) {
    Set<String> known = knownDeliveries();
    for (Source s : sources.values()) {
      if (s.newlyStored() && !known.contains(s.deliveryId())) {
        try {
          Path p = new Path(s.storedPath());
          p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, false);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private Set<String> knownDeliveries() {
    Set<String> known = new HashSet<>();
    if (warehouse.exists(Tables.DELIVERIES)) {
      warehouse.rows(Tables.DELIVERIES, -1).forEach(r -> known.add((String) r.get("delivery_id")));
    }
    return known;
  }

  /** Bronze's ledger: a row per delivered file not kept before. */
  private void appendDeliveries(Map<RawFile, Source> sources, String ingestId, Map<String, Long> versions) {
    Set<String> known = knownDeliveries();
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Source s : sources.values()) {
      if (!known.contains(s.deliveryId())) {
        RawInput in = s.input();
        rows.add(RowFactory.create(s.deliveryId(), s.file().fileName(), s.deliveredPath(), s.storedPath(), in.sizeBytes(),
            in.sha256(), in.charset(), ingestId, now));
      }
    }
    if (!rows.isEmpty()) {
      warehouse.append(Tables.DELIVERIES, spark.createDataFrame(rows, Tables.DELIVERIES.structType()));
      versions.put(Tables.DELIVERIES.qualifiedName(), warehouse.version(Tables.DELIVERIES));
    }
  }

  /** The bytes of the ranges the delivery's files are read in (see {@link #rangeBytes}). */
  private long splitBytes(Delivery delivery) {
    long largest = 0;
    try {
      Path dir = new Path(delivery.dir());
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (RawFile f : delivery.files()) {
        largest = Math.max(largest, fs.getFileStatus(new Path(dir, f.fileName())).getLen());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return splitBytes(largest);
  }

  /** The bytes of the ranges files are read in when the largest of them has {@code largest} bytes. */
  private long splitBytes(long largest) {
    return rangeBytes(largest, Math.max(1, spark.sparkContext().defaultParallelism()));
  }

  /** The largest range a task reads. */
  static final long MAX_RANGE_BYTES = 256L << 20;
  /** The smallest: below it a task costs more than its reading. */
  static final long MIN_RANGE_BYTES = 4L << 20;

  /**
   * The size of the byte ranges (one task each) that the largest file of a delivery, {@code largest} bytes,
   * is read in over {@code slots} cores: as few ranges as keep each within {@link #MAX_RANGE_BYTES}, and a
   * multiple of the cores, so that the last round of tasks keeps every core busy (a range left over
   * would run alone while the other cores wait), and no more than that, since each task has a cost of its
   * own (docs/performance.md, "Ranges in whole rounds over the cores").
   */
  static long rangeBytes(long largest, int slots) {
    long rounds = Math.max(1, ceilDiv(largest, slots * MAX_RANGE_BYTES));
    return Math.max(MIN_RANGE_BYTES, ceilDiv(largest, rounds * slots));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  // ---------------------------------------------------------------------------------------------------
  // Silver

  /** What applying a delivery to silver did. */
  record Applied(List<DeliveredFile> files, Map<String, Long> versions, Map<String, String> holders,
      boolean changed) {}

  /**
   * Replaces, for each file of the delivery and each year it covers, silver's records by the file's
   * accepted records of that year. {@code force}: replace even what silver already holds (a rebuild).
   * {@code rejudge}: the sources are files silver holds, judged again for {@code years} only (see
   * {@link #rejudge}): their records of other years and their rejects of other years stay as they are.
   */
  Applied apply(Map<RawFile, Source> sources, Set<Integer> years, Map<String, String> holders, boolean force,
      boolean rejudge, String ingestId, Rules rules) {
    Validation validation = new Validation(rules);
    Map<RawFile, Source> replacing = new EnumMap<>(RawFile.class);
    Map<RawFile, String> unchanged = new EnumMap<>(RawFile.class);
    for (Source s : sources.values()) {
      boolean held = years.stream().allMatch(y ->
          s.deliveryId().equals(holders.get(CommitLog.holderKey(s.file().fileName(), y))));
      if (held && !force && !rejudge) {
        unchanged.put(s.file(), s.deliveryId());
        progress.line("silver %-24s unchanged: silver holds these bytes for %s", s.file().tableName(),
            Validation.Context.of(years).yearsText());
      } else {
        replacing.put(s.file(), s);
      }
    }
    List<DeliveredFile> entries = new ArrayList<>();
    if (replacing.isEmpty()) {
      sources.values().forEach(s -> entries.add(entry(s, DeliveredFile.UNCHANGED, null)));
      return new Applied(entries, Map.of(), holders, false);
    }

    Map<String, Long> versions = new ConcurrentHashMap<>();
    Map<RawFile, DeliveryChecks.Tally> tallies = new ConcurrentHashMap<>();
    Validation.Context base = Validation.Context.of(years);

    // The zones and the roster the other records are checked against, of the covered years: the keys of
    // the delivery's good records where it replaces them (a duplicate has the key of the record that
    // stands, so these are the keys of the records that will be accepted), else silver's. Then every
    // file's pass at once, the largest first: the invoices need only the keys, not the zones' and roster's
    // silver commits, so they start at once.
    Map<Integer, Set<String>> zones = progress.step("keys of the zones", () ->
        referenceKeys(RawFile.ZONES, "zone_id", base, replacing, validation, years, rules));
    Validation.Context withZones = base.withReferences(zones, Map.of());
    Map<Integer, Set<String>> roster = progress.step("keys of the roster", () ->
        referenceKeys(RawFile.ENTERPRISES, "uscc", withZones, replacing, validation, years, rules));
    Validation.Context withRoster = base.withReferences(zones, roster);
    Map<RawFile, Validation.Context> contexts = new EnumMap<>(RawFile.class);
    for (RawFile f : RawFile.values()) {
      contexts.put(f, f == RawFile.ZONES ? base
          : f == RawFile.ENTERPRISES || f == RawFile.COUNTY_POLICIES ? withZones : withRoster);
    }
    Map<RawFile, Dataset<Row>> duplicates = new ConcurrentHashMap<>();
    List<Runnable> passes = replacing.values().stream()
        .sorted(java.util.Comparator.comparingLong((Source s) -> s.input().sizeBytes()).reversed())
        .map(s -> (Runnable) () -> replaceFile(s, contexts.get(s.file()), validation, years, holders, tallies,
            duplicates, versions, rules))
        .toList();
    Parallel.run(passes);
    return finish(sources, replacing, entries, tallies, duplicates, contexts, validation, years, holders, rejudge,
        ingestId, versions);
  }

  /** Counts, and the refused records into silver.rejects in one commit. */
  private Applied finish(Map<RawFile, Source> sources, Map<RawFile, Source> replacing, List<DeliveredFile> entries,
      Map<RawFile, DeliveryChecks.Tally> tallies, Map<RawFile, Dataset<Row>> duplicates,
      Map<RawFile, Validation.Context> contexts, Validation validation, Set<Integer> years,
      Map<String, String> holders, boolean rejudge, String ingestId, Map<String, Long> versions) {
    Validation.Context base = Validation.Context.of(years);
    List<Row> rejectRows = new ArrayList<>();
    List<Dataset<Row>> rereadRejects = new ArrayList<>();
    Map<String, String> after = new HashMap<>(holders);
    for (Source s : sources.values()) {
      DeliveryChecks.Tally t = tallies.get(s.file());
      if (t == null) {
        entries.add(entry(s, DeliveredFile.UNCHANGED, null));
        continue;
      }
      if (rejudge) {
        // The counts of the years judged again: the file's records of its other years stay as they were.
        long rejected = t.complete()
            ? t.rejectRows().stream().filter(r -> !r.isNullAt(1) && years.contains(r.getInt(1))
                && !RecordCheck.OUTSIDE_DELIVERY_YEARS.equals(r.getString(6))).count()
            : DeliveryChecks.rejected(spark, s.input(), s.deliveredPath(), new RecordCheck(s.file(), validation,
                s.input().positions(), contexts.get(s.file())), s.deliveryId(), duplicates.get(s.file()))
                .filter(Warehouse.yearPredicate(years) + " AND reason_code <> '"
                    + RecordCheck.OUTSIDE_DELIVERY_YEARS + "'").count();
        long accepted = t.accepted().value();
        RawInput in = s.input();
        entries.add(new DeliveredFile(s.file().fileName(), s.deliveryId(), s.deliveredPath(), s.storedPath(),
            in.sizeBytes(), in.sha256(), in.charset(), DeliveredFile.REJUDGED, accepted + rejected, accepted,
            rejected));
        progress.line("  %-26s judged again for %s (delivery %s…): accepted %,11d + rejected %,8d",
            s.file().fileName(), base.yearsText(), s.deliveryId().substring(0, 12), accepted, rejected);
      } else {
        entries.add(entry(s, DeliveredFile.REPLACED, t));
        progress.line("  %-26s read %,11d = accepted %,11d + rejected %,8d", s.file().fileName(), t.read().value(),
            t.accepted().value(), t.rejected().value());
      }
      if (t.complete()) {
        rejectRows.addAll(t.rejectRows());
      } else {
        rereadRejects.add(DeliveryChecks.rejected(spark, s.input(), s.deliveredPath(),
            new RecordCheck(s.file(), validation, s.input().positions(), contexts.get(s.file())),
            s.deliveryId(), duplicates.get(s.file())));
      }
      years.forEach(y -> after.put(CommitLog.holderKey(s.file().fileName(), y), s.deliveryId()));
    }
    progress.step("silver rejects", () -> writeRejects(replacing, rejectRows, rereadRejects, years, holders, rejudge,
        ingestId));
    versions.put(Tables.REJECTS.qualifiedName(), warehouse.version(Tables.REJECTS));
    return new Applied(entries, versions, after, true);
  }

  private static DeliveredFile entry(Source s, String action, DeliveryChecks.Tally t) {
    RawInput in = s.input();
    return new DeliveredFile(s.file().fileName(), s.deliveryId(), s.deliveredPath(), s.storedPath(), in.sizeBytes(),
        in.sha256(), in.charset(), action, t == null ? 0 : t.read().value(), t == null ? 0 : t.accepted().value(),
        t == null ? 0 : t.rejected().value());
  }

  /**
   * The keys, by year, of a file the others are checked against (zones, the roster): of the delivery's
   * good records where it replaces the file, else silver's.
   */
  private Map<Integer, Set<String>> referenceKeys(RawFile file, String column, Validation.Context context,
      Map<RawFile, Source> replacing, Validation validation, Set<Integer> years, Rules rules) {
    Source s = replacing.get(file);
    if (s == null) {
      return silverKeys(file, column, years, rules);
    }
    return keysByYear(DeliveryChecks.goodKeys(spark, s.input(),
        new RecordCheck(file, validation, s.input().positions(), context)));
  }

  /** "year\u0001value" keys by year. */
  private static Map<Integer, Set<String>> keysByYear(List<String> keys) {
    Map<Integer, Set<String>> byYear = new HashMap<>();
    for (String k : keys) {
      int cut = k.indexOf('\u0001');
      byYear.computeIfAbsent(Integer.parseInt(k.substring(0, cut)), y -> new HashSet<>()).add(k.substring(cut + 1));
    }
    return byYear;
  }

  /**
   * The values of a column of silver's records of these years, by year. The years' files as Delta Kernel
   * lists them ({@link Warehouse#readYears}): a read through Delta's Spark source would first reconstruct the
   * table's state and choose its files with Spark jobs of their own.
   */
  private Map<Integer, Set<String>> silverKeys(RawFile file, String column, Set<Integer> years, Rules rules) {
    TableDef table = Tables.silver(file, rules);
    Map<Integer, Set<String>> byYear = new HashMap<>();
    for (Row r : warehouse.readYears(table, years::contains).select("year", column).collectAsList()) {
      byYear.computeIfAbsent(r.getInt(0), y -> new HashSet<>()).add(r.getString(1));
    }
    return byYear;
  }

  /** Decides a file's duplicates, then writes its accepted records over silver's records of the years. */
  private void replaceFile(Source s, Validation.Context context, Validation validation, Set<Integer> years,
      Map<String, String> holders, Map<RawFile, DeliveryChecks.Tally> tallies,
      Map<RawFile, Dataset<Row>> duplicates, Map<String, Long> versions, Rules rules) {
    Dataset<Row> decided = duplicates(s, context, validation, years, holders, rules);
    if (decided != null) {
      duplicates.put(s.file(), decided);
    }
    write(s, context, decided, validation, years, tallies, versions, rules);
  }

  private void write(Source s, Validation.Context context, Dataset<Row> duplicates, Validation validation,
      Set<Integer> years, Map<RawFile, DeliveryChecks.Tally> tallies, Map<String, Long> versions, Rules rules) {
    TableDef table = Tables.silver(s.file(), rules);
    RecordCheck check = new RecordCheck(s.file(), validation, s.input().positions(), context);
    DeliveryChecks.Tally tally = DeliveryChecks.Tally.register(spark, s.file());
    Dataset<Row> accepted = DeliveryChecks.accepted(spark, s.input(), s.deliveredPath(), check, s.deliveryId(),
        table.structType(), tally, duplicates);
    progress.step(String.format("silver %-24s %,d bytes", s.file().tableName(), s.input().sizeBytes()),
        () -> warehouse.replaceYears(table, accepted, years));
    versions.put(table.qualifiedName(), warehouse.version(table));
    tallies.put(s.file(), tally);
  }

  /**
   * The duplicates of a file ({@link Duplicates#DECISION} rows, kept on the executors), decided before its
   * records pass, or null when it has none ({@link DeliveryChecks#duplicates}).
   */
  private Dataset<Row> duplicates(Source s, Validation.Context context, Validation validation, Set<Integer> years,
      Map<String, String> holders, Rules rules) {
    RawFile file = s.file();
    List<String> key = validation.key(file);
    if (key.isEmpty()) {
      return null;
    }
    String idColumn = validation.idColumn(file);
    RecordCheck check = new RecordCheck(file, validation, s.input().positions(), context);
    // The accepted records of this file of the years the delivery does not cover, which hold their ids.
    Dataset<Row> held = idColumn == null || heldYears(holders, file).stream().allMatch(years::contains) ? null
        : warehouse.readYears(Tables.silver(file, rules), y -> !years.contains(y))
            .select(col(idColumn).as("key"), col("year"), col("_delivery_id").as("delivery_id"),
                col("_line").as("line"));
    return DeliveryChecks.duplicates(spark, s.input(), check, String.join(", ", key), idColumn != null, held);
  }

  /** The years whose records of this file silver holds, by the committed ingests. */
  private static Set<Integer> heldYears(Map<String, String> holders, RawFile file) {
    Set<Integer> years = new TreeSet<>();
    holders.keySet().forEach(k -> {
      if (k.startsWith(file.fileName() + "@")) {
        years.add(Integer.parseInt(k.substring(k.indexOf('@') + 1)));
      }
    });
    return years;
  }

  /**
   * Records judged against another file of their year, the zones (rosters, projects, factories,
   * revitalised land, incidents) or the roster (invoices, tax entries, recognitions, talents), are judged
   * again from their bronze copies when a delivery replaced that file for the year, so that the order in
   * which departments deliver does not matter: a tax file delivered before its roster, or a roster
   * corrected, leaves no record refused (or accepted) against a roster silver no longer holds. Each year
   * in one pass: a roster judged again (the zones changed) is judged before the records of enterprises.
   * The files keep their holder; the ingest log lists them as {@code rejudged}.
   */
  private List<Applied> rejudge(Applied applied, Set<Integer> years, List<CommitLog.Ingest> deliveries,
      String ingestId, Rules rules) {
    Set<RawFile> replaced = java.util.EnumSet.noneOf(RawFile.class);
    applied.files().stream().filter(f -> DeliveredFile.REPLACED.equals(f.action()))
        .forEach(f -> replaced.add(RawFile.ofFileName(f.source())));
    if (!replaced.contains(RawFile.ZONES) && !replaced.contains(RawFile.ENTERPRISES)) {
      return List.of();
    }
    Set<RawFile> stale = java.util.EnumSet.noneOf(RawFile.class);
    for (RawFile f : RawFile.values()) {
      if (replaced.contains(RawFile.ZONES) && Validation.namesZone(f)) {
        stale.add(f);
      }
    }
    if (replaced.contains(RawFile.ENTERPRISES) || stale.contains(RawFile.ENTERPRISES)) {
      for (RawFile f : RawFile.values()) {
        if (Validation.ofEnterprise(f)) {
          stale.add(f);
        }
      }
    }
    stale.removeAll(replaced);
    record Stored(String source, String deliveryId) {}
    Map<Stored, DeliveredFile> stored = new HashMap<>();
    deliveries.forEach(i -> i.files().stream().filter(f -> DeliveredFile.REPLACED.equals(f.action()))
        .forEach(f -> stored.putIfAbsent(new Stored(f.source(), f.deliveryId()), f)));
    // The stored files each year's stale records come from; years judged from the same files together
    // (a delivery's years are judged together, as its ingest judged them).
    Map<Map<RawFile, DeliveredFile>, Set<Integer>> yearsBySources = new LinkedHashMap<>();
    Map<String, String> holders = applied.holders();
    for (int year : new TreeSet<>(years)) {
      Map<RawFile, DeliveredFile> held = new EnumMap<>(RawFile.class);
      for (RawFile f : stale) {
        String holder = holders.get(CommitLog.holderKey(f.fileName(), year));
        DeliveredFile recorded = holder == null ? null : stored.get(new Stored(f.fileName(), holder));
        if (recorded != null) {
          held.put(f, recorded);
        }
      }
      if (!held.isEmpty()) {
        yearsBySources.computeIfAbsent(held, h -> new TreeSet<>()).add(year);
      }
    }
    List<Applied> done = new ArrayList<>();
    yearsBySources.forEach((held, judged) -> {
      String what = String.join(", ", held.keySet().stream().map(RawFile::fileName).toList());
      progress.line("judged again for %s against the new %s: %s", Validation.Context.of(judged).yearsText(),
          replaced.contains(RawFile.ZONES) ? "zones" : "roster", what);
      long splitBytes = splitBytes(held.values().stream().mapToLong(DeliveredFile::sizeBytes).max().orElse(0));
      Map<RawFile, Source> sources = progress.step("read again from bronze: " + what,
          () -> fromBronze(held, splitBytes));
      done.add(apply(sources, judged, holders, true, true, ingestId, rules));
    });
    return done;
  }

  /**
   * Writes the refused records of the replaced files over what silver.rejects held of them: the rejects
   * of the covered years, the delivery's own earlier rejects, and those of deliveries that no longer hold
   * any year of the file.
   */
  private void writeRejects(Map<RawFile, Source> replacing, List<Row> gathered, List<Dataset<Row>> reread,
      Set<Integer> years, Map<String, String> holders, boolean rejudge, String ingestId) {
    List<String> predicates = new ArrayList<>();
    // Judged again: only the rejects of the years judged, of records that have those years.
    String judgedAgain = Warehouse.yearPredicate(years) + " AND reason_code <> '" + RecordCheck.OUTSIDE_DELIVERY_YEARS
        + "'";
    for (Source s : replacing.values()) {
      String source = s.file().tableName();
      if (rejudge) {
        predicates.add("(source = '" + source + "' AND " + judgedAgain + ")");
        continue;
      }
      Set<String> gone = new TreeSet<>();
      gone.add(s.deliveryId());
      Map<String, Set<Integer>> heldYears = new HashMap<>();
      holders.forEach((k, delivery) -> {
        if (k.startsWith(s.file().fileName() + "@")) {
          heldYears.computeIfAbsent(delivery, d -> new HashSet<>()).add(Integer.parseInt(k.substring(k.indexOf('@') + 1)));
        }
      });
      heldYears.forEach((delivery, held) -> {
        if (years.containsAll(held)) {
          gone.add(delivery);
        }
      });
      predicates.add("(source = '" + source + "' AND ((" + Warehouse.yearPredicate(years)
          + " AND reason_code <> 'outside_delivery_years') OR delivery_id IN ("
          + String.join(", ", gone.stream().map(d -> "'" + d + "'").toList()) + ")))");
    }
    Dataset<Row> rows = spark.createDataFrame(gathered, DeliveryChecks.REJECT_SCHEMA);
    for (Dataset<Row> more : reread) {
      rows = rows.unionByName(more);
    }
    if (rejudge) {
      rows = rows.filter(judgedAgain);
    }
    warehouse.replaceWhere(Tables.REJECTS, rows.withColumn("ingest_id", lit(ingestId)), String.join(" OR ", predicates));
  }

  /** The ingest log row: the ingest is committed. */
  private void commit(String ingestId, String kind, Instant started, String inputDir, Set<Integer> years,
      List<DeliveredFile> files, List<String> replayed, Map<String, Long> versions) {
    List<Row> fileRows = new ArrayList<>();
    for (DeliveredFile f : files) {
      fileRows.add(RowFactory.create(f.source(), f.deliveryId(), f.path(), f.storedPath(), f.sizeBytes(), f.sha256(),
          f.charset(), f.action(), f.read(), f.accepted(), f.rejected()));
    }
    Row row = RowFactory.create(ingestId, kind, Timestamp.from(started), Timestamp.from(Instant.now()), inputDir,
        scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(years)).toSeq(),
        scala.jdk.javaapi.CollectionConverters.asScala(fileRows).toSeq(),
        replayed == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(replayed).toSeq(),
        Version.current(), scala.jdk.javaapi.CollectionConverters.asScala(new LinkedHashMap<>(versions)));
    progress.step("commit ingest " + ingestId, () ->
        warehouse.append(Tables.INGESTS, spark.createDataFrame(List.of(row), Tables.INGESTS.structType())));
  }
}
