package io.zoneeval.cli;

import io.zoneeval.rules.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/** The rules file option, and the rules with their checksum (recorded with every gold row). */
public final class RulesOption {
  @Option(names = "--rules", paramLabel = "FILE", description = "Rules file (default: the bundled rules/yangzhou.yaml).")
  Path rulesFile;

  Rules rules() {
    return rulesFile == null ? Rules.defaults() : Rules.load(rulesFile);
  }

  String file() {
    return rulesFile == null ? null : rulesFile.toString();
  }

  String sha256() {
    try {
      byte[] bytes;
      if (rulesFile == null) {
        try (var in = Rules.class.getResourceAsStream(Rules.DEFAULT_RESOURCE)) {
          bytes = in.readAllBytes();
        }
      } else {
        bytes = Files.readAllBytes(rulesFile);
      }
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
