package io.zoneeval.bench;

/**
 * ADAPTER FOR TODAY'S COMMAND LINE — delete this class (and its one use in {@link Benchmark}) once the
 * stages are split and {@code io.zoneeval.job.EvaluationJob} is gone.
 *
 * <p>The contract (evaluation-method.md, "Command line") re-evaluates a year from the warehouse with
 * {@code evaluate --year Y --warehouse WH}. Today's {@code evaluate} has {@code --input} default to
 * data-samples, so that command would ingest data-samples into the warehouse; it re-evaluates a year from
 * the warehouse only when given the same delivery again ({@code --input DIR}, recognised by its checksums,
 * then read from bronze). While the class that today's job lives in is on the classpath (the benchmark runs
 * from the same jar as the zone-eval it measures), the re-evaluation is given {@code --input DATA} too.
 */
final class TodaysCli {
  private static final String TODAYS_JOB = "io.zoneeval.job.EvaluationJob";

  private TodaysCli() {}

  /** Whether the zone-eval of this jar needs {@code --input} to re-evaluate a year (today's, before the split). */
  static boolean reevaluationNeedsInput() {
    try {
      Class.forName(TODAYS_JOB, false, TodaysCli.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
