package io.zoneeval.ingest;

import java.nio.charset.Charset;
import java.util.ArrayList;
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
        .mapPartitions((Iterator<RawInput.Split> it) -> {
          List<Iterator<CsvRecords.Line>> parts = new ArrayList<>();
          it.forEachRemaining(split -> parts.add(new RangeLines(path, split, Charset.forName(charsetName),
              conf.value().value())));
          Iterator<CsvRecords.Line> lines = parts.stream().flatMap(p -> java.util.stream.StreamSupport.stream(
              java.util.Spliterators.spliteratorUnknownSize(p, 0), false)).iterator();
          return CsvRecords.records(lines, width, charsetName);
        });
  }

  /** The same records read here, on the driver, range after range: for a file too small for a Spark job. */
  public static Iterator<CsvRecords.Record> readHere(SparkSession spark, RawInput input) {
    Charset charset = Charset.forName(input.charset());
    var conf = spark.sparkContext().hadoopConfiguration();
    Iterator<CsvRecords.Line> lines = input.splits().stream()
        .flatMap(split -> java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(
            (Iterator<CsvRecords.Line>) new RangeLines(input.path(), split, charset, conf), 0), false))
        .iterator();
    return CsvRecords.records(lines, input.header().size(), input.charset());
  }
}
