package io.zoneeval.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled rules with some lines changed, for tests of each setting's values. */
public final class TestRules {
  private TestRules() {}

  /** The text of the bundled rules file. */
  public static String yaml() {
    try (InputStream in = Rules.class.getResourceAsStream(Rules.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundled text with each {@code from} (which must occur exactly once) replaced by the {@code to} after it. */
  public static String yamlReplacing(String... fromTo) {
    String text = yaml();
    for (int i = 0; i < fromTo.length; i += 2) {
      int at = text.indexOf(fromTo[i]);
      if (at < 0 || text.indexOf(fromTo[i], at + 1) >= 0) {
        throw new IllegalArgumentException("'" + fromTo[i] + "' does not occur exactly once in the bundled rules");
      }
      text = text.replace(fromTo[i], fromTo[i + 1]);
    }
    return text;
  }

  /** The bundled rules with lines replaced, see {@link #yamlReplacing}. */
  public static Rules replacing(String... fromTo) {
    return Rules.parse(yamlReplacing(fromTo), "test rules");
  }
}
