package io.zoneeval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ShellCommandTest {
  @Test
  void zoneEvalHasAShellCommandWithTheWarehouseAndRowCapOptions() {
    CommandLine cli = new CommandLine(new ZoneEvalCli());
    assertThat(cli.getSubcommands()).containsKey("shell");
    String usage = cli.getSubcommands().get("shell").getUsageMessage();
    assertThat(usage).contains("--warehouse=DIR").contains("--max-rows=N");
  }

  @Test
  void aRowCapBelowOneIsAUsageErrorBeforeAnySessionStarts() {
    CommandLine cli = new CommandLine(new ShellCommand());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("--max-rows", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--max-rows must be at least 1");
  }
}
