package io.zoneeval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.ChildJvm;
import io.zoneeval.cycle.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a command finds its warehouse (--warehouse, else ZONE_EVAL_WAREHOUSE, else ./warehouse), that a
 * reader refuses one that is not there, and {@code zone-eval help}.
 */
class WarehouseOptionTest {
  @TempDir Path tmp;

  @Test
  void theDefaultIsTheEnvironmentsWarehouseElseTheWorkingDirectorysOwn() {
    assertThat(SparkOptions.defaultWarehouse(Map.of("ZONE_EVAL_WAREHOUSE", "/data/zone-eval")))
        .isEqualTo("/data/zone-eval");
    assertThat(SparkOptions.defaultWarehouse(Map.of("ZONE_EVAL_WAREHOUSE", " "))).isEqualTo("warehouse");
    assertThat(SparkOptions.defaultWarehouse(Map.of())).isEqualTo("warehouse");
  }

  @Test
  void everyReaderRefusesAWarehouseThatIsNotThereInOneLine() {
    String missing = tmp.resolve("no-such-warehouse").toString();
    List<List<String>> readers = List.of(
        List.of("sql", "SELECT 1"),
        List.of("shell"),
        List.of("report", "--year", "2024", "--out", tmp.resolve("out").toString()),
        List.of("notebook", "notebooks-exported/01-league-tables.sql"),
        List.of("diff", "--year", "2024"),
        List.of("catalog", "--ddl"));
    for (List<String> reader : readers) {
      List<String> args = new java.util.ArrayList<>(reader);
      args.addAll(List.of("--warehouse", missing));
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      assertThat(r.status()).as(reader.get(0)).isEqualTo(1);
      assertThat(r.err().lines().toList()).as(reader.get(0)).containsExactly(
          "zone-eval: " + missing + ": no such warehouse folder (--warehouse DIR or ZONE_EVAL_WAREHOUSE names it; "
              + "ingest or evaluate creates one)");
      assertThat(r.out()).as(reader.get(0)).isEmpty();
    }
    assertThat(tmp.resolve("no-such-warehouse")).doesNotExist();
  }

  /**
   * Several commands separated by a lone {@code ---}: one after another, each with its own options, until
   * one fails (the warehouses below are two, so each command's --warehouse was its own).
   */
  @Test
  void commandsSeparatedByThreeDashesRunOneAfterAnotherUntilOneFails() throws Exception {
    String first = java.nio.file.Files.createDirectories(tmp.resolve("first")).toString();
    String missing = tmp.resolve("missing").toString();
    Cli.Result both = Cli.run("sql", "SELECT 'one' AS a", "--warehouse", first, "---",
        "sql", "SELECT 'two' AS b", "--warehouse", first);
    assertThat(both.status()).as(both.err()).isZero();
    assertThat(both.outLines()).containsExactly("a", "one", "b", "two");
    Cli.Result stopped = Cli.run("sql", "SELECT 'one' AS a", "--warehouse", missing, "---",
        "sql", "SELECT 'two' AS b", "--warehouse", first);
    assertThat(stopped.status()).isEqualTo(1);
    assertThat(stopped.out()).isEmpty();
    assertThat(stopped.err()).contains("zone-eval: " + missing + ": no such warehouse folder");
  }

  /**
   * A JVM of its own, for its environment; it ends at the refusal, before any Spark session: about a second.
   * The environment names one warehouse; without --warehouse the command looks there, with it, there.
   */
  @Test
  void theEnvironmentVariableNamesTheWarehouseAndTheOptionWinsOverIt() throws Exception {
    String fromEnvironment = tmp.resolve("from-environment").toString();
    String given = tmp.resolve("given").toString();
    assertThat(child(fromEnvironment, "sql", "SELECT 1")).isEqualTo(
        "zone-eval: " + fromEnvironment + ": no such warehouse folder (--warehouse DIR or ZONE_EVAL_WAREHOUSE "
            + "names it; ingest or evaluate creates one)\nexit 1");
    assertThat(child(fromEnvironment, "sql", "SELECT 1", "--warehouse", given))
        .startsWith("zone-eval: " + given + ": no such warehouse folder").endsWith("\nexit 1");
  }

  private static String child(String environmentWarehouse, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
        ZoneEvalCli.class.getName(), args)).redirectErrorStream(true);
    builder.environment().put("ZONE_EVAL_WAREHOUSE", environmentWarehouse);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return out.strip() + "\nexit " + p.waitFor();
  }

  @Test
  void helpIsACommandForTheWholeUsageAndForOneCommand() {
    Cli.Result all = Cli.run("help");
    assertThat(all.status()).isZero();
    assertThat(all.out()).contains("Usage: zone-eval").contains("catalog").contains("shell").contains("help");
    Cli.Result one = Cli.run("help", "catalog");
    assertThat(one.status()).isZero();
    assertThat(one.out()).contains("Usage: zone-eval catalog").contains("--ddl").contains("--engine=ENGINE")
        .contains("ZONE_EVAL_WAREHOUSE");
  }
}
