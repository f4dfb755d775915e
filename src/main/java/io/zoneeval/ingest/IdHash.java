package io.zoneeval.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 64-bit hash of an id as the record check reads it (the field's text, unquoted and stripped of
 * white space by {@link String#strip}): the FNV-1a hash of its UTF-8 bytes. Equal ids hash equal, whether
 * the hash is taken from a file's bytes on the driver ({@link Collector}) or from a parsed field on an
 * executor ({@link #of(String)}); the rare different ids that hash alike are only looked at twice, never
 * judged duplicates (the judgement compares the ids). FNV-1a, one multiplication a byte, because the
 * driver hashes every id of a delivery as its bytes go by, before any executor can start: with Spark's
 * XXH64 over the collected field, hashing and sorting the ids of a large invoices.csv took longer than
 * reading it (docs/performance.md, "The driver's pass over invoices.csv").
 */
public final class IdHash {
  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private IdHash() {}

  /** The hash of an id as parsed (null or blank: no id, no hash). */
  public static Long of(String id) {
    if (id == null) {
      return null;
    }
    String stripped = id.strip();
    if (stripped.isEmpty()) {
      return null;
    }
    byte[] bytes = stripped.getBytes(StandardCharsets.UTF_8);
    return hash(bytes, 0, bytes.length);
  }

  static long hash(byte[] bytes, int from, int length) {
    long h = OFFSET_BASIS;
    for (int i = from; i < from + length; i++) {
      h = step(h, bytes[i]);
    }
    return h;
  }

  /** One byte of FNV-1a: the driver's {@link Collector} hashes with it as bytes arrive, so both agree. */
  private static long step(long h, byte b) {
    return (h ^ (b & 0xff)) * PRIME;
  }

  /**
   * Collects the id field of each record of a file as its bytes go by, and hashes it at the record's
   * end. The common field (ASCII, unquoted) is hashed as its bytes arrive, white space at either end left
   * out (its bytes are its UTF-8); any other is decoded with the file's charset and read as
   * {@link CsvRecords#split} reads a field. The hashes are kept in blocks, each sorted on a thread of its
   * own as soon as it is full, so that {@link #finish} only merges sorted runs.
   */
  static final class Collector implements AutoCloseable {
    static final int BLOCK = 1 << 20;
    private final Charset charset;
    private final int blockSize;
    private byte[] field = new byte[64];
    private int length;
    /** The field so far is ASCII without a quote, so hashed as it arrives. */
    private boolean plain = true;
    /** A byte other than white space has come: the hash runs from it. */
    private boolean started;
    private long running = OFFSET_BASIS;
    /** The hash up to the last byte other than white space: trailing white space is not the id's. */
    private long upToLast = OFFSET_BASIS;
    private final List<long[]> full = new ArrayList<>();
    private long[] block;
    private int inBlock;
    private java.util.concurrent.ExecutorService sorter;
    private final List<java.util.concurrent.Future<?>> sorting = new ArrayList<>();

    Collector(Charset charset) {
      this(charset, BLOCK);
    }

    Collector(Charset charset, int blockSize) {
      this.charset = charset;
      this.blockSize = blockSize;
      this.block = new long[blockSize];
    }

    void add(byte b) {
      if (length == field.length) {
        field = Arrays.copyOf(field, field.length * 2);
      }
      field[length++] = b;
      if (b < 0 || b == '"') {
        plain = false;
      }
      boolean white = ascii(b);
      if (!started && white) {
        return;
      }
      started = true;
      running = step(running, b);
      if (!white) {
        upToLast = running;
      }
    }

    void endRecord() {
      if (plain) {
        if (started) {
          append(upToLast);
        }
      } else {
        List<String> parts = CsvRecords.split(new String(field, 0, length, charset));
        Long hash = parts == null || parts.size() != 1 ? null : of(parts.get(0));
        if (hash != null) {
          append(hash);
        }
      }
      length = 0;
      plain = true;
      started = false;
      running = OFFSET_BASIS;
      upToLast = OFFSET_BASIS;
    }

    private void append(long hash) {
      block[inBlock++] = hash;
      if (inBlock == blockSize) {
        long[] done = block;
        if (sorter == null) {
          sorter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "raw-file-id-sort");
            t.setDaemon(true);
            return t;
          });
        }
        sorting.add(sorter.submit(() -> Arrays.sort(done)));
        full.add(done);
        block = new long[blockSize];
        inBlock = 0;
      }
    }

    /** The ASCII characters String.strip removes (Character.isWhitespace below 0x80). */
    private static boolean ascii(byte b) {
      return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }

    /** Every hash once, sorted, and those of more than one record. */
    RawInput.IdHashes finish() {
      for (java.util.concurrent.Future<?> f : sorting) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while sorting id hashes", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
      close();
      long[] sorted = new long[full.size() * blockSize + inBlock];
      int at = 0;
      for (long[] b : full) {
        System.arraycopy(b, 0, sorted, at, blockSize);
        at += blockSize;
      }
      System.arraycopy(block, 0, sorted, at, inBlock);
      // The last, partial block sorted too: then the array is sorted runs, one per block, which Java's sort
      // finds and merges (an unsorted tail would make it sort the whole array afresh).
      Arrays.sort(sorted, at, sorted.length);
      full.clear();
      block = null;
      Arrays.sort(sorted);
      int distinct = 0;
      int repeated = 0;
      long[] repeats = new long[16];
      for (int i = 0; i < sorted.length; i++) {
        if (i > 0 && sorted[i] == sorted[i - 1]) {
          if (repeated == 0 || repeats[repeated - 1] != sorted[i]) {
            if (repeated == repeats.length) {
              repeats = Arrays.copyOf(repeats, repeats.length * 2);
            }
            repeats[repeated++] = sorted[i];
          }
          continue;
        }
        sorted[distinct++] = sorted[i];
      }
      return new RawInput.IdHashes(Arrays.copyOf(sorted, distinct), Arrays.copyOf(repeats, repeated));
    }

    /** Stops the sorting thread (the hashes are then of no use unless {@link #finish} has run). */
    @Override
    public void close() {
      if (sorter != null) {
        sorter.shutdownNow();
        sorter = null;
      }
    }
  }
}
