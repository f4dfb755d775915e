package io.zoneeval.ingest;

import io.zoneeval.spark.ShippedConfiguration;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The records of a delivered file, read by the executors in one pass: each task reads one of the byte
 * ranges the file's pass found ({@link RawInput#splits}), which start at a record boundary with a known
 * line number, so lines are numbered in file order without another pass and a quoted field that spans
 * lines is never cut between two tasks. Bytes are decoded with the file's charset on the executors; line
 * 1, the header, is in no range.
 */
public final class DeliveredRecords {
  private DeliveredRecords() {}

  public static JavaRDD<CsvRecords.Record> read(SparkSession spark, RawInput input) {
    Reading reading = Reading.of(spark, input);
    return reading.ranges(spark, Math.max(1, input.splits().size())).mapPartitions(reading::records);
  }

  /** What a task needs to read a file's ranges, shipped with it. */
  private record Reading(String path, String charsetName, int width, Broadcast<ShippedConfiguration> conf,
      List<RawInput.Split> splits) implements java.io.Serializable {
    static Reading of(SparkSession spark, RawInput input) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      return new Reading(input.path(), input.charset(), input.header().size(),
          jsc.broadcast(new ShippedConfiguration(spark.sparkContext().hadoopConfiguration())), input.splits());
    }

    /** The ranges, the i-th in the i-th of {@code partitions} partitions when there are as many. */
    JavaRDD<RawInput.Split> ranges(SparkSession spark, int partitions) {
      return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(splits, partitions);
    }

    Iterator<CsvRecords.Record> records(Iterator<RawInput.Split> ranges) {
      return CsvRecords.records(lines(path, ranges, Charset.forName(charsetName), conf.value().value()), width,
          charsetName);
    }
  }

  /**
   * The hashes ({@link IdHash}) of field {@code idPosition} of the records, one sorted array per range:
   * from the range's bytes ({@link RangeIds}), or from its parsed records where a quote makes the bytes
   * read otherwise than CsvRecords reads them.
   */
  public static JavaRDD<long[]> idHashes(SparkSession spark, RawInput input, int idPosition) {
    Reading reading = Reading.of(spark, input);
    return reading.ranges(spark, Math.max(1, input.splits().size())).map(split -> {
      Charset charset = Charset.forName(reading.charsetName());
      Path file = new Path(reading.path());
      IdHashGroups.Collected hashes = new IdHashGroups.Collected();
      boolean scanned;
      try (FSDataInputStream in = file.getFileSystem(reading.conf().value().value()).open(file)) {
        in.seek(split.start());
        scanned = RangeIds.scan(new java.io.BufferedInputStream(in, 1 << 16), split.end() - split.start(), idPosition,
            charset, hashes);
      }
      if (!scanned) {
        hashes = new IdHashGroups.Collected();
        Iterator<CsvRecords.Record> records = reading.records(List.of(split).iterator());
        while (records.hasNext()) {
          CsvRecords.Record r = records.next();
          if (r.fields() != null) {
            hashes.addId(r.fields().get(idPosition));
          }
        }
      }
      return hashes.sorted();
    });
  }

  /** A delivered record and the duplicate decision taken for its line, or null. */
  public record Decided(CsvRecords.Record record, Validation.Decision decision) implements java.io.Serializable {}

  /**
   * The records, each with the decision {@code decisions} ({@link Duplicates#DECISION} rows, or null: none)
   * holds for its line. The decisions go to the task of the range their line is in, sorted by line, by a
   * shuffle; the task walks them beside its records (both in line order), so that it holds one decision at a
   * time and none passes through the driver, however many there are.
   */
  public static JavaRDD<Decided> read(SparkSession spark, RawInput input, Dataset<Row> decisions) {
    if (decisions == null) {
      return read(spark, input).map(r -> new Decided(r, null));
    }
    Reading reading = Reading.of(spark, input);
    ByRange byRange = new ByRange(input.splits().stream().mapToLong(RawInput.Split::firstLine).toArray());
    JavaPairRDD<Long, Validation.Decision> sorted = decisions.javaRDD()
        .mapToPair(row -> new Tuple2<>(row.getLong(0), new Validation.Decision(row.getString(1), row.getString(2))))
        .repartitionAndSortWithinPartitions(byRange);
    // parallelize puts the i-th range in the i-th of as many partitions, where ByRange puts its lines.
    return reading.ranges(spark, byRange.numPartitions()).zipPartitions(sorted, (ranges, decided) -> {
      Iterator<CsvRecords.Record> records = reading.records(ranges);
      return new Iterator<Decided>() {
        private Tuple2<Long, Validation.Decision> next = decided.hasNext() ? decided.next() : null;

        @Override
        public boolean hasNext() {
          return records.hasNext();
        }

        @Override
        public Decided next() {
          CsvRecords.Record r = records.next();
          while (next != null && next._1() < r.line()) {
            next = decided.hasNext() ? decided.next() : null;
          }
          return new Decided(r, next != null && next._1() == r.line() ? next._2() : null);
        }
      };
    });
  }

  /** The partition of a line: the index of the range it is in (ranges in line order, by their first lines). */
  static final class ByRange extends Partitioner {
    private final long[] firstLines;

    ByRange(long[] firstLines) {
      this.firstLines = firstLines;
    }

    @Override
    public int numPartitions() {
      return Math.max(1, firstLines.length);
    }

    @Override
    public int getPartition(Object key) {
      int at = java.util.Arrays.binarySearch(firstLines, (Long) key);
      return at >= 0 ? at : Math.max(0, -at - 2);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ByRange o && java.util.Arrays.equals(firstLines, o.firstLines);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(firstLines);
    }
  }

  /**
   * The lines of the ranges one after another, each range opened when the one before is done. Not a
   * stream's flatMap: its iterator() pushes a whole range (a million lines and more) into a buffer before
   * giving back the first, which kept gigabytes of lines alive in a large ingest's heap (issue 14).
   */
  static Iterator<CsvRecords.Line> lines(String path, Iterator<RawInput.Split> pending, Charset charset,
      org.apache.hadoop.conf.Configuration conf) {
    return new Iterator<>() {
      private Iterator<CsvRecords.Line> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && pending.hasNext()) {
          current = new RangeLines(path, pending.next(), charset, conf);
        }
        return current.hasNext();
      }

      @Override
      public CsvRecords.Line next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
