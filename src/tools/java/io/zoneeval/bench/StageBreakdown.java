package io.zoneeval.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a process's wall time went, from its progress lines: the time before its first step began (JVM
 * start, Spark session, catalog), the wall time of each stage (the steps whose names begin with the same
 * word, e.g. every "bronze …" step; steps of a stage may run at once, so a stage's time is the span during
 * which at least one of them ran, and two stages may overlap), and the time outside every step (between
 * steps, and after the last one: printing the league table, stopping Spark).
 *
 * <p>A step ends when its line arrives (the benchmark stamps each line with its own clock, finer than the
 * line's HH:MM:SS) and began its printed seconds before.
 */
public record StageBreakdown(double beforeFirstStep, Map<String, Double> stages, double outsideSteps, double total) {

  /** A step with its end, in seconds since the process started. */
  public record TimedStep(String stage, double end, double seconds) {
    double begin() {
      return Math.max(0, end - seconds);
    }
  }

  /** The steps of {@code tag} among a process's stderr lines. */
  static List<TimedStep> steps(String tag, List<ProcessRun.Line> stderr) {
    List<TimedStep> steps = new ArrayList<>();
    for (ProcessRun.Line line : stderr) {
      Optional<ProgressLine> p = ProgressLine.parse(tag, line.text());
      p.ifPresent(s -> steps.add(new TimedStep(s.stage(), line.at(), s.seconds())));
    }
    return steps;
  }

  public static StageBreakdown of(List<TimedStep> steps, double total) {
    if (steps.isEmpty()) {
      return new StageBreakdown(total, Map.of(), 0, total);
    }
    double first = steps.stream().mapToDouble(TimedStep::begin).min().orElse(total);
    Map<String, List<TimedStep>> byStage = new LinkedHashMap<>();
    steps.stream().sorted(Comparator.comparingDouble(TimedStep::begin))
        .forEach(s -> byStage.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s));
    Map<String, Double> stages = new LinkedHashMap<>();
    byStage.forEach((stage, list) -> stages.put(stage, covered(list)));
    double outside = Math.max(0, total - first - covered(steps));
    return new StageBreakdown(first, stages, outside, total);
  }

  /** The length of the union of the steps' intervals. */
  static double covered(List<TimedStep> steps) {
    List<TimedStep> sorted = steps.stream().sorted(Comparator.comparingDouble(TimedStep::begin)).toList();
    double covered = 0;
    double runBegin = Double.NaN;
    double runEnd = Double.NaN;
    for (TimedStep s : sorted) {
      if (Double.isNaN(runEnd) || s.begin() > runEnd) {
        if (!Double.isNaN(runEnd)) {
          covered += runEnd - runBegin;
        }
        runBegin = s.begin();
        runEnd = s.end();
      } else {
        runEnd = Math.max(runEnd, s.end());
      }
    }
    return Double.isNaN(runEnd) ? 0 : covered + runEnd - runBegin;
  }
}
