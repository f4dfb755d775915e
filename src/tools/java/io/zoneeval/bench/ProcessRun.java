package io.zoneeval.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One command run as its own process and measured from the outside: wall time from the start of the
 * process to its end (JVM start included), its peak resident set, and every line it wrote, each stamped
 * with the time it arrived, so that a progress line's arrival is when its step ended. Everything the
 * process writes is kept in a log file, stamped.
 */
final class ProcessRun {
  /** A line of output and when it arrived, in seconds since the process started. */
  record Line(double at, String text) {}

  /** A finished process. */
  record Finished(List<String> command, int exitCode, double seconds, long peakRssBytes, List<Line> stderr,
      List<String> stdout, Path log) {
    /** The last lines of its output, for an error message. */
    String tail(int lines) {
      List<String> all = new ArrayList<>(stdout);
      stderr.forEach(l -> all.add(l.text()));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
  }

  private ProcessRun() {}

  /**
   * Runs {@code command} in {@code directory} and waits for it; {@code echo} sees every line of its stderr
   * as it arrives (the benchmark shows the progress lines while a long run goes on).
   */
  static Finished run(List<String> command, Path directory, Path log, Consumer<String> echo)
      throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    List<Line> stderr = Collections.synchronizedList(new ArrayList<>());
    List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    try (PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      logWriter.println("$ " + String.join(" ", command));
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
      process.getOutputStream().close();
      int exit;
      try (PeakRss rss = PeakRss.of(process.pid())) {
        Thread out = reader(process.getInputStream(), "out", start, logWriter, line -> stdout.add(line.text()));
        Thread err = reader(process.getErrorStream(), "err", start, logWriter, line -> {
          stderr.add(line);
          echo.accept(line.text());
        });
        exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.join();
        err.join();
        long peak = rss.peakBytes();
        synchronized (logWriter) {
          logWriter.printf(Locale.ROOT, "[%8.2f s] exit %d, peak RSS %,d bytes%n", seconds, exit, peak);
        }
        return new Finished(List.copyOf(command), exit, seconds, peak, List.copyOf(stderr), List.copyOf(stdout), log);
      }
    }
  }

  private static Thread reader(InputStream stream, String name, long start, PrintWriter log, Consumer<Line> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String text;
        while ((text = r.readLine()) != null) {
          Line line = new Line((System.nanoTime() - start) / 1e9, text);
          synchronized (log) {
            log.printf(Locale.ROOT, "[%8.2f s] %s | %s%n", line.at(), name, text);
          }
          sink.accept(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "bench-process-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
