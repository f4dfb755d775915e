package io.zoneeval.publish;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.function.LongFunction;
import org.apache.spark.sql.SparkSession;

/**
 * The views analysts query by default: {@code published.zone_results}, {@code published.zone_metrics} and
 * {@code published.zone_scores} give each year's published run (approved or on public notice), or, before
 * any publication, its latest committed run, flagged {@code draft} in {@code publication_state}. Each
 * year's rows are read at the table versions its run recorded, so a correction evaluated after a
 * publication does not change what these views show until it is published.
 *
 * <p>They are views of the session (Spark's in-memory catalog), defined again whenever gold.runs or
 * gold.publications has changed since; every command that runs SQL refreshes them before a statement.
 */
public final class PublishedViews {
  public static final String SCHEMA = "published";
  static final List<TableDef> VIEWED = List.of(Tables.ZONE_RESULTS, Tables.ZONE_METRICS, Tables.ZONE_SCORES);
  private static final Map<SparkSession, String> DEFINED = new WeakHashMap<>();

  private PublishedViews() {}

  /** Any mention of the schema's name, in a name, a string or a comment: a false match costs only time. */
  private static final java.util.regex.Pattern MENTION =
      java.util.regex.Pattern.compile("(?i)(?<![a-z0-9_])" + SCHEMA + "(?![a-z0-9_])");

  /**
   * Defines the views before {@code sql} runs, if it may read them: it names the schema, or the schema is
   * the session's current one ({@code USE published} earlier in a shell). Defining them opens every
   * year's version of three gold tables (seconds on a cold start), which a statement on other tables
   * should not wait for (issue 14: queries open only what they read).
   */
  public static void refreshFor(SparkSession spark, Warehouse warehouse, String sql) {
    if (mayRead(sql, spark.catalog().currentDatabase())) {
      refresh(spark, warehouse);
    }
  }

  /**
   * Runs {@code work}, the statements of {@code sql} (a notebook's), with the views defined and their rows
   * held in memory while it runs, if {@code sql} may read them. A view reads fixed versions of its tables,
   * so its rows cannot change meanwhile; each statement then takes them from memory instead of listing
   * those versions' files again (Delta's state of each year's version of each table, a Spark job apiece,
   * for every statement that names a view).
   */
  public static <T> T heldFor(SparkSession spark, Warehouse warehouse, String sql, java.util.function.Supplier<T> work) {
    if (!mayRead(sql, spark.catalog().currentDatabase())) {
      return work.get();
    }
    refresh(spark, warehouse);
    List<String> held = new ArrayList<>();
    try {
      for (TableDef table : VIEWED) {
        if (warehouse.exists(table)) {
          String view = SCHEMA + "." + table.name();
          spark.sql("CACHE LAZY TABLE " + view);
          held.add(view);
        }
      }
      return work.get();
    } finally {
      held.forEach(view -> spark.sql("UNCACHE TABLE IF EXISTS " + view));
    }
  }

  static boolean mayRead(String sql, String currentSchema) {
    return MENTION.matcher(sql).find() || SCHEMA.equalsIgnoreCase(currentSchema);
  }

  /** Defines the views, if the logs changed since they were last defined in this session. */
  public static synchronized void refresh(SparkSession spark, Warehouse warehouse) {
    String key = warehouse.version(Tables.RUNS) + "/" + warehouse.version(Tables.PUBLICATIONS);
    if (key.equals(DEFINED.get(spark))) {
      return;
    }
    CommitLog log = CommitLog.readResults(warehouse);
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + SCHEMA);
    for (TableDef table : VIEWED) {
      if (!warehouse.exists(table)) {
        continue;
      }
      spark.sql("CREATE OR REPLACE VIEW " + SCHEMA + "." + table.name() + " AS " + definition(warehouse, log, table));
    }
    DEFINED.put(spark, key);
  }

  /** The view's query in this session: each year's run read by path ({@code delta.`location`}) at its version. */
  static String definition(Warehouse warehouse, CommitLog log, TableDef table) {
    return definition(log, table, version -> "delta.`" + warehouse.location(table) + "` VERSION AS OF " + version,
        "STRING");
  }

  /** The tables that have a published view, in the order they are defined. */
  public static List<TableDef> viewed() {
    return VIEWED;
  }

  /**
   * A view's query as SQL text, for this session or another engine's catalog: per year, the rows of the
   * year's published run (approved or on notice), else of its latest committed run, read at the version of
   * the table that run recorded, with {@code publication_state}. {@code tableAt} names the table at a
   * version in the engine's SQL ({@code gold.zone_results VERSION AS OF 3}, Trino's {@code FOR VERSION AS
   * OF 3}); {@code textType} is the engine's name for a string type (the state of a table no run wrote yet).
   */
  public static String definition(CommitLog log, TableDef table, LongFunction<String> tableAt, String textType) {
    TreeSet<Integer> years = new TreeSet<>();
    log.runs().forEach(r -> years.addAll(r.years()));
    List<String> parts = new ArrayList<>();
    for (int year : years) {
      CommitLog.YearState state = log.state(year);
      CommitLog.Run run = log.resultOf(year).orElse(null);
      Long version = run == null ? null : run.versions().get(table.qualifiedName());
      if (version == null) {
        continue;
      }
      String flag = state.approved() ? "approved" : state.published() ? "published" : "draft";
      parts.add("SELECT t.*, '" + flag + "' AS publication_state FROM " + tableAt.apply(version) + " t WHERE t.year = "
          + year);
    }
    if (parts.isEmpty()) {
      return "SELECT t.*, CAST(NULL AS " + textType + ") AS publication_state FROM " + tableAt.apply(0)
          + " t WHERE false";
    }
    return String.join(" UNION ALL ", parts);
  }
}
