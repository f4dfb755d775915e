package io.zoneeval.cli;

import io.zoneeval.ingest.IngestStage;
import io.zoneeval.spark.Progress;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
    description = "Rebuild silver from bronze: every delivery ingested so far, replayed from its stored bytes in "
        + "the order it arrived. Evaluating afterwards gives the committed runs' results again.")
public final class RebuildCommand implements Callable<Integer> {
  @Mixin RulesOption rules;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = sparkOptions.writer("rebuild");
    IngestStage.Outcome outcome = new IngestStage(spark, sparkOptions.warehouse(spark), new Progress(System.err))
        .rebuild(rules.rules());
    System.err.println("[zone-eval] rebuild " + outcome.ingestId() + " committed: years " + outcome.years());
    return 0;
  }
}
