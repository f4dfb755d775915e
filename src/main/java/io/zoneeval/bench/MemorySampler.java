package io.zoneeval.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM while a measured run goes on: heap in use, sampled every 50 ms (it counts
 * garbage not yet collected, so it is an upper bound of what the run needs), and the process's peak
 * resident set (Linux VmHWM, reset at the start where the kernel allows it).
 */
public final class MemorySampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakHeap;
  private volatile long peakLive;

  public MemorySampler() {
    resetPeakRss();
    thread = new Thread(() -> {
      while (running) {
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        peakLive = Math.max(peakLive, liveHeap());
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-memory-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The heap still in use after the latest collection of each pool: what the run really holds. */
  private static long liveHeap() {
    long live = 0;
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
        live += pool.getCollectionUsage().getUsed();
      }
    }
    return live;
  }

  /** Peak heap in use after a collection (the live set, as the collector last saw it). */
  public long peakLiveHeapBytes() {
    return Math.max(peakLive, liveHeap());
  }

  public long peakHeapBytes() {
    return Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
  }

  /** Peak resident set of the process since the sampler started (or since the JVM started), or -1. */
  public static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }

  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (Exception e) {
      // not allowed here: the peak is then the process's since it started
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
