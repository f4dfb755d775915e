package io.zoneeval.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Spark's scratch folder ({@code spark.local.dir}) of a local session: a new folder of the temporary
 * directory that only this user may enter (700), removed when the JVM exits. Spark writes shuffle, spill and
 * broadcast blocks there, enterprise-level rows among them, with the process's umask (often 022: readable
 * by everyone, in /tmp); inside a 700 folder nobody else can reach them. Left to the user when
 * {@code spark.local.dir} or {@code SPARK_LOCAL_DIRS} says where.
 */
final class PrivateScratch {
  private PrivateScratch() {}

  private static Optional<String> folder;

  static synchronized Optional<String> folder() {
    if (folder == null) {
      folder = create();
    }
    return folder;
  }

  private static Optional<String> create() {
    if (System.getProperty("spark.local.dir") != null || System.getenv("SPARK_LOCAL_DIRS") != null) {
      return Optional.empty();
    }
    try {
      Path dir = Files.createTempDirectory("zone-eval-spark-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      // Spark removes its own folders in it at shutdown; the folder itself goes after them (empty by then).
      dir.toFile().deleteOnExit();
      return Optional.of(dir.toString());
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // Spark's default, java.io.tmpdir
    }
  }
}
