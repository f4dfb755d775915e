package io.zoneeval.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Whether a statement reads only the results (gold.*, published.*): tables of a few hundred rows per
 * year (gold.enterprise_year, the largest, a few per enterprise), for which compiling expressions to Java
 * costs far more than it saves. In a fresh JVM most of a query over them was generating and compiling
 * code for Delta's replay of their logs; a statement over silver or bronze (millions of records) keeps
 * the compiled path.
 */
public final class ResultQueries {
  private static final Set<String> RESULT_SCHEMAS = Set.of("gold", "published");

  private ResultQueries() {}

  /**
   * True when every table the statement names is in gold or published (a bare name counts when the
   * current schema is one of those). False for anything else, for a name it cannot place (a CTE's, a
   * path), for a table-valued function and for a statement Spark cannot parse (which then fails as usual).
   */
  public static boolean readsOnlyResults(SparkSession spark, String sql) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (ParseException e) {
      return false;
    }
    boolean currentIsResults = RESULT_SCHEMAS.contains(spark.catalog().currentDatabase().toLowerCase(Locale.ROOT));
    Deque<LogicalPlan> todo = new ArrayDeque<>(List.of(plan));
    while (!todo.isEmpty()) {
      LogicalPlan node = todo.pop();
      if (node.getClass().getSimpleName().contains("TableValuedFunction")) {
        return false; // range(…), read_files(…): rows from elsewhere, any number
      }
      if (node instanceof UnresolvedRelation relation) {
        List<String> name = CollectionConverters.asJava(relation.multipartIdentifier());
        boolean result = name.size() == 2 ? RESULT_SCHEMAS.contains(name.get(0).toLowerCase(Locale.ROOT))
            : name.size() == 1 && currentIsResults;
        if (!result) {
          return false;
        }
      }
      CollectionConverters.asJava(node.children()).forEach(todo::push);
      CollectionConverters.asJava(node.subqueries()).forEach(todo::push);
      for (Object inner : CollectionConverters.asJava(node.innerChildren())) {
        if (inner instanceof LogicalPlan p) {
          todo.push(p);
        }
      }
    }
    return true;
  }
}
