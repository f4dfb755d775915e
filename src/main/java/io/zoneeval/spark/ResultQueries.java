package io.zoneeval.spark;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Whether a statement reads only the results (gold.*, published.*): tables of a few hundred rows per
 * year (gold.enterprise_year, the largest, a few per enterprise), for which compiling expressions to Java
 * costs far more than it saves. In a fresh JVM most of a query over them was generating and compiling
 * code for Delta's replay of their logs; a statement over silver or bronze (millions of records) keeps
 * the compiled path.
 *
 * <p>Decided from the statement's tokens ({@link QueryOnly#tokens}), before Spark analyses it (analysis is
 * where Delta's replay runs): Spark's parser is not public API. A statement it misjudges only runs on the
 * other path, slower, never with another result.
 */
public final class ResultQueries {
  private static final Set<String> RESULT_SCHEMAS = Set.of("GOLD", "PUBLISHED");
  /** Statements that may name tables to read; anything else (a typo, DDL) keeps the compiled path. */
  private static final Set<String> QUERIES = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM", "(", "SHOW",
      "DESCRIBE", "DESC", "EXPLAIN");
  /** Words after which a relation is named. */
  private static final Set<String> RELATION_BEFORE = Set.of("FROM", "JOIN", "TABLE");
  private static final Set<String> SUBQUERY_START = Set.of("SELECT", "WITH", "VALUES", "FROM", "TABLE", "(");

  private ResultQueries() {}

  /**
   * True when every relation the statement names (after FROM, JOIN, TABLE or a comma of a FROM list) is in
   * gold or published (a bare name counts when the current schema is one of those). False for anything
   * else: a name it cannot place (a CTE's, a path), a table-valued function, a statement that is not a
   * query (which then runs, or fails, as usual).
   */
  public static boolean readsOnlyResults(SparkSession spark, String sql) {
    List<QueryOnly.Token> tokens = QueryOnly.tokens(sql);
    if (tokens.isEmpty() || !QUERIES.contains(tokens.get(0).upper())) {
      return false;
    }
    boolean currentIsResults = RESULT_SCHEMAS.contains(spark.catalog().currentDatabase().toUpperCase(Locale.ROOT));
    for (int i = 0; i < tokens.size(); i++) {
      if (!(tokens.get(i).word() && RELATION_BEFORE.contains(tokens.get(i).upper()))) {
        continue;
      }
      int at = i + 1;
      while (true) {
        if (at >= tokens.size()) {
          break;
        }
        QueryOnly.Token first = tokens.get(at);
        if (first.is("(")) {
          if (at + 1 < tokens.size() && SUBQUERY_START.contains(tokens.get(at + 1).upper())) {
            break; // a subquery: its own FROM is looked at in turn
          }
          return false;
        }
        // A dotted name: schema.table, or a bare name.
        int parts = 0;
        String schema = null;
        while (at < tokens.size() && (tokens.get(at).word() || tokens.get(at).quotedName())) {
          schema = parts == 0 ? tokens.get(at).text() : schema;
          parts++;
          at++;
          if (at < tokens.size() && tokens.get(at).is(".")) {
            at++;
          } else {
            break;
          }
        }
        if (parts == 0 || (at < tokens.size() && tokens.get(at).is("("))) {
          return false; // not a name, or a table-valued function (range(…), read_files(…))
        }
        boolean result = parts == 2 ? RESULT_SCHEMAS.contains(schema.toUpperCase(Locale.ROOT))
            : parts == 1 && currentIsResults;
        if (!result) {
          return false;
        }
        // An alias, then a comma of a FROM list names the next relation.
        if (at < tokens.size() && tokens.get(at).upper().equals("AS")) {
          at++;
        }
        if (at < tokens.size() && tokens.get(at).word() && !isClauseWord(tokens.get(at).upper())) {
          at++;
        }
        if (at < tokens.size() && tokens.get(at).is(",")) {
          at++;
          continue;
        }
        break;
      }
    }
    return true;
  }

  /** Words that may follow a relation where an alias could stand: not an alias. */
  private static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "JOIN",
      "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "UNION", "EXCEPT", "INTERSECT", "WINDOW",
      "LATERAL", "PIVOT", "UNPIVOT", "SORT", "CLUSTER", "DISTRIBUTE", "TABLESAMPLE", "SEMI", "ANTI", "OFFSET");

  private static boolean isClauseWord(String word) {
    return CLAUSE_WORDS.contains(word);
  }
}
