package io.zoneeval.bench;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's progress line as zone-eval prints it on stderr, {@code [zone-eval HH:MM:SS] <step> <seconds> s}
 * (the floor prints the same with {@code [floor …]}): the clock when the step ended, the step's name and
 * its wall seconds. The benchmark reads zone-eval's per-stage times from these lines, since it runs
 * zone-eval only through its command line. Other lines of the same tag (the run's header, the
 * reconciliation of each file, "done") do not end in seconds and are not steps.
 */
public record ProgressLine(LocalTime clock, String step, double seconds) {
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** The step of {@code line} if it is a progress line of {@code tag} ("zone-eval", "floor"). */
  public static Optional<ProgressLine> parse(String tag, String line) {
    Matcher m = pattern(tag).matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    // zone-eval pads the name to align the seconds ("bronze invoices.csv      3,130,230 bytes    4.8 s").
    String step = SPACES.matcher(m.group(2).trim()).replaceAll(" ");
    return Optional.of(new ProgressLine(LocalTime.parse(m.group(1)), step, Double.parseDouble(m.group(3))));
  }

  private static Pattern pattern(String tag) {
    return Pattern.compile("\\[" + Pattern.quote(tag) + " (\\d{2}:\\d{2}:\\d{2})\\] (.*\\S)\\s+(\\d+(?:\\.\\d+)?) s\\s*");
  }

  /** Whether {@code line} is any line of {@code tag}'s progress output (shown live by the benchmark). */
  public static boolean isTagged(String tag, String line) {
    return line.startsWith("[" + tag + " ");
  }

  /** The stage a step belongs to: the first word of its name ("bronze invoices.csv …" → "bronze"). */
  public String stage() {
    int space = step.indexOf(' ');
    return space < 0 ? step : step.substring(0, space);
  }
}
