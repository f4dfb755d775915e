package io.zoneeval.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Splits the physical lines of a CSV file into records (RFC 4180: comma separated, fields optionally
 * quoted with {@code "}, a quote inside a quoted field doubled). A quoted field may span lines: the
 * record then starts at its first line and takes the following ones, up to a bound, so that a runaway
 * quote cannot swallow the rest of the file.
 *
 * <p>Pure Java so that it runs inside a Spark partition and in unit tests alike.
 */
public final class CsvRecords {
  /** A quoted field longer than this many lines is taken as an unbalanced quote. */
  public static final int MAX_LINES_PER_RECORD = 50;
  /**
   * A record longer than this many characters is refused, and only its first {@link #KEPT_CHARS}
   * characters are kept as its raw text: a runaway line (a 50 MB line) cannot fill memory downstream.
   */
  public static final int MAX_RECORD_CHARS = 1 << 20;
  /** How much of a refused over-long record's text is kept. */
  public static final int KEPT_CHARS = 1000;
  /** The start of the reason of a record whose bytes are not valid in the file's charset. */
  public static final String BAD_ENCODING = "bad encoding";

  private CsvRecords() {}

  /** One record: the line it starts on, its raw text, its fields, or why it could not be split. */
  public record Record(long line, String text, List<String> fields, String malformed)
      implements java.io.Serializable {}

  /** A physical line of a file, numbered from 1. */
  public record Line(long number, String text) implements java.io.Serializable {}

  /** Splits one record's text; returns null when a quoted field is still open at the end of the text. */
  public static List<String> split(String text) {
    if (text.indexOf('"') < 0) {
      // Most records quote nothing: their fields are the text between commas, as the loop below finds them.
      List<String> fields = new ArrayList<>(16);
      int start = 0;
      for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', start)) {
        fields.add(text.substring(start, comma));
        start = comma + 1;
      }
      fields.add(text.substring(start));
      return fields;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '"' && field.toString().isBlank()) {
        // A quote opens a quoted field only at the field's start (spaces before it are dropped).
        field.setLength(0);
        quoted = true;
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      return null;
    }
    fields.add(field.toString());
    return fields;
  }

  /**
   * Turns a partition's lines into records, joining the lines of a quoted field that spans them.
   * {@code expectedFields} is the header's field count.
   */
  public static Iterator<Record> records(Iterator<Line> lines, int expectedFields) {
    return records(lines, expectedFields, "UTF-8");
  }

  /**
   * As {@link #records(Iterator, int)}, for lines decoded with {@code charset}: a record holding bytes
   * the charset could not decode (U+FFFD) is refused, never accepted with garbled text.
   */
  public static Iterator<Record> records(Iterator<Line> lines, int expectedFields, String charset) {
    return new Iterator<>() {
      // Lines read ahead while looking for a closing quote; given back when none comes.
      final java.util.ArrayDeque<Line> lookahead = new java.util.ArrayDeque<>();

      private Line nextLine() {
        return lookahead.isEmpty() ? lines.next() : lookahead.pollFirst();
      }

      @Override
      public boolean hasNext() {
        return !lookahead.isEmpty() || lines.hasNext();
      }

      @Override
      public Record next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Line first = nextLine();
        String text = stripCr(first.text());
        if (text.isBlank()) {
          return new Record(first.number(), text, null, "blank line");
        }
        if (text.length() > MAX_RECORD_CHARS) {
          return tooLong(first.number(), text);
        }
        List<String> fields = split(text);
        if (fields == null) {
          List<Line> taken = new ArrayList<>();
          StringBuilder joined = new StringBuilder(text);
          while (fields == null && taken.size() < MAX_LINES_PER_RECORD - 1 && hasNext()
              && joined.length() <= MAX_RECORD_CHARS) {
            Line more = nextLine();
            taken.add(more);
            joined.append('\n').append(stripCr(more.text()));
            fields = split(joined.toString());
          }
          if (fields == null) {
            // No closing quote: only the first line is bad, the lines after it are records again.
            for (int i = taken.size() - 1; i >= 0; i--) {
              lookahead.addFirst(taken.get(i));
            }
            return new Record(first.number(), text, null,
                "malformed line: a quoted field is never closed");
          }
          text = joined.toString();
        }
        if (text.length() > MAX_RECORD_CHARS) {
          return tooLong(first.number(), text);
        }
        if (text.indexOf('\uFFFD') >= 0) {
          return new Record(first.number(), text, null, badEncoding(charset, text));
        }
        if (fields.size() != expectedFields) {
          return new Record(first.number(), text, null,
              "malformed line: expected " + expectedFields + " fields, found " + fields.size());
        }
        return new Record(first.number(), text, fields, null);
      }
    };
  }

  /** The reason of a record with undecodable bytes, naming the charset and the first bad column. */
  static String badEncoding(String charset, String text) {
    int at = text.indexOf('\uFFFD');
    return BAD_ENCODING + ": the record is not valid " + charset + " (undecodable bytes from character "
        + (at + 1) + ", shown as U+FFFD); is the file in another charset? see --encoding";
  }

  private static Record tooLong(long line, String text) {
    return new Record(line, text.substring(0, KEPT_CHARS) + "…", null,
        String.format("malformed line: %,d characters, more than the %,d a record may have (raw text cut to its "
            + "first %,d)", text.length(), MAX_RECORD_CHARS, KEPT_CHARS));
  }

  static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
