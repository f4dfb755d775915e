package io.zoneeval.samples;

/** Locale-free formatting of the fixed-point numbers and ids of the samples. */
final class Fmt {
  private Fmt() {}

  /** A value in hundredths (fen, centi-m², centi-mu) as a plain decimal with exactly two decimals. */
  static String cents(long hundredths) {
    long abs = Math.abs(hundredths);
    long frac = abs % 100;
    String s = (abs / 100) + (frac < 10 ? ".0" : ".") + frac;
    return hundredths < 0 ? "-" + s : s;
  }

  /** Non-negative {@code value} left-padded with zeros to {@code width} digits. */
  static String pad(long value, int width) {
    String s = Long.toString(value);
    if (s.length() >= width) {
      return s;
    }
    StringBuilder sb = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s).toString();
  }

  /** Half-up rounding of {@code value × percent / 100}, symmetric around zero. */
  static long percentOf(long value, int percent) {
    long abs = (Math.abs(value) * percent + 50) / 100;
    return value < 0 ? -abs : abs;
  }
}
