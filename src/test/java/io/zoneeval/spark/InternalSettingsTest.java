package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.sql.internal.SQLConf$;
import org.junit.jupiter.api.Test;

/**
 * Issue 27: the job sets public Spark and Delta settings, and the internal ones no public setting replaces
 * only from {@link InternalSettings}, which a switch turns off. Checked against Spark's own registry of
 * settings (each SQL and Delta setting says whether it is public), for every setting named in the job's
 * sources.
 */
class InternalSettingsTest {
  private static final Pattern KEY = Pattern.compile("\"(spark\\.[A-Za-z0-9_.]+[A-Za-z0-9_])\"");

  /** Every Spark setting named in src/main, by the files that name it. */
  private static Map<String, TreeSet<String>> keysInSources() throws IOException {
    Map<String, TreeSet<String>> keys = new TreeMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = KEY.matcher(Files.readString(file));
        while (m.find()) {
          keys.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(file.getFileName().toString());
        }
      }
    }
    return keys;
  }

  /** Spark's registered entry of a SQL or Delta setting; null for any other key (core, Hadoop, the job's own). */
  private static ConfigEntry<?> entry(String key) {
    SparkTestSession.get();
    try {
      Class.forName("org.apache.spark.sql.delta.sources.DeltaSQLConf$");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    return SQLConf$.MODULE$.getConfigEntry(key);
  }

  @Test
  void everyInternalSettingTheJobNamesIsInternalSettingsOwnAndEveryOneThereIsInternal() throws IOException {
    Map<String, TreeSet<String>> named = keysInSources();
    assertThat(named).as("the scan finds the job's settings").containsKeys("spark.sql.shuffle.partitions",
        "spark.sql.adaptive.enabled");
    for (Map.Entry<String, TreeSet<String>> key : named.entrySet()) {
      ConfigEntry<?> entry = entry(key.getKey());
      if (entry != null && !entry.isPublic()) {
        assertThat(key.getValue()).as(key.getKey() + ": an internal setting, named outside InternalSettings")
            .containsExactly("InternalSettings.java");
      }
    }
    for (String key : InternalSettings.keys()) {
      ConfigEntry<?> entry = entry(key);
      assertThat(entry).as(key + ": a setting Spark or Delta knows").isNotNull();
      assertThat(entry.isPublic()).as(key + ": public, so not InternalSettings'").isFalse();
    }
  }

  @Test
  void theSwitchLeavesOutEveryInternalSettingButTheCatalogs() {
    Map<String, String> catalog = Map.of("spark.sql.catalogImplementation", "in-memory");
    assertThat(InternalSettings.forSession(true, false)).isEqualTo(catalog);
    assertThat(InternalSettings.forSession(false, false)).isEqualTo(catalog);
    assertThat(InternalSettings.interpreted(false)).isEmpty();
    // On: every one of them in a local session; on a cluster, Delta's log replay keeps its own sizing.
    TreeSet<String> local = new TreeSet<>(InternalSettings.forSession(true, true).keySet());
    local.addAll(InternalSettings.interpreted(true).keySet());
    assertThat(local).isEqualTo(InternalSettings.keys());
    assertThat(InternalSettings.forSession(false, true)).doesNotContainKey("spark.databricks.delta.snapshotPartitions");
  }
}
