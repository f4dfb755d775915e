package io.zoneeval.evaluate;

import io.zoneeval.catalog.RawFile;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver records an evaluation reads, by file: the records of the years it evaluates and of the years
 * before them (growth, new above-size firms), and every recognition up to the last year (a recognition
 * scores only when it is the enterprise's first of its kind).
 */
public record SilverRecords(Map<RawFile, Dataset<Row>> records) {
  public Dataset<Row> accepted(RawFile file) {
    Dataset<Row> rows = records.get(file);
    if (rows == null) {
      throw new IllegalArgumentException("no silver records of " + file.fileName() + " were read");
    }
    return rows;
  }
}
