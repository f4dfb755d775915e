package io.zoneeval.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every table and column describes itself: a comment that starts with its Chinese term, says what the
 * value is, and names the unit of every number ({@code [元]}, {@code [亩]}, {@code [%]}, {@code [points]}…).
 */
class TableCommentsTest {
  /** Numbers that are not measures: a year, a line number, a hash. */
  private static final Set<String> NO_UNIT = Set.of("year", "line", "_line", "id_hash");

  private static boolean startsWithChinese(String text) {
    return text != null && !text.isEmpty() && Character.UnicodeScript.of(text.codePointAt(0)) == Character.UnicodeScript.HAN;
  }

  private static boolean numeric(String type) {
    String t = type.toLowerCase(java.util.Locale.ROOT);
    return t.equals("int") || t.equals("bigint") || t.startsWith("decimal") || t.equals("map<string,bigint>");
  }

  @Test
  void everyTableAndColumnHasAChineseTermAndMeaning() {
    List<String> problems = new ArrayList<>();
    for (TableDef table : Tables.all(Rules.defaults())) {
      if (!startsWithChinese(table.comment())) {
        problems.add(table.qualifiedName() + ": table comment " + table.comment());
      }
      for (TableDef.Col c : table.columns()) {
        String where = table.qualifiedName() + "." + c.name() + ": ";
        if (!startsWithChinese(c.comment())) {
          problems.add(where + "comment does not start with a Chinese term: " + c.comment());
        } else if (c.meaning().isBlank()) {
          problems.add(where + "comment has a term but no meaning: " + c.comment());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyNumberNamesItsUnit() {
    List<String> problems = new ArrayList<>();
    for (TableDef table : Tables.all(Rules.defaults())) {
      for (TableDef.Col c : table.columns()) {
        if (numeric(c.type()) && !NO_UNIT.contains(c.name()) && c.unit().isEmpty()) {
          problems.add(table.qualifiedName() + "." + c.name() + " (" + c.type() + "): " + c.comment());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void termMeaningAndUnitAreReadFromTheComment() {
    TableDef.Col sales = Tables.ZONE_METRICS.column("sales");
    assertThat(sales.term()).isEqualTo("开票销售");
    assertThat(sales.unit()).isEqualTo("元");
    assertThat(sales.meaning()).startsWith("invoice sales excluding VAT").doesNotContain("[");
    assertThat(Tables.ZONE_RESULTS.column("award_amount_wan").unit()).isEqualTo("万元");
    assertThat(Tables.ZONE_METRICS.column("tax_per_mu").unit()).isEqualTo("元/亩");
    assertThat(Tables.ZONE_METRICS.column("specialty_share_pct").unit()).isEqualTo("%");
    assertThat(Tables.ZONE_RESULTS.column("total_score").unit()).isEqualTo("points");
    assertThat(Tables.ZONE_RESULTS.column("zone_name").unit()).isEmpty();
    assertThat(Tables.silver(RawFile.LAND_REVITALIZATIONS, Rules.defaults()).column("area_mu").unit()).isEqualTo("亩");
    assertThat(Tables.silver(RawFile.INVOICES, Rules.defaults()).column("amount").term()).isEqualTo("金额");
  }

  @Test
  void goldTablesKeepTheirHistoryForTimeTravel() {
    for (TableDef t : List.of(Tables.ZONE_METRICS, Tables.ZONE_SCORES, Tables.ZONE_RESULTS, Tables.RUNS,
        Tables.PUBLICATIONS, Tables.ENTERPRISE_YEAR)) {
      assertThat(t.properties()).containsEntry("delta.logRetentionDuration", "interval 3650 days")
          .containsEntry("delta.deletedFileRetentionDuration", "interval 3650 days");
    }
  }

  @Test
  void theCommentsThatStateARuleTakeItFromTheRules() {
    Rules defaults = Rules.defaults();
    assertThat(Tables.zoneResults(defaults).column("decided_by_tie_break").meaning())
        .endsWith("the order was decided by tax per mu, then zone id");
    assertThat(Tables.zoneResults(defaults).column("vetoed").meaning())
        .startsWith("an incident (safety or environment) of severity larger, major, especially_major this year");
    Rules other = io.zoneeval.rules.TestRules.replacing("tie_break: [tax_per_mu, zone_id]",
        "tie_break: [sales_per_mu, zone_id]", "incident_severities: [larger, major, especially_major]",
        "incident_severities: [major, especially_major]");
    assertThat(Tables.zoneResults(other).column("decided_by_tie_break").meaning())
        .endsWith("the order was decided by sales per mu, then zone id");
    assertThat(Tables.zoneResults(other).column("vetoed").meaning()).contains("of severity major, especially_major");
  }
}
