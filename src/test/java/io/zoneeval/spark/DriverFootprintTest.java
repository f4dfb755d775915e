package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's figures: the line the cluster tests and the benchmark read, and the bytes through Hadoop. */
class DriverFootprintTest {
  @TempDir Path dir;

  @Test
  void theLineHasTheHeapTheProcessesBytesAndTheFilesBytesThroughHadoop() {
    DriverFootprint.watch();
    System.gc();
    assertThat(DriverFootprint.describe()).matches("driver: heap after collections at most [\\d,]+ MiB of [\\d,]+ MiB;"
        + " read [\\d,]+ MiB, wrote [\\d,]+ MiB; files through Hadoop: read \\d+\\.\\d MiB, wrote \\d+\\.\\d MiB")
        .matches(DriverFootprint.LINE);
  }

  @Test
  void aFileReadThroughHadoopCountsItsBytes() throws Exception {
    long before = DriverFootprint.hadoopBytes()[0];
    readThroughHadoop(dir.resolve("delivered.csv"), 300_000);
    assertThat(DriverFootprint.hadoopBytes()[0] - before).isGreaterThanOrEqualTo(300_000);
  }

  /** Of several commands in one process, the next command's figures start from nothing. */
  @Test
  void theNextCommandsFiguresAreItsOwn() throws Exception {
    readThroughHadoop(dir.resolve("read-before.csv"), 3_000_000);
    DriverFootprint.nextCommand();
    java.util.regex.Matcher read = java.util.regex.Pattern.compile("files through Hadoop: read (\\d+\\.\\d) MiB")
        .matcher(DriverFootprint.describe());
    assertThat(read.find()).isTrue();
    // Other test classes of this JVM may read a little meanwhile; the 3 MB read before is not counted.
    assertThat(Double.parseDouble(read.group(1))).isLessThan(2.0);
  }

  /** A file of {@code bytes} zeros, written, then read whole through Hadoop's local file system. */
  private static void readThroughHadoop(Path file, int bytes) throws Exception {
    Files.write(file, new byte[bytes]);
    try (FSDataInputStream in = FileSystem.getLocal(new Configuration()).open(new org.apache.hadoop.fs.Path(file.toUri()))) {
      in.readFully(new byte[bytes]);
    }
  }
}
