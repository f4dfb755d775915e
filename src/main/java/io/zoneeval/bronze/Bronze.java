package io.zoneeval.bronze;

import io.zoneeval.catalog.RawFile;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
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
   * Reads one raw file into bronze rows. Lines are read as bytes and decoded with the file's charset
   * on the executors, numbered in file order (line 1 is the header, which is skipped).
   */
  public static Dataset<Row> read(SparkSession spark, RawInput input, String runId, Timestamp ingestedAt) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String charsetName = input.charset();
    JavaRDD<CsvRecords.Line> lines =
        jsc.hadoopFile(input.path(), TextInputFormat.class, LongWritable.class, Text.class)
            // The record reader reuses its Text: decode before anything holds on to it.
            .map(pair -> new String(pair._2().getBytes(), 0, pair._2().getLength(), Charset.forName(charsetName)))
            .zipWithIndex()
            .filter(pair -> pair._2() > 0)
            .map(pair -> new CsvRecords.Line(pair._2() + 1, pair._1()));
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
