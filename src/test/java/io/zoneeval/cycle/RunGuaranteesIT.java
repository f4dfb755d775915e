package io.zoneeval.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.ChildJvm;
import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.cli.ZoneEvalCli;
import io.zoneeval.rules.Rules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What no fault may change, with real processes: a writer frozen (SIGSTOP) in the middle of its gold
 * writes while two readers (in this, another, process) query the warehouse and a second writer tries
 * its luck, then killed (SIGKILL); a writer killed in the middle of an ingest. Readers see the committed
 * state, the report of the year is byte for byte what it was, and the next writer finishes with the values
 * of an undisturbed run.
 *
 * <p>How the protections were checked: with the run's log row written before the gold tables, the killed
 * run's rows showed in the readers' and the report's output (test 1 fails); without the writer
 * taking back a dead writer's versions, the next evaluation of 2023 alone carried the killed run's 2024
 * rows into a committed version (test 1 fails at its last comparison).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(5)
class RunGuaranteesIT {
  private static final SparkSession SPARK = SparkTestSession.get();
  @TempDir static Path tmp;
  private static Path warehouse;
  private static String committedRun;
  private static List<String> committedRuns;

  @BeforeAll
  static void copyTheSamplesWarehouse() throws IOException {
    warehouse = tmp.resolve("warehouse");
    copy(SamplesWarehouse.get(), warehouse);
    CommitLog log = CommitLog.read(new Warehouse(SPARK, warehouse.toString()));
    committedRun = log.latestRunOf(2024).orElseThrow().id();
    committedRuns = log.runs().stream().map(CommitLog.Run::id).toList();
  }

