package io.zoneeval.ingest;

import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The records of a delivered file, read by the executors in one pass: each task reads one of the byte
 * ranges the driver's pass found ({@link RawInput#splits}), which start at a record boundary with a known
 * line number, so lines are numbered in file order without another pass and a quoted field that spans
 * lines is never cut between two tasks. Bytes are decoded with the file's charset on the executors; line
 * 1, the header, is in no range.
 */
public final class DeliveredRecords {
  private DeliveredRecords() {}

  public static JavaRDD<CsvRecords.Record> read(SparkSession spark, RawInput input) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String charsetName = input.charset();
    String path = input.path();
    int width = input.header().size();
    var conf = jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    List<RawInput.Split> splits = input.splits();
    return jsc.parallelize(splits, Math.max(1, splits.size()))
        .mapPartitions((Iterator<RawInput.Split> ranges) -> CsvRecords.records(
            lines(path, ranges, Charset.forName(charsetName), conf.value().value()), width, charsetName));
  }

  /** The same records read here, on the driver, range after range: for a file too small for a Spark job. */
  public static Iterator<CsvRecords.Record> readHere(SparkSession spark, RawInput input) {
    Charset charset = Charset.forName(input.charset());
    var conf = spark.sparkContext().hadoopConfiguration();
    return CsvRecords.records(lines(input.path(), input.splits().iterator(), charset, conf), input.header().size(),
        input.charset());
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
