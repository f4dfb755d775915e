package io.zoneeval.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.ChildJvm;
import io.zoneeval.cli.ZoneEvalCli;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process per warehouse. Checked against the unprotected code: with {@code acquire} returning a lock
 * that locks nothing, the four tests of a local warehouse fail (the other JVM's {@code sql} runs instead of
 * being refused, a second acquire succeeds while a killed holder's lock is "held", the waiter's first line
 * is "locked", not a refusal, the file names nobody); with a remote URI taken for a local folder, the
 * remote test fails (the other process is refused). No test measures time: a waiting process's own lines
 * say when it was refused and when it got the lock.
 */
class WarehouseLockTest {
  @TempDir Path warehouse;

  @Test
  void anotherWriterProcessIsRefusedWithTheHoldersNameUntilTheLockIsReleased() throws Exception {
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse.toString(), "run R1", Duration.ZERO)) {
      // A writer takes the lock before it starts Spark: refused at once.
      String out = runZoneEval("publish", "--year", "2024", "--warehouse", warehouse.toString());
      assertThat(out.lines().filter(l -> l.startsWith("zone-eval:")).toList()).singleElement().asString()
          .startsWith("zone-eval: warehouse " + warehouse + " is in use by another zone-eval process (run R1, pid "
              + ManagementFactory.getRuntimeMXBean().getPid() + " on ")
          .endsWith("one at a time per warehouse: try again when it has finished, or pass --wait SECONDS "
              + "to wait for it");
      assertThat(out).endsWith("exit 1");
    }
    // Released: the file stays, the lock does not.
    assertThat(warehouse.resolve(WarehouseLock.FILE_NAME)).exists();
    try (WarehouseLock again = WarehouseLock.acquire(warehouse.toString(), "run R2", Duration.ZERO)) {
      assertThat(Files.readString(warehouse.resolve(WarehouseLock.FILE_NAME))).startsWith("run R2, pid ");
    }
  }

  @Test
  void aLockLeftByAKilledProcessDoesNotBlock() throws Exception {
    // A JVM that takes the lock and is then killed with SIGKILL: the file stays, the kernel drops the lock.
    Process holder = new ProcessBuilder(javaCommand(HoldTheLock.class.getName(), warehouse.toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
    assertThat(first).isEqualTo("locked");
    assertThatThrownBy(() -> WarehouseLock.acquire(warehouse.toString(), "run R3", Duration.ZERO))
        .isInstanceOf(WarehouseLock.BusyException.class).hasMessageContaining("(held by test, pid " + holder.pid());
    holder.destroyForcibly();
    holder.waitFor(30, TimeUnit.SECONDS);
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse.toString(), "run R3", Duration.ZERO)) {
      assertThat(Files.readString(warehouse.resolve(WarehouseLock.FILE_NAME))).startsWith("run R3");
    }
  }

  @Test
  void aWaitingRunIsRefusedWhileTheHolderHoldsAndGetsTheLockWhenItReleases() throws Exception {
    WarehouseLock first = WarehouseLock.acquire(warehouse.toString(), "run R1", Duration.ZERO);
    // The waiter says each time it finds the lock held, and when it has it: its lines are the latch.
    Process waiter = new ProcessBuilder(javaCommand(HoldTheLock.class.getName(), warehouse.toString(), "600"))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (java.io.BufferedReader lines = new java.io.BufferedReader(
        new java.io.InputStreamReader(waiter.getInputStream(), StandardCharsets.UTF_8))) {
      // Refused twice while R1 holds the lock: its wait went on after a first refusal, and got nothing.
      assertThat(lines.readLine()).startsWith("busy: run R1, pid " + ManagementFactory.getRuntimeMXBean().getPid());
      assertThat(lines.readLine()).startsWith("busy: run R1, pid ");
      first.close();
      // Released: the next line the waiter writes is that it holds the lock (perhaps after one more refusal
      // that was under way as R1 released).
      String next = lines.readLine();
      while (next != null && next.startsWith("busy: ")) {
        next = lines.readLine();
      }
      assertThat(next).isEqualTo("locked");
      // With a wait, the waiter releases what it took and ends by itself.
      assertThat(waiter.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(waiter.exitValue()).isZero();
    } finally {
      first.close();
      if (waiter.isAlive()) {
        waiter.destroyForcibly();
      }
    }
  }

  @Test
  void theLockIsReentrantWithinOneProcess() {
    try (WarehouseLock outer = WarehouseLock.acquire(warehouse.toString(), "zone-eval evaluate", Duration.ZERO);
        WarehouseLock inner = WarehouseLock.acquire(warehouse.toString(), "run R1", Duration.ZERO)) {
      assertThat(warehouse.resolve(WarehouseLock.FILE_NAME)).content().startsWith("zone-eval evaluate, pid ");
    }
  }

  @Test
  void aRemoteWarehouseIsLeftToDeltasOptimisticConcurrency() throws Exception {
    // Held here, a remote warehouse's "lock" holds nothing: another process takes it at once, with no wait,
    // and no lock file appears in a local folder named after the URI.
    String remote = "hdfs://namenode/zone-eval";
    try (WarehouseLock lock = WarehouseLock.acquire(remote, "run R1", Duration.ZERO)) {
      String out = ChildJvm.runToEnd(javaCommand(HoldTheLock.class.getName(), remote, "0"));
      assertThat(out.lines().toList()).contains("locked", "exit 0");
    }
    assertThat(Path.of("hdfs:")).doesNotExist();
    assertThat(Path.of("hdfs:").toAbsolutePath()).doesNotExist();
  }

  /**
   * Takes the lock, says so, and holds it until killed (or, with a wait, takes it and exits); while it
   * waits, says who holds it at each refusal.
   */
  public static final class HoldTheLock {
    public static void main(String[] args) throws Exception {
      Duration wait = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 0);
      WarehouseLock lock = WarehouseLock.acquire(args[0], "held by test", wait, busy -> {
        System.out.println("busy: " + busy);
        System.out.flush();
      });
      System.out.println("locked");
      System.out.flush();
      if (args.length > 1) {
        lock.close();
        return;
      }
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static List<String> javaCommand(String mainClass, String... args) {
    return ChildJvm.command(List.of("-Xmx512m"), mainClass, args);
  }

  private static String runZoneEval(String... args) throws Exception {
    return ChildJvm.runToEnd(javaCommand(ZoneEvalCli.class.getName(), args));
  }
}
