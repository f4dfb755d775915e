package io.zoneeval.shell;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/** Runs the shell's statements in a SparkSession. */
public final class SparkSqlExecutor implements SqlExecutor {
  private final SparkSession spark;
  private final java.util.function.Consumer<String> beforeStatement;

  public SparkSqlExecutor(SparkSession spark) {
    this(spark, sql -> { });
  }

  /**
   * {@code beforeStatement} is given each statement before it runs (to define again the views of the last
   * committed state that it reads).
   */
  public SparkSqlExecutor(SparkSession spark, java.util.function.Consumer<String> beforeStatement) {
    this.spark = spark;
    this.beforeStatement = beforeStatement;
  }

  /**
   * Fetches one row more than is printed, to know whether there are more; only then counts them all
   * (a second run of the query, which Ctrl-C can stop like the first).
   *
   * <p>Values are turned into text by Spark's own cast to string, in the executors: timestamps in the
   * session's time zone, decimals in plain notation, arrays and maps as Spark SQL writes them.
   */
  @Override
  public QueryResult execute(String sql, int maxRows) {
    io.zoneeval.spark.QueryOnly.check(sql);
    beforeStatement.accept(sql);
    Dataset<Row> result = spark.sql(sql);
    StructType schema = result.schema();
    int columns = schema.fields().length;
    if (columns == 0) {
      return new QueryResult(schema, List.of(), 0);
    }
    // Positional names, since a result may have two columns of one name (a join's "id" and "id").
    String[] positional = new String[columns];
    Column[] asText = new Column[columns];
    for (int i = 0; i < columns; i++) {
      positional[i] = "c" + i;
      asText[i] = functions.col(positional[i]).cast("string");
    }
    int fetch = maxRows == Integer.MAX_VALUE ? maxRows : maxRows + 1;
    List<Row> fetched = result.toDF(positional).select(asText).limit(fetch).collectAsList();
    List<List<String>> rows = new ArrayList<>(Math.min(fetched.size(), maxRows));
    for (Row row : fetched.subList(0, Math.min(fetched.size(), maxRows))) {
      List<String> values = new ArrayList<>(columns);
      for (int i = 0; i < columns; i++) {
        values.add(row.isNullAt(i) ? null : row.getString(i));
      }
      rows.add(values);
    }
    long total = fetched.size() <= maxRows ? fetched.size() : count(result);
    return new QueryResult(schema, rows, total);
  }

  private static long count(Dataset<Row> result) {
    try {
      return result.count();
    } catch (RuntimeException e) {
      return QueryResult.UNKNOWN;
    }
  }

  /** Straight from the catalog: no query is planned to learn a table's columns. */
  @Override
  public StructType schema(String table) {
    return spark.table(table).schema();
  }

  /** Ctrl-C: every job of the session stops; the shell runs one statement at a time, so that is the one. */
  @Override
  public void cancel() {
    spark.sparkContext().cancelAllJobs();
  }
}
