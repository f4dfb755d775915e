package io.zoneeval.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The evaluation of data-samples on a real Spark standalone cluster (cluster/run-standalone: a master and
 * two workers, each its own JVM, the job submitted from target/zone-eval-cluster.jar) ran in two executors
 * and left no JVM of the cluster behind. That run is the suite's one evaluation of the samples as one
 * folder ({@link io.zoneeval.cycle.SamplesWarehouse}): SamplesEvaluationIT holds its gold to the
 * independent reference implementation, and AnnualCycleIT holds this JVM's own runs (local, interpreted
 * expressions) of the same records, delivered by year and by file, to its gold, row for row. Run by
 * {@code mvn -Pcluster verify} (failsafe, after the cluster jar is packaged).
 */
@Order(8)
class StandaloneClusterIT {
  /** "executors: 0 127.0.0.1 (1 core, 250 tasks); 1 ..." : the job's own report of where it ran. */
  static final Pattern EXECUTOR = Pattern.compile("(\\d+) 127\\.0\\.0\\.1 \\(1 core, (\\d+) tasks\\)");
  /** The script's lines for the cluster's JVMs: "master spark://... (pid N)", "worker 1 started (pid N, ...". */
  static final Pattern DAEMON = Pattern.compile("\\(pid (\\d+)");

  @Test
  void theSamplesRanInTwoExecutorsOfTheClusterAndEveryJvmOfTheClusterIsGone() {
    io.zoneeval.cycle.SamplesWarehouse.get();
    String out = io.zoneeval.cycle.SamplesWarehouse.output();

    // The work ran in two executors, one per worker JVM, and every JVM of the cluster is gone.
    String executors = out.lines().filter(l -> l.contains("executors: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no executors line in the job's output:\n" + StandaloneCluster.tail(out)));
    assertThat(executors).contains("spark://127.0.0.1:");
    Matcher m = EXECUTOR.matcher(executors);
    List<Integer> tasks = new ArrayList<>();
    while (m.find()) {
      tasks.add(Integer.parseInt(m.group(2)));
    }
    assertThat(tasks).as(executors).hasSize(2).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(out).containsPattern("executor \\d+ of app-\\S+ in worker 1 \\(pid \\d+\\): [1-9]\\d* tasks run")
        .containsPattern("executor \\d+ of app-\\S+ in worker 2 \\(pid \\d+\\): [1-9]\\d* tasks run");
    Matcher pids = DAEMON.matcher(out);
    int daemons = 0;
    while (pids.find()) {
      long pid = Long.parseLong(pids.group(1));
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d of the cluster", pid).isEmpty();
      daemons++;
    }
    assertThat(daemons).as("master and workers").isGreaterThanOrEqualTo(3);
  }
}
