package io.zoneeval.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program's version, as Maven built it, recorded with every run. */
public final class Version {
  private Version() {}

  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/zone-eval-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
