package io.zoneeval.analysis;

import io.zoneeval.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled rules as text, for tests that change one line of them. */
final class RulesText {
  private RulesText() {}

  static String defaults() {
    try (InputStream in = Rules.class.getResourceAsStream(Rules.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundled rules with {@code from} replaced by {@code to} (which must occur once), written to {@code file}. */
  static Path changed(Path file, String from, String to) {
    String text = defaults();
    if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
      throw new IllegalArgumentException("the bundled rules do not hold exactly one " + from);
    }
    try {
      return Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
