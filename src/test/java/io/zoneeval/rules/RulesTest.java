package io.zoneeval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTest {
  @Test
  void bundledRulesHoldThePolicysNumbers() {
    Rules r = Rules.defaults();
    assertThat(r.ranking().step()).isEqualByComparingTo("0.5");
    assertThat(r.ranking().ties()).isEqualTo(Rules.TieMethod.COMPETITION);
    assertThat(r.indicators().specialty().full()).isEqualByComparingTo("20");
    assertThat(r.indicators().talent().points().get("lvyang_phd")).isEqualByComparingTo("0.25");
    assertThat(r.indicators().investment().techUpgradeMinEquipmentYuan()).isEqualByComparingTo("8000000");
    // 3 000 万元 when every prize is awarded: KEY 600 + 2×400 + 3×200 = 2 000; OPTIMIZED 500 + 300 + 2×100 = 1 000.
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (ZoneType t : ZoneType.values()) {
      for (Rules.Prize p : r.prizes(t)) {
        total = total.add(p.amountWan().multiply(java.math.BigDecimal.valueOf(p.count())));
      }
    }
    assertThat(total).isEqualByComparingTo("3000");
  }

  @Test
  void aRulesFileThatBreaksTheWeightsIsRefusedWithItsName(@TempDir Path dir) throws IOException {
    String yaml = new String(Rules.class.getResourceAsStream(Rules.DEFAULT_RESOURCE).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replaceFirst("growth_weight: 0.6", "growth_weight: 0.7");
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> Rules.load(file)).isInstanceOf(Rules.RulesException.class)
        .hasMessageContaining("bad.yaml").hasMessageContaining("weights must add up to 1");
  }

  @Test
  void aMissingRulesFileIsAClearError() {
    assertThatThrownBy(() -> Rules.load(Path.of("no-such-rules.yaml")))
        .hasMessage("no-such-rules.yaml: rules file not found");
  }
}
