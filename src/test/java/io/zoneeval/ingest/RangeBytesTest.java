package io.zoneeval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How large a delivery's byte ranges are: whole rounds of tasks over the cores, each within 256 MiB. */
class RangeBytesTest {
  private static final long MIB = 1L << 20;

  /** The number of ranges a file of {@code bytes} is read in. */
  private static long ranges(long bytes, int slots) {
    long size = IngestStage.rangeBytes(bytes, slots);
    return (bytes + size - 1) / size;
  }

  @Test
  void aLargeFileIsReadInWholeRoundsOfRangesOverTheCores() {
    // 13M invoices, 867,590,451 bytes on two cores: 867,590,451 / (2 × 256 MiB) = 1.6, so two rounds of
    // two ranges, each a quarter of the file.
    assertThat(IngestStage.rangeBytes(867_590_451L, 2)).isEqualTo((867_590_451L + 3) / 4);
    assertThat(ranges(867_590_451L, 2)).isEqualTo(4);
    // 2.5 GiB on two cores: five rounds of 256 MiB exactly; one byte more needs a sixth round.
    assertThat(IngestStage.rangeBytes(2_560 * MIB, 2)).isEqualTo(256 * MIB);
    assertThat(ranges(2_560 * MIB + 1, 2)).isEqualTo(12);
    // Eight cores: one round of eight 100 MiB ranges.
    assertThat(IngestStage.rangeBytes(800 * MIB, 8)).isEqualTo(100 * MIB);
  }

  @Test
  void aSmallFileIsReadInRangesOfAtLeastFourMib() {
    assertThat(IngestStage.rangeBytes(5 * MIB, 2)).isEqualTo(4 * MIB);
    assertThat(IngestStage.rangeBytes(0, 2)).isEqualTo(4 * MIB);
    assertThat(IngestStage.rangeBytes(16 * MIB, 2)).isEqualTo(8 * MIB);
  }
}
