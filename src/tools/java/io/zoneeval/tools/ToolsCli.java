package io.zoneeval.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The tools of a checkout, which are not part of the job: {@code bin/zone-eval generate} and {@code bench}
 * run here, from target/test-classes with the test classpath (DuckDB included), so that neither the tools
 * nor DuckDB reach target/zone-eval.jar or the cluster jar.
 */
@Command(
    name = "zone-eval",
    mixinStandardHelpOptions = true,
    description = "The tools of a zone-eval checkout: sample data and the benchmark.",
    subcommands = {GenerateCommand.class, BenchCommand.class})
public final class ToolsCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** Runs a command line and returns its exit status; errors are one line on stderr, as zone-eval's are. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ToolsCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      System.err.println("zone-eval: " + message.lines().findFirst().orElse(message));
      if (System.getenv("ZONE_EVAL_DEBUG") != null) {
        e.printStackTrace();
      }
      return 1;
    });
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
