package io.zoneeval.cli;

import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.evaluate.EvaluateStage;
import io.zoneeval.ingest.Delivery;
import io.zoneeval.ingest.IngestStage;
import io.zoneeval.publish.LeagueTable;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate years from the warehouse (silver → gold) and print the final order of the last one. "
        + "With --input, ingest that delivery first and evaluate its years that have their prior year; with "
        + "neither --input nor --year, ingest and evaluate data-samples.")
public final class EvaluateCommand implements Callable<Integer> {
  static final String SAMPLES = "data-samples";

  @Option(names = "--input", paramLabel = "DIR", description = "A delivery to ingest first (see ingest).")
  String input;

  @Option(names = "--year", paramLabel = "A[-B]",
      description = "The year(s) to evaluate from the warehouse. Default with --input: the delivery's years that "
          + "have their prior year in silver.")
  String year;

  @Option(names = "--years", paramLabel = "A[-B]",
      description = "With --input: the years the delivery covers (2024 or 2022-2024), as ingest takes them. "
          + "Default: the years of its zones.csv; a delivery without zones.csv must name them.")
  String deliveryYears;

  @Option(names = "--allow-missing-prior-year",
      description = "Evaluate a year whose prior year's zones or roster silver lacks: growth and new above-size "
          + "firms are then undefined, and the rows say prior_year_missing.")
  boolean allowMissingPriorYear;

  @Option(names = "--reopen", paramLabel = "REASON",
      description = "Evaluate an approved year again (its result was final); the reason is recorded in "
          + "gold.publications.")
  String reopen;

  @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "UTF-8|GBK",
      description = "Character set of the delivery's files. Default: ${DEFAULT-VALUE}.")
  String encoding;

  @Mixin RulesOption rules;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    if (input == null && year == null) {
      input = SAMPLES;
    }
    Rules theRules = rules.rules();
    SparkSession spark = sparkOptions.writer("evaluate");
    Progress progress = new Progress(System.err);
    Warehouse warehouse = sparkOptions.warehouse(spark);
    EvaluateStage stage = new EvaluateStage(spark, warehouse, progress);
    Set<Integer> years = Delivery.parseYears(year);
    if (deliveryYears != null && input == null) {
      throw new IllegalArgumentException("--years names the years of a delivery: it goes with --input DIR "
          + "(the years to evaluate from the warehouse are --year)");
    }
    if (input != null) {
      IngestStage.Outcome ingested = IngestCommand.ingest(spark, sparkOptions, input, Delivery.parseYears(deliveryYears),
          IngestCommand.charset(encoding), rules, progress);
      if (years == null) {
        years = evaluable(stage, ingested.years(), theRules);
      }
    }
    if (reopen != null && reopen.isBlank()) {
      throw new IllegalArgumentException("--reopen needs a reason");
    }
    EvaluateStage.Outcome outcome = stage.evaluate(new EvaluateStage.Request(years, theRules, rules.file(),
        rules.sha256(), allowMissingPriorYear, reopen));
    SparkOptions.summariseCluster(spark, progress);
    int latest = outcome.years().get(outcome.years().size() - 1);
    LeagueTable.print(warehouse, outcome.runId(), outcome.versions().get(Tables.ZONE_RESULTS.qualifiedName()), latest,
        System.out);
    return 0;
  }

  /**
   * The delivery's years that can be evaluated (they have their prior year in silver); the others are
   * named on stderr with the reason. None: a one-line refusal.
   */
  private Set<Integer> evaluable(EvaluateStage stage, Set<Integer> delivered, Rules rules) {
    EvaluateStage.SilverYears silver = stage.silverYears(rules);
    Set<Integer> years = new TreeSet<>();
    List<String> skipped = new ArrayList<>();
    for (int y : delivered) {
      String missing = silver.missing(y, allowMissingPriorYear);
      if (missing == null) {
        years.add(y);
      } else {
        skipped.add(missing);
        System.err.println("zone-eval: not evaluated: " + missing);
      }
    }
    if (years.isEmpty()) {
      throw new EvaluateStage.Refused("ingested, but no year of the delivery can be evaluated: "
          + String.join("; ", skipped));
    }
    return years;
  }
}
