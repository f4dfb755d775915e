package io.zoneeval.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident set of a process (Linux VmHWM), watched while it runs. The kernel keeps the peak
 * itself, so polling only has to read it often enough to have the last value before the process ends;
 * -1 where /proc is not there.
 */
final class PeakRss implements AutoCloseable {
  private static final long POLL_MILLIS = 100;
  private final Path status;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak = -1;

  private PeakRss(long pid) {
    status = Path.of("/proc", Long.toString(pid), "status");
    thread = new Thread(() -> {
      while (running) {
        read();
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-peak-rss-" + pid);
    thread.setDaemon(true);
    thread.start();
  }

  /** Watches another process, from now until {@link #close}. */
  static PeakRss of(long pid) {
    return new PeakRss(pid);
  }

  /**
   * Watches this JVM (for the DuckDB queries, which run in it), its peak reset first where the kernel
   * allows (clear_refs 5), so that the figure is the query's, on top of the JVM's own resident set.
   */
  static PeakRss ofThisProcess() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (Exception e) {
      // Not allowed here: the peak is then this JVM's since it started.
    }
    return new PeakRss(ProcessHandle.current().pid());
  }

  private void read() {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
          return;
        }
      }
    } catch (Exception e) {
      // The process has ended (its /proc entry is gone), or this is not Linux.
    }
  }

  /** The highest resident set seen, in bytes, or -1. */
  long peakBytes() {
    return peak;
  }

  @Override
  public void close() {
    read();
    running = false;
    thread.interrupt();
  }
}
