package io.zoneeval.publish;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a correction moved: two committed runs' results of one year compared value by value, over
 * gold.zone_results and gold.zone_metrics (a column both have is compared once), each run's rows read
 * at the table versions it recorded.
 */
public final class RunDiff {
  private RunDiff() {}

  /** One changed value; {@code before} or {@code after} null where the zone is in one run only. */
  public record Change(int year, String zoneId, String column, String before, String after) {}

  /** The two runs compared. */
  public record Runs(CommitLog.Run from, CommitLog.Run to) {}

  /**
   * The runs a diff compares by default: from the published run, else the one before the latest; to
   * the latest committed run of the year.
   */
  public static Runs runs(CommitLog log, int year, String fromRun, String toRun) {
    CommitLog.Run to = Publications.runOf(log, year, toRun);
    CommitLog.Run from;
    if (fromRun != null) {
      from = Publications.runOf(log, year, fromRun);
    } else {
      CommitLog.YearState state = log.state(year);
      List<CommitLog.Run> runs = log.runsOf(year);
      if (state.published() && !state.publishedRun().equals(to.id())) {
        from = log.run(state.publishedRun()).orElseThrow();
      } else {
        int at = runs.indexOf(to);
        if (at <= 0) {
          throw new Publications.CycleException(year + ": only one committed run (" + to.id()
              + "); nothing to compare it with");
        }
        from = runs.get(at - 1);
      }
    }
    return new Runs(from, to);
  }

  /** Every value of the year that differs between the two runs, by zone, then column order. */
  public static List<Change> diff(Warehouse warehouse, int year, Runs runs) {
    Map<String, Map<String, String>> before = values(warehouse, year, runs.from());
    Map<String, Map<String, String>> after = values(warehouse, year, runs.to());
    Set<String> zones = new TreeSet<>(before.keySet());
    zones.addAll(after.keySet());
    List<Change> changes = new ArrayList<>();
    for (String zone : zones) {
      Map<String, String> b = before.getOrDefault(zone, Map.of());
      Map<String, String> a = after.getOrDefault(zone, Map.of());
      Set<String> columns = new LinkedHashSet<>(columns());
      for (String column : columns) {
        String x = b.get(column);
        String y = a.get(column);
        if (x == null ? y != null : !x.equals(y)) {
          changes.add(new Change(year, zone, column, x, y));
        }
      }
    }
    return changes;
  }

  /** The compared columns: zone_results', then zone_metrics' others; not the run id, which always differs. */
  static List<String> columns() {
    Set<String> columns = new LinkedHashSet<>();
    for (TableDef table : List.of(Tables.ZONE_RESULTS, Tables.ZONE_METRICS)) {
      columns.addAll(table.columnNames());
    }
    columns.remove("run_id");
    columns.remove("year");
    columns.remove("zone_id");
    return new ArrayList<>(columns);
  }

  private static Map<String, Map<String, String>> values(Warehouse warehouse, int year, CommitLog.Run run) {
    Map<String, Map<String, String>> byZone = new TreeMap<>();
    for (TableDef table : List.of(Tables.ZONE_RESULTS, Tables.ZONE_METRICS)) {
      Long version = run.versions().get(table.qualifiedName());
      if (version == null) {
        continue;
      }
      // A few dozen rows, read by Delta Kernel at the run's version on this thread: no Spark job.
      for (Map<String, Object> r : warehouse.rowsOfYear(table, version, year)) {
        Map<String, String> values = byZone.computeIfAbsent((String) r.get("zone_id"), z -> new TreeMap<>());
        r.forEach((column, v) -> values.putIfAbsent(column, text(v)));
      }
    }
    return byZone;
  }

  /** A value as the CSV shows it: decimals plain, maps sorted by key, null empty. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Map<?, ?> m) {
      return new TreeMap<>(m).toString();
    }
    return value.toString();
  }

  /** The diff as CSV: year,zone_id,column,before,after. */
  public static void print(List<Change> changes, java.io.PrintStream out) {
    out.println("year,zone_id,column,before,after");
    for (Change c : changes) {
      out.println(String.join(",", String.valueOf(c.year()), csv(c.zoneId()), csv(c.column()), csv(c.before()),
          csv(c.after())));
    }
    out.flush();
  }

  static String csv(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
