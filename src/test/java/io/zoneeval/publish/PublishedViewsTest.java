package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a statement makes the session define the published.* views first (issue 14: open only what is read). */
class PublishedViewsTest {
  @Test
  void statementsNamingTheSchemaDefineTheViews() {
    assertThat(PublishedViews.mayRead("SELECT * FROM published.zone_results", "default")).isTrue();
    assertThat(PublishedViews.mayRead("select * from `PUBLISHED`.`zone_scores`", "default")).isTrue();
    assertThat(PublishedViews.mayRead("SHOW TABLES IN published", "default")).isTrue();
  }

  @Test
  void statementsOnOtherTablesDoNot() {
    assertThat(PublishedViews.mayRead("SELECT count(*) FROM gold.zone_results", "default")).isFalse();
    // A longer word that contains the name is not the name.
    assertThat(PublishedViews.mayRead("SELECT published_at FROM gold.publications", "default")).isFalse();
  }

  @Test
  void theCurrentSchemaCountsAsNamed() {
    assertThat(PublishedViews.mayRead("SELECT * FROM zone_results", "published")).isTrue();
  }
}
