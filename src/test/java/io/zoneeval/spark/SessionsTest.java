package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SessionsTest {
  @Test
  void aLocalWarehouseBecomesAbsoluteAndAUriStaysAsItIs() {
    assertThat(Sessions.absoluteWarehouse("target/wh/../warehouse"))
        .isEqualTo(Path.of("").toAbsolutePath().resolve("target/warehouse").toString());
    assertThat(Sessions.absoluteWarehouse("/data/warehouse")).isEqualTo("/data/warehouse");
    assertThat(Sessions.absoluteWarehouse("hdfs://nameservice1/warehouse/zone-eval"))
        .isEqualTo("hdfs://nameservice1/warehouse/zone-eval");
    assertThat(Sessions.absoluteWarehouse("s3a://bucket/zone-eval")).isEqualTo("s3a://bucket/zone-eval");
    // A URI without an authority is one too (it was once taken for a folder named "file:").
    assertThat(Sessions.absoluteWarehouse("file:/data/warehouse")).isEqualTo("file:/data/warehouse");
  }
}
