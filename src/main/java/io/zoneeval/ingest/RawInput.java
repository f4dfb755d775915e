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
    List<Split> splits,
    IdHashes ids) {

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
    this(file, path, sizeBytes, sha256, charset, header, positions, List.of(), null);
  }

  /**
   * The ids of a file whose records are keyed by one column of text, as the record check reads them
   * (stripped), hashed to longs ({@link IdHash}) during the driver's pass over the bytes: {@code all}
   * sorted and distinct, {@code repeated} the hashes of more than one record. Only the records of
   * repeated hashes can be duplicates, so the rest of a large file is judged in one pass.
   */
  public record IdHashes(long[] all, long[] repeated) implements java.io.Serializable {
    public boolean contains(long hash) {
      return java.util.Arrays.binarySearch(all, hash) >= 0;
    }
  }

  /** A problem with a whole input file: it stops the run before any table is touched. */
  public static final class InputException extends RuntimeException {
    public InputException(String message) {
      super(message);
    }
  }

  /** How a file is read: split size, the id column to hash (or null), where to copy its bytes (or null). */
  public record Options(long splitBytes, String idColumn, Path copyTo) {
    public static Options plain() {
      return new Options(DEFAULT_SPLIT_BYTES, null, null);
    }
  }

  /** Checks one file of the contract in {@code dir}; a missing or malformed file stops with one line. */
  public static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop) {
    return open(dir, file, charset, hadoop, Options.plain());
  }

  static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop, long splitBytes) {
    return open(dir, file, charset, hadoop, new Options(splitBytes, null, null));
  }

  /**
   * Checks one file (present, charset, header), then reads it once on the driver: its checksum, the
   * byte ranges executors read, the hashes of its ids ({@code options.idColumn}) and, when
   * {@code options.copyTo} is set, a copy of its bytes there.
   */
  public static RawInput open(String dir, RawFile file, Charset charset, Configuration hadoop, Options options) {
    return open(new Path(dir, file.fileName()), file, charset, hadoop, options);
  }

  /** As {@link #open(String, RawFile, Charset, Configuration, Options)}, for a file of any name (bronze's copy). */
  public static RawInput open(Path path, RawFile file, Charset charset, Configuration hadoop, Options options) {
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
      int idPosition = options.idColumn() == null ? -1 : header.indexOf(options.idColumn());
      Scan scan = scan(fs, path, options.splitBytes(), idPosition, charset, options.copyTo());
      return new RawInput(file, qualified, status.getLen(), scan.sha256(), charset.name(), header, positions,
          scan.splits(), scan.ids());
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

  /** What the driver's one pass over a file finds: its checksum, where executors may start reading, its ids. */
  record Scan(String sha256, List<Split> splits, IdHashes ids) {}

  static Scan scan(FileSystem fs, Path path, long splitBytes) throws IOException {
    return scan(fs, path, splitBytes, -1, java.nio.charset.StandardCharsets.UTF_8, null);
  }

  /**
   * One sequential pass over the bytes: the SHA-256 of the delivery, record boundaries about every
   * {@code splitBytes}, each with its line number, the hashes of the field at {@code idPosition} of every
   * record (when not negative), and a copy of the bytes at {@code copyTo} (when set). A boundary is a line
   * end outside any quoted field, judged with the quoting rules of {@link CsvRecords#split} on bytes (the
   * quote 0x22, comma 0x2C and line feed 0x0A never occur inside a multi-byte character of UTF-8 or GBK).
   * After a quoted field that stays open longer than {@link CsvRecords#MAX_LINES_PER_RECORD} lines or
   * {@link CsvRecords#MAX_RECORD_CHARS} bytes (which CsvRecords takes as a runaway quote and reads
   * differently) no further boundary is placed, and the ids are not trusted, nor after a quote still open
   * at the end of the file: every record of the file is then a candidate duplicate.
   */
  static Scan scan(FileSystem fs, Path path, long splitBytes, int idPosition, Charset charset, Path copyTo)
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
    IdHash.Collector ids = idPosition < 0 ? null : new IdHash.Collector(charset);
    int field = 0;
    try (InputStream in = fs.open(path)) {
      int n;
      byte[] buffer;
      while ((n = in.readNBytes(buffer = worker.nextBuffer(), 0, ChunkWorker.CHUNK)) > 0) {
        worker.submit(buffer, n);
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          boolean inId = ids != null && field == idPosition && rangeStart >= 0;
          if (b > '"' && b != ',' && !quoted && !quotePending) {
            // Most bytes: an ASCII character outside quotes that is neither a separator nor white space (all
            // of those are at most '"'). It belongs to the field, which is then not blank. Judged first and
            // cheaply: this loop runs before the optimising compiler has compiled it (docs/performance.md).
            if (inId) {
              ids.add(b);
            }
            fieldBlank.notBlank();
            continue;
          }
          if (quotePending) {
            quotePending = false;
            if (b == '"') {
              if (inId) {
                ids.add(b);
              }
              fieldBlank.add(b); // a doubled quote inside a quoted field: a quote character of the field
              continue;
            }
            quoted = false; // the quote closed the field; b is read as outside quotes below
          }
          if (quoted) {
            if (inId) {
              ids.add(b);
            }
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
            if (ids != null && rangeStart >= 0) {
              ids.endRecord();
            }
            field = 0;
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
            field++;
          } else {
            if (inId) {
              ids.add(b);
            }
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
    } catch (IOException | RuntimeException | Error e) {
      if (ids != null) {
        ids.close();
      }
      throw e;
    } finally {
      worker.close();
    }
    if (ids != null && rangeStart >= 0) {
      ids.endRecord();
    }
    if (rangeStart >= 0 && rangeStart < position) {
      splits.add(new Split(rangeStart, position, rangeLine));
    }
    // A quote still open at the end: CsvRecords refuses its first line and reads the lines after it as
    // records, whose ids this pass took as quoted text.
    boolean openAtEnd = quoted && !quotePending;
    IdHashes hashes = ids == null || !regular || openAtEnd ? null : ids.finish();
    if (ids != null && hashes == null) {
      ids.close();
    }
    return new Scan(HexFormat.of().formatHex(digest.digest()), splits, hashes);
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
  private static boolean blank(byte b) {
    return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
  }

  /**
   * Whether the text of a field so far is blank as {@link CsvRecords#split} judges it ({@link String#isBlank}),
   * from its bytes: white space beyond ASCII (the ideographic space U+3000…) included, in the file's
   * charset, so that a quote after it opens a quoted field here as it does there.
   */
  private static final class BlankField {
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
