package io.zoneeval.ingest;

import java.util.regex.Pattern;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015) that identifies an enterprise.
 *
 * <p>Kept free of Spark so that the sample generator, the validator's UDF and the tests share one
 * definition of a valid code.
 */
public final class Uscc {
  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final Pattern SHAPE =
      Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}");

  private Uscc() {}

  /** Trims and upper-cases, the form in which codes are compared and stored. */
  public static String normalize(String raw) {
    return raw == null ? null : raw.trim().toUpperCase(java.util.Locale.ROOT);
  }

  /** The check character for the first 17 characters of a code. */
  public static char checkChar(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int value = ALPHABET.indexOf(first17.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
      }
      sum += value * WEIGHTS[i];
    }
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  /** Whether the code, once normalized, has the right shape and check character. */
  public static boolean isValid(String raw) {
    String code = normalize(raw);
    return code != null && SHAPE.matcher(code).matches() && checkChar(code) == code.charAt(17);
  }
}
