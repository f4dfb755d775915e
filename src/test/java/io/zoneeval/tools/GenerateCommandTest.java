package io.zoneeval.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path tmp;

  private int run(StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void writesTwelveFilesAndOneProgressLinePerFile() throws IOException {
    StringWriter err = new StringWriter();
    Path out = tmp.resolve("samples");
    Path manifest = tmp.resolve("manifest.md");
    int code =
        run(err, "--out", out.toString(), "--enterprises", "400", "--invoices-per-year", "1000", "--years",
            "2022-2024", "--seed", "7", "--manifest", manifest.toString());
    assertThat(code).as(err.toString()).isZero();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.count()).isEqualTo(12);
    }
    assertThat(err.toString().lines().filter(l -> l.startsWith("generate: ") && l.contains(" rows "))).hasSize(12);
    assertThat(err.toString()).contains("invoices.csv").contains("wrote 12 files");
    assertThat(Files.readString(manifest)).contains("### Bad rows");
  }

  @Test
  void gbkAndNoBadRowsAreHonoured() throws IOException {
    StringWriter err = new StringWriter();
    Path out = tmp.resolve("gbk");
    int code =
        run(err, "--out", out.toString(), "--enterprises", "300", "--invoices-per-year", "600", "--years", "2024",
            "--encoding", "GBK", "--no-bad-rows");
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(out.resolve("zones.csv"), Charset.forName("GBK"))).contains("工业集中区");
    assertThat(err.toString()).contains("(0 deliberate bad rows)");
  }

  @Test
  void rejectsBadOptionsWithAUsageError() {
    assertThat(run(new StringWriter(), "--enterprises", "400")).isEqualTo(CommandLine.ExitCode.USAGE);
    StringWriter err = new StringWriter();
    assertThat(run(err, "--out", tmp.toString(), "--years", "2024-2022")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("years");
    assertThat(run(new StringWriter(), "--out", tmp.toString(), "--years", "22-24"))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run(new StringWriter(), "--out", tmp.toString(), "--encoding", "Latin-1"))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run(new StringWriter(), "--out", tmp.toString(), "--enterprises", "1000", "--invoices-per-year", "10"))
        .isEqualTo(CommandLine.ExitCode.USAGE);
  }
}
