package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The stage and step times a measured run reads back from its Progress. */
class ProgressTest {
  @Test
  void stagesAreConsecutiveAndStepsAreRecorded() throws Exception {
    Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream()));
    progress.stage("ingest");
    progress.step("a step", () -> sleep(20));
    progress.stage("validate");
    sleep(10);
    progress.stage("ingest");
    sleep(10);
    progress.endStage();
    assertThat(progress.stages()).containsOnlyKeys("ingest", "validate");
    assertThat(progress.stages().keySet()).containsExactly("ingest", "validate");
    assertThat(progress.stages().get("ingest")).isGreaterThanOrEqualTo(0.03);
    assertThat(progress.steps()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("a step");
      assertThat(s.seconds()).isGreaterThanOrEqualTo(0.02);
    });
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
