package io.zoneeval.ingest;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.spark.ShippedConfiguration;
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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

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

  /** A file known by its header only (tests build records from lines held in memory). */
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

  /** How a file is read: split size, where to copy its bytes (or null). */
  public record Options(long splitBytes, Path copyTo) {
    public static Options plain() {
      return new Options(DEFAULT_SPLIT_BYTES, null);
    }
  }

  /** Checks one file of the contract in {@code dir}; a missing or malformed file stops with one line. */
  public static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop) {
    return open(dir, file, charset, hadoop, Options.plain());
  }

  static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop, long splitBytes) {
    return open(dir, file, charset, hadoop, new Options(splitBytes, null));
  }

  /**
   * Checks one file (present, charset, header), then reads it once, here: its checksum, the byte ranges
   * executors read and, when {@code options.copyTo} is set, a copy of its bytes there.
   */
  public static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop, Options options) {
    return open(new Path(dir, file.fileName()), file, charset, hadoop, options);
  }

  /** As {@link #open(String, RawFile, Charset, Configuration, Options)}, for a file of any name (bronze's copy). */
  public static RawInput open(Path path, RawFile file, Charset charset, Configuration hadoop, Options options) {
    return open(path, file, charset, hadoop, options, null);
  }

  /**
   * As {@link #open(Path, RawFile, Charset, Configuration, Options)}; with {@code spark}, the pass over the
   * file's bytes (the charset check, the checksum, the ranges, the copy) runs as a Spark task on an
   * executor, and the driver reads the header line only: a delivery's bytes never pass through it.
   */
  public static RawInput open(Path path, RawFile file, Charset charset, Configuration hadoop, Options options,
      SparkSession spark) {
    return openAll(List.of(new Opening(path, file, charset, options)), hadoop, spark).get(0);
  }

  /** A file to open: where it is, which file of the contract, its charset, how to read it. */
  public record Opening(Path path, RawFile file, Charset charset, Options options) {}

  /**
   * Opens several files: their headers here, then their passes over the bytes as one Spark job of a task
   * each (with {@code spark}; without, here, one after another). The first file refused stops them all.
   */
  public static List<RawInput> openAll(List<Opening> files, Configuration hadoop, SparkSession spark) {
    List<RawInput> headers = new ArrayList<>();
    List<FileWork> passes = new ArrayList<>();
    for (Opening o : files) {
      RawInput header = header(o, hadoop, spark);
      headers.add(header);
      String qualified = header.path();
      String shown = o.path().toString();
      String charsetName = o.charset().name();
      long splitBytes = o.options().splitBytes();
      String copyTo;
      try {
        copyTo = o.options().copyTo() == null ? null
            : o.options().copyTo().getFileSystem(hadoop).makeQualified(o.options().copyTo()).toString();
      } catch (IOException e) {
        throw new InputException(o.options().copyTo() + ": cannot be written: " + e.getMessage());
      }
      passes.add(conf -> {
        try {
          checkCharset(qualified, shown, charsetName, conf);
          Path p = new Path(qualified);
          return scan(p.getFileSystem(conf), p, splitBytes, Charset.forName(charsetName),
              copyTo == null ? null : new Path(copyTo));
        } catch (IOException e) {
          throw new InputException(shown + ": cannot be read: " + e.getMessage());
        }
      });
    }
    List<Scan> scans = run(spark, hadoop, passes);
    List<RawInput> opened = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      RawInput h = headers.get(i);
      Scan scan = scans.get(i);
      opened.add(new RawInput(h.file(), h.path(), h.sizeBytes(), scan.sha256(), h.charset(), h.header(),
          h.positions(), scan.splits()));
    }
    return opened;
  }

  /** A file's header checked here (its first line only): the file without its checksum and ranges yet. */
  private static RawInput header(Opening o, Configuration hadoop, SparkSession spark) {
    Path path = o.path();
    RawFile file = o.file();
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.exists(path)) {
        throw new InputException(path + ": missing input file (the contract needs " + file.fileName() + ")");
      }
      FileStatus status = fs.getFileStatus(path);
      // Qualified: an executor resolves a relative path against its own working folder, not the driver's.
      String qualified = fs.makeQualified(path).toString();
      try {
        String headerLine;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(path), o.charset()))) {
          headerLine = reader.readLine();
        }
        if (headerLine == null || headerLine.isBlank()) {
          throw new InputException(path + ": empty file, expected the header " + String.join(",", file.columns()));
        }
        List<String> header = parseHeader(path, headerLine);
        int[] positions = positions(path, file, header);
        return new RawInput(file, qualified, status.getLen(), null, o.charset().name(), header, positions);
      } catch (InputException wrongHeader) {
        // A header that reads wrong may be a UTF-8 file read with another charset: that is the reason to give.
        String shown = path.toString();
        String charsetName = o.charset().name();
        run(spark, hadoop, List.of(conf -> {
          try {
            checkCharset(qualified, shown, charsetName, conf);
          } catch (IOException e) {
            throw new InputException(shown + ": cannot be read: " + e.getMessage());
          }
          return null;
        }));
        throw wrongHeader;
      }
    } catch (IOException e) {
      throw new InputException(path + ": cannot be read: " + e.getMessage());
    }
  }

  /** Work on a file's bytes; a problem with the file is an {@link InputException}. */
  interface FileWork extends java.io.Serializable {
    Scan apply(Configuration hadoop);
  }

  /**
   * Runs each of {@code works} here (no {@code spark}) or as one Spark job with a task each, on the
   * executors; a problem with a file comes back as its one line, not as a failed task (nor retried).
   */
  private static List<Scan> run(SparkSession spark, Configuration hadoop, List<FileWork> works) {
    List<Scan> out = new ArrayList<>();
    if (spark == null) {
      works.forEach(w -> out.add(w.apply(hadoop)));
      return out;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ShippedConfiguration> conf = jsc.broadcast(new ShippedConfiguration(hadoop));
    try {
      List<Object> outcomes = jsc.parallelize(works, Math.max(1, works.size())).map(w -> {
        try {
          Scan scan = w.apply(conf.value().value());
          return scan == null ? (Object) Boolean.TRUE : scan;
        } catch (InputException e) {
          return e.getMessage();
        }
      }).collect();
      for (Object outcome : outcomes) {
        if (outcome instanceof String refused) {
          throw new InputException(refused);
        }
        out.add(outcome instanceof Scan scan ? scan : null);
      }
      return out;
    } finally {
      conf.destroy();
    }
  }

  /** Refuses a UTF-8 file delivered as another charset ({@link Encodings#misdeclared}). */
  static void checkCharset(String path, String shown, String charsetName, Configuration hadoop) throws IOException {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(hadoop).open(p)) {
      String misdeclared = Encodings.misdeclared(shown, Charset.forName(charsetName), in);
      if (misdeclared != null) {
        throw new InputException(misdeclared);
      }
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

  /** What the one pass over a file finds: its checksum and where executors may start reading. */
  record Scan(String sha256, List<Split> splits) implements java.io.Serializable {}

  static Scan scan(FileSystem fs, Path path, long splitBytes) throws IOException {
    return scan(fs, path, splitBytes, java.nio.charset.StandardCharsets.UTF_8, null);
  }

  /**
   * One sequential pass over the bytes: the SHA-256 of the delivery, record boundaries about every
   * {@code splitBytes}, each with its line number, and a copy of the bytes at {@code copyTo} (when set). A boundary is a line
   * end outside any quoted field, judged with the quoting rules of {@link CsvRecords#split} on bytes (the
   * quote 0x22, comma 0x2C and line feed 0x0A never occur inside a multi-byte character of UTF-8 or GBK).
   * After a quoted field that stays open longer than {@link CsvRecords#MAX_LINES_PER_RECORD} lines or
   * {@link CsvRecords#MAX_RECORD_CHARS} bytes (which CsvRecords takes as a runaway quote and reads
   * differently) no further boundary is placed.
   */
  static Scan scan(FileSystem fs, Path path, long splitBytes, Charset charset, Path copyTo)
      throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // The checksum and the copy of each chunk are taken on a second thread while this one reads the
    // chunk's records: the executors wait for this pass, and SHA-256 and the copy are work a second core
    // can do beside it (docs/performance.md, "Kernel page faults, BigDecimal, a single-threaded checksum").
    ChunkWorker worker = new ChunkWorker(digest, copyTo == null ? null : fs.create(copyTo, true));
    List<Split> splits = new ArrayList<>();
    long position = 0;
    long line = 1;
    long rangeStart = -1;
    long rangeLine = 0;
    boolean quoted = false;
    boolean quotePending = false;
    BlankField fieldBlank = new BlankField(charset);
    int quotedLines = 0;
    long recordStart = 0;
    boolean regular = true;
    try (InputStream in = fs.open(path)) {
      int n;
      byte[] buffer;
      while ((n = in.readNBytes(buffer = worker.nextBuffer(), 0, ChunkWorker.CHUNK)) > 0) {
        worker.submit(buffer, n);
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b > '"' && b != ',' && !quoted && !quotePending) {
            // Most bytes: an ASCII character outside quotes that is neither a separator nor white space (all
            // of those are at most '"'). It belongs to the field, which is then not blank. Judged first and
            // cheaply: this loop runs before the optimising compiler has compiled it (docs/performance.md).
            fieldBlank.notBlank();
            continue;
          }
          if (quotePending) {
            quotePending = false;
            if (b == '"') {
              fieldBlank.add(b); // a doubled quote inside a quoted field: a quote character of the field
              continue;
            }
            quoted = false; // the quote closed the field; b is read as outside quotes below
          }
          if (quoted) {
            if (b == '"') {
              quotePending = true;
            } else {
              if (b == '\n') {
                line++;
                // A record still open after more lines, or more bytes (never fewer than its characters), than
                // CsvRecords joins is refused at its first line, and the lines after it are read as records.
                if (++quotedLines >= CsvRecords.MAX_LINES_PER_RECORD - 1
                    || position + i - recordStart > CsvRecords.MAX_RECORD_CHARS) {
                  regular = false;
                }
              }
              fieldBlank.add(b);
            }
            continue;
          }
          if (b == '\n') {
            line++;
            quotedLines = 0;
            fieldBlank.reset();
            recordStart = position + i + 1;
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
            fieldBlank.reset();
          } else {
            if (b == '"' && fieldBlank.blank()) {
              quoted = true;
            } else {
              fieldBlank.add(b);
            }
          }
        }
        position += n;
      }
      worker.finish();
    } finally {
      worker.close();
    }
    if (rangeStart >= 0 && rangeStart < position) {
      splits.add(new Split(rangeStart, position, rangeLine));
    }
    return new Scan(HexFormat.of().formatHex(digest.digest()), splits);
  }

  /**
   * Takes the checksum of a file's chunks and writes them to its copy, in order, on a thread of its own,
   * while the caller reads them: the caller gets a chunk to fill ({@link #nextBuffer}), hands it over
   * ({@link #submit}) and may read it meanwhile; a buffer comes back for filling only once this worker is
   * done with it. An error of the copy is the caller's at its next call.
   */
  private static final class ChunkWorker implements java.io.Closeable {
    static final int CHUNK = 1 << 20;
    private static final int BUFFERS = 4;
    private final MessageDigest digest;
    private final java.io.OutputStream copy;
    private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "raw-file-checksum");
      t.setDaemon(true);
      return t;
    });
    private final byte[][] buffers = new byte[BUFFERS][];
    private final java.util.concurrent.Future<?>[] pending = new java.util.concurrent.Future<?>[BUFFERS];
    private int next;
    private boolean closed;

    ChunkWorker(MessageDigest digest, java.io.OutputStream copy) {
      this.digest = digest;
      this.copy = copy;
    }

    byte[] nextBuffer() throws IOException {
      int slot = next % BUFFERS;
      await(slot);
      if (buffers[slot] == null) {
        buffers[slot] = new byte[CHUNK];
      }
      return buffers[slot];
    }

    void submit(byte[] buffer, int length) {
      int slot = next++ % BUFFERS;
      pending[slot] = thread.submit(() -> {
        digest.update(buffer, 0, length);
        if (copy != null) {
          copy.write(buffer, 0, length);
        }
        return null;
      });
    }

    /** Waits for every chunk; the checksum is then complete and the copy written. */
    void finish() throws IOException {
      for (int slot = 0; slot < BUFFERS; slot++) {
        await(slot);
      }
      closeCopy();
    }

    private void closeCopy() throws IOException {
      if (copy != null && !closed) {
        closed = true;
        copy.close();
      }
    }

    private void await(int slot) throws IOException {
      if (pending[slot] == null) {
        return;
      }
      try {
        pending[slot].get();
        pending[slot] = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while copying a delivered file");
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    /** Stops the thread; after an error, the copy is closed as it is (the caller discards it). */
    @Override
    public void close() throws IOException {
      thread.shutdownNow();
      closeCopy();
    }
  }

  /** Whitespace as {@link String#isBlank} sees it, for the bytes that are characters of their own. */
  static boolean blank(byte b) {
    return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
  }

  /**
   * Whether the text of a field so far is blank as {@link CsvRecords#split} judges it ({@link String#isBlank}),
   * from its bytes: white space beyond ASCII (the ideographic space U+3000…) included, in the file's
   * charset, so that a quote after it opens a quoted field here as it does there.
   */
  static final class BlankField {
    private final byte[][] wide;
    private final byte[] partial = new byte[8];
    private int length;
    private boolean blank = true;

    BlankField(Charset charset) {
      List<byte[]> encoded = new ArrayList<>();
      java.nio.charset.CharsetEncoder encoder = charset.newEncoder();
      for (char c = 0x80; c < 0xFFFF; c++) {
        if (Character.isWhitespace(c) && encoder.canEncode(c)) {
          encoded.add(String.valueOf(c).getBytes(charset));
        }
      }
      wide = encoded.toArray(byte[][]::new);
    }

    void reset() {
      blank = true;
      length = 0;
    }

    boolean blank() {
      return blank && length == 0;
    }

    /** An ASCII character that is not white space: what {@link #add} makes of it, without the work. */
    void notBlank() {
      blank = false;
    }

    void add(byte b) {
      if (!blank) {
        return;
      }
      if (length == 0 && b >= 0) {
        blank = RawInput.blank(b);
        return;
      }
      if (length == partial.length) {
        blank = false;
        return;
      }
      partial[length++] = b;
      boolean prefix = false;
      for (byte[] w : wide) {
        if (w.length >= length && java.util.Arrays.equals(w, 0, length, partial, 0, length)) {
          if (w.length == length) {
            length = 0; // a whole white space character
            return;
          }
          prefix = true;
        }
      }
      blank = prefix;
    }
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
