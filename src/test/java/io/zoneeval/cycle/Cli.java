package io.zoneeval.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.cli.ZoneEvalCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** zone-eval's command line run in this JVM, its stdout and stderr captured. */
public final class Cli {
  private Cli() {}

  /** What a command printed, and its exit status. */
  public record Result(int status, String out, String err) {
    public List<String> outLines() {
      return out.lines().toList();
    }
  }

  /** The output of the command lines running on a thread (and on the threads they start). */
  private record Capture(ByteArrayOutputStream out, ByteArrayOutputStream err) {}

  private static final InheritableThreadLocal<Capture> CAPTURE = new InheritableThreadLocal<>();
  private static boolean routed;

  /**
   * System.out and System.err, once, replaced by streams that write each thread's bytes to its command
   * line's capture, and every other thread's where they went before: command lines of several test
   * classes then run at once instead of one after the other.
   */
  private static synchronized void route() {
    if (!routed) {
      PrintStream out = System.out;
      PrintStream err = System.err;
      System.setOut(new PrintStream(new Routed(out, Capture::out), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Routed(err, Capture::err), true, StandardCharsets.UTF_8));
      routed = true;
    }
  }

  private static final class Routed extends OutputStream {
    private final PrintStream otherwise;
    private final java.util.function.Function<Capture, ByteArrayOutputStream> which;

    Routed(PrintStream otherwise, java.util.function.Function<Capture, ByteArrayOutputStream> which) {
      this.otherwise = otherwise;
      this.which = which;
    }

    private OutputStream target() {
      Capture capture = CAPTURE.get();
      return capture == null ? otherwise : which.apply(capture);
    }

    @Override
    public void write(int b) throws IOException {
      OutputStream target = target();
      synchronized (target) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      OutputStream target = target();
      synchronized (target) {
        target.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      target().flush();
    }
  }

  /**
   * Runs a command line in this JVM, in a session of its own (the test session's SparkContext, its own
   * settings and catalog: a command sets the warehouse its catalog reads), its output captured.
   */
  public static Result run(String... args) {
    route();
    Capture capture = new Capture(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    CAPTURE.set(capture);
    SparkSession.setActiveSession(SparkTestSession.newSession());
    long started = System.nanoTime();
    int status;
    try {
      status = mayDefinePublishedViews(args) ? executeAlone(args) : ZoneEvalCli.execute(args);
    } finally {
      SparkSession.clearActiveSession();
      CAPTURE.remove();
    }
    Result result;
    synchronized (capture.out()) {
      synchronized (capture.err()) {
        result = new Result(status, capture.out().toString(StandardCharsets.UTF_8),
            capture.err().toString(StandardCharsets.UTF_8));
      }
    }
    System.err.print(result.err());
    // Where a test class's minutes go, in the build's output.
    System.err.printf(java.util.Locale.ROOT, "[cli %.1f s] %s%n", (System.nanoTime() - started) / 1e9,
        String.join(" ", args).replaceAll("\\s+", " "));
    return result;
  }

  /**
   * The published.* views live in the catalog that every session of the JVM shares (the in-memory one):
   * a command that defines them for its warehouse and then reads them runs while no other command can
   * define them for another warehouse ({@link #alone}).
   */
  private static boolean mayDefinePublishedViews(String... args) {
    return args.length > 0 && (args[0].equals("notebook") || args[0].equals("shell")
        || java.util.Arrays.stream(args).anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains("published")));
  }

  private static int executeAlone(String... args) {
    return alone(() -> ZoneEvalCli.execute(args));
  }

  /**
   * Runs {@code work} while no command line of this JVM defines or reads the published.* views, and no
   * other such work runs: for a test that defines them itself, or drops the in-memory catalog's schemas.
   * (The unit tests share the integration tests' JVM under {@code -Pcluster}.)
   */
  public static synchronized <T> T alone(java.util.function.Supplier<T> work) {
    return work.get();
  }

  /** {@link #alone(java.util.function.Supplier)} for work without a result. */
  public static synchronized void alone(Runnable work) {
    work.run();
  }

  /** Runs a command that must succeed; returns its stdout. */
  public static String ok(String... args) {
    Result r = run(args);
    assertThat(r.status()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r.out();
  }

  /** The rows of a query as CSV lines, header first. */
  public static List<String> sql(String warehouse, String query) {
    return new ArrayList<>(ok("sql", query, "--warehouse", warehouse).lines().toList());
  }
}