  @Test
  @Order(1)
  void aRunFrozenThenKilledInItsGoldWritesChangesNothingReadersOrTheReportSeeAndTheNextRunFinishes()
      throws Exception {
    byte[] before = report();
    Map<String, List<String>> gold = gold();
    Process writer = start("evaluate", "--year", "2024", "--warehouse", warehouse.toString());
    // Tables the run writes before its log row, each with rows of 2024 (the enterprise branch's come first).
    List<io.zoneeval.catalog.TableDef> results = List.of(Tables.ENTERPRISE_YEAR, Tables.enterpriseTiers(Rules.defaults()),
        Tables.ZONE_METRICS, Tables.ZONE_SCORES, Tables.ZONE_RESULTS);
    String line = awaitLine(writer, l -> results.stream().anyMatch(t -> l.contains("] gold " + t.name() + " ")));
    signal(writer, "STOP");
    try {
      // The frozen run has written gold versions that no committed run records. The gold tables are
      // written in parallel, so the table checked is the one whose step line came first.
      var first = results.stream()
          .filter(t -> line.contains("] gold " + t.name() + " ")).findFirst().orElseThrow();
      Warehouse w = new Warehouse(SPARK, warehouse.toString());
      long written = w.version(first);
      long committed = CommitLog.read(w).committedVersions().get(first.qualifiedName());
      assertThat(written).as(line).isGreaterThan(committed);

      // Two readers at once, in this JVM (another process than the writer's), each a session of its own.
      CompletableFuture<Cli.Result> a = CompletableFuture.supplyAsync(() -> Cli.run("sql",
          "SELECT DISTINCT run_id FROM " + first.qualifiedName() + " WHERE year = 2024", "--warehouse",
          warehouse.toString()));
      CompletableFuture<Cli.Result> b = CompletableFuture.supplyAsync(() -> Cli.run("sql",
          "SELECT DISTINCT run_id, publication_state FROM published.zone_results WHERE year = 2024",
          "--warehouse", warehouse.toString()));
      Cli.Result goldRead = a.get(5, TimeUnit.MINUTES);
      assertThat(goldRead.status()).as(goldRead.err()).isZero();
      assertThat(goldRead.outLines()).containsExactly("run_id", committedRun);
      Cli.Result published = b.get(5, TimeUnit.MINUTES);
      assertThat(published.status()).as(published.err()).isZero();
      assertThat(published.outLines()).containsExactly("run_id,publication_state", committedRun + ",draft");

      // A second writer fails at once, naming the one that holds the warehouse.
      Cli.Result second = Cli.run("evaluate", "--year", "2023", "--warehouse", warehouse.toString());
      assertThat(second.status()).isNotZero();
      assertThat(second.err()).containsPattern("is in use by another zone-eval process \\(zone-eval evaluate, pid [0-9]+");
    } finally {
      // SIGKILL, in the middle of the gold writes.
      writer.destroyForcibly().waitFor();
    }
    assertThat(CommitLog.read(new Warehouse(SPARK, warehouse.toString())).runs()).extracting(CommitLog.Run::id)
        .containsExactlyElementsOf(committedRuns);
    assertThat(report()).isEqualTo(before);
    // The next run, of another year, takes back what the killed run left, then commits only its own year.
    Cli.ok("evaluate", "--year", "2023", "--warehouse", warehouse.toString());
    assertThat(gold()).isEqualTo(gold);
    assertThat(report()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void anIngestKilledHalfWayLeavesSilverAsItWasAndTheNextIngestFinishes() throws Exception {
    Warehouse w = new Warehouse(SPARK, warehouse.toString());
    var invoices = Tables.silver(RawFile.INVOICES, Rules.defaults());
    long silverBefore = w.readYears(invoices, y -> true).count();
    // A delivery of 2024 whose invoices are all dated in another year: it would empty 2024's invoices.
    Path delivery = Files.createDirectories(tmp.resolve("empty-2024"));
    Files.writeString(delivery.resolve("invoices.csv"), "invoice_id,seller_uscc,issue_date,amount,tax_amount,status\n");
    Files.copy(Path.of("data-samples/tax_payments.csv"), delivery.resolve("tax_payments.csv"));
    Process writer = start("ingest", "--input", delivery.toString(), "--years", "2024", "--warehouse", warehouse.toString());
    awaitLine(writer, line -> line.contains("] silver invoices"));
    writer.destroyForcibly().waitFor();
    assertThat(Cli.sql(warehouse.toString(), "SELECT count(*) AS n FROM silver.invoices"))
        .containsExactly("n", String.valueOf(silverBefore));
    Cli.ok("ingest", "--input", delivery.toString(), "--years", "2024", "--warehouse", warehouse.toString());
    assertThat(w.readYears(invoices, y -> y == 2024).count()).isZero();
    assertThat(w.readYears(invoices, y -> y != 2024).count()).isPositive();
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static byte[] report() throws IOException {
    Path out = Files.createTempDirectory(tmp, "report");
    Cli.ok("report", "--year", "2024", "--out", out.toString(), "--warehouse", warehouse.toString());
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path f : s.sorted(Comparator.comparing(Path::toString)).toList()) {
        files.add(Files.readAllBytes(f));
      }
    }
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (byte[] f : files) {
      all.writeBytes(f);
    }
    return all.toByteArray();
  }

  /** The gold rows of every year, without their run. */
  private static Map<String, List<String>> gold() {
    Warehouse w = new Warehouse(SPARK, warehouse.toString());
    Map<String, List<String>> all = new TreeMap<>();
    for (var t : List.of(Tables.ZONE_METRICS, Tables.ZONE_SCORES, Tables.ZONE_RESULTS)) {
      all.put(t.qualifiedName(), w.readYears(t, y -> true).drop("run_id").collectAsList().stream()
          .map(Object::toString).sorted().toList());
    }
    return all;
  }

  private static List<String> command(String... args) {
    return ChildJvm.command(List.of("-Xmx1g"), ZoneEvalCli.class.getName(), args);
  }

  private static Process start(String... args) throws IOException {
    return new ProcessBuilder(command(args)).redirectErrorStream(true).start();
  }

  /** Reads the process's output until a line matches, returned (the rest is drained in the background). */
  private static String awaitLine(Process p, Predicate<String> at) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      if (at.test(line)) {
        Thread drain = new Thread(() -> {
          try {
            out.transferTo(java.io.Writer.nullWriter());
          } catch (IOException e) {
            // the process was killed
          }
        });
        drain.setDaemon(true);
        drain.start();
        return line;
      }
    }
    throw new AssertionError("the process ended before the line awaited:\n" + seen);
  }

  private static void signal(Process p, String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor()).isZero();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("_zone_eval.lock")) {
          Files.copy(p, target);
        }
      }
    }
  }
}
