package io.zoneeval.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.catalog.RawColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of parsing (the number reader without regex, the per-task memo) must give exactly what
 * the general path gives: the same value, or no answer at all.
 */
class FieldRuleTest {
  private static final FieldRule AMOUNT = FieldRule.of("amount", RawColumn.Kind.AMOUNT);
  private static final FieldRule AREA = FieldRule.of("area_m2", RawColumn.Kind.AREA);

  @Test
  void quickNumbersAgreeWithTheGeneralPath() throws Exception {
    List<String> texts = new ArrayList<>(List.of("0", "-0", "+0", "0.00", "-0.00", "1", "1.5", "1.50", "1.500",
        "1.005", "12345.67", "-12345.67", "+3.1", "007.10", "999999999999999", "9999999999999999",
        "99999999999999999", "1.", ".5", "1e3", "1,000.00", "12a", "--1", "", "1.2.3", "123456789012.123456",
        "1234567890123.5"));
    Random random = new Random(20241231);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder t = new StringBuilder();
      if (random.nextInt(5) == 0) {
        t.append(random.nextBoolean() ? '-' : '+');
      }
      t.append(Math.abs(random.nextLong()) % (long) Math.pow(10, 1 + random.nextInt(18)));
      if (random.nextBoolean()) {
        t.append('.');
        int decimals = 1 + random.nextInt(8);
        for (int d = 0; d < decimals; d++) {
          t.append(random.nextInt(10));
        }
      }
      texts.add(t.toString());
    }
    int answered = 0;
    for (FieldRule rule : List.of(AMOUNT, AREA)) {
      int scale = rule == AREA ? RawColumn.AREA_SCALE : RawColumn.AMOUNT_SCALE;
      for (String text : texts) {
        BigDecimal quick = FieldRule.quickDecimal(text, scale);
        if (quick == null || (rule == AREA && quick.signum() < 0)) {
          continue; // a negative area is refused by the general path (see the next test)
        }
        answered++;
        // Same value AND same scale: BigDecimal.equals compares both.
        assertThat(quick).as(text).isEqualTo(rule.generalDecimal(text, text));
      }
    }
    // The fast path answers the common shapes, or it would speed nothing up.
    assertThat(answered).isGreaterThan(texts.size() / 10);
    assertThat(FieldRule.quickDecimal("19407.37", 2)).isEqualTo(new BigDecimal("19407.37"));
    assertThat(FieldRule.quickDecimal("1.500", 2)).isNull();
  }

  @Test
  void negativeAreasAreStillRefusedWithTheirReason() {
    assertThatThrownBy(() -> AREA.parse("-1.5")).isInstanceOf(FieldRule.Refused.class)
        .hasMessageContaining("is negative");
    assertThatThrownBy(() -> FieldRule.of("equipment_investment", RawColumn.Kind.OPTIONAL_NON_NEGATIVE_AMOUNT)
        .parse("-2")).hasMessageContaining("is negative");
    // A red invoice's amount may be negative.
    assertThat(invoke(AMOUNT, "-2")).isEqualTo(new BigDecimal("-2.00"));
  }

  @Test
  void moneyBeyondItsBoundIsRefusedEitherSideAndTheBoundItselfIsAccepted() throws Exception {
    FieldRule bounded = FieldRule.money("amount", RawColumn.Kind.AMOUNT, new BigDecimal("1000000000000"));
    // At the bound, by the quick reader ("1000000000000.00") and by the general one (trailing zeros).
    assertThat(bounded.parse("1000000000000.00")).isEqualTo(new BigDecimal("1000000000000.00"));
    assertThat(bounded.parse("-1000000000000.000")).isEqualTo(new BigDecimal("-1000000000000.00"));
    for (String beyond : List.of("1000000000000.01", "-1000000000000.01", "1000000000000.010", "9999999999999999")) {
      assertThatThrownBy(() -> bounded.parse(beyond)).isInstanceOf(FieldRule.Refused.class)
          .satisfies(e -> assertThat(((FieldRule.Refused) e).problem.code()).isEqualTo("amount_out_of_range"))
          .hasMessage("amount: '" + beyond + "' is out of range: more than 1000000000000 yuan either side "
              + "(data.max_record_amount_yuan)");
    }
    // More digits than a column holds is still a bad number, as before any bound.
    assertThatThrownBy(() -> bounded.parse("1" + "0".repeat(40))).hasMessageContaining("more than 16 digits");
    // Without a bound, only the 16 digits limit a value.
    assertThat(AMOUNT.parse("9999999999999999")).isEqualTo(new BigDecimal("9999999999999999.00"));
    assertThatThrownBy(() -> FieldRule.money("area_m2", RawColumn.Kind.AREA, BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMemoGivesWhatTheRuleGives() throws Exception {
    FieldRule date = FieldRule.of("issue_date", RawColumn.Kind.DATE);
    FieldRule.Memo memo = date.memo();
    assertThat(memo.parse("2024-02-29")).isEqualTo(date.parse("2024-02-29"));
    // Asked again, from memory: the same value.
    assertThat(memo.parse("2024-02-29")).isEqualTo(java.sql.Date.valueOf("2024-02-29"));
    // A refusal is never remembered as a value: asked twice, refused twice.
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> memo.parse("2023-02-29")).isInstanceOf(FieldRule.Refused.class)
          .hasMessageContaining("is not a date");
    }
    FieldRule.Memo uscc = FieldRule.of("uscc", RawColumn.Kind.USCC).memo();
    String code = "91321000MA1234567" + Uscc.checkChar("91321000MA1234567");
    assertThat(uscc.parse(" " + code.toLowerCase() + " ")).isEqualTo(code);
    assertThatThrownBy(() -> uscc.parse(null)).hasMessageContaining("missing value");
  }

  private static Object invoke(FieldRule rule, String text) {
    try {
      return rule.parse(text);
    } catch (FieldRule.Refused e) {
      throw new AssertionError(e);
    }
  }
}
