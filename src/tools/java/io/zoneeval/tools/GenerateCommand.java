package io.zoneeval.tools;

import io.zoneeval.samples.GeneratorConfig;
import io.zoneeval.samples.SampleGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zone-eval generate}: writes a folder of sample raw records. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the twelve raw-record CSV files of the evaluation for a simulated Yangzhou (28 zones), with"
          + " deliberate edge cases and, unless --no-bad-rows, a few dozen rows the validator must quarantine.",
      "The same options always give byte-identical files."
    })
public final class GenerateCommand implements Callable<Integer> {
  private static final Pattern YEARS = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if missing).")
  Path out;

  @Option(names = "--enterprises", paramLabel = "N",
      description = "Distinct enterprises over all years (default: ${DEFAULT-VALUE}).")
  int enterprises = GeneratorConfig.DEFAULT_ENTERPRISES;

  @Option(names = "--invoices-per-year", paramLabel = "M",
      description = "Valid invoices per year, at least twice the enterprises (default: ${DEFAULT-VALUE}).")
  int invoicesPerYear = GeneratorConfig.DEFAULT_INVOICES_PER_YEAR;

  @Option(names = "--years", paramLabel = "A-B",
      description = "Years to generate, e.g. 2022-2024 or 2024 (default: ${DEFAULT-VALUE}).")
  String years = GeneratorConfig.DEFAULT_FIRST_YEAR + "-" + GeneratorConfig.DEFAULT_LAST_YEAR;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = GeneratorConfig.DEFAULT_SEED;

  @Option(names = "--encoding", paramLabel = "UTF-8|GBK", description = "File encoding (default: ${DEFAULT-VALUE}).")
  String encoding = "UTF-8";

  @Option(names = "--no-bad-rows", description = "Write only valid rows (no quarantine test rows).")
  boolean noBadRows;

  @Option(names = "--manifest", paramLabel = "FILE",
      description = "Also write the edge cases and bad rows (file, line, ids) as Markdown tables to FILE.")
  Path manifest;

  @Override
  public Integer call() throws IOException {
    GeneratorConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    SampleGenerator.Result result =
        new SampleGenerator(config)
            .generate(
                stat -> {
                  err.println(
                      String.format(
                          Locale.ROOT, "generate: %-26s %,10d rows  %6.2f s", stat.file(), stat.rows(), stat.seconds()));
                  err.flush();
                });
    if (manifest != null) {
      Path parent = manifest.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(manifest, result.manifestMarkdown(), StandardCharsets.UTF_8);
    }
    err.println(
        String.format(
            Locale.ROOT, "generate: wrote %d files to %s (%d deliberate bad rows)", result.files().size(), out,
            result.badRows()));
    err.flush();
    return 0;
  }

  GeneratorConfig config() {
    Matcher m = YEARS.matcher(years.trim());
    if (!m.matches()) {
      throw new ParameterException(spec.commandLine(), "--years must look like 2022-2024 or 2024: " + years);
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    Charset charset;
    if (encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8")) {
      charset = StandardCharsets.UTF_8;
    } else if (encoding.equalsIgnoreCase("GBK")) {
      charset = Charset.forName("GBK");
    } else {
      throw new ParameterException(spec.commandLine(), "--encoding must be UTF-8 or GBK: " + encoding);
    }
    try {
      return new GeneratorConfig(out, seed, enterprises, invoicesPerYear, first, last, charset, !noBadRows);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Runs the command alone, without the launcher (a test runs it so in a small heap). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCommand()).execute(args));
  }
}
