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
 * or to quarantine. Duplicates are decided before that pass, on the candidate records only
 * ({@link #candidates}, {@link #firstStands}).
 */
public final class DeliveryChecks {
  /** Refused records kept per task on the side; a task with more sends none and the file is read again for them. */
  static final int REJECTS_PER_TASK = 20_000;

  private DeliveryChecks() {}

  /**
   * What the pass over a file counted: records read, accepted and refused, and the refused records
   * themselves (in the shape of silver.rejects, without its ingest id) unless a task had more than
   * {@link #REJECTS_PER_TASK} ({@link #complete()} is then false). Filled while the accepted rows are written.
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
      String deliveryId, StructType silverSchema, Tally tally) {
    RawFile file = check.file();
    int width = check.width();
    // A file with a year column has it among its typed values; the others get theirs after them.
    boolean addYear = !file.columns().contains(Validation.YEAR);
    List<Integer> parcelYears = new ArrayList<>(check.context().years());
    JavaRDD<Row> rows = DeliveredRecords.read(spark, input).mapPartitions((Iterator<CsvRecords.Record> records) ->
        new Iterator<Row>() {
          private final java.util.ArrayDeque<Row> ready = new java.util.ArrayDeque<>();
          private int keptRejects;
          private boolean overflowed;

          @Override
          public boolean hasNext() {
            while (ready.isEmpty() && records.hasNext()) {
              CsvRecords.Record r = records.next();
              tally.read().add(1);
              RecordCheck.Outcome o = check.check(r);
              if (!o.accepted()) {
                tally.rejected().add(1);
                if (keptRejects < REJECTS_PER_TASK) {
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

  /** The refused records of a file, read again: for a file whose pass had too many to gather. */
  public static Dataset<Row> rejected(SparkSession spark, RawInput input, String source, RecordCheck check,
      String deliveryId) {
    RawFile file = check.file();
    JavaRDD<Row> rows = DeliveredRecords.read(spark, input).flatMap(r -> {
      RecordCheck.Outcome o = check.check(r);
      return o.accepted() ? java.util.Collections.<Row>emptyIterator()
          : List.of(reject(file, o, r, deliveryId, source)).iterator();
    });
    return spark.createDataFrame(rows, REJECT_SCHEMA);
  }

  /** A record that may be a duplicate and passes every other check: its key and line. */
  public record Candidate(String key, long line) implements java.io.Serializable {}

  /** A file this small is read for its candidates on the driver: a Spark job would cost more than the reading. */
  static final long DRIVER_READ_BYTES = 32L << 20;

  /**
   * The records that may be duplicates and pass every other check, with their key (the id, for a file
   * keyed by one id). {@code hashes} (sorted) are the id hashes of the candidates; null: every record of
   * the file is one (a small file, or a key that is not one column of text). Records refused for another
   * reason are left out: they never take a key from a later good record. A small file is read on the
   * driver, a large one by the executors; either way the candidates (few, or a small file's) come back.
   */
  public static List<Candidate> candidates(SparkSession spark, RawInput input, RecordCheck check, long[] hashes) {
    org.apache.spark.api.java.function.FlatMapFunction<CsvRecords.Record, Candidate> judge = r -> {
      if (hashes != null) {
        Long hash = IdHash.of(check.rawId(r));
        if (hash == null || java.util.Arrays.binarySearch(hashes, hash) < 0) {
          return java.util.Collections.emptyIterator();
        }
      }
      RecordCheck.Outcome o = check.check(r);
      return o.accepted() ? List.of(new Candidate(check.key(o), r.line())).iterator()
          : java.util.Collections.emptyIterator();
    };
    if (input.sizeBytes() > DRIVER_READ_BYTES) {
      return DeliveredRecords.read(spark, input).flatMap(judge).collect();
    }
    List<Candidate> out = new ArrayList<>();
    for (Iterator<CsvRecords.Record> it = DeliveredRecords.readHere(spark, input); it.hasNext(); ) {
      try {
        judge.call(it.next()).forEachRemaining(out::add);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /**
   * Within one delivery, the first good record of a key stands and the later good records of it are
   * duplicates; records refused for another reason never take a key from a later good one. Returns the
   * duplicates by line, each naming the line that stands.
   */
  public static Map<Long, Validation.Decision> firstStands(List<Candidate> candidates, String keyText) {
    Map<String, Long> first = new HashMap<>();
    for (Candidate c : candidates) {
      first.merge(c.key(), c.line(), Math::min);
    }
    Map<Long, Validation.Decision> decided = new HashMap<>();
    for (Candidate c : candidates) {
      long stands = first.get(c.key());
      if (c.line() != stands) {
        decided.put(c.line(), new Validation.Decision("duplicate_id", "duplicate " + keyText + ": "
            + c.key().replace('\u0001', ',') + " already appears at line " + stands + " of this delivery"));
      }
    }
    return decided;
  }
}
