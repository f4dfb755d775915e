package io.zoneeval.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A {@link SqlExecutor} without Spark, for the shell's own tests: answers the statements it was given,
 * fails on the others with a Spark-like multi-line message, and records what it ran.
 */
final class FakeSql implements SqlExecutor {
  final List<String> ran = new ArrayList<>();
  final Map<String, QueryResult> answers = new LinkedHashMap<>();
  final Map<String, StructType> tables = new LinkedHashMap<>();
  /** What running a statement also does (creates a table, presses Ctrl-C), before it answers. */
  final Map<String, Runnable> effects = new LinkedHashMap<>();
  int schemaLookups;
  int cancels;

  static StructType strings(String... names) {
    StructType schema = new StructType();
    for (String name : names) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return schema;
  }

  FakeSql answer(String sql, QueryResult result) {
    answers.put(sql, result);
    return this;
  }

  /** A table the catalog has: SHOW NAMESPACES and SHOW TABLES list it, {@link #schema} gives its columns. */
  FakeSql table(String name, StructType schema) {
    tables.put(name, schema);
    return this;
  }

  FakeSql effect(String sql, Runnable effect) {
    effects.put(sql, effect);
    return this;
  }

  @Override
  public QueryResult execute(String sql, int maxRows) {
    ran.add(sql);
    effects.getOrDefault(sql, () -> {}).run();
    if (sql.equals("SHOW NAMESPACES")) {
      List<List<String>> rows = tables.keySet().stream().filter(t -> t.contains("."))
          .map(t -> t.substring(0, t.indexOf('.'))).distinct().map(List::of).toList();
      return QueryResult.of(strings("namespace"), rows);
    }
    if (sql.startsWith("SHOW TABLES IN `")) {
      String namespace = sql.substring("SHOW TABLES IN `".length(), sql.length() - 1);
      List<List<String>> rows = new ArrayList<>();
      for (String table : tables.keySet()) {
        if (table.startsWith(namespace + ".")) {
          rows.add(List.of(namespace, table.substring(namespace.length() + 1), "false"));
        } else if (!table.contains(".")) {
          rows.add(List.of("", table, "true"));
        }
      }
      return QueryResult.of(strings("namespace", "tableName", "isTemporary"), rows);
    }
    QueryResult answer = answers.get(sql);
    if (answer == null) {
      throw new IllegalStateException("\n[TABLE_OR_VIEW_NOT_FOUND] no answer for: " + sql + "\nthe plan\nmore lines");
    }
    if (answer.rows().size() > maxRows) {
      return new QueryResult(answer.schema(), answer.rows().subList(0, maxRows), answer.rows().size());
    }
    return answer;
  }

  @Override
  public StructType schema(String table) {
    schemaLookups++;
    StructType schema = tables.get(table);
    if (schema == null) {
      throw new IllegalStateException("[TABLE_OR_VIEW_NOT_FOUND] The table or view `" + table + "` cannot be found.");
    }
    return schema;
  }

  @Override
  public void cancel() {
    cancels++;
  }
}
