package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The notice settings file and the notice period in working days. */
class NoticeTest {
  private static final String SETTINGS = """
      issuer: 扬州市工业和信息化局
      objection_contact: |
        电话：0514-87000000
        电子邮箱：gyjzq@example.gov.cn
      days: 5
      """;

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void fiveWorkingDaysFromAMondayEndOnTheFriday() {
    // 2025-05-05 is a Monday: Mon, Tue, Wed, Thu, Fri.
    assertThat(day("2025-05-05").getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    assertThat(Notice.periodEnd(day("2025-05-05"), 5)).isEqualTo(day("2025-05-09"));
    // One day: the first day itself; ten: the Friday of the next week.
    assertThat(Notice.periodEnd(day("2025-05-05"), 1)).isEqualTo(day("2025-05-05"));
    assertThat(Notice.periodEnd(day("2025-05-05"), 10)).isEqualTo(day("2025-05-16"));
  }

  @Test
  void fiveWorkingDaysFromAThursdayEndOnTheWednesdayAfterTheWeekend() {
    // Thu 8, Fri 9, (Sat 10, Sun 11), Mon 12, Tue 13, Wed 14.
    assertThat(Notice.periodEnd(day("2025-05-08"), 5)).isEqualTo(day("2025-05-14"));
    // Thu 8 … Wed 14 (5), Thu 15, Fri 16, Mon 19: 8 days.
    assertThat(Notice.periodEnd(day("2025-05-08"), 8)).isEqualTo(day("2025-05-19"));
  }

  @Test
  void fromAWeekendTheFirstWorkingDayIsTheMonday() {
    // Saturday 2025-05-10 and Sunday 11: counting starts on Monday 12, five days end on Friday 16.
    assertThat(Notice.periodEnd(day("2025-05-10"), 5)).isEqualTo(day("2025-05-16"));
    assertThat(Notice.periodEnd(day("2025-05-11"), 5)).isEqualTo(day("2025-05-16"));
    assertThat(Notice.periodEnd(day("2025-05-10"), 1)).isEqualTo(day("2025-05-12"));
    // The period still starts on the day given (the day of publication).
    Notice n = Notice.of(Notice.parse(SETTINGS, "n.yaml"), day("2025-05-10"), null);
    assertThat(n.from()).isEqualTo(day("2025-05-10"));
    assertThat(n.period()).isEqualTo("2025年5月10日至2025年5月16日");
  }

  @Test
  void theSettingsAreReadWithTheirWordsAndAGivenEndWins() {
    Notice.Settings s = Notice.parse(SETTINGS, "n.yaml");
    assertThat(s.issuer()).isEqualTo("扬州市工业和信息化局");
    assertThat(s.objectionContact()).isEqualTo("电话：0514-87000000\n电子邮箱：gyjzq@example.gov.cn");
    assertThat(s.days()).isEqualTo(5);
    Notice n = Notice.of(s, day("2025-05-05"), day("2025-05-12"));
    assertThat(n.to()).isEqualTo(day("2025-05-12"));
    assertThat(Notice.chinese(day("2025-10-01"))).isEqualTo("2025年10月1日");
    // The sample file of the repository is a valid one.
    assertThat(Notice.load(Path.of("docs/notice-example.yaml")).days()).isEqualTo(5);
  }

  @Test
  void refusedSettingsNameTheKey() {
    assertThatThrownBy(() -> Notice.parse(SETTINGS + "signature: 局长\n", "n.yaml"))
        .isInstanceOf(Notice.NoticeException.class)
        .hasMessage("n.yaml: unknown key 'signature' (the keys are issuer, objection_contact, days)");
    assertThatThrownBy(() -> Notice.parse("objection_contact: 电话\ndays: 5\n", "n.yaml"))
        .hasMessageStartingWith("n.yaml: issuer: missing");
    assertThatThrownBy(() -> Notice.parse("issuer: 局\nobjection_contact: '  '\ndays: 5\n", "n.yaml"))
        .hasMessageStartingWith("n.yaml: objection_contact: missing");
    assertThatThrownBy(() -> Notice.parse("issuer: 局\nobjection_contact: 电话\n", "n.yaml"))
        .hasMessageStartingWith("n.yaml: days: missing");
    assertThatThrownBy(() -> Notice.parse("issuer: 局\nobjection_contact: 电话\ndays: 0\n", "n.yaml"))
        .hasMessage("n.yaml: days: 0: must be at least 1");
    assertThatThrownBy(() -> Notice.parse("issuer: 局\nobjection_contact: 电话\ndays: 5.5\n", "n.yaml"))
        .hasMessageStartingWith("n.yaml: days: ");
    assertThatThrownBy(() -> Notice.parse("issuer: 局\nobjection_contact: 电话\ndays: five\n", "n.yaml"))
        .hasMessageStartingWith("n.yaml: days: ");
    assertThatThrownBy(() -> Notice.parse("- issuer\n", "n.yaml")).hasMessageStartingWith("n.yaml: not a notice");
    assertThatThrownBy(() -> Notice.load(Path.of("no/such/notice.yaml"))).hasMessageContaining("not found");
  }

  @Test
  void aPeriodEndingBeforeItStartsIsRefused() {
    Notice.Settings s = Notice.parse(SETTINGS, "n.yaml");
    assertThatThrownBy(() -> Notice.of(s, day("2025-05-05"), day("2025-05-04")))
        .isInstanceOf(Notice.NoticeException.class).hasMessageContaining("before it starts (2025-05-05)");
    // The same day is a period of one day.
    assertThat(Notice.of(s, day("2025-05-05"), day("2025-05-05")).period()).isEqualTo("2025年5月5日至2025年5月5日");
  }

  @Test
  void theDefaultFirstDayIsTheBureausDayOfPublicationElseToday() {
    // Published at 17:30 UTC on 4 May: 01:30 on 5 May in Yangzhou.
    assertThat(Notice.defaultFrom(Instant.parse("2025-05-04T17:30:00Z"), null)).isEqualTo(day("2025-05-05"));
    Clock clock = Clock.fixed(Instant.parse("2025-06-30T16:00:00Z"), ZoneOffset.UTC); // 00:00, 1 July, in Yangzhou
    assertThat(Notice.defaultFrom(null, clock)).isEqualTo(day("2025-07-01"));
  }
}
