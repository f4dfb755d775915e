package io.zoneeval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the benchmark ran on, detected at run time: cores, memory, CPU model, system and the Java that
 * every measured process runs in (the benchmark's own, which bin/zone-eval started).
 */
public record Machine(int cores, long memoryBytes, String cpu, String os, String jvm) {

  public static Machine detect() {
    return new Machine(Runtime.getRuntime().availableProcessors(), memTotal(), cpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
  }

  /** The 1, 5 and 15 minute load averages now (other work on the machine slows every figure). */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  public String describe() {
    return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB memory, %s, %s",
        cores, cpu, memoryBytes / (double) (1L << 30), os, jvm);
  }

  private static long memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    try {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getTotalMemorySize();
    } catch (RuntimeException | LinkageError e) {
      return 0;
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }
}
