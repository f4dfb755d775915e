package io.zoneeval.ingest;

import io.zoneeval.catalog.RawFile;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Raw to bronze: every record of a raw file, as text, with where it came from. Nothing is judged here
 * except whether a line splits into the header's fields; a line that does not is kept with the reason,
 * so that silver can quarantine it.
 */
public final class Bronze {
  public static final String SOURCE_FILE = "_source_file";
  public static final String LINE = "_line";
  public static final String RECORD = "_record";
  public static final String MALFORMED = "_malformed";
  public static final String DELIVERY = "_delivery_id";
  public static final String RUN_ID = "_run_id";
  public static final String INGESTED_AT = "_ingested_at";

  private Bronze() {}

  /** The bronze schema of a raw file: its contract columns as strings, then the lineage columns. */
  public static StructType schema(RawFile file) {
    List<StructField> fields = new ArrayList<>();
    for (String column : file.columns()) {
      fields.add(DataTypes.createStructField(column, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(RECORD, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(MALFORMED, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(DELIVERY, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(RUN_ID, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false));
    return DataTypes.createStructType(fields);
  }

  /**
   * Reads one raw file into bronze rows, in one pass: each task reads one of the byte ranges the
   * driver's checksum pass found ({@link RawInput#splits}), which start at a record boundary with a known
   * line number, so lines are numbered in file order without another pass, and a quoted field that spans
   * lines is never cut between two tasks. Bytes are decoded with the file's charset on the executors;
   * line 1, the header, is in no range.
   */
  public static Dataset<Row> read(SparkSession spark, RawInput input, String runId, Timestamp ingestedAt) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String charsetName = input.charset();
    String path = input.path();
    org.apache.spark.broadcast.Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    List<RawInput.Split> splits = input.splits();
    JavaRDD<CsvRecords.Line> lines = jsc.parallelize(splits, Math.max(1, splits.size()))
        .mapPartitions((Iterator<RawInput.Split> it) -> {
          List<Iterator<CsvRecords.Line>> parts = new ArrayList<>();
          it.forEachRemaining(split -> parts.add(new RangeLines(path, split, Charset.forName(charsetName),
              conf.value().value())));
          return parts.stream().flatMap(p -> java.util.stream.StreamSupport.stream(
              java.util.Spliterators.spliteratorUnknownSize(p, 0), false)).iterator();
        });
    return toBronze(spark, lines, input, runId, ingestedAt);
  }

  /** The pure part of {@link #read}: numbered lines of a file to bronze rows. */
  public static Dataset<Row> toBronze(
      SparkSession spark, JavaRDD<CsvRecords.Line> lines, RawInput input, String runId, Timestamp ingestedAt) {
    int[] positions = input.positions();
    int width = input.header().size();
    int columns = input.file().columns().size();
    String source = input.path();
    String delivery = input.deliveryId();
    String charset = input.charset();
    JavaRDD<Row> rows =
        lines.mapPartitions(
            (Iterator<CsvRecords.Line> it) -> {
              Iterator<CsvRecords.Record> records = CsvRecords.records(it, width, charset);
              return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                  return records.hasNext();
                }

                @Override
                public Row next() {
                  CsvRecords.Record r = records.next();
                  Object[] values = new Object[columns + 7];
                  if (r.fields() != null) {
                    for (int i = 0; i < columns; i++) {
                      values[i] = r.fields().get(positions[i]);
                    }
                  }
                  values[columns] = source;
                  values[columns + 1] = r.line();
                  values[columns + 2] = r.text();
                  values[columns + 3] = r.malformed();
                  values[columns + 4] = delivery;
                  values[columns + 5] = runId;
                  values[columns + 6] = ingestedAt;
                  return RowFactory.create(values);
                }
              };
            });
    return spark.createDataFrame(rows, schema(input.file()));
  }
}
