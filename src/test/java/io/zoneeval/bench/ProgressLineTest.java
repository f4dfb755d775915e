package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** zone-eval's progress lines are read for the per-stage breakdown; its other lines are not steps. */
class ProgressLineTest {
  @Test
  void aStepLineGivesItsClockNameAndSeconds() {
    ProgressLine p = ProgressLine.parse("zone-eval",
        "[zone-eval 07:05:17] bronze invoices.csv                 3,130,230 bytes    4.8 s").orElseThrow();
    assertThat(p.clock()).isEqualTo(LocalTime.of(7, 5, 17));
    assertThat(p.step()).isEqualTo("bronze invoices.csv 3,130,230 bytes");
    assertThat(p.seconds()).isEqualTo(4.8);
    assertThat(p.stage()).isEqualTo("bronze");

    ProgressLine prepare = ProgressLine.parse("zone-eval",
        "[zone-eval 07:05:07] prepare tables                                    158.3 s").orElseThrow();
    assertThat(prepare.step()).isEqualTo("prepare tables");
    assertThat(prepare.seconds()).isEqualTo(158.3);
    assertThat(ProgressLine.parse("zone-eval", "[zone-eval 07:06:55] validate   22 s").orElseThrow().seconds())
        .isEqualTo(22.0);
    assertThat(ProgressLine.parse("zone-eval", "[zone-eval 07:07:03] score 8.3 s").orElseThrow().stage())
        .isEqualTo("score");
  }

  @Test
  void otherLinesAreNotSteps() {
    for (String line : List.of(
        "[zone-eval 07:06:09]   zones.csv                  read        82 = accepted        82 + rejected       0",
        "[zone-eval 07:07:10] run 20261202T070403Z-d2ac done: years [2022, 2023, 2024]",
        "[zone-eval 07:04:08] input 4,991,442 bytes: 8 shuffle partitions (adaptive execution coalesces small ones)",
        "[zone-eval 07:04:04] run 20261202T070403Z-d2ac: input data-samples, warehouse /tmp/wh, rules yangzhou-2021",
        "07:05:05 WARN SparkStringUtils: Truncated the string representation of a plan since it was too large 1.0 s",
        "[zone-eval] building (first use or sources changed)...",
        "[floor 07:05:17] write invoices    4.8 s")) {
      assertThat(ProgressLine.parse("zone-eval", line)).as(line).isEmpty();
    }
    assertThat(ProgressLine.parse("floor", "[floor 07:05:17] write invoices    4.8 s")).isPresent();
    assertThat(ProgressLine.isTagged("zone-eval", "[zone-eval 07:06:09]   zones.csv  read 82")).isTrue();
    assertThat(ProgressLine.isTagged("zone-eval", "07:05:05 WARN Utils: hostname")).isFalse();
  }

  @Test
  void stagesAreTheSpansOfTheirStepsAndTheRestIsAccounted() {
    List<ProcessRun.Line> stderr = List.of(
        new ProcessRun.Line(1.0, "07:00:00 WARN Utils: Your hostname resolves to a loopback address"),
        new ProcessRun.Line(10.0, "[zone-eval 07:00:10] check input files    1.0 s"),
        // Two bronze steps at once: 12–20 and 13–21.
        new ProcessRun.Line(20.0, "[zone-eval 07:00:20] bronze a.csv   8.0 s"),
        new ProcessRun.Line(21.0, "[zone-eval 07:00:21] bronze b.csv   8.0 s"),
        new ProcessRun.Line(21.5, "[zone-eval 07:00:21]   a.csv read 1 = accepted 1 + rejected 0"),
        new ProcessRun.Line(30.0, "[zone-eval 07:00:30] score    5.0 s"));
    List<StageBreakdown.TimedStep> steps = StageBreakdown.steps("zone-eval", stderr);
    assertThat(steps).extracting(StageBreakdown.TimedStep::stage).containsExactly("check", "bronze", "bronze", "score");

    StageBreakdown b = StageBreakdown.of(steps, 33.0);
    assertThat(b.beforeFirstStep()).isCloseTo(9.0, within(1e-9));
    assertThat(b.stages()).containsOnlyKeys("check", "bronze", "score");
    assertThat(b.stages().keySet()).containsExactly("check", "bronze", "score");
    assertThat(b.stages().get("check")).isCloseTo(1.0, within(1e-9));
    assertThat(b.stages().get("bronze")).isCloseTo(9.0, within(1e-9)); // 12 to 21
    assertThat(b.stages().get("score")).isCloseTo(5.0, within(1e-9));
    // 33 s = 9 before + 15 in steps + 9 outside (10–12, 21–25, 30–33).
    assertThat(b.outsideSteps()).isCloseTo(9.0, within(1e-9));
    assertThat(b.total()).isEqualTo(33.0);
  }

  @Test
  void aProcessWithoutStepsIsAllBeforeTheFirstStep() {
    StageBreakdown b = StageBreakdown.of(List.of(), 12.5);
    assertThat(b.beforeFirstStep()).isEqualTo(12.5);
    assertThat(b.stages()).isEmpty();
    assertThat(b.outsideSteps()).isZero();
  }
}
