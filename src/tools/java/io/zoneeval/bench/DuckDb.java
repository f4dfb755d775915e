package io.zoneeval.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An in-memory DuckDB connection as both of the benchmark's DuckDB queries use it: as many threads as
 * cores, a memory limit, and a spill folder. DuckDB runs inside the benchmark's JVM through JDBC: it
 * starts in milliseconds, so unlike Spark there is no process start to count. It is a runtime-only
 * dependency of the launcher's classpath (never of the cluster jar).
 */
public final class DuckDb {
  /** How the queries run: threads, DuckDB's memory_limit (e.g. "8GB") and where it spills (null: its default). */
  public record Settings(int threads, String memoryLimit, Path spill) {}

  private DuckDb() {}

  static Connection connect(Settings settings) throws SQLException {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("DuckDB's JDBC driver is not on the classpath: the benchmark runs from"
          + " bin/zone-eval (the cluster jar leaves it out)", e);
    }
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET threads = " + settings.threads());
      s.execute("SET memory_limit = '" + settings.memoryLimit().replace("'", "''") + "'");
      // Both queries number rows in file order (the first row of a repeated id stands).
      s.execute("SET preserve_insertion_order = true");
      if (settings.spill() != null) {
        s.execute("SET temp_directory = '" + settings.spill().toAbsolutePath().toString().replace("'", "''") + "'");
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** A file of the input folder as an SQL string literal. */
  static String path(Path input, String file) {
    return "'" + input.resolve(file).toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
