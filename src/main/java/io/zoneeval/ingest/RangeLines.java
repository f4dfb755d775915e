package io.zoneeval.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * The physical lines of one byte range of a file, numbered from the range's first line, decoded with the
 * file's charset. The range ends after a line feed (or at the end of the file), so no line is cut.
 */
final class RangeLines implements Iterator<CsvRecords.Line> {
  private final InputStream in;
  private final Charset charset;
  private long remaining;
  private long number;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private CsvRecords.Line next;

  RangeLines(String path, RawInput.Split split, Charset charset, Configuration conf) {
    this.charset = charset;
    this.remaining = split.end() - split.start();
    this.number = split.firstLine();
    try {
      Path p = new Path(path);
      FSDataInputStream stream = p.getFileSystem(conf).open(p);
      stream.seek(split.start());
      this.in = stream;
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot be read", e);
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = read();
    }
    return next != null;
  }

  @Override
  public CsvRecords.Line next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CsvRecords.Line l = next;
    next = null;
    return l;
  }

  private CsvRecords.Line read() {
    int length = 0;
    boolean any = false;
    try {
      while (true) {
        if (pos == limit) {
          if (remaining == 0) {
            break;
          }
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
          if (n <= 0) {
            remaining = 0;
            break;
          }
          remaining -= n;
          pos = 0;
          limit = n;
        }
        any = true;
        int start = pos;
        while (pos < limit && buffer[pos] != '\n') {
          pos++;
        }
        int chunk = pos - start;
        if (length + chunk > line.length) {
          line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
        }
        System.arraycopy(buffer, start, line, length, chunk);
        length += chunk;
        if (pos < limit) {
          pos++; // the line feed
          return new CsvRecords.Line(number++, new String(line, 0, length, charset));
        }
      }
      if (!any && length == 0) {
        in.close();
        return null;
      }
      in.close();
      return length == 0 && !any ? null : new CsvRecords.Line(number++, new String(line, 0, length, charset));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
