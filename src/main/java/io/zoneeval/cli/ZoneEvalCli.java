package io.zoneeval.cli;

import io.zoneeval.spark.Failures;
import io.zoneeval.spark.Verbosity;
import io.zoneeval.spark.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zone-eval}: the one entry point, locally through bin/zone-eval and on a cluster through spark-submit. */
@Command(
    name = "zone-eval",
    mixinStandardHelpOptions = true,
    versionProvider = ZoneEvalCli.VersionProvider.class,
    description = "Annual comprehensive evaluation (综合评价) of industrial concentration zones, on Spark and Delta Lake.",
    footer = {"", "In a checkout, bin/zone-eval also runs two tools that are not part of the job (nor of the cluster"
        + " jar): `generate` (sample raw records) and `bench` (the benchmark)."},
    subcommands = {IngestCommand.class, EvaluateCommand.class, PublishCommand.class, ApproveCommand.class,
        DiffCommand.class, WhatIfCommand.class, SensitivityCommand.class, RebuildCommand.class, SqlCommand.class,
        ShellCommand.class, ReportCommand.class,
        NotebookCommand.class, CatalogCommand.class, CommandLine.HelpCommand.class})
public final class ZoneEvalCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "On a failure, print the whole error (every cause and stack trace) and Spark's own task "
          + "failure reports, not only the one line that says where it stopped and why.")
  void setVerbose(boolean on) {
    if (on) {
      Verbosity.verbose();
    }
  }

  /** --verbose was given (anywhere on the command line), or ZONE_EVAL_DEBUG is set. */
  private static boolean verbose() {
    return System.getenv("ZONE_EVAL_DEBUG") != null || Verbosity.isVerbose();
  }

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
      String message = stop != null ? stop : Failures.oneLine(e);
      System.err.println("zone-eval: " + message.lines().findFirst().orElse(message));
      if (verbose()) {
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
    // Ctrl-C (or any signal that ends the JVM) while a command runs: a writer commits with its log row,
    // last, so what it wrote before is not committed and the next writer takes it back.
    java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!finished.get()) {
        System.err.println("zone-eval: stopped before it finished" + (SparkOptions.wroteAnything()
            ? ": nothing committed (an ingest or run is committed by its last step); run the command again when you "
                + "want it done" : ""));
      }
    }, "zone-eval-stopped"));
    int status = execute(args);
    finished.set(true);
    if (status == 0 && System.getProperty("spark.yarn.app.id") != null) {
      // YARN cluster mode: the ApplicationMaster runs main in a thread and reports success when it
      // returns; a System.exit, even exit(0), would be reported as a failure ("exited early") and retried.
      return;
    }
    System.exit(status);
  }
}
