package io.zoneeval.ingest;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hash of an id as the record check reads it (the field's text, unquoted and stripped of
 * white space by {@link String#strip}): the FNV-1a hash of its UTF-8 bytes. Equal ids hash equal, whether
 * taken from a delivered record's raw field or from silver's parsed id; the rare different ids that hash
 * alike are only looked at twice, never judged duplicates (the judgement compares the ids).
 */
public final class IdHash {
  static final long OFFSET_BASIS = 0xcbf29ce484222325L;
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

  /** One byte of FNV-1a. */
  static long step(long h, byte b) {
    return (h ^ (b & 0xff)) * PRIME;
  }
}
