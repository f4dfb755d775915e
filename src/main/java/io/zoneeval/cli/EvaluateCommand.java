package io.zoneeval.cli;

import io.zoneeval.job.EvaluationJob;
import io.zoneeval.spark.Progress;
import io.zoneeval.publish.LeagueTable;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Sessions;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Ingest the raw records, validate them, score every zone and write the Delta tables; "
        + "prints the final order of the latest year evaluated.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--input", defaultValue = "data-samples", paramLabel = "DIR",
      description = "Folder with the twelve raw CSV files. Default: ${DEFAULT-VALUE}.")
  String input;

  @Option(names = "--year", paramLabel = "YYYY", description = "Evaluate only this year (default: every year of zones.csv).")
  Integer year;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rules file (default: the bundled rules/yangzhou.yaml).")
  Path rulesFile;

  @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "UTF-8|GBK",
      description = "Character set of the raw files. Default: ${DEFAULT-VALUE}.")
  String encoding;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    Charset charset;
    try {
      charset = Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--encoding " + encoding + ": unknown character set");
    }
    Rules rules = rulesFile == null ? Rules.defaults() : Rules.load(rulesFile);
    String rulesSha = sha256(rulesFile);
    SparkSession spark = sparkOptions.session("evaluate");
    Progress progress = new Progress(System.err);
    EvaluationJob.Outcome outcome = new EvaluationJob(spark, progress).run(new EvaluationJob.Request(
        input, sparkOptions.warehouse, year, rules, rulesFile == null ? null : rulesFile.toString(), rulesSha, charset));
    if (!spark.sparkContext().isLocal()) {
      // On a cluster, say where the work ran.
      progress.line("master %s, application %s, executors: %s", spark.sparkContext().master(),
          spark.sparkContext().applicationId(), String.join("; ", Sessions.executors(spark)));
    }
    int latest = outcome.years().get(outcome.years().size() - 1);
    LeagueTable.print(spark, sparkOptions.warehouse, latest, System.out);
    return 0;
  }

  static String sha256(Path file) throws IOException {
    byte[] bytes;
    if (file == null) {
      try (var in = Rules.class.getResourceAsStream(Rules.DEFAULT_RESOURCE)) {
        bytes = in.readAllBytes();
      }
    } else {
      bytes = Files.readAllBytes(file);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
