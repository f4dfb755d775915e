package io.zoneeval.cli;

import io.zoneeval.spark.DriverFootprint;
import io.zoneeval.spark.Failures;
import io.zoneeval.spark.Verbosity;
import io.zoneeval.spark.Version;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zone-eval}: the one entry point, locally through bin/zone-eval and on a cluster through spark-submit. */
@Command(
    name = "zone-eval",
    mixinStandardHelpOptions = true,
    versionProvider = ZoneEvalCli.VersionProvider.class,
    description = "Annual comprehensive evaluation (综合评价) of industrial concentration zones, on Spark and Delta Lake.",
    footer = {"", "Several commands separated by a lone `" + ZoneEvalCli.NEXT_COMMAND + "` run one after another in one Spark"
        + " application, until one fails: on a cluster its executors start once, e.g. spark-submit ... zone-eval-cluster.jar"
        + " ingest --input D --years 2024 " + ZoneEvalCli.NEXT_COMMAND + " evaluate --year 2024.",
        "", "In a checkout, bin/zone-eval also runs two tools that are not part of the job (nor of the cluster"
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

  /** What separates the commands of one command line that run in one Spark application. */
  static final String NEXT_COMMAND = "---";

  /**
   * Runs a command line and returns its exit status; errors are one line on stderr. Several commands
   * separated by {@link #NEXT_COMMAND} run one after another, each in a session of its own on the first's
   * SparkContext (its settings and catalog its own, the executors shared), until one fails.
   */
  public static int execute(String... args) {
    List<List<String>> commands = new ArrayList<>(List.of(new ArrayList<>()));
    for (String arg : args) {
      if (arg.equals(NEXT_COMMAND)) {
        commands.add(new ArrayList<>());
      } else {
        commands.get(commands.size() - 1).add(arg);
      }
    }
    int status = 0;
    for (int i = 0; i < commands.size() && status == 0; i++) {
      if (i > 0) {
        nextSession();
      }
      status = executeOne(commands.get(i).toArray(String[]::new));
    }
    return status;
  }

  /** The next command's session: a new one on the running SparkContext (when a command started one). */
  private static void nextSession() {
    scala.Option<SparkSession> last = SparkSession.getActiveSession();
    if (last.isEmpty()) {
      last = SparkSession.getDefaultSession();
    }
    if (last.isDefined()) {
      SparkSession.setActiveSession(last.get().newSession());
    }
    DriverFootprint.nextCommand();
  }

  private static int executeOne(String... args) {
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
