package io.zoneeval.spark;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress lines on stderr, one per step of a long stage, with the time it took. It also records, for
 * whoever measures the run (the benchmark), the wall time of each stage of the run ({@link #stage}) and
 * of each step, so that nobody has to parse the printed lines.
 */
public final class Progress {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;
  /** Measures durations (System.nanoTime: monotonic). */
  private final LongSupplier nanoTime;
  /** Stamps each printed line with the time of day. */
  private final Clock wallClock;
  private final Map<String, Double> stages = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private String stage;
  private long stageStart;

  /** One step as it was reported: its name and wall seconds (steps run in parallel overlap). */
  public record Step(String name, double seconds) {}

  public Progress(PrintStream out) {
    this(out, System::nanoTime, Clock.systemDefaultZone());
  }

  /** A Progress on given clocks, so that what it records can be checked without waiting. */
  Progress(PrintStream out, LongSupplier nanoTime, Clock wallClock) {
    this.out = out;
    this.nanoTime = nanoTime;
    this.wallClock = wallClock;
  }

  public void line(String format, Object... args) {
    out.println("[zone-eval " + LocalTime.now(wallClock).format(CLOCK) + "] "
        + String.format(java.util.Locale.ROOT, format, args));
    out.flush();
  }

  /**
   * Starts a stage of the run (ingest, validate, aggregate, score, write), ending the one before; the
   * stages are consecutive, so their wall times add up to the run's.
   */
  public synchronized void stage(String name) {
    long now = nanoTime.getAsLong();
    if (stage != null) {
      stages.merge(stage, (now - stageStart) / 1e9, Double::sum);
    }
    stage = name;
    stageStart = now;
  }

  /** Ends the current stage, if any. */
  public void endStage() {
    stage(null);
  }

  /** Wall seconds of each stage so far, in the order they ran. */
  public synchronized Map<String, Double> stages() {
    return new LinkedHashMap<>(stages);
  }

  /** Every step reported so far. */
  public synchronized List<Step> steps() {
    return new ArrayList<>(steps);
  }

  /** Runs a step and reports it with its duration. */
  public <T> T step(String what, java.util.function.Supplier<T> step) {
    long start = nanoTime.getAsLong();
    T result;
    try {
      result = step.get();
    } catch (Exception | Error e) {
      throw StepFailed.of(what, e);
    }
    double seconds = (nanoTime.getAsLong() - start) / 1e9;
    synchronized (this) {
      steps.add(new Step(what, seconds));
    }
    line("%-48s %6.1f s", what, seconds);
    return result;
  }

  public void step(String what, Runnable step) {
    step(what, () -> {
      step.run();
      return null;
    });
  }
}
