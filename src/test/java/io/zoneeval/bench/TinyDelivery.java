package io.zoneeval.bench;

import io.zoneeval.samples.GeneratorConfig;
import io.zoneeval.samples.SampleGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A small generated delivery for the benchmark's tests: the samples' generator at its smallest, two years. */
final class TinyDelivery {
  static final int FIRST_YEAR = 2023;
  static final int LAST_YEAR = 2024;

  private TinyDelivery() {}

  /** Writes the twelve CSV files into {@code dir}; {@code badRows}: with the generator's deliberate bad rows. */
  static Path write(Path dir, boolean badRows) {
    new SampleGenerator(new GeneratorConfig(dir, GeneratorConfig.DEFAULT_SEED, GeneratorConfig.MIN_ENTERPRISES,
        2 * GeneratorConfig.MIN_ENTERPRISES, FIRST_YEAR, LAST_YEAR, StandardCharsets.UTF_8, badRows)).generate();
    return dir;
  }
}
