package io.zoneeval.ingest;

import io.zoneeval.catalog.RawFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges one delivered record, in the order of the spec's checks: the line splits into the header's
 * fields; every value parses; the record has a year, one the delivery covers; the zone or enterprise it
 * names is in the zones or roster of that year. The first problem is the reason; whether a good record
 * is a duplicate is decided across records ({@link Duplicates}). Plain Java, shipped to the executors with the file's context.
 */
public final class RecordCheck implements Serializable {
  /** The reason of a record dated outside the years its delivery covers. */
  static final String OUTSIDE_DELIVERY_YEARS = "outside_delivery_years";

  private static final long serialVersionUID = 1L;

  private final RawFile file;
  private final List<FieldRule> fields;
  private final int[] positions;
  private final Validation.Context context;
  private final int zoneIndex;
  private final int enterpriseIndex;
  private final int[] keyIndexes;
  private final String what;
  private transient FieldRule.Memo[] memos;

  /** The outcome for one record: its typed values and year, or why it is refused. */
  public record Outcome(Object[] values, Integer year, String code, String message) {
    public boolean accepted() {
      return code == null;
    }
  }

  public RecordCheck(RawFile file, Validation validation, int[] positions, Validation.Context context) {
    this.file = file;
    this.fields = validation.fields(file);
    this.positions = positions.clone();
    this.context = context;
    this.zoneIndex = indexOf(Validation.ZONE_COLUMN.get(file));
    this.enterpriseIndex = indexOf(Validation.ENTERPRISE_COLUMN.get(file));
    List<String> key = validation.key(file);
    this.keyIndexes = key.stream().mapToInt(this::indexOf).toArray();
    this.what = switch (file) {
      case ENTERPRISES -> "roster row";
      case PROJECTS -> "project";
      case STANDARD_FACTORIES -> "standard factory";
      case LAND_REVITALIZATIONS -> "land revitalization";
      case INCIDENTS -> "incident";
      case INVOICES -> "invoice";
      case TAX_PAYMENTS -> "tax entry";
      case RECOGNITIONS -> "recognition";
      case TALENTS -> "talent";
      default -> file.tableName();
    };
  }

  private int indexOf(String column) {
    if (column == null) {
      return -1;
    }
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).column().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(file + " has no column " + column);
  }

  public RawFile file() {
    return file;
  }

  public Validation.Context context() {
    return context;
  }

  /** The number of typed values of an outcome. */
  public int width() {
    return fields.size();
  }

  public Outcome check(CsvRecords.Record record) {
    if (memos == null) {
      // Codes, dates and kinds repeat across millions of rows: each distinct text is parsed once per task.
      memos = new FieldRule.Memo[fields.size()];
      for (int i = 0; i < memos.length; i++) {
        memos[i] = fields.get(i).memo();
      }
    }
    Object[] values = new Object[fields.size()];
    if (record.malformed() != null) {
      String code = record.malformed().startsWith(CsvRecords.BAD_ENCODING) ? "bad_encoding" : "malformed_line";
      return new Outcome(values, null, code, record.malformed());
    }
    String code = null;
    String message = null;
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = memos[i].parse(record.fields().get(positions[i]));
      } catch (FieldRule.Refused refused) {
        if (code == null) {
          code = refused.problem.code();
          message = refused.problem.message();
        }
      }
    }
    if (code != null) {
      return new Outcome(values, null, code, message);
    }
    Integer year = Validation.yearOf(file, column -> values[indexOf(column)]);
    if (file == RawFile.LAND_PARCELS) {
      return new Outcome(values, null, null, null);
    }
    if (year == null) {
      return new Outcome(values, null, "missing_value",
          "construction_start_date, production_start_date: a project needs one of them, the date its year is read from");
    }
    if (!context.years().contains(year)) {
      return new Outcome(values, year, OUTSIDE_DELIVERY_YEARS, "the record is of " + year
          + ", outside the years this delivery covers (" + context.yearsText() + ")");
    }
    if (zoneIndex >= 0 && !known(context.zones(), year, values[zoneIndex])) {
      return new Outcome(values, year, "unknown_zone",
          what + " names zone '" + values[zoneIndex] + "' that zones.csv lacks for " + year);
    }
    if (enterpriseIndex >= 0 && !known(context.roster(), year, values[enterpriseIndex])) {
      return new Outcome(values, year, "not_in_roster",
          what + " of enterprise " + values[enterpriseIndex] + " which is in no roster of " + year);
    }
    return new Outcome(values, year, null, null);
  }

  private static boolean known(Map<Integer, Set<String>> byYear, int year, Object value) {
    Set<String> known = byYear.get(year);
    return known != null && known.contains((String) value);
  }

  /** The record's key as one text (its key values joined), or null when the file has no key. */
  public String key(Outcome outcome) {
    if (keyIndexes.length == 0) {
      return null;
    }
    List<String> parts = new ArrayList<>(keyIndexes.length);
    for (int i : keyIndexes) {
      parts.add(String.valueOf(outcome.values()[i]));
    }
    return String.join("\u0001", parts);
  }

  /** Where the raw id field is in the file's header, for a file keyed by one column; else -1. */
  public int rawIdPosition() {
    return keyIndexes.length == 1 ? positions[keyIndexes[0]] : -1;
  }

  /** The raw id field of a record (before parsing), for the hash a candidate is found by. */
  public String rawId(CsvRecords.Record record) {
    if (keyIndexes.length != 1 || record.fields() == null) {
      return null;
    }
    return record.fields().get(positions[keyIndexes[0]]);
  }
}
