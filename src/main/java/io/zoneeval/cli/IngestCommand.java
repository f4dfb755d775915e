package io.zoneeval.cli;

import io.zoneeval.ingest.Delivery;
import io.zoneeval.ingest.IngestStage;
import io.zoneeval.spark.Progress;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest a delivery: any of the twelve raw files, for the years it covers, into bronze (the "
        + "files as delivered) and silver (their records checked; each file's records of those years replace "
        + "what silver held, the other years and files stay).")
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "DIR", description = "The delivery folder.")
  String input;

  @Option(names = "--years", paramLabel = "A[-B]",
      description = "The years the delivery covers (2024 or 2022-2024). Default: the years of its zones.csv; "
          + "a delivery without zones.csv must name them.")
  String years;

  @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "UTF-8|GBK",
      description = "Character set of the raw files. Default: ${DEFAULT-VALUE}.")
  String encoding;

  @Mixin RulesOption rules;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = sparkOptions.writer("ingest");
    Progress progress = new Progress(System.err);
    ingest(spark, sparkOptions, input, Delivery.parseYears(years), charset(encoding), rules, progress);
    SparkOptions.summariseCluster(spark, progress);
    return 0;
  }

  static IngestStage.Outcome ingest(SparkSession spark, SparkOptions options, String input,
      java.util.Set<Integer> years, Charset charset, RulesOption rules, Progress progress) {
    return new IngestStage(spark, options.warehouse(spark), progress)
        .ingest(new IngestStage.Request(input, years, charset, rules.rules()));
  }

  static Charset charset(String encoding) {
    try {
      return Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--encoding " + encoding + ": unknown character set");
    }
  }
}
