package io.zoneeval.spark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What the driver itself held and moved during a run on a cluster: its heap after each collection at its
 * highest (an upper bound of what it held: a young collection leaves the old generation's garbage until a
 * mixed one, so the figure rises with the heap given), the bytes this process read and wrote
 * ({@code /proc/self/io}: files, sockets and pipes, the application's jars included), and those it read and
 * wrote through Hadoop's file systems. The last show that the records went through the executors
 * (docs/cluster.md, "Sizing"). Of several commands in one application, each has its own figures.
 */
public final class DriverFootprint {
  private static final AtomicLong LIVE_PEAK = new AtomicLong();
  private static volatile boolean watching;
  /** The process's and Hadoop's byte counts when the current command began (zero for the first). */
  private static volatile long[] ioAtStart = {0, 0};
  private static volatile long[] hadoopAtStart = {0, 0};

  private DriverFootprint() {}

  /** Starts watching the collector (once per process; before the session, so that its start counts). */
  public static synchronized void watch() {
    if (watching) {
      return;
    }
    watching = true;
    java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
        .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            // The notification reports every pool, metaspace and code cache among them.
            long after = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                .getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
            LIVE_PEAK.accumulateAndGet(after, Math::max);
          }
        }, null, null);
      }
    }
  }

  /**
   * The line {@link #describe} writes, for those who read it (the cluster tests, the benchmark): groups 1-6
   * the heap after collections and the heap (MiB), the process's reads and writes (MiB), and the reads and
   * writes through Hadoop (MiB, one decimal).
   */
  public static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile(
      "driver: heap after collections at most ([\\d,]+) MiB of ([\\d,]+) MiB; read ([\\d,]+) MiB, wrote ([\\d,]+) MiB;"
      + " files through Hadoop: read ([\\d.]+) MiB, wrote ([\\d.]+) MiB");

  /**
   * A next command of the same process begins (several commands in one application): its figures are its
   * own, from here.
   */
  public static void nextCommand() {
    long[] io = io();
    ioAtStart = io == null ? new long[] {0, 0} : io;
    hadoopAtStart = hadoopBytes();
    LIVE_PEAK.set(0);
  }

  /**
   * The line that says it, e.g. "driver: heap after collections at most 96 MiB of 512 MiB; read 130 MiB,
   * wrote 3 MiB; files through Hadoop: read 0.4 MiB, wrote 0.2 MiB". The last pair is what the driver read
   * and wrote through Hadoop's file systems (delivered files, Delta logs, Parquet): the data it moved, without
   * its jars and logs.
   */
  public static String describe() {
    long max = Runtime.getRuntime().maxMemory();
    StringBuilder line = new StringBuilder("driver: heap after collections at most ");
    // Before any collection nothing was freed: the heap in use is then the most it ever held.
    long live = LIVE_PEAK.get() > 0 ? LIVE_PEAK.get() : Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    line.append(mib(live)).append(" of ").append(mib(max));
    long[] io = io();
    if (io != null) {
      line.append("; read ").append(mib(io[0] - ioAtStart[0])).append(", wrote ").append(mib(io[1] - ioAtStart[1]));
    }
    long[] files = hadoopBytes();
    line.append(String.format(Locale.ROOT, "; files through Hadoop: read %.1f MiB, wrote %.1f MiB",
        (files[0] - hadoopAtStart[0]) / 1048576.0, (files[1] - hadoopAtStart[1]) / 1048576.0));
    return line.toString();
  }

  /** Bytes this process read and wrote through Hadoop's file systems, every scheme. */
  static long[] hadoopBytes() {
    long read = 0;
    long written = 0;
    java.util.Iterator<org.apache.hadoop.fs.StorageStatistics> all =
        org.apache.hadoop.fs.GlobalStorageStatistics.INSTANCE.iterator();
    while (all.hasNext()) {
      org.apache.hadoop.fs.StorageStatistics stats = all.next();
      Long r = stats.getLong("bytesRead");
      Long w = stats.getLong("bytesWritten");
      read += r == null ? 0 : r;
      written += w == null ? 0 : w;
    }
    return new long[] {read, written};
  }

  /** This process's rchar and wchar, or null where there is no /proc. */
  static long[] io() {
    try {
      long read = -1;
      long written = -1;
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        if (line.startsWith("rchar:")) {
          read = Long.parseLong(line.substring(6).trim());
        } else if (line.startsWith("wchar:")) {
          written = Long.parseLong(line.substring(6).trim());
        }
      }
      return read < 0 || written < 0 ? null : new long[] {read, written};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
  }
}
