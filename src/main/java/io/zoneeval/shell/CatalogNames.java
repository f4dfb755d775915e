package io.zoneeval.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.StructField;

/**
 * The schema, table and column names that completion and the listing commands offer, found through the
 * session itself ({@code SHOW NAMESPACES}, {@code SHOW TABLES IN ns}, a table's schema), so they are those
 * of whatever catalog the session has, not of a list compiled into the shell.
 *
 * <p>Looked up lazily, on the first completion that needs them, and kept for the session: a lookup costs a
 * round of catalog calls, and the tables change only when someone creates or drops one ({@link #refresh}).
 * A lookup that fails gives no names rather than an error in the middle of typing.
 */
public final class CatalogNames {
  /** Enough for any catalog an analyst completes names from; the cap only guards against a runaway one. */
  private static final int MAX_NAMES = 100_000;

  private final SqlExecutor sql;
  /** The schemas and tables of the last lookup; null until one is needed. */
  private Names names;
  private final Map<String, List<StructField>> columns = new HashMap<>();

  public CatalogNames(SqlExecutor sql) {
    this.sql = sql;
  }

  /**
   * Every table and view as {@code schema.table}, temporary views by their bare name, sorted; looked up once
   * until {@link #refresh}.
   */
  public List<String> tables() {
    return names().tables();
  }

  /** Every schema (namespace) of the session's catalog, sorted; looked up with the tables. */
  public List<String> schemas() {
    return names().schemas();
  }

  /**
   * The tables and views of the current schema by their bare name, as a statement may name them
   * ({@code zone_results} in the shell, which starts in {@code published}), each with its qualified name;
   * none when the session does not say which schema is current.
   */
  public Map<String, String> unqualified() {
    Names known = names();
    Map<String, String> bare = new java.util.LinkedHashMap<>();
    if (known.current() != null) {
      String prefix = known.current() + ".";
      known.tables().stream().filter(t -> t.startsWith(prefix)).forEach(t -> bare.put(t.substring(prefix.length()), t));
    }
    return bare;
  }

  private Names names() {
    if (names == null) {
      names = lookUp();
    }
    return names;
  }

  /** The columns of a table (with their comments), looked up once until {@link #refresh}; none when it fails. */
  public List<StructField> columns(String table) {
    return columns.computeIfAbsent(table.toLowerCase(Locale.ROOT), t -> {
      try {
        return List.of(sql.schema(table).fields());
      } catch (Exception e) {
        return List.of();
      }
    });
  }

  /** Forgets every name, so the next completion looks them up again. */
  public void refresh() {
    names = null;
    columns.clear();
  }

  private record Names(List<String> schemas, List<String> tables, String current) {}

  private Names lookUp() {
    List<String> schemas = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try {
      for (List<String> namespace : sql.execute("SHOW NAMESPACES", MAX_NAMES).rows()) {
        schemas.add(namespace.get(0));
        QueryResult shown = sql.execute("SHOW TABLES IN `" + namespace.get(0).replace("`", "``") + "`", MAX_NAMES);
        List<String> header = Arrays.asList(shown.schema().fieldNames());
        int nameAt = header.indexOf("tableName");
        int temporaryAt = header.indexOf("isTemporary");
        for (List<String> row : shown.rows()) {
          // Spark lists the temporary views with the tables of every namespace; they are named unqualified.
          boolean temporary = temporaryAt >= 0 && "true".equals(row.get(temporaryAt));
          tables.add(temporary ? row.get(nameAt) : namespace.get(0) + "." + row.get(nameAt));
        }
      }
    } catch (Exception e) {
      // Completion without names; the statement the analyst then runs says what is wrong.
    }
    String current = null;
    try {
      current = sql.execute("SELECT current_schema()", 1).rows().get(0).get(0);
    } catch (Exception e) {
      // Only names with their schema, then.
    }
    return new Names(schemas.stream().distinct().sorted().toList(), tables.stream().distinct().sorted().toList(),
        current);
  }
}
