package io.zoneeval.shell;

import org.jline.utils.WCWidth;

/**
 * How many terminal columns text takes: a Chinese character or other full-width character takes two,
 * a combining mark none. Aligning on {@code String.length()} would shift every column after a Chinese
 * value by the number of its characters.
 */
public final class DisplayWidth {
  private DisplayWidth() {}

  /** The columns a text takes on a terminal; it must be {@link #printable} (no control characters). */
  public static int of(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      width += Math.max(0, WCWidth.wcwidth(codePoint));
      i += Character.charCount(codePoint);
    }
    return width;
  }

  /** The text followed by spaces up to {@code width} columns. */
  public static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - of(text)));
  }

  /** Spaces, then the text, up to {@code width} columns. */
  public static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - of(text))) + text;
  }

  /**
   * A value on one line: a line break or tab inside a value would break the table's rows and columns, so
   * they and other control characters are shown escaped ({@code \n}, {@code \t}, {@code \u001b}).
   */
  public static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }
}
