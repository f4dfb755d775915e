package io.zoneeval.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** cluster/run-standalone as the tests run it: a master and two workers on this machine, the job submitted. */
public final class StandaloneCluster {
  private StandaloneCluster() {}

  /** The result of a run: the script's exit status and its output (stdout and stderr). */
  public record Run(int status, String output) {}

  /**
   * Runs {@code cluster/run-standalone} with the arguments (e.g. {@code --input data-samples --warehouse W}),
   * its driver with {@code driverMemory} ({@code 512m}; null: the script's default), every JVM of the
   * cluster with this test JVM's JIT, collector and class verification (pom.xml, test.jvm.options).
   */
  public static Run runWithDriver(String driverMemory, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile("run-standalone", ".log");
    ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of("cluster/run-standalone")))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.command().addAll(List.of(args));
    // The test JVM's JIT and collector, and no verification of the application's classes (Spark's jars and
    // the cluster jar, built by this test run): each submit's fresh executors load thousands of them before
    // their first task.
    builder.environment().put("ZONE_EVAL_CLUSTER_JVM_OPTIONS", String.join(" ", io.zoneeval.ChildJvm.jvmTuning()));
    if (driverMemory != null) {
      builder.environment().put("ZONE_EVAL_DRIVER_MEMORY", driverMemory);
    }
    Process p = builder.start();
    if (!p.waitFor(45, TimeUnit.MINUTES)) {
      p.destroy(); // TERM: the script's trap stops the master and the workers
      p.waitFor(2, TimeUnit.MINUTES);
      throw new AssertionError("cluster/run-standalone did not finish in 45 minutes:\n" + tail(Files.readString(log)));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.err.println(out.lines().filter(l -> l.startsWith("[cluster") || l.startsWith("[zone-eval"))
        .reduce("", (a, b) -> a + b + "\n"));
    return new Run(p.exitValue(), out);
  }

  /** The last 60 lines of a text. */
  public static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
