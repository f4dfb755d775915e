package io.zoneeval.ingest;


import io.zoneeval.catalog.RawFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The checks of one delivered file as Spark work, in one pass over its records wherever possible: the
 * accepted records go on to the file's silver table as they are checked, while the counts and the
 * refused records (few) are gathered on the side ({@link Tally}), so that nothing is read twice to count
 * or to quarantine. Duplicates are decided before that pass, on the executors ({@link #duplicates}).
 */
public final class DeliveryChecks {
  /**
   * Refused records a file's pass gathers on the side, at most, shared out among its tasks: a task with
   * more than its share marks the tally incomplete and the file is read again for them, on the executors.
   * What the driver holds of a file's records stays bounded whatever its size.
   */
  static final int GATHERED_REJECTS = 40_000;

  /** A task's share of {@link #GATHERED_REJECTS}. */
  static int rejectsPerTask(RawInput input) {
    return Math.max(1_000, GATHERED_REJECTS / Math.max(1, input.splits().size()));
  }

  private DeliveryChecks() {}

  /**
   * What the pass over a file counted: records read, accepted and refused, and the refused records
   * themselves (in the shape of silver.rejects, without its ingest id) unless a task had more than
   * its share ({@link #rejectsPerTask}; {@link #complete()} is then false). Filled while the accepted rows are written.
   */
  public record Tally(LongAccumulator read, LongAccumulator accepted, LongAccumulator rejected,
      CollectionAccumulator<Row> rejects, LongAccumulator overflowingTasks) implements java.io.Serializable {
    public static Tally register(SparkSession spark, RawFile file) {
      var sc = spark.sparkContext();
      return new Tally(sc.longAccumulator(file.tableName() + " read"), sc.longAccumulator(file.tableName() + " accepted"),
          sc.longAccumulator(file.tableName() + " rejected"), sc.collectionAccumulator(file.tableName() + " rejects"),
          sc.longAccumulator(file.tableName() + " tasks with many rejects"));
    }

    public boolean complete() {
      return overflowingTasks.value() == 0;
    }

    /** The refused records gathered, once each (a task run twice gives its records twice), by line. */
    public List<Row> rejectRows() {
      Map<Long, Row> byLine = new java.util.TreeMap<>();
      for (Row r : rejects.value()) {
        byLine.putIfAbsent(r.getLong(4), r);
      }
      return new ArrayList<>(byLine.values());
    }
  }

  /** The schema of silver.rejects rows as the checks make them (the ingest id is added when written). */
  public static final StructType REJECT_SCHEMA = new StructType()
      .add("source", DataTypes.StringType, false)
      .add("year", DataTypes.IntegerType, true)
      .add("delivery_id", DataTypes.StringType, false)
      .add("source_file", DataTypes.StringType, false)
      .add("line", DataTypes.LongType, false)
      .add("raw_text", DataTypes.StringType, false)
      .add("reason_code", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, false);

  private static Row reject(RawFile file, RecordCheck.Outcome o, CsvRecords.Record r, String deliveryId,
      String sourceFile) {
    return RowFactory.create(file.tableName(), o.year(), deliveryId, sourceFile, r.line(), r.text(), o.code(),
        o.message());
  }

  /**
   * The accepted records of a file as rows of its silver table ({@code silverSchema}: the typed columns,
   * year, delivery, source file, line), {@code source} the path it was delivered from; a land parcel once per year its delivery covers. The tally fills
   * as the rows are consumed (written), once.
   */
  public static Dataset<Row> accepted(SparkSession spark, RawInput input, String source, RecordCheck check,
      String deliveryId, StructType silverSchema, Tally tally, Dataset<Row> duplicates) {
    RawFile file = check.file();
    int width = check.width();
    // A file with a year column has it among its typed values; the others get theirs after them.
    boolean addYear = !file.columns().contains(Validation.YEAR);
    List<Integer> parcelYears = new ArrayList<>(check.context().years());
    int rejectsPerTask = rejectsPerTask(input);
    JavaRDD<Row> rows = DeliveredRecords.read(spark, input, duplicates).mapPartitions(
        (Iterator<DeliveredRecords.Decided> records) -> new Iterator<Row>() {
          private final java.util.ArrayDeque<Row> ready = new java.util.ArrayDeque<>();
          private int keptRejects;
          private boolean overflowed;

          @Override
          public boolean hasNext() {
            while (ready.isEmpty() && records.hasNext()) {
              DeliveredRecords.Decided d = records.next();
              CsvRecords.Record r = d.record();
              tally.read().add(1);
              RecordCheck.Outcome o = decided(check.check(r), d.decision());
              if (!o.accepted()) {
                tally.rejected().add(1);
                if (keptRejects < rejectsPerTask) {
                  tally.rejects().add(reject(file, o, r, deliveryId, source));
                  keptRejects++;
                } else if (!overflowed) {
                  overflowed = true;
                  tally.overflowingTasks().add(1);
                }
                continue;
              }
              tally.accepted().add(1);
              if (file == RawFile.LAND_PARCELS) {
                for (int year : parcelYears) {
                  ready.add(row(o.values(), width, addYear, year, deliveryId, source, r.line()));
                }
              } else {
                ready.add(row(o.values(), width, addYear, o.year(), deliveryId, source, r.line()));
              }
            }
            return !ready.isEmpty();
          }

          @Override
          public Row next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return ready.poll();
          }
        });
    return spark.createDataFrame(rows, silverSchema);
  }

  /** A row of a file's silver table: the typed values, the year (when the file has no year column), lineage. */
  public static Row row(Object[] values, int width, boolean addYear, Integer year, String deliveryId, String source,
      long line) {
    Object[] out = new Object[width + (addYear ? 4 : 3)];
    System.arraycopy(values, 0, out, 0, width);
    int k = width;
    if (addYear) {
      out[k++] = year;
    }
    out[k++] = deliveryId;
    out[k++] = source;
    out[k] = line;
    return RowFactory.create(out);
  }

  /** An outcome with the duplicate decision of its line: a good record decided a duplicate is refused. */
  static RecordCheck.Outcome decided(RecordCheck.Outcome o, Validation.Decision decision) {
    return decision == null || !o.accepted() ? o : new RecordCheck.Outcome(o.values(), o.year(), decision.code(),
        decision.message());
  }

  /** The refused records of a file, read again: for a file whose pass had too many to gather. */
  public static Dataset<Row> rejected(SparkSession spark, RawInput input, String source, RecordCheck check,
      String deliveryId, Dataset<Row> duplicates) {
    RawFile file = check.file();
    JavaRDD<Row> rows = DeliveredRecords.read(spark, input, duplicates).flatMap(d -> {
      CsvRecords.Record r = d.record();
      RecordCheck.Outcome o = decided(check.check(r), d.decision());
      return o.accepted() ? java.util.Collections.<Row>emptyIterator()
          : List.of(reject(file, o, r, deliveryId, source)).iterator();
    });
    return spark.createDataFrame(rows, REJECT_SCHEMA);
  }

  /** The hashes of the ids of column {@code key} of {@code held}: one sorted array per partition. */
  static JavaRDD<long[]> idHashes(Dataset<Row> held) {
    return held.select("key").javaRDD().mapPartitions((Iterator<Row> rows) -> {
      IdHashGroups.Collected hashes = new IdHashGroups.Collected();
      rows.forEachRemaining(r -> hashes.addId(r.getString(0)));
      return List.of(hashes.sorted()).iterator();
    });
  }

  /**
   * The records that may be duplicates and pass every other check, as {@link Duplicates#CANDIDATE} rows.
   * {@code hashes} (sorted): the id hashes of the candidates; null: every good record is one (a key that
   * is not one column of text, or too many candidates to hand to each task).
   */
  public static Dataset<Row> candidates(SparkSession spark, RawInput input, RecordCheck check, long[] hashes) {
    JavaRDD<Row> rows = DeliveredRecords.read(spark, input).flatMap(r -> {
      if (hashes != null) {
        Long hash = IdHash.of(check.rawId(r));
        if (hash == null || java.util.Arrays.binarySearch(hashes, hash) < 0) {
          return java.util.Collections.<Row>emptyIterator();
        }
      }
      RecordCheck.Outcome o = check.check(r);
      return o.accepted() ? List.of(RowFactory.create(check.key(o), r.line())).iterator()
          : java.util.Collections.<Row>emptyIterator();
    });
    return spark.createDataFrame(rows, Duplicates.CANDIDATE);
  }

  /** Above this many candidate hashes, every good record of the file is a candidate (none goes to the driver). */
  static final int MAX_CANDIDATE_HASHES = 100_000;

  /**
   * The duplicates of a delivered file as {@link Duplicates#DECISION} rows (a plan, computed within the
   * file's pass), or null when a large file has none. {@code keyedById}: the file is keyed by one id (its raw
   * field is {@link RecordCheck#rawId}); the id hashes of the delivery and of {@code held} (the records of
   * other years that hold ids, as {@link Duplicates#decisions} takes them; null: none) then show which few
   * records can be duplicates in a large file (none, usually: the file is read once more, for the hashes),
   * and only those are checked and compared. In the other files every good record is.
   */
  public static Dataset<Row> duplicates(SparkSession spark, RawInput input, RecordCheck check, String keyText,
      boolean keyedById, Dataset<Row> held) {
    return duplicates(spark, input, check, keyText, keyedById, held, HASHED_FROM_BYTES, MAX_CANDIDATE_HASHES);
  }

  /**
   * From this size on, a file keyed by one id has its ids hashed first, so that only the records whose
   * hash repeats are checked twice; a smaller file's good records are all compared (no job of their own:
   * what a small file costs is its jobs).
   */
  static final long HASHED_FROM_BYTES = 32L << 20;

  static Dataset<Row> duplicates(SparkSession spark, RawInput input, RecordCheck check, String keyText,
      boolean keyedById, Dataset<Row> held, long hashedFromBytes, int maxCandidateHashes) {
    long[] hashes = null;
    if (keyedById && input.sizeBytes() >= hashedFromBytes) {
      int buckets = Math.max(1, Math.max(input.splits().size(), spark.sparkContext().defaultParallelism()));
      List<Long> found = IdHashGroups.candidates(DeliveredRecords.idHashes(spark, input, check.rawIdPosition()),
          held == null ? null : idHashes(held), buckets).take(maxCandidateHashes + 1);
      if (found.isEmpty()) {
        return null;
      }
      if (found.size() <= maxCandidateHashes) {
        hashes = found.stream().mapToLong(Long::longValue).sorted().toArray();
      }
    }
    // A small file's candidates in one partition: its window needs no shuffle (a job of its own under
    // adaptive execution, the most of what a small file's duplicates cost).
    Dataset<Row> candidates = candidates(spark, input, check, hashes);
    candidates = input.sizeBytes() < hashedFromBytes ? candidates.coalesce(1)
        : candidates.repartition(Math.max(1, input.splits().size()), org.apache.spark.sql.functions.col("key"));
    return Duplicates.decisions(candidates, keyedById ? held : null, keyText);
  }

  /** The keys of a file's good records, each once: what the records of other files are checked against. */
  public static List<String> goodKeys(SparkSession spark, RawInput input, RecordCheck check) {
    return DeliveredRecords.read(spark, input).flatMap(r -> {
      RecordCheck.Outcome o = check.check(r);
      return o.accepted() ? List.of(check.key(o)).iterator() : java.util.Collections.<String>emptyIterator();
    }).distinct().collect();
  }
}
