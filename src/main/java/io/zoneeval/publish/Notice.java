package io.zoneeval.publish;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The public notice (公示) a report page carries: who publishes it, the notice period, and where and how to
 * object. The words are the bureau's, from a settings file ({@code report --notice FILE}), never from code;
 * the period starts on the day of publication unless told otherwise, and ends after a number of working days.
 */
public record Notice(String issuer, String objectionContact, LocalDate from, LocalDate to) {
  /**
   * The calendar the bureau's days are counted in, whatever the machine's time zone: a publication at 01:00
   * UTC is published on that day's Chinese date, and the same run gives the same page anywhere.
   */
  public static final ZoneId BUREAU_ZONE = ZoneId.of("Asia/Shanghai");

  /** The keys of the settings file, in the order its errors list them. */
  static final List<String> KEYS = List.of("issuer", "objection_contact", "days");

  /** The settings file: who publishes, where and how to object, and how many working days the notice lasts. */
  public record Settings(String issuer, String objectionContact, Integer days) {}

  /** A notice that cannot be made, with a one-line reason naming the file and key, or the option. */
  public static final class NoticeException extends RuntimeException {
    public NoticeException(String message) {
      super(message);
    }
  }

  /** Reads and checks a settings file. */
  public static Settings load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new NoticeException(file + ": notice settings file not found");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new NoticeException(file + ": " + e.getMessage());
    }
  }

  /** Settings from YAML text; {@code source} names it in every error. */
  public static Settings parse(String yaml, String source) {
    try {
      return read(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
    } catch (IOException e) {
      throw new NoticeException(source + ": " + e.getMessage());
    }
  }

  private static ObjectMapper mapper() {
    return YAMLMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // days: 5.5 is a mistake to report, not 5.
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }

  private static Settings read(InputStream in, String source) throws IOException {
    Settings s;
    try {
      s = mapper().readValue(in, Settings.class);
    } catch (UnrecognizedPropertyException e) {
      throw new NoticeException(source + ": unknown key '" + e.getPropertyName() + "' (the keys are "
          + String.join(", ", KEYS) + ")");
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      String key = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
      if (key == null) {
        throw new NoticeException(source + ": not a notice settings file (a YAML mapping of "
            + String.join(", ", KEYS) + ")");
      }
      throw new NoticeException(source + ": " + key + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new NoticeException(source + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (s == null) {
      throw new NoticeException(source + ": empty; it needs " + String.join(", ", KEYS));
    }
    List<String> problems = new ArrayList<>();
    if (blank(s.issuer())) {
      problems.add("issuer: missing (who publishes the notice, e.g. the bureau's name)");
    }
    if (blank(s.objectionContact())) {
      problems.add("objection_contact: missing (where and how to object during the notice period)");
    }
    if (s.days() == null) {
      problems.add("days: missing (working days the notice lasts)");
    } else if (s.days() < 1) {
      problems.add("days: " + s.days() + ": must be at least 1");
    }
    if (!problems.isEmpty()) {
      throw new NoticeException(source + ": " + String.join("; ", problems));
    }
    return new Settings(s.issuer().strip(), s.objectionContact().strip(), s.days());
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /**
   * The notice of these settings from {@code from} to {@code to}, or, {@code to} null, to the end of the
   * settings' working days.
   */
  public static Notice of(Settings settings, LocalDate from, LocalDate to) {
    LocalDate end = to != null ? to : periodEnd(from, settings.days());
    if (end.isBefore(from)) {
      throw new NoticeException("the notice period would end (--notice-to " + end + ") before it starts (" + from + ")");
    }
    return new Notice(settings.issuer(), settings.objectionContact(), from, end);
  }

  /**
   * The last day of a notice of {@code days} working days (Monday to Friday) counting {@code from} when it
   * is one: from Monday 2025-05-05, 5 days end on Friday 2025-05-09; from a Saturday the first working day
   * is the Monday after. Public holidays are not known here: a period over one is given with --notice-to.
   */
  public static LocalDate periodEnd(LocalDate from, int days) {
    if (days < 1) {
      throw new NoticeException("days: " + days + ": must be at least 1");
    }
    LocalDate day = from;
    while (!workingDay(day)) {
      day = day.plusDays(1);
    }
    // Five working days make a week from any working day; at most four more are counted one by one.
    day = day.plusWeeks((days - 1) / 5);
    for (int left = (days - 1) % 5; left > 0; ) {
      day = day.plusDays(1);
      if (workingDay(day)) {
        left--;
      }
    }
    return day;
  }

  static boolean workingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The first day of the notice when none is given: the day of publication, else today (the bureau's days). */
  public static LocalDate defaultFrom(Instant publishedAt, Clock clock) {
    return publishedAt != null ? LocalDate.ofInstant(publishedAt, BUREAU_ZONE) : LocalDate.now(clock.withZone(BUREAU_ZONE));
  }

  /** A date as a Chinese notice writes it: 2025年5月5日. */
  public static String chinese(LocalDate day) {
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /** The notice period as the page shows it: 2025年5月5日至2025年5月9日. */
  public String period() {
    return chinese(from) + "至" + chinese(to);
  }
}
