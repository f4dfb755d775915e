package io.zoneeval.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WarehouseTest {
  @Test
  void aRelativeWarehouseBecomesAnAbsoluteLocationSoTheCatalogCannotResolveItAgainstItsOwnFolder() {
    // The catalog resolves a relative LOCATION against the schema's folder: "warehouse" would become
    // warehouse/gold/warehouse/gold/zone_results. Locations are therefore always full URIs.
    Warehouse w = new Warehouse(SparkTestSession.get(), "warehouse/");
    String expected = "file:" + Path.of("warehouse").toAbsolutePath() + "/gold/zone_results";
    assertThat(w.location(Tables.ZONE_RESULTS)).isEqualTo(expected);
  }

  @Test
  void everyTableIsDeclaredWithCommentsAndTheGoldResultsWithTheirChecks() {
    for (TableDef t : Tables.all(io.zoneeval.rules.Rules.defaults())) {
      assertThat(t.comment()).as(t.qualifiedName()).isNotBlank();
    }
    assertThat(Tables.ZONE_RESULTS.columns()).allSatisfy(c -> assertThat(c.comment()).as(c.name()).isNotBlank());
    assertThat(Tables.ZONE_RESULTS.checks()).containsKeys("total_range", "prize_only_if_eligible", "rank_in_group");
    assertThat(Tables.ZONE_RESULTS.columnNames()).contains("year", "zone_id", "zone_name", "county", "zone_type",
        "score_scale", "score_tax", "score_specialty", "score_per_mu", "score_cultivation", "score_talent",
        "score_investment", "score_capacity", "total_score", "vetoed", "award_eligible", "final_rank",
        "award_prize", "award_amount_wan", "interview", "leadership_adjustment");
  }
}
