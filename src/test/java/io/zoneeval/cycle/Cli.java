package io.zoneeval.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.cli.ZoneEvalCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** zone-eval's command line run in this JVM, its stdout and stderr captured. */
public final class Cli {
  private Cli() {}

  /** What a command printed, and its exit status. */
  public record Result(int status, String out, String err) {
    public List<String> outLines() {
      return out.lines().toList();
    }
  }

  public static synchronized Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = ZoneEvalCli.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    Result result = new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    oldErr.print(result.err());
    return result;
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
