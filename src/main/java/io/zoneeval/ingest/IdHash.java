package io.zoneeval.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

/**
 * The 64-bit hash of an id as the record check reads it (the field's text, unquoted and stripped of
 * white space by {@link String#strip}): Spark's XXH64 of its UTF-8 bytes. Equal ids hash equal, whether
 * the hash is taken from a file's bytes on the driver ({@link Collector}) or from a parsed field on an
 * executor ({@link #of(String)}); the rare different ids that hash alike are only looked at twice, never
 * judged duplicates (the judgement compares the ids).
 */
public final class IdHash {
  private static final long SEED = 42L;

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
    return XXH64.hashUnsafeBytes(bytes, Platform.BYTE_ARRAY_OFFSET + from, length, SEED);
  }

  /**
   * Collects the id field of each record of a file as its bytes go by, and hashes it at the record's
   * end. The common field (ASCII, unquoted) is stripped and hashed as bytes, which are its UTF-8; any
   * other is decoded with the file's charset and read as {@link CsvRecords#split} reads a field.
   */
  static final class Collector {
    private final Charset charset;
    private byte[] field = new byte[64];
    private int length;
    private long[] hashes = new long[1 << 16];
    private int count;

    Collector(Charset charset) {
      this.charset = charset;
    }

    void add(byte b) {
      if (length == field.length) {
        field = Arrays.copyOf(field, field.length * 2);
      }
      field[length++] = b;
    }

    void endRecord() {
      Long hash = fieldHash();
      length = 0;
      if (hash == null) {
        return;
      }
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
      }
      hashes[count++] = hash;
    }

    private Long fieldHash() {
      boolean plain = true;
      for (int i = 0; i < length; i++) {
        byte b = field[i];
        if (b < 0 || b == '"') {
          plain = false;
          break;
        }
      }
      if (!plain) {
        java.util.List<String> parts = CsvRecords.split(new String(field, 0, length, charset));
        return parts == null || parts.size() != 1 ? null : of(parts.get(0));
      }
      int from = 0;
      int to = length;
      while (from < to && ascii(field[from])) {
        from++;
      }
      while (to > from && ascii(field[to - 1])) {
        to--;
      }
      return from == to ? null : hash(field, from, to - from);
    }

    /** The ASCII characters String.strip removes (Character.isWhitespace below 0x80). */
    private static boolean ascii(byte b) {
      return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }

    /** Every hash once, sorted, and those of more than one record. */
    RawInput.IdHashes finish() {
      long[] sorted = Arrays.copyOf(hashes, count);
      hashes = null;
      Arrays.parallelSort(sorted);
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
  }
}
