package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The stage and step times a measured run reads back from its Progress, on a clock the test moves: what is
 * recorded is exactly the time that passed, whatever the machine's speed.
 */
class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void stagesAreConsecutiveAndAddUpAndStepsAreRecordedAndPrintedWithTheirDuration() {
    AtomicLong now = new AtomicLong(7 * SECOND);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Clock nineThirty = Clock.fixed(Instant.parse("2024-03-01T09:30:05Z"), ZoneOffset.UTC);
    Progress progress = new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8), now::get, nineThirty);

    progress.stage("ingest");
    String result = progress.step("a step", () -> {
      now.addAndGet(2 * SECOND);
      return "done";
    });
    progress.stage("validate");
    now.addAndGet(SECOND / 2);
    progress.stage("ingest");
    now.addAndGet(SECOND);
    progress.endStage();

    assertThat(result).isEqualTo("done");
    // ingest ran 2 s, then again 1 s: one entry of 3 s, in the order the stages first ran.
    assertThat(progress.stages().keySet()).containsExactly("ingest", "validate");
    assertThat(progress.stages().get("ingest")).isEqualTo(3.0);
    assertThat(progress.stages().get("validate")).isEqualTo(0.5);
    assertThat(progress.steps()).containsExactly(new Progress.Step("a step", 2.0));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("[zone-eval 09:30:05] " + String.format(java.util.Locale.ROOT, "%-48s %6.1f s", "a step", 2.0) + System.lineSeparator());
  }
}
