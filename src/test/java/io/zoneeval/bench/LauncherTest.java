package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The floor's JVM is started as bin/zone-eval starts zone-eval's: pom.xml's opens, the same heap, the same extra options. */
class LauncherTest {
  private final Launcher project = Launcher.locate();

  @Test
  void theOptionsAreThePomsOpensTheHeapAndTheExtraOptions() {
    List<String> defaults = new Launcher(project.root(), Map.of()).jvmOptions();
    assertThat(defaults).contains("--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:+IgnoreUnrecognizedVMOptions")
        .endsWith("-XX:+UseParallelGC", "-Xmx4g");

    Launcher custom = new Launcher(project.root(), Map.of("ZONE_EVAL_HEAP", "6g",
        "ZONE_EVAL_JAVA_OPTS", " -XX:+UseParallelGC  -Dx=y "));
    assertThat(custom.jvmOptions()).endsWith("-Xmx6g", "-XX:+UseParallelGC", "-Dx=y");
    // A collector named in ZONE_EVAL_JAVA_OPTS replaces pom.xml's (two would stop the JVM at its start).
    assertThat(custom.jvmOptions()).containsOnlyOnce("-XX:+UseParallelGC");
    assertThat(new Launcher(project.root(), Map.of("ZONE_EVAL_JAVA_OPTS", "-XX:+UseG1GC")).jvmOptions())
        .contains("-XX:+UseG1GC").doesNotContain("-XX:+UseParallelGC");
    assertThat(new Launcher(project.root(), Map.of("ZONE_EVAL_CDS", "off")).classDataOptions()).isEmpty();
    assertThat(custom.heapBytes()).isEqualTo(6L << 30);
    assertThat(Launcher.bytes("4096m")).isEqualTo(4L << 30);
  }

  @Test
  void commandsAreShownAsTheLauncherNamesThem() {
    Launcher launcher = new Launcher(project.root(), Map.of());
    String cp = project.root().resolve("target/zone-eval.jar") + ":/m2/a.jar:/m2/b.jar";
    String shown = launcher.display(launcher.java(cp, Floor.class.getName(), List.of("/data", "/out")));
    // The class-data archive is there once bin/zone-eval has run after the last build.
    String archive = launcher.classDataOptions().isEmpty() ? ""
        : "-XX:SharedArchiveFile=target/zone-eval.jsa -Xlog:cds=off -Xlog:cds+dynamic=off ";
    assertThat(shown).isEqualTo("java $opens " + archive + "-XX:+UseParallelGC -Xmx4g -cp target/zone-eval.jar:$(cat target/classpath.txt)"
        + " io.zoneeval.bench.Floor /data /out");
    assertThat(launcher.display(launcher.zoneEval(List.of("evaluate", "--year", "2024", "--warehouse", "/wh"))))
        .isEqualTo("bin/zone-eval evaluate --year 2024 --warehouse /wh");
    assertThat(launcher.display(launcher.zoneEval(List.of("sql", "SELECT * FROM gold.zone_metrics", "--warehouse", "/wh"))))
        .isEqualTo("bin/zone-eval sql \"SELECT * FROM gold.zone_metrics\" --warehouse /wh");
  }
}
