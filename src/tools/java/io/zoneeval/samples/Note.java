package io.zoneeval.samples;

/**
 * One deliberate feature of the generated data: an edge case the evaluation must handle, or a bad row the
 * validator must quarantine. The generator records where it put each one so that the sample README can list
 * them.
 */
public final class Note {
  /** Whether a note is an edge case (valid data) or a bad row (must be rejected). */
  public enum Kind {
    EDGE,
    BAD
  }

  private final Kind kind;
  private final String rule;
  private final String zone;
  private final String uscc;
  private String id;
  private final String detail;
  private String file = "";
  private long line;

  Note(Kind kind, String rule, String zone, String uscc, String id, String detail) {
    this.kind = kind;
    this.rule = rule;
    this.zone = zone == null ? "" : zone;
    this.uscc = uscc == null ? "" : uscc;
    this.id = id == null ? "" : id;
    this.detail = detail == null ? "" : detail;
  }

  static Note edge(String rule, String zone, String uscc, String id, String detail) {
    return new Note(Kind.EDGE, rule, zone, uscc, id, detail);
  }

  static Note bad(String reason, String zone, String uscc, String id, String detail) {
    return new Note(Kind.BAD, reason, zone, uscc, id, detail);
  }

  /** Names the row's id once it is known (ids of sorted records are given out after sorting). */
  void setId(String value) {
    if (id.isEmpty()) {
      this.id = value;
    }
  }

  Note at(String fileName, long lineNumber) {
    if (file.isEmpty()) {
      this.file = fileName;
      this.line = lineNumber;
    }
    return this;
  }

  public Kind kind() {
    return kind;
  }

  /** For an edge case the rule it exercises; for a bad row the reason it must be rejected. */
  public String rule() {
    return rule;
  }

  public String zone() {
    return zone;
  }

  public String uscc() {
    return uscc;
  }

  public String id() {
    return id;
  }

  public String detail() {
    return detail;
  }

  /** The file holding the row, or empty when the note is about no single row. */
  public String file() {
    return file;
  }

  /** The row's line in {@link #file()} (the header is line 1); 0 when the note is about no single row. */
  public long line() {
    return line;
  }
}
