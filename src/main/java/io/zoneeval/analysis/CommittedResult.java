package io.zoneeval.analysis;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Warehouse;
import java.util.List;
import java.util.Map;

/** The committed run whose result of a year an analysis starts from, and that result's rows. */
final class CommittedResult {
  private CommittedResult() {}

  /**
   * Run {@code runId}, which must be a committed run that evaluated the year; null: the year's result that
   * later years refer to (approved or published, else its latest committed run). Refused otherwise.
   */
  static CommitLog.Run of(CommitLog log, int year, String runId) {
    List<CommitLog.Run> runs = log.runsOf(year);
    if (runs.isEmpty()) {
      throw new Refused(year + ": no committed run evaluated " + year + " (evaluate it first: evaluate --year "
          + year + ")");
    }
    if (runId == null) {
      return log.resultOf(year).orElseThrow();
    }
    return runs.stream().filter(r -> r.id().equals(runId)).findFirst().orElseThrow(() -> new Refused(
        "run " + runId + " is not a committed run of " + year + " (its committed runs: "
            + String.join(", ", runs.stream().map(CommitLog.Run::id).toList()) + ")"));
  }

  /**
   * The year's rows of a zone-level gold table as the run left it: read at the version the run recorded,
   * with Delta Kernel on this thread (a few dozen rows need no Spark job).
   */
  static List<Map<String, Object>> rows(Warehouse warehouse, CommitLog.Run run, TableDef table, int year) {
    Long version = run.versions().get(table.qualifiedName());
    if (version == null) {
      throw new Refused("run " + run.id() + " recorded no version of " + table.qualifiedName());
    }
    return warehouse.rowsOfYear(table, version, year);
  }
}
