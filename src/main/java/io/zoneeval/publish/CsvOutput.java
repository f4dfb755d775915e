package io.zoneeval.publish;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Query results as CSV (RFC 4180, header first), streamed row by row from the executors. */
public final class CsvOutput {
  private CsvOutput() {}

  /** Prints the result and returns how many rows it had. */
  public static long print(Dataset<Row> result, PrintStream out) {
    String[] names = result.columns();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      line.append(i == 0 ? "" : ",").append(field(names[i]));
    }
    out.println(line);
    Iterator<Row> rows = result.toLocalIterator();
    long count = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      count++;
      line.setLength(0);
      for (int i = 0; i < names.length; i++) {
        line.append(i == 0 ? "" : ",").append(field(text(row.get(i))));
      }
      out.println(line);
    }
    out.flush();
    return count;
  }

  /** A value as text: decimals in plain notation, nulls empty, collections in Spark's own rendering. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof scala.collection.Iterable<?> || value instanceof Row) {
      return value.toString();
    }
    return String.valueOf(value);
  }

  static String field(String text) {
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
