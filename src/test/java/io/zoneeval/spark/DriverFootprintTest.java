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
        + " read [\\d,]+ MiB, wrote [\\d,]+ MiB; files through Hadoop: read \\d+\\.\\d MiB, wrote \\d+\\.\\d MiB");
  }

  @Test
  void aFileReadThroughHadoopCountsItsBytes() throws Exception {
    Path file = dir.resolve("delivered.csv");
    Files.write(file, new byte[300_000]);
    long before = DriverFootprint.hadoopBytes()[0];
    FileSystem fs = FileSystem.getLocal(new Configuration());
    try (FSDataInputStream in = fs.open(new org.apache.hadoop.fs.Path(file.toUri()))) {
      in.readFully(new byte[300_000]);
    }
    assertThat(DriverFootprint.hadoopBytes()[0] - before).isGreaterThanOrEqualTo(300_000);
  }
}
