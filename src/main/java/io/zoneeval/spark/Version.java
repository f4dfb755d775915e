package io.zoneeval.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The program's version, as Maven built it, recorded with every run: the project version, and the source
 * commit when the build was given one ({@code 0.1.0-SNAPSHOT+553879f0a1b2}, {@code -dirty} for uncommitted
 * changes).
 */
public final class Version {
  private Version() {}

  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/zone-eval-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "unknown");
      String commit = p.getProperty("commit", "unknown");
      return commit.isBlank() || commit.equals("unknown") || commit.startsWith("$") ? version : version + "+" + commit;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
