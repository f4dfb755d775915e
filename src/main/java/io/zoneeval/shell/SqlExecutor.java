package io.zoneeval.shell;

import org.apache.spark.sql.types.StructType;

/**
 * Runs one SQL statement for the shell. The shell itself knows no Spark session: the command gives it
 * {@link SparkSqlExecutor}, a test can give it a lambda.
 */
@FunctionalInterface
public interface SqlExecutor {
  /**
   * Runs a statement and returns its columns and at most {@code maxRows} rows, with how many it had in
   * all. Throws whatever the engine throws; the shell prints the first line of the message.
   */
  QueryResult execute(String sql, int maxRows) throws Exception;

  /** The columns of a table, with their comments; by default what a query of none of its rows says. */
  default StructType schema(String table) throws Exception {
    return execute("SELECT * FROM " + table + " LIMIT 0", 0).schema();
  }

  /** Stops the statement running now, from another thread (Ctrl-C); by default nothing can be stopped. */
  default void cancel() {}
}
