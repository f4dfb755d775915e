package io.zoneeval.bronze;

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
    int[] positions) {

  /** A problem with a whole input file: it stops the run before any table is touched. */
  public static final class InputException extends RuntimeException {
    public InputException(String message) {
      super(message);
    }
  }

  /** Checks every file of the contract in {@code dir}; fails on the first one missing or malformed. */
  public static Map<RawFile, RawInput> open(String dir, Charset charset, Configuration hadoop) {
    Map<RawFile, RawInput> inputs = new LinkedHashMap<>();
    for (RawFile file : RawFile.values()) {
      inputs.put(file, open(dir, file, charset, hadoop));
    }
    return inputs;
  }

  static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop) {
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
      return new RawInput(file, qualified, status.getLen(), sha256(fs, path), charset.name(), header, positions);
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

  static String sha256(FileSystem fs, Path path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = fs.open(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
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
