package io.zoneeval.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One evaluation at a time per warehouse.
 *
 * <p>Two writers on one warehouse would race on the same year's {@code replaceWhere} (Delta lets the second
 * commit fail, but only after both have done all their work), and each writer starts by taking back the
 * table versions no committed run records, which would be the other's live writes. So a run takes an exclusive
 * operating-system lock on {@code _zone_eval.lock} in the warehouse folder first, and a second run fails at
 * once with a message naming the run that holds it (or waits, when asked to).
 *
 * <p>The lock is the kernel's ({@code fcntl}), not the file's existence: a run killed with SIGKILL leaves the
 * file behind but not the lock, so the next run is never blocked by a dead one. Within one JVM the lock is
 * re-entrant, so the command line can take it before the SparkSession starts and the job again inside.
 *
 * <p>Only a warehouse on the local file system is locked this way. On HDFS or an object store nothing here
 * stops a second writer: Delta refuses only conflicting commits, not one writer taking back the other's
 * versions. On a cluster the writers must go through one door (docs/cluster.md, section 2.3); a lease file
 * created atomically on the warehouse's own file system would be the fix.
 */
public final class WarehouseLock implements AutoCloseable {
  public static final String FILE_NAME = "_zone_eval.lock";

  /** Another run holds the warehouse. */
  public static final class BusyException extends RuntimeException {
    public BusyException(String message) {
      super(message);
    }
  }

  /** {@code normalize}: the warehouse's modes are set when this process lets it go ({@link WarehouseModes}). */
  private record Held(FileChannel channel, FileLock lock, int[] count, boolean normalize) {}

  private static final Map<Path, Held> HELD = new HashMap<>();

  private final Path file;

  private WarehouseLock(Path file) {
    this.file = file;
  }

  /**
   * Takes the lock of a warehouse, waiting up to {@code wait} for a run that holds it (zero: fail at
   * once). {@code holder} is written into the file for the message another run will show.
   */
  public static WarehouseLock acquire(String warehouse, String holder, Duration wait) {
    return acquire(warehouse, holder, wait, busy -> { });
  }

  /**
   * As {@link #acquire(String, String, Duration)}; {@code whileBusy} is told who holds the lock each time
   * an attempt finds it held (so that a test can follow a waiting run without watching the clock).
   */
  static WarehouseLock acquire(String warehouse, String holder, Duration wait,
      java.util.function.Consumer<String> whileBusy) {
    Path file = localFolder(warehouse);
    if (file == null) {
      return new WarehouseLock(null);
    }
    file = file.resolve(FILE_NAME);
    boolean normalize;
    synchronized (HELD) {
      // Issue 17: a new warehouse folder is made owner-only; an existing one that others can read, warned of.
      normalize = HELD.containsKey(file) || WarehouseModes.prepare(file.getParent());
    }
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      String busy = tryAcquire(file, holder, normalize);
      if (busy == null) {
        return new WarehouseLock(file);
      }
      whileBusy.accept(busy);
      if (!Instant.now().isBefore(deadline)) {
        throw new BusyException("warehouse " + file.getParent() + " is in use by another zone-eval process (" + busy
            + "); one at a time per warehouse: try again when it has finished"
            + (wait.isZero() ? ", or pass --wait SECONDS to wait for it" : " (waited " + wait.toSeconds() + " s)"));
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BusyException("interrupted while waiting for warehouse " + file.getParent());
      }
    }
  }

  /** Null when the lock is now held by this JVM; else who holds it, as written in the file. */
  private static String tryAcquire(Path file, String holder, boolean normalize) {
    synchronized (HELD) {
      Held held = HELD.get(file);
      if (held != null) {
        held.count()[0]++;
        return null;
      }
      try {
        FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE), WarehouseModes.fileAttribute());
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          channel.close();
          String who = Files.readString(file, StandardCharsets.UTF_8).strip();
          return who.isEmpty() ? "holder unknown" : who;
        }
        String text = holder + ", pid " + ManagementFactory.getRuntimeMXBean().getPid() + " on " + hostName()
            + ", since " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        HELD.put(file, new Held(channel, lock, new int[] {1}, normalize));
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock warehouse " + file.getParent() + ": " + e.getMessage(), e);
      }
    }
  }

  private static Path localFolder(String warehouse) {
    if (warehouse.startsWith("file:")) {
      return Path.of(java.net.URI.create(warehouse.startsWith("file:/") ? warehouse : "file:" + warehouse
          .substring(5))).toAbsolutePath();
    }
    if (warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return null;
    }
    return Path.of(warehouse).toAbsolutePath().normalize();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  @Override
  public void close() {
    if (file == null) {
      return;
    }
    synchronized (HELD) {
      Held held = HELD.get(file);
      if (held == null || --held.count()[0] > 0) {
        return;
      }
      HELD.remove(file);
      if (held.normalize()) {
        WarehouseModes.normalize(file.getParent()); // still holding the lock: no other writer meanwhile
      }
      try {
        held.lock().release();
        held.channel().close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
