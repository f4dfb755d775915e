package io.zoneeval.samples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one CSV file: header first, {@code \n} line ends, RFC 4180 quoting only where a field needs it.
 * Characters the charset cannot encode are an error, never replaced.
 */
final class CsvFile implements AutoCloseable {
  private final String name;
  private final Path path;
  private final Writer out;
  private final long startNanos = System.nanoTime();
  private long line;
  private final StringBuilder buf = new StringBuilder(256);

  CsvFile(Path dir, String name, Charset charset, String... header) {
    this.name = name;
    this.path = dir.resolve(name);
    CharsetEncoder encoder =
        charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), encoder), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path, e);
    }
    row((Object[]) header);
  }

  String name() {
    return name;
  }

  /** Writes a record; returns its line number (the header is line 1). */
  long row(Object... fields) {
    buf.setLength(0);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        buf.append(',');
      }
      appendField(buf, fields[i] == null ? "" : fields[i].toString());
    }
    return raw(buf);
  }

  /** Writes text as one line exactly as given (used for deliberately malformed lines). */
  long raw(CharSequence text) {
    try {
      out.append(text).append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    return ++line;
  }

  static void appendField(StringBuilder sb, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      sb.append(value);
      return;
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /** Lines after the header. */
  long dataRows() {
    return line - 1;
  }

  /** Closes the file and describes it. */
  SampleGenerator.FileStat finish() {
    close();
    try {
      return new SampleGenerator.FileStat(
          name, dataRows(), Files.size(path), (System.nanoTime() - startNanos) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }
}
