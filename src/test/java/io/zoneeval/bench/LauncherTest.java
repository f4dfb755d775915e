package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor's JVM is started as bin/zone-eval starts zone-eval's: pom.xml's opens, the same heap, the same
 * collector, huge pages and compiler, the same extra options.
 */
class LauncherTest {
  private final Launcher project = Launcher.locate();

  @Test
  void theOptionsAreThePomsOpensTheHeapAndTheExtraOptions() {
    List<String> writer = List.of("rebuild");
    List<String> defaults = new Launcher(project.root(), Map.of()).jvmOptions(writer);
    assertThat(defaults).contains("--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:+IgnoreUnrecognizedVMOptions")
        .endsWith(standard(List.of("-XX:+UseParallelGC"), "-Xmx4g"));

    Launcher custom = new Launcher(project.root(), Map.of("ZONE_EVAL_HEAP", "6g",
        "ZONE_EVAL_JAVA_OPTS", " -XX:+UseParallelGC  -Dx=y "));
    assertThat(custom.jvmOptions(writer)).endsWith("-Xmx6g", "-XX:+UseParallelGC", "-Dx=y");
    // A collector named in ZONE_EVAL_JAVA_OPTS replaces pom.xml's (two would stop the JVM at its start).
    assertThat(custom.jvmOptions(writer)).containsOnlyOnce("-XX:+UseParallelGC");
    assertThat(new Launcher(project.root(), Map.of("ZONE_EVAL_JAVA_OPTS", "-XX:+UseG1GC")).jvmOptions(writer))
        .contains("-XX:+UseG1GC").doesNotContain("-XX:+UseParallelGC");
    assertThat(new Launcher(project.root(), Map.of("ZONE_EVAL_CDS", "off")).classDataOptions()).isEmpty();
    assertThat(custom.heapBytes()).isEqualTo(6L << 30);
    assertThat(Launcher.bytes("4096m")).isEqualTo(4L << 30);
  }

  @TempDir Path smallDelivery;
  @TempDir Path largeDelivery;

  @Test
  void anIngestOfASmallDeliveryGetsTheQuickCompilerAloneALargeOneBoth() throws Exception {
    Launcher launcher = new Launcher(project.root(), Map.of());
    Files.writeString(smallDelivery.resolve("zones.csv"), "zone_id\nYZ01\n");
    // Sparse: 300 MB as a size, nothing on the disk.
    try (RandomAccessFile big = new RandomAccessFile(largeDelivery.resolve("invoices.csv").toFile(), "rw")) {
      big.setLength(300L << 20);
    }
    assertThat(options(launcher, "ingest", "--input", smallDelivery.toString()))
        .containsExactly(standard(List.of("-XX:+UseParallelGC"), QUICK));
    assertThat(options(launcher, "ingest", "--input", largeDelivery.toString()))
        .containsExactly(standard(List.of("-XX:+UseParallelGC")));
    assertThat(options(launcher, "evaluate", "--input=" + largeDelivery)).doesNotContain("-XX:TieredStopAtLevel=1");
    // A re-evaluation from silver gets C1, unless it ingests a large delivery first.
    assertThat(options(launcher, "evaluate", "--year", "2024"))
        .containsExactly(standard(List.of("-XX:+UseParallelGC"), QUICK));
    assertThat(options(launcher, "evaluate", "--year", "2024", "--input", largeDelivery.toString()))
        .containsExactly(standard(List.of("-XX:+UseParallelGC")));
  }

  @Test
  void hugePagesWhereTheKernelOffersThemAndTheMetaspaceThresholdUnlessTheCallerSaysOtherwise() {
    assertThat(options(new Launcher(project.root(), Map.of()), "sql", "SELECT 1")).containsExactly(
        standard(List.of("-XX:+UseParallelGC"), QUICK));
    // A word on huge pages in ZONE_EVAL_JAVA_OPTS (on or off) is the caller's: none added.
    assertThat(options(new Launcher(project.root(), Map.of("ZONE_EVAL_JAVA_OPTS", "-XX:-UseTransparentHugePages")),
        "sql", "SELECT 1")).containsExactly("-XX:+UseParallelGC", METASPACE, QUICK[0], QUICK[1]);
    // So is a metaspace threshold.
    assertThat(options(new Launcher(project.root(), Map.of("ZONE_EVAL_JAVA_OPTS", "-XX:MetaspaceSize=64m")),
        "ingest", "--input", smallDelivery.toString())).doesNotContain(METASPACE);
  }

  private static final String[] QUICK = {"-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m"};

  private static final String METASPACE = "-XX:MetaspaceSize=256m";

  /**
   * {@code before}, the huge-pages option where this machine's kernel gives transparent huge pages on
   * request (its "enabled" setting madvise or always: bin/jvm-options reads the same file), the metaspace
   * threshold, then {@code after}.
   */
  private static String[] standard(List<String> before, String... after) {
    List<String> all = new java.util.ArrayList<>(before);
    Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    try {
      if (Files.isReadable(setting) && Files.readString(setting).matches("(?s).*\\[(always|madvise)\\].*")) {
        all.add("-XX:+UseTransparentHugePages");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    all.add(METASPACE);
    all.addAll(List.of(after));
    return all.toArray(String[]::new);
  }

  /** The collector and compiler bin/zone-eval adds for these arguments (bin/jvm-options's lines). */
  private static List<String> options(Launcher launcher, String... args) {
    return launcher.collectorAndCompiler(List.of(args));
  }

  @Test
  void commandsAreShownAsTheLauncherNamesThem() {
    Launcher launcher = new Launcher(project.root(), Map.of());
    String cp = project.root().resolve("target/zone-eval.jar") + ":/m2/a.jar:/m2/b.jar";
    String shown = launcher.display(launcher.java(cp, Floor.class.getName(), smallDelivery, List.of("/data", "/out")));
    // The class-data archive is there once bin/zone-eval has run after the last build.
    String archive = launcher.classDataOptions().isEmpty() ? ""
        : "-XX:SharedArchiveFile=target/zone-eval.jsa -Xlog:cds=off -Xlog:cds+dynamic=off ";
    assertThat(shown).isEqualTo("java $opens " + archive + String.join(" ", standard(List.of("-XX:+UseParallelGC"),
        QUICK)) + " -Xmx4g -cp target/zone-eval.jar:$(cat target/classpath.txt)"
        + " io.zoneeval.bench.Floor /data /out");
    assertThat(launcher.display(launcher.zoneEval(List.of("evaluate", "--year", "2024", "--warehouse", "/wh"))))
        .isEqualTo("bin/zone-eval evaluate --year 2024 --warehouse /wh");
    assertThat(launcher.display(launcher.zoneEval(List.of("sql", "SELECT * FROM gold.zone_metrics", "--warehouse", "/wh"))))
        .isEqualTo("bin/zone-eval sql \"SELECT * FROM gold.zone_metrics\" --warehouse /wh");
  }
}
