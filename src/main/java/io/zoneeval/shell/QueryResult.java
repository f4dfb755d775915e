package io.zoneeval.shell;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * What a statement returned, ready to print: its columns (names, types and comments, as Spark's schema
 * carries them) and its first rows, every value already text ({@code null} for SQL NULL).
 *
 * @param rows at most the number of rows that was asked for
 * @param totalRows how many rows the statement returned in all; {@link #UNKNOWN} when more than
 *     {@code rows} but not counted
 */
public record QueryResult(StructType schema, List<List<String>> rows, long totalRows) {
  public static final long UNKNOWN = -1;

  public QueryResult {
    rows = List.copyOf(rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
        .toList());
  }

  /** A result of all its rows. */
  public static QueryResult of(StructType schema, List<List<String>> rows) {
    return new QueryResult(schema, rows, rows.size());
  }

  /** Whether the statement returned rows beyond those held here. */
  public boolean truncated() {
    return totalRows == UNKNOWN || totalRows > rows.size();
  }

  /** Whether the statement returns no table at all (DDL, INSERT): nothing to print. */
  public boolean noColumns() {
    return schema.fields().length == 0;
  }
}
