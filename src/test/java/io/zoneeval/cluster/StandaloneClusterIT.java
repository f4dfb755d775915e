package io.zoneeval.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The evaluation of data-samples on a real Spark standalone cluster (cluster/run-standalone: a master and
 * two workers, each its own JVM, the job submitted from target/zone-eval-cluster.jar) gives the same gold
 * tables, row for row, as a local run of the same input. Run by {@code mvn -Pcluster verify} (failsafe,
 * after the cluster jar is packaged): one cluster run and one local run, several minutes on a small machine.
 */
@Order(8)
class StandaloneClusterIT {
  static final List<TableDef> GOLD = List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS);

  /** "executors: 0 127.0.0.1:41234 (1 core, 250 tasks); 1 ..." : the job's own report of where it ran. */
  static final Pattern EXECUTOR = Pattern.compile("(\\d+) 127\\.0\\.0\\.1:\\d+ \\(1 core, (\\d+) tasks\\)");
  /** The script's lines for the cluster's JVMs: "master spark://... (pid N)", "worker 1 started (pid N, ...". */
  static final Pattern DAEMON = Pattern.compile("\\(pid (\\d+)");

  @Test
  void theClusterRunsGoldTablesEqualTheLocalRunsRowForRow() throws Exception {
    Path clusterWarehouse = Files.createTempDirectory("zone-eval-cluster-warehouse");
    String out = runOnTheCluster(clusterWarehouse);

    // The work ran in two executors, one per worker JVM, and every JVM of the cluster is gone.
    String executors = out.lines().filter(l -> l.contains("executors: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no executors line in the job's output:\n" + tail(out)));
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

    // The same input evaluated locally, in this JVM: the suite's one evaluation of the samples.
    SparkSession spark = SparkTestSession.get();
    Path localWarehouse = io.zoneeval.cycle.SamplesWarehouse.get();

    for (TableDef table : GOLD) {
      List<String> cluster = rows(spark, clusterWarehouse, table);
      List<String> local = rows(spark, localWarehouse, table);
      assertThat(cluster).as("%s: rows of the cluster run", table.qualifiedName()).isNotEmpty();
      assertThat(cluster).as("%s: cluster run vs local run", table.qualifiedName()).containsExactlyElementsOf(local);
    }
  }

  /** cluster/run-standalone on data-samples into the warehouse; its output (stdout and stderr). */
  static String runOnTheCluster(Path warehouse) throws IOException, InterruptedException {
    Path log = Files.createTempFile("run-standalone", ".log");
    ProcessBuilder builder = new ProcessBuilder("cluster/run-standalone", "--input", "data-samples",
        "--warehouse", warehouse.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // Every JVM of the cluster with the test JVM's JIT and collector (pom.xml, test.jvm.options).
    builder.environment().put("ZONE_EVAL_CLUSTER_JVM_OPTIONS", String.join(" ", io.zoneeval.ChildJvm.jitAndCollector()));
    Process p = builder.start();
    if (!p.waitFor(45, TimeUnit.MINUTES)) {
      p.destroy(); // TERM: the script's trap stops the master and the workers
      p.waitFor(2, TimeUnit.MINUTES);
      fail("cluster/run-standalone did not finish in 45 minutes:\n" + tail(Files.readString(log)));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.err.println(out.lines().filter(l -> l.startsWith("[cluster") || l.startsWith("[zone-eval"))
        .reduce("", (a, b) -> a + b + "\n"));
    assertThat(p.exitValue()).as("cluster/run-standalone failed:\n" + tail(out)).isZero();
    return out;
  }

  /** Every row of the table (read by path), run_id left out, as text, in one order. */
  static List<String> rows(SparkSession spark, Path warehouse, TableDef table) {
    Dataset<Row> frame = spark.read().format("delta")
        .load(warehouse.resolve(table.schema()).resolve(table.name()).toString()).drop("run_id");
    // Columns by name, rows sorted as text (some columns are maps, which Spark does not sort).
    Column[] all = Arrays.stream(frame.columns()).sorted().map(frame::col).toArray(Column[]::new);
    return frame.select(all).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
