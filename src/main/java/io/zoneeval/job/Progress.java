package io.zoneeval.job;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stderr, one per step of a long stage, with the time it took. */
public final class Progress {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void line(String format, Object... args) {
    out.println("[zone-eval " + LocalTime.now().format(CLOCK) + "] " + String.format(java.util.Locale.ROOT, format, args));
    out.flush();
  }

  /** Runs a step and reports it with its duration. */
  public <T> T step(String what, java.util.function.Supplier<T> step) {
    long start = System.nanoTime();
    T result = step.get();
    line("%-48s %6.1f s", what, (System.nanoTime() - start) / 1e9);
    return result;
  }

  public void step(String what, Runnable step) {
    step(what, () -> {
      step.run();
      return null;
    });
  }
}
