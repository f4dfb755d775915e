package io.zoneeval;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a fresh JVM with this test run's classpath and Spark's JVM options. */
public final class ChildJvm {
  private ChildJvm() {}

  /** Runs a command to its end: its output (stdout and stderr), stripped, then a line "exit N". */
  public static String runToEnd(List<String> command) throws Exception {
    return toEnd(new ProcessBuilder(command).redirectErrorStream(true));
  }

  private static String toEnd(ProcessBuilder builder) throws Exception {
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 10 minutes: " + String.join(" ", builder.command()));
    }
    return out.strip() + "\nexit " + p.exitValue();
  }

  /**
   * This JVM's JIT, collector and class verification options (the pom's test.jvm.options), for the
   * cluster's JVMs.
   */
  public static List<String> jvmTuning() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(ChildJvm::isJvmTuning)
        .toList();
  }

  private static boolean isJvmTuning(String option) {
    return option.startsWith("-XX:TieredStopAtLevel") || option.startsWith("-XX:ReservedCodeCacheSize")
        || option.matches("-XX:\\+Use[A-Za-z]+GC") || option.equals("-XX:+UnlockDiagnosticVMOptions")
        || option.equals("-XX:-BytecodeVerificationRemote");
  }

  /**
   * A Spark setting of the pom's test.jvm.options (-Dspark.*): a child JVM's Spark reads it from there.
   * Not for the cluster's JVMs: Spark refuses Spark settings among an executor's Java options.
   */
  private static boolean isSparkSetting(String option) {
    return option.startsWith("-Dspark.");
  }

  public static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // The --add-opens list of the pom's argLine, which Spark needs on Java 17, and its JIT, collector, class
      // verification and Spark settings (test.jvm.options): a child is as short-lived as the test JVM.
      if (option.startsWith("--add-") || option.startsWith("-XX:+IgnoreUnrecognized") || option.startsWith("-Djdk.")
          || option.startsWith("-Dio.netty") || isJvmTuning(option) || isSparkSetting(option)) {
        command.add(option);
      }
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    // Surefire and Failsafe start the test JVM with a manifest-only jar; the real classpath is here.
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }
}
