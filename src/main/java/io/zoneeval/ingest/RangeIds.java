package io.zoneeval.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

/**
 * The id hashes of the records of one byte range, taken from its bytes without decoding or splitting
 * a record: the check of a whole delivery for duplicates costs one cheap pass on the executors. A
 * range starts at a record's start, outside any quote ({@link RawInput.Split}). Fields and quotes are
 * judged as {@link CsvRecords#split} judges them, on bytes (the quote, comma and line feed never occur
 * inside a multi-byte character of UTF-8 or GBK); the common id (ASCII, unquoted) is hashed as its bytes
 * go by, any other decoded and read as CsvRecords reads a field. Every id a parsed record has is hashed
 * (a record that does not split may add one more: a candidate for nothing). A quote left open longer
 * than CsvRecords joins, or at the range's end, makes CsvRecords read the lines after it as records
 * again: the scan then gives up and the caller parses the range.
 */
final class RangeIds {
  private final Charset charset;
  private final int idPosition;
  private final IdHashGroups.Collected out;
  private final RawInput.BlankField fieldBlank;
  private byte[] field = new byte[64];
  private int length;
  /** The id so far is ASCII without a quote, so hashed as it arrives. */
  private boolean plain = true;
  /** A byte other than white space has come: the hash runs from it. */
  private boolean started;
  private long running = IdHash.OFFSET_BASIS;
  /** The hash up to the last byte other than white space: trailing white space is not the id's. */
  private long upToLast = IdHash.OFFSET_BASIS;

  private RangeIds(Charset charset, int idPosition, IdHashGroups.Collected out) {
    this.charset = charset;
    this.idPosition = idPosition;
    this.out = out;
    this.fieldBlank = new RawInput.BlankField(charset);
  }

  /**
   * Adds to {@code out} the hashes of the ids (field {@code idPosition}) of the records of the
   * {@code length} bytes {@code in} gives; false when the bytes hold a quote that CsvRecords would not
   * join into one record (the hashes added are then of no use).
   */
  static boolean scan(InputStream in, long length, int idPosition, Charset charset, IdHashGroups.Collected out)
      throws IOException {
    return new RangeIds(charset, idPosition, out).scan(in, length);
  }

  private boolean scan(InputStream in, long length) throws IOException {
    byte[] buffer = new byte[1 << 16];
    boolean quoted = false;
    boolean quotePending = false;
    int quotedLines = 0;
    long recordStart = 0;
    long position = 0;
    int fieldIndex = 0;
    boolean any = false;
    while (position < length) {
      int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, length - position));
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        byte b = buffer[i];
        boolean inId = fieldIndex == idPosition;
        any = true;
        if (b > '"' && b != ',' && !quoted && !quotePending) {
          // Most bytes: an ASCII character outside quotes, neither separator nor white space.
          if (inId) {
            add(b);
          }
          fieldBlank.notBlank();
          continue;
        }
        if (quotePending) {
          quotePending = false;
          if (b == '"') {
            if (inId) {
              add(b);
            }
            fieldBlank.add(b); // a doubled quote inside a quoted field: a quote character of the field
            continue;
          }
          quoted = false; // the quote closed the field; b is read as outside quotes below
        }
        if (quoted) {
          if (inId) {
            add(b);
          }
          if (b == '"') {
            quotePending = true;
          } else {
            if (b == '\n' && (++quotedLines >= CsvRecords.MAX_LINES_PER_RECORD - 1
                || position + i - recordStart > CsvRecords.MAX_RECORD_CHARS)) {
              return false;
            }
            fieldBlank.add(b);
          }
          continue;
        }
        if (b == '\n') {
          quotedLines = 0;
          fieldBlank.reset();
          recordStart = position + i + 1;
          endRecord();
          fieldIndex = 0;
          any = false;
        } else if (b == ',') {
          fieldBlank.reset();
          fieldIndex++;
        } else {
          if (inId) {
            add(b);
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
    if (quoted && !quotePending) {
      return false; // a quote open at the end
    }
    if (any) {
      endRecord();
    }
    return true;
  }

  private void add(byte b) {
    if (length == field.length) {
      field = Arrays.copyOf(field, field.length * 2);
    }
    field[length++] = b;
    if (b < 0 || b == '"') {
      plain = false;
    }
    boolean white = b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    if (!started && white) {
      return;
    }
    started = true;
    running = IdHash.step(running, b);
    if (!white) {
      upToLast = running;
    }
  }

  private void endRecord() {
    if (plain) {
      if (started) {
        out.add(upToLast);
      }
    } else {
      List<String> parts = CsvRecords.split(new String(field, 0, length, charset));
      if (parts != null && parts.size() == 1) {
        out.addId(parts.get(0));
      }
    }
    length = 0;
    plain = true;
    started = false;
    running = IdHash.OFFSET_BASIS;
    upToLast = IdHash.OFFSET_BASIS;
  }
}
