package io.zoneeval.cli;

import io.zoneeval.spark.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zone-eval}: the one entry point, locally through bin/zone-eval and on a cluster through spark-submit. */
@Command(
    name = "zone-eval",
    mixinStandardHelpOptions = true,
    versionProvider = ZoneEvalCli.VersionProvider.class,
    description = "Annual comprehensive evaluation (综合评价) of industrial concentration zones, on Spark and Delta Lake.",
    subcommands = {IngestCommand.class, EvaluateCommand.class, PublishCommand.class, ApproveCommand.class,
        DiffCommand.class, RebuildCommand.class, SqlCommand.class, ShellCommand.class, ReportCommand.class,
        NotebookCommand.class,
        GenerateCommand.class, BenchCommand.class})
public final class ZoneEvalCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"zone-eval " + Version.current()};
    }
  }

  /** Runs a command line and returns its exit status; errors are one line on stderr. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ZoneEvalCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // A money sum out of range is raised inside Spark, which wraps it: its own line is found and shown.
      String stop = io.zoneeval.evaluate.EnterpriseYear.moneyStop(e);
      String message = stop != null ? stop : e.getMessage() == null ? e.toString() : e.getMessage();
      System.err.println("zone-eval: " + message.lines().findFirst().orElse(message));
      if (System.getenv("ZONE_EVAL_DEBUG") != null) {
        e.printStackTrace();
      }
      return 1;
    });
    try {
      return cli.execute(args);
    } finally {
      SparkOptions.releaseWarehouses();
    }
  }

  public static void main(String[] args) {
    int status = execute(args);
    if (status == 0 && System.getProperty("spark.yarn.app.id") != null) {
      // YARN cluster mode: the ApplicationMaster runs main in a thread and reports success when it
      // returns; a System.exit, even exit(0), would be reported as a failure ("exited early") and retried.
      return;
    }
    System.exit(status);
  }
}
