package io.zoneeval.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.ChildJvm;
import io.zoneeval.SparkTestSession;
import io.zoneeval.spark.Progress;
import io.zoneeval.ingest.CsvRecords;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.cli.ZoneEvalCli;
import io.zoneeval.rules.Rules;
import io.zoneeval.samples.GeneratorConfig;
import io.zoneeval.samples.SampleGenerator;
import io.zoneeval.ingest.Validation;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What no fault may change: re-deliveries, corrected files, SIGKILLed runs, concurrent runs, and the
 * machine's shape. One warehouse lives through the whole class, as a production one would:
 *
 * <ol>
 *   <li>a reference run of a generated input (with its deliberate bad rows);</li>
 *   <li>the same input again under a new folder, with invoices.csv corrected: only invoices are
 *       ingested again, their silver rows and rejects are replaced, everything else is unchanged;</li>
 *   <li>three runs of the original input, its lines shuffled, each killed with SIGKILL from outside (during
 *       bronze ingest, between silver and gold, in the middle of the gold writes); after each, every table
 *       reads, each gold year holds one run's rows, and the published results are still run 2's; two
 *       other evaluations started while the third runs fail at once with a message naming it;</li>
 *   <li>a rerun on one core with one shuffle partition, of the same shuffled lines: its gold tables are
 *       exactly the reference run's, and it read each file's records exactly once.</li>
 * </ol>
 *
 * <p>An integration test (run by {@code mvn -Pcluster verify}, as CI does): it starts six JVMs besides
 * its own and runs the job six times, three of them to the end.
 *
 * <p>How the tests were checked to fail without their protection: one run of this class against
 * {@code EvaluationJob} with three protections taken out at once (then restored):
 * <ul>
 *   <li>silver.rejects appended to instead of replaced for the years written: test 2 failed, the old
 *       file's rejects still there beside the corrected file's (two source files);</li>
 *   <li>the gold.runs row appended before the gold writes instead of after them: tests 4 and 5 failed,
 *       the killed run was in gold.runs ({@code expected: 0L but was: 1L});</li>
 *   <li>bronze rows of a delivery read from every run that appended them, not only the run the ledger
 *       names: test 6 failed, zones.csv read 110 records (55 accepted, 55 rejected as duplicates) where
 *       the reference read 55, because the run killed during bronze ingest had appended zones.csv too.</li>
 * </ul>
 * The lock is checked the same way in {@code WarehouseLockTest}. The determinism half of test 6 (one
 * core, one partition, shuffled lines) was not run against a broken version: its protections are the
 * duplicate rule's order by (file, line) and exact arithmetic throughout, and nothing here removes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(RunGuaranteesIT.SayHowItWent.class)
class RunGuaranteesIT {
  /** A line per test on stderr as it ends: the class runs for many minutes. */
  static final class SayHowItWent implements org.junit.jupiter.api.extension.TestWatcher {
    @Override
    public void testSuccessful(org.junit.jupiter.api.extension.ExtensionContext context) {
      System.err.println("[RunGuaranteesIT] passed: " + context.getDisplayName());
    }

