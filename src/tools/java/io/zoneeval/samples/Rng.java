package io.zoneeval.samples;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Seeded random streams. Every part of the generator draws from its own stream, named by a label, so that
 * changing one part (or switching the bad rows off) never shifts the numbers of another. Only
 * {@link StrictMath} is used, so the numbers are the same on every JVM.
 */
final class Rng {
  private Rng() {}

  static SplittableRandom stream(long seed, String label) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < label.length(); i++) {
      h = (h ^ label.charAt(i)) * 0x100000001b3L;
    }
    return new SplittableRandom(mix(seed) ^ mix(h));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A standard normal deviate (Box-Muller). */
  static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble(); // (0, 1]
    double u2 = r.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  static double uniform(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static int poisson(SplittableRandom r, double lambda) {
    double limit = StrictMath.exp(-lambda);
    double p = 1.0;
    int k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > limit);
    return k - 1;
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** A day of the year, uniformly. */
  static LocalDate day(SplittableRandom r, int year) {
    LocalDate start = LocalDate.of(year, 1, 1);
    return start.plusDays(r.nextInt(start.lengthOfYear()));
  }

  /** A day between two dates, both included. */
  static LocalDate between(SplittableRandom r, LocalDate from, LocalDate to) {
    long span = to.toEpochDay() - from.toEpochDay();
    return span <= 0 ? from : from.plusDays(r.nextLong(span + 1));
  }

  /** Index drawn with the given non-negative weights. */
  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
