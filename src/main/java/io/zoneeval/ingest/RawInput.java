package io.zoneeval.ingest;

import io.zoneeval.catalog.RawFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One raw file of the input folder, checked before anything is written: it exists, its header names
 * every column of the contract (in any order, extra columns ignored), and its content has a checksum
 * that identifies a delivery, so that the same file ingested twice is recognised.
 *
 * <p>Uses Hadoop's file system API so that the input folder may be local, on HDFS or on S3.
 */
public record RawInput(
    RawFile file,
    String path,
    long sizeBytes,
    String sha256,
    String charset,
    List<String> header,
    int[] positions,
    List<Split> splits) {

  /** Byte ranges a file is read in when the caller does not say: Hadoop's usual block size. */
  public static final long DEFAULT_SPLIT_BYTES = 128L << 20;

  /**
   * A byte range of the file that starts at the start of a record, with the file's line number there:
   * executors read ranges directly, so line numbers need no extra pass and no record is cut in two.
   */
  public record Split(long start, long end, long firstLine) implements java.io.Serializable {}

  /** A file known by its header only (tests build bronze rows from lines held in memory). */
  public RawInput(RawFile file, String path, long sizeBytes, String sha256, String charset, List<String> header,
      int[] positions) {
    this(file, path, sizeBytes, sha256, charset, header, positions, List.of());
  }

  /** A problem with a whole input file: it stops the run before any table is touched. */
  public static final class InputException extends RuntimeException {
    public InputException(String message) {
      super(message);
    }
  }

  /** Checks every file of the contract in {@code dir}; fails on the first one missing or malformed. */
  public static Map<RawFile, RawInput> open(String dir, Charset charset, Configuration hadoop) {
    return open(dir, charset, hadoop, DEFAULT_SPLIT_BYTES);
  }

  /** The same, reading each file in ranges of about {@code splitBytes}. */
  public static Map<RawFile, RawInput> open(String dir, Charset charset, Configuration hadoop, long splitBytes) {
    Map<RawFile, RawInput> inputs = new LinkedHashMap<>();
    for (RawFile file : RawFile.values()) {
      inputs.put(file, open(dir, file, charset, hadoop, splitBytes));
    }
    return inputs;
  }

  static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop) {
    return open(dir, file, charset, hadoop, DEFAULT_SPLIT_BYTES);
  }

  static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop, long splitBytes) {
    Path path = new Path(dir, file.fileName());
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.exists(path)) {
        throw new InputException(path + ": missing input file (the contract needs " + file.fileName() + ")");
      }
      FileStatus status = fs.getFileStatus(path);
      try (InputStream in = fs.open(path)) {
        String misdeclared = Encodings.misdeclared(path.toString(), charset, in);
        if (misdeclared != null) {
          throw new InputException(misdeclared);
        }
      }
      String headerLine;
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(fs.open(path), charset))) {
        headerLine = reader.readLine();
      }
      if (headerLine == null || headerLine.isBlank()) {
        throw new InputException(path + ": empty file, expected the header " + String.join(",", file.columns()));
      }
      List<String> header = parseHeader(path, headerLine);
      int[] positions = positions(path, file, header);
      String qualified = fs.makeQualified(path).toString();
      Scan scan = scan(fs, path, splitBytes);
      return new RawInput(file, qualified, status.getLen(), scan.sha256(), charset.name(), header, positions,
          scan.splits());
    } catch (IOException e) {
      throw new InputException(path + ": cannot be read: " + e.getMessage());
    }
  }

  static List<String> parseHeader(Path path, String headerLine) {
    String line = headerLine;
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    List<String> fields = CsvRecords.split(CsvRecords.stripCr(line));
    if (fields == null) {
      throw new InputException(path + ": line 1: malformed header (unbalanced quote)");
    }
    List<String> header = new ArrayList<>();
    for (String f : fields) {
      header.add(f.trim().toLowerCase(Locale.ROOT));
    }
    return header;
  }

  static int[] positions(Path path, RawFile file, List<String> header) {
    List<String> missing = new ArrayList<>();
    int[] positions = new int[file.columns().size()];
    for (int i = 0; i < positions.length; i++) {
      String column = file.columns().get(i);
      positions[i] = header.indexOf(column);
      if (positions[i] < 0) {
        missing.add(column);
      } else if (header.lastIndexOf(column) != positions[i]) {
        throw new InputException(path + ": line 1: wrong header: column " + column + " appears twice");
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(path + ": line 1: wrong header: missing column(s) " + String.join(", ", missing)
          + " (expected " + String.join(",", file.columns()) + ", found " + String.join(",", header) + ")");
    }
    return positions;
  }

  /** What the driver's one pass over a file finds: its checksum and where executors may start reading. */
  record Scan(String sha256, List<Split> splits) {}

  /**
   * One sequential pass over the bytes: the SHA-256 of the delivery, and record boundaries about every
   * {@code splitBytes}, each with its line number. A boundary is a line end outside any quoted field,
   * judged with the quoting rules of {@link CsvRecords#split} on bytes (the quote 0x22, comma 0x2C and line
   * feed 0x0A never occur inside a multi-byte character of UTF-8 or GBK). After a quoted field that stays
   * open longer than {@link CsvRecords#MAX_LINES_PER_RECORD} lines (which CsvRecords takes as a runaway
   * quote and reads differently) no further boundary is placed: the rest of the file is one range.
   */
  static Scan scan(FileSystem fs, Path path, long splitBytes) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    List<Split> splits = new ArrayList<>();
    long position = 0;
    long line = 1;
    long rangeStart = -1;
    long rangeLine = 0;
    boolean quoted = false;
    boolean quotePending = false;
    boolean fieldBlank = true;
    int quotedLines = 0;
    boolean regular = true;
    try (InputStream in = fs.open(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (quotePending) {
            quotePending = false;
            if (b == '"') {
              continue; // a doubled quote inside a quoted field
            }
            quoted = false; // the quote closed the field; b is read as outside quotes below
          }
          if (quoted) {
            if (b == '"') {
              quotePending = true;
            } else {
              if (b == '\n') {
                line++;
                if (++quotedLines >= CsvRecords.MAX_LINES_PER_RECORD - 1) {
                  regular = false;
                }
              }
              fieldBlank &= blank(b);
            }
            continue;
          }
          if (b == '\n') {
            line++;
            quotedLines = 0;
            fieldBlank = true;
            long next = position + i + 1;
            if (rangeStart < 0) {
              // The end of the header line: the first range starts after it.
              rangeStart = next;
              rangeLine = line;
            } else if (regular && next - rangeStart >= splitBytes) {
              splits.add(new Split(rangeStart, next, rangeLine));
              rangeStart = next;
              rangeLine = line;
            }
          } else if (b == ',') {
            fieldBlank = true;
          } else if (b == '"' && fieldBlank) {
            quoted = true;
          } else {
            fieldBlank &= blank(b);
          }
        }
        position += n;
      }
    }
    if (rangeStart >= 0 && rangeStart < position) {
      splits.add(new Split(rangeStart, position, rangeLine));
    }
    return new Scan(HexFormat.of().formatHex(digest.digest()), splits);
  }

  /** Whitespace as {@link String#isBlank} sees it, for the bytes that are characters of their own. */
  private static boolean blank(byte b) {
    return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
  }

  /** Columns of the file beyond the contract's, which are ignored. */
  public List<String> extraColumns() {
    List<String> extra = new ArrayList<>(header);
    extra.removeAll(file.columns());
    return extra;
  }

  /** Identifies this delivery: the same bytes read with the same charset are the same delivery. */
  public String deliveryId() {
    return sha256 + ":" + charset.toLowerCase(Locale.ROOT);
  }
}