    @Override
    public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
      String message = String.valueOf(cause.getMessage());
      System.err.println("[RunGuaranteesIT] FAILED: " + context.getDisplayName() + ": "
          + message.substring(0, Math.min(3000, message.length())));
    }
  }

  private static final Pattern RUN_LINE = Pattern.compile("\\] run (\\S+): input");
  private static final Rules RULES = Rules.defaults();

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path input;
  private static Path shuffled;
  private static Path warehouse;
  private static Warehouse tables;
  private static EvaluationJob.Outcome reference;
  private static Map<String, List<String>> referenceGold;
  private static Map<String, List<String>> publishedBeforeCrashes;

  @BeforeAll
  static void generateTheInput() throws IOException {
    spark = SparkTestSession.get();
    input = tmp.resolve("input");
    new SampleGenerator(GeneratorConfig.defaults(input).withEnterprises(300).withInvoicesPerYear(1000)
        .withYears(2023, 2024)).generate();
    shuffled = tmp.resolve("shuffled");
    shuffledCopy(input, shuffled, 7);
    warehouse = tmp.resolve("warehouse");
    tables = new Warehouse(spark, warehouse.toString());
  }

  @Test
  @Order(1)
  void referenceRun() {
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "4");
    try {
      reference = job().run(request(input));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
    referenceGold = TableRows.of(spark, tables, TableRows.GOLD);
    long zoneYears = reference.counts().stream().filter(c -> c.file() == RawFile.ZONES).findFirst().orElseThrow()
        .accepted();
    assertThat(referenceGold.get("gold.zone_results")).hasSize((int) zoneYears);
    assertThat(reference.counts()).allSatisfy(c -> assertThat(c.read()).isEqualTo(c.accepted() + c.rejected()));
  }

  @Test
  @Order(2)
  void aReDeliveryUnderANewNameIsNotIngestedAgainAndACorrectedFileReplacesItsRecordsAndRejects()
      throws IOException {
    Map<String, List<String>> before = TableRows.of(spark, tables, TableRows.rewritten(RULES));
    long deliveries = tables.read(Tables.DELIVERIES).count();
    Map<TableDef, Long> bronzeRows = new HashMap<>();
    for (RawFile f : RawFile.values()) {
      bronzeRows.put(Tables.bronze(f), tables.read(Tables.bronze(f)).count());
    }
    // The correction: one rejected invoice line is dropped, one accepted invoice gets a new amount.
    Row rejected = tables.read(Tables.REJECTS).filter("source = 'invoices' AND reason_code <> 'duplicate_id'")
        .orderBy("line").first();
    Row accepted = tables.read(Tables.silver(RawFile.INVOICES, RULES)).filter("year = 2024").orderBy("invoice_id")
        .first();
    String acceptedId = accepted.getString(accepted.fieldIndex("invoice_id"));
    Path corrected = tmp.resolve("corrected-delivery");
    copy(input, corrected);
    List<String> lines = new ArrayList<>(Files.readAllLines(corrected.resolve("invoices.csv"), StandardCharsets.UTF_8));
    int rejectedLine = (int) rejected.getLong(rejected.fieldIndex("line"));
    assertThat(lines.get(rejectedLine - 1)).isEqualTo(rejected.getString(rejected.fieldIndex("raw_text")));
    int header = 0;
    List<String> columns = CsvRecords.split(lines.get(header));
    int idColumn = columns.indexOf("invoice_id");
    int amountColumn = columns.indexOf("amount");
    String correctedLine = null;
    for (int i = 1; i < lines.size(); i++) {
      List<String> fields = CsvRecords.split(lines.get(i));
      if (fields != null && fields.size() == columns.size() && fields.get(idColumn).equals(acceptedId)) {
        List<String> changed = new ArrayList<>(fields);
        changed.set(amountColumn, "123456.78");
        correctedLine = String.join(",", changed);
        lines.set(i, correctedLine);
        break;
      }
    }
    assertThat(correctedLine).as("invoice %s in invoices.csv", acceptedId).isNotNull();
    lines.remove(rejectedLine - 1);
    Files.write(corrected.resolve("invoices.csv"), lines, StandardCharsets.UTF_8);

    EvaluationJob.Outcome outcome = job().run(request(corrected));

    // Eleven files are byte-identical under a new folder: recognised, not ingested again.
    assertThat(tables.read(Tables.DELIVERIES).count()).isEqualTo(deliveries + 1);
    for (RawFile f : RawFile.values()) {
      long now = tables.read(Tables.bronze(f)).count();
      if (f == RawFile.INVOICES) {
        assertThat(now).isEqualTo(bronzeRows.get(Tables.bronze(f)) + lines.size() - 1);
      } else {
        assertThat(now).as(f.fileName()).isEqualTo(bronzeRows.get(Tables.bronze(f)));
      }
    }
    Map<String, List<String>> after = TableRows.of(spark, tables, TableRows.rewritten(RULES));
    for (String changed : List.of("silver.invoices", "silver.rejects", "silver.enterprise_year",
        "gold.zone_metrics", "gold.zone_scores", "gold.zone_results")) {
      after.remove(changed);
      before.remove(changed);
    }
    TableRows.assertSame(after, before, "the tables the correction does not touch");
    // The corrected amount replaced the old one; the old file's rows and rejects are gone.
    var silverInvoices = tables.read(Tables.silver(RawFile.INVOICES, RULES));
    assertThat(silverInvoices.filter(org.apache.spark.sql.functions.col("invoice_id").equalTo(acceptedId))
        .select("amount").as(org.apache.spark.sql.Encoders.DECIMAL()).collectAsList())
        .usingElementComparator(java.math.BigDecimal::compareTo).containsExactly(new java.math.BigDecimal("123456.78"));
    assertThat(silverInvoices.select("_source_file").distinct().as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList()).singleElement().asString().endsWith("corrected-delivery/invoices.csv");
    var rejects = tables.read(Tables.REJECTS).filter("source = 'invoices'");
    assertThat(rejects.select("source_file").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .singleElement().asString().endsWith("corrected-delivery/invoices.csv");
    assertThat(rejects.filter(org.apache.spark.sql.functions.col("raw_text")
        .equalTo(rejected.getString(rejected.fieldIndex("raw_text")))).count()).isZero();
    assertThat(rejects.count()).isEqualTo(
        outcome.counts().stream().filter(c -> c.file() == RawFile.INVOICES).findFirst().orElseThrow().rejected());
  }

  @Test
  @Order(3)
  void aRunKilledDuringBronzeIngestLeavesThePublishedResultsIntact() throws Exception {
    publishedBeforeCrashes = TableRows.published(spark, tables);
    String killed = runAndKill(line -> line.contains("] bronze zones.csv"));
    assertConsistentAfterKill(killed);
  }

  @Test
  @Order(4)
  void aRunKilledBetweenSilverAndGoldLeavesThePublishedResultsIntact() throws Exception {
    String killed = runAndKill(line -> line.contains("] score "));
    assertConsistentAfterKill(killed);
  }

  @Test
  @Order(5)
  void aRunKilledInTheMiddleOfTheGoldWritesLeavesThePublishedResultsIntactAndRunsWaitTheirTurn()
      throws Exception {
    List<String> concurrent = new ArrayList<>();
    String killed = runAndKill(line -> line.contains("] gold zone_"), () -> {
      // While this run holds the warehouse, two more evaluations start: of the same year, and of another.
      for (String year : List.of("2024", "2023")) {
        concurrent.add(runToEnd("evaluate", "--input", input.toString(), "--warehouse", warehouse.toString(),
            "--year", year));
      }
    });
    assertThat(concurrent).hasSize(2).allSatisfy(out -> assertThat(out)
        .contains("exit 1")
        .containsPattern("zone-eval: warehouse .* is in use by another zone-eval process \\(zone-eval evaluate, pid [0-9]+"));
    assertConsistentAfterKill(killed);
  }

  @Test
  @Order(6)
  void aRerunOnOneCoreOfShuffledLinesGivesExactlyTheReferenceGoldAndReadsEachRecordOnce() throws Exception {
    String out = runToEnd("evaluate", "--input", shuffled.toString(), "--warehouse", warehouse.toString(),
        "--master", "local[1]", "--shuffle-partitions", "1");
    assertThat(out).contains("exit 0");
    Matcher m = RUN_LINE.matcher(out);
    assertThat(m.find()).isTrue();
    String rerun = m.group(1);

    TableRows.assertSame(TableRows.of(spark, tables, TableRows.GOLD), referenceGold, "gold after the rerun");
    for (TableDef t : TableRows.GOLD) {
      assertThat(tables.read(t).select("run_id").distinct().as(org.apache.spark.sql.Encoders.STRING())
          .collectAsList()).as(t.qualifiedName()).containsExactly(rerun);
    }
    // Bronze holds the shuffled files' rows of the killed runs too; the rerun read one copy of each.
    Row run = tables.read(Tables.RUNS).filter(org.apache.spark.sql.functions.col("run_id").equalTo(rerun)).first();
    List<Row> inputs = run.getList(run.fieldIndex("inputs"));
    Map<String, long[]> counts = new HashMap<>();
    for (Row in : inputs) {
      counts.put(in.getString(0), new long[] {in.getLong(5), in.getLong(6), in.getLong(7)});
    }
    for (EvaluationJob.FileCount c : reference.counts()) {
      assertThat(counts.get(c.file().fileName())).as(c.file().fileName())
          .containsExactly(c.read(), c.accepted(), c.rejected());
    }
    assertThat(tables.read(Tables.REJECTS).count())
        .isEqualTo(reference.counts().stream().mapToLong(EvaluationJob.FileCount::rejected).sum());
  }

  // ---------------------------------------------------------------------------------------------- checks

  /**
   * After a kill: every table reads at its latest version; in each gold table each year's rows come
   * from one run; the killed run never reached gold.runs; the results published by the last finished
   * run read exactly as before.
   */
  private static void assertConsistentAfterKill(String killed) {
    for (TableDef t : Tables.all(RULES)) {
      assertThat(tables.read(t).count()).as(t.qualifiedName()).isNotNegative();
    }
    for (TableDef t : TableRows.GOLD) {
      List<Row> mixed = tables.read(t).groupBy("year").agg(org.apache.spark.sql.functions.countDistinct("run_id")
          .as("runs")).filter("runs <> 1").collectAsList();
      assertThat(mixed).as(t.qualifiedName() + ": years holding rows of more than one run").isEmpty();
    }
    assertThat(tables.read(Tables.RUNS).filter(org.apache.spark.sql.functions.col("run_id").equalTo(killed))
        .count()).isZero();
    TableRows.assertSame(TableRows.published(spark, tables), publishedBeforeCrashes, "the published results");
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static EvaluationJob job() {
    return new EvaluationJob(spark, new Progress(System.err));
  }

  private static EvaluationJob.Request request(Path dir) {
    return new EvaluationJob.Request(dir.toString(), warehouse.toString(), null, RULES, null, "test",
        StandardCharsets.UTF_8);
  }

  private static List<String> javaCommand(String... args) {
    return ChildJvm.command(List.of("-Xmx1g"), ZoneEvalCli.class.getName(), args);
  }

  /** Runs zone-eval in another JVM to its end; its output, then "exit N". */
  private static String runToEnd(String... args) throws Exception {
    return ChildJvm.runToEnd(javaCommand(args));
  }

  private static String runAndKill(Predicate<String> killAt) throws Exception {
    return runAndKill(killAt, () -> {});
  }

  /**
   * Starts an evaluation of the shuffled input in another JVM and kills it with SIGKILL as soon as it
   * prints a line {@code killAt} accepts; {@code meanwhile} runs once the run has started. Returns the
   * killed run's id.
   */
  private static String runAndKill(Predicate<String> killAt, ThrowingRunnable meanwhile) throws Exception {
    Process p = new ProcessBuilder(javaCommand("evaluate", "--input", shuffled.toString(), "--warehouse",
        warehouse.toString())).redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Path log = tmp.resolve("killed-" + p.pid() + ".log");
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter w = new PrintWriter(Files.newBufferedWriter(log))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          w.println(line);
          w.flush();
          lines.add(line);
        }
      } catch (IOException e) {
        // The process is gone.
      }
    });
    reader.setDaemon(true);
    reader.start();
    String runId = null;
    boolean startedOthers = false;
    while (true) {
      String line = lines.poll(10, TimeUnit.MINUTES);
      assertThat(line).as("the run ended before the kill point; log " + log).isNotNull();
      Matcher m = RUN_LINE.matcher(line);
      if (runId == null && m.find()) {
        runId = m.group(1);
      }
      if (runId != null && !startedOthers) {
        startedOthers = true;
        meanwhile.run();
      }
      if (killAt.test(line)) {
        break;
      }
      assertThat(p.isAlive()).as("the run ended before the kill point; log " + log).isTrue();
    }
    // Process.destroyForcibly is SIGKILL on Unix: no shutdown hook, no finally block runs.
    p.destroyForcibly();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);
    return runId;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  /**
   * Copies every raw file with its records in a random order, except that records sharing a key keep
   * their order: "the first row stands" among duplicates is part of the contract, not an accident of
   * the order, so only the order the contract does not give meaning to is shuffled.
   */
  static void shuffledCopy(Path from, Path to, long seed) throws IOException {
    Files.createDirectories(to);
    Validation validation = new Validation(RULES);
    Random random = new Random(seed);
    for (RawFile file : RawFile.values()) {
      List<String> physical = Files.readAllLines(from.resolve(file.fileName()), StandardCharsets.UTF_8);
      List<String> header = CsvRecords.split(physical.get(0));
      List<CsvRecords.Line> numbered = new ArrayList<>();
      for (int i = 1; i < physical.size(); i++) {
        numbered.add(new CsvRecords.Line(i + 1, physical.get(i)));
      }
      List<CsvRecords.Record> records = new ArrayList<>();
      CsvRecords.records(numbered.iterator(), header.size()).forEachRemaining(records::add);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        CsvRecords.Record r = records.get(i);
        List<String> key = validation.key(file);
        if (r.fields() == null || key.isEmpty()) {
          keys.add("#" + i);
        } else {
          StringBuilder k = new StringBuilder();
          for (String column : key) {
            int at = header.indexOf(column);
            k.append(at < 0 ? "" : r.fields().get(at).strip()).append('\u0001');
          }
          keys.add(k.toString());
        }
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, random);
      // Records of one key go back, in file order, into the places the shuffle gave that key.
      Map<String, List<Integer>> byKey = new HashMap<>();
      for (int i = 0; i < records.size(); i++) {
        byKey.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(i);
      }
      Map<String, Integer> taken = new HashMap<>();
      List<String> out = new ArrayList<>();
      out.add(physical.get(0));
      for (int place : order) {
        String key = keys.get(place);
        int next = taken.merge(key, 1, Integer::sum) - 1;
        out.add(records.get(byKey.get(key).get(next)).text());
      }
      Files.write(to.resolve(file.fileName()), out, StandardCharsets.UTF_8);
    }
    assertThat(new File(to.toFile(), "zones.csv")).exists();
  }
}
