package io.zoneeval.bench;

import java.util.OptionalDouble;

/**
 * The targets of issue 14, stated against the floor measured in the same run. Where a target names a
 * size, it applies there only; the same ratio at other sizes is shown for information (at small sizes a
 * run is mostly fixed cost: JVM, Spark session, tables).
 */
final class Targets {
  /** zone-eval's full run ÷ the floor on data-samples. */
  static final double FULL_OVER_FLOOR_SAMPLES = 1.5;
  /** zone-eval's full run ÷ the floor at the ~13M size. */
  static final double FULL_OVER_FLOOR_HEADLINE = 1.2;
  /** Re-evaluation of one year from the warehouse ÷ the floor, at the ~13M size. */
  static final double REEVALUATION_OVER_FLOOR = 0.4;
  /** The full run's time at 40M ÷ its time at 10M (4× the data); other pairs of sizes scaled the same way. */
  static final double GROWTH_40M_OVER_10M = 4.5;
  /** The driver's heap, the launcher's -Xmx. */
  static final long HEAP_BYTES = 4L << 30;

  /** The headline size, "~13M invoices": a generated size of 10M to 20M invoices. */
  static final long HEADLINE_MIN = 10_000_000L;
  static final long HEADLINE_MAX = 20_000_000L;

  private Targets() {}

  static boolean headline(Benchmark.Size size) {
    return !size.isSamples() && size.invoices() >= HEADLINE_MIN && size.invoices() <= HEADLINE_MAX;
  }

  /** The target of full ÷ floor at this size, if it has one. */
  static OptionalDouble fullOverFloor(Benchmark.Size size) {
    if (size.isSamples()) {
      return OptionalDouble.of(FULL_OVER_FLOOR_SAMPLES);
    }
    return headline(size) ? OptionalDouble.of(FULL_OVER_FLOOR_HEADLINE) : OptionalDouble.empty();
  }

  /** The target of re-evaluation ÷ floor at this size, if it has one. */
  static OptionalDouble reevaluationOverFloor(Benchmark.Size size) {
    return headline(size) ? OptionalDouble.of(REEVALUATION_OVER_FLOOR) : OptionalDouble.empty();
  }

  /** The growth allowed from {@code smaller} to {@code larger} invoices: 4.5 for 4× the data, proportionally otherwise. */
  static double allowedGrowth(long smaller, long larger) {
    return GROWTH_40M_OVER_10M / 4.0 * larger / smaller;
  }
}
