package io.zoneeval.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/indicators.md is what the table declarations generate, so the dictionary and the column
 * comments never disagree. After changing a comment: {@code ZONE_EVAL_UPDATE_DOCS=1 mvn -o -q test
 * -Dtest=IndicatorDictionaryTest} rewrites the file.
 */
class IndicatorDictionaryTest {
  private static final Path FILE = Path.of(IndicatorDictionary.FILE);

  @Test
  void theCommittedDictionaryIsWhatTheTableDeclarationsGenerate() throws IOException {
    String generated = IndicatorDictionary.markdown(Rules.defaults());
    if (System.getenv("ZONE_EVAL_UPDATE_DOCS") != null) {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(FILE).as("docs/indicators.md is missing; generate it with ZONE_EVAL_UPDATE_DOCS=1 mvn -o -q test "
        + "-Dtest=IndicatorDictionaryTest").exists();
    String committed = Files.readString(FILE, StandardCharsets.UTF_8);
    assertThat(committed).as("docs/indicators.md differs from the table declarations; regenerate it with "
        + "ZONE_EVAL_UPDATE_DOCS=1 mvn -o -q test -Dtest=IndicatorDictionaryTest").isEqualTo(generated);
  }

  @Test
  void theDictionaryHasEveryGoldColumnWithItsTermAndUnit() {
    String md = IndicatorDictionary.markdown(Rules.defaults());
    for (TableDef t : java.util.List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS, Tables.RUNS)) {
      assertThat(md).contains("`" + t.qualifiedName() + "`");
      for (TableDef.Col c : t.columns()) {
        assertThat(md).contains("| `" + c.name() + "` | " + c.term() + " | ");
      }
    }
    assertThat(md).contains("| `tax_per_mu` | 亩均税收 | ").contains("| 元/亩 |");
    // The indicator table carries the rules' numbers.
    assertThat(md).contains("| 1 | 规模效益 / 规模总量 | 10 | `score_scale` | 0.6 × rankscore(sales growth) + 0.4 × rankscore(sales)");
    assertThat(md).contains("重点发展型 1等奖 1 × 600, 2等奖 2 × 400, 3等奖 3 × 200");
  }

  @Test
  void theDictionaryIsTheSameOnEveryGeneration() {
    assertThat(IndicatorDictionary.markdown(Rules.defaults())).isEqualTo(IndicatorDictionary.markdown(Rules.defaults()));
  }
}
