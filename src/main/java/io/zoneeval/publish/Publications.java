package io.zoneeval.publish;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.CommitLog.Publication;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.catalog.WarehouseLock;
import java.time.Duration;

/**
 * The annual cycle of a year's result, recorded in gold.publications: a committed run's result is put on
 * public notice (公示), corrected by later runs after objections, published again, and approved (批准),
 * after which evaluating the year again is refused unless it is reopened on purpose, with a reason.
 */
public final class Publications {
  private Publications() {}

  /** A step of the cycle that cannot be taken now, with a one-line reason. */
  public static final class CycleException extends RuntimeException {
    public CycleException(String message) {
      super(message);
    }
  }

  /** Puts a committed run's result of a year on public notice (default: the year's latest committed run). */
  public static CommitLog.Run publish(Warehouse warehouse, int year, String runId) {
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse.root(), "publish " + year, Duration.ZERO)) {
      CommitLog log = CommitLog.readResults(warehouse);
      CommitLog.YearState state = log.state(year);
      if (state.approved()) {
        throw new CycleException(year + ": approved (run " + state.publishedRun() + "); reopen it (evaluate --year "
            + year + " --reopen \"REASON\") before publishing another result");
      }
      CommitLog.Run run = runOf(log, year, runId);
      CommitLog.recordPublication(warehouse, year, run.id(), Publication.PUBLISHED, null);
      return run;
    }
  }

  /** Makes the published result of a year final. */
  public static CommitLog.Run approve(Warehouse warehouse, int year) {
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse.root(), "approve " + year, Duration.ZERO)) {
      CommitLog log = CommitLog.readResults(warehouse);
      CommitLog.YearState state = log.state(year);
      if (state.approved()) {
        throw new CycleException(year + ": already approved (run " + state.publishedRun() + ")");
      }
      if (!state.published()) {
        throw new CycleException(year + ": no result is on public notice; publish one first (publish --year " + year
            + ")");
      }
      CommitLog.recordPublication(warehouse, year, state.publishedRun(), Publication.APPROVED, null);
      return log.run(state.publishedRun()).orElseThrow();
    }
  }

  /** The committed run of a year named, or its latest. */
  static CommitLog.Run runOf(CommitLog log, int year, String runId) {
    if (runId == null) {
      return log.latestRunOf(year).orElseThrow(() -> new CycleException(year + ": no committed run evaluated "
          + year + "; evaluate it first (evaluate --year " + year + ")"));
    }
    CommitLog.Run run = log.run(runId).orElseThrow(() -> new CycleException("run " + runId
        + " is not a committed run (runs of " + year + ": " + String.join(", ",
            log.runsOf(year).stream().map(CommitLog.Run::id).toList()) + ")"));
    if (!run.years().contains(year)) {
      throw new CycleException("run " + runId + " evaluated " + run.years() + ", not " + year);
    }
    return run;
  }
}
