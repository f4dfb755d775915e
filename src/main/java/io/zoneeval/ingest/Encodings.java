package io.zoneeval.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The one charset mistake a line cannot see: a UTF-8 file read as GBK. UTF-8's Chinese bytes are, most
 * of the time, valid GBK too, so the file would decode into plausible garbage (鍏徃 for 公司) and be
 * accepted. A file whose non-ASCII bytes are all valid UTF-8 is therefore refused when another charset
 * is asked for (real GBK text is almost never valid UTF-8). The opposite mistake, GBK read as UTF-8,
 * leaves undecodable bytes on the lines that have them, which {@link CsvRecords} refuses line by line.
 */
public final class Encodings {
  private Encodings() {}

  /**
   * The first line (from 1) with non-ASCII bytes when the whole stream is valid UTF-8 and has some;
   * 0 when it is ASCII only or not valid UTF-8.
   */
  public static long utf8Evidence(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long line = 1;
    long firstNonAscii = 0;
    int pending = 0; // continuation bytes still expected
    int n;
    while ((n = in.read(buffer)) > 0) {
      for (int i = 0; i < n; i++) {
        int b = buffer[i] & 0xFF;
        if (pending > 0) {
          if (b < 0x80 || b > 0xBF) {
            return 0;
          }
          pending--;
          continue;
        }
        if (b < 0x80) {
          if (b == '\n') {
            line++;
          }
          continue;
        }
        if (b >= 0xC2 && b <= 0xDF) {
          pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          pending = 2;
        } else if (b >= 0xF0 && b <= 0xF4) {
          pending = 3;
        } else {
          return 0;
        }
        if (firstNonAscii == 0) {
          firstNonAscii = line;
        }
      }
    }
    return pending == 0 ? firstNonAscii : 0;
  }

  /** The one-line reason a file is refused for {@code charset}, or null when it may be read with it. */
  public static String misdeclared(String path, Charset charset, InputStream in) throws IOException {
    if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
      return null;
    }
    long line = utf8Evidence(in);
    return line == 0 ? null : path + ": line " + line + ": the file is UTF-8 (all its non-ASCII text is valid "
        + "UTF-8), not " + charset.name() + ": read as " + charset.name() + " it would be garbled; "
        + "use --encoding UTF-8";
  }
}
