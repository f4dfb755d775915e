package io.zoneeval.ingest;

import io.zoneeval.catalog.RawColumn;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.rules.Rules;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes a delivered record acceptable, as the spec lists it: every value parses (dates, numbers,
 * USCC with its check character, known kinds and statuses, non-negative areas); the record has a year,
 * and it is one of the years the delivery covers; a record naming a zone names one that zones.csv has for
 * that year, and a record of an enterprise is of one in the roster of its year; and its id is its own
 * (the first good record of an id in file order stands, and an id that an accepted record of another
 * year holds is taken). The first problem of a record is its reason.
 *
 * <p>Plain Java, run inside the executors' record loop ({@link RecordCheck}); the Spark side of the
 * checks is {@link DeliveryChecks}.
 */
public final class Validation {
  public static final String YEAR = "year";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON = "reason";

  private final Rules rules;

  public Validation(Rules rules) {
    this.rules = rules;
  }

  /** The typed columns of each file ({@link RawFile}), in contract order, and how each is parsed. */
  public List<FieldRule> fields(RawFile file) {
    return file.typedColumns(rules).stream().map(FieldRule::new).toList();
  }

  /** The columns whose repetition makes a duplicate; the first good record in file order stands. */
  public List<String> key(RawFile file) {
    return switch (file) {
      case ZONES -> List.of("year", "zone_id");
      case COUNTY_POLICIES -> List.of("year", "county");
      case ENTERPRISES -> List.of("year", "uscc");
      case INVOICES -> List.of("invoice_id");
      case TAX_PAYMENTS -> List.of("payment_id");
      case LAND_PARCELS -> rules.data().landParcelKey();
      case RECOGNITIONS -> List.of();
      case TALENTS -> List.of("talent_id");
      case PROJECTS -> List.of("project_id");
      case STANDARD_FACTORIES -> List.of("factory_id");
      case LAND_REVITALIZATIONS -> List.of("record_id");
      case INCIDENTS -> List.of("incident_id");
    };
  }

  /**
   * The id column of a file keyed by one column of text, or null. Such an id belongs to one record
   * across the warehouse (another year's record cannot hold it); the executors hash these ids from the
   * file's bytes, so that only the few records whose id repeats are looked at twice.
   */
  public String idColumn(RawFile file) {
    List<String> key = key(file);
    if (key.size() != 1 || key.contains(YEAR)) {
      return null;
    }
    return fields(file).stream().anyMatch(f -> f.column().equals(key.get(0)) && f.kind() == RawColumn.Kind.TEXT) ? key.get(0) : null;
  }

  /** The files whose records name a zone, and those whose records are of an enterprise (by its column). */
  static final Map<RawFile, String> ZONE_COLUMN = Map.of(RawFile.ENTERPRISES, "zone_id", RawFile.PROJECTS, "zone_id",
      RawFile.STANDARD_FACTORIES, "zone_id", RawFile.LAND_REVITALIZATIONS, "zone_id", RawFile.INCIDENTS, "zone_id");
  static final Map<RawFile, String> ENTERPRISE_COLUMN = Map.of(RawFile.INVOICES, "seller_uscc",
      RawFile.TAX_PAYMENTS, "uscc", RawFile.RECOGNITIONS, "uscc", RawFile.TALENTS, "employer_uscc");

  /** Whether a file's records are checked against the zones, or the roster, of their year. */
  public static boolean namesZone(RawFile file) {
    return ZONE_COLUMN.containsKey(file);
  }

  public static boolean ofEnterprise(RawFile file) {
    return ENTERPRISE_COLUMN.containsKey(file);
  }

  /**
   * The year a record belongs to, from its typed values (the spec's table of record years); null when it
   * has none. A land parcel has none: the register serves each year its delivery covers.
   */
  static Integer yearOf(RawFile file, java.util.function.Function<String, Object> value) {
    Object date = switch (file) {
      case ZONES, COUNTY_POLICIES, ENTERPRISES, LAND_PARCELS -> null;
      case INVOICES -> value.apply("issue_date");
      case TAX_PAYMENTS -> value.apply("entry_date");
      case RECOGNITIONS -> value.apply("recognized_date");
      case TALENTS -> value.apply("awarded_date");
      case STANDARD_FACTORIES -> value.apply("accepted_date");
      case LAND_REVITALIZATIONS -> value.apply("completed_date");
      case INCIDENTS -> value.apply("occurred_date");
      // A project scores in the year of the date its kind looks at; without that date, the year of its
      // other date (it then scores nothing).
      case PROJECTS -> {
        boolean upgrade = "tech_upgrade".equals(value.apply("kind"));
        Object scoring = value.apply(upgrade ? "production_start_date" : "construction_start_date");
        yield scoring != null ? scoring : value.apply(upgrade ? "construction_start_date" : "production_start_date");
      }
    };
    if (file == RawFile.ZONES || file == RawFile.COUNTY_POLICIES || file == RawFile.ENTERPRISES) {
      return (Integer) value.apply("year");
    }
    return date == null ? null : ((java.sql.Date) date).toLocalDate().getYear();
  }

  /** A duplicate judged before the records pass ({@link Duplicates}): the reason a record at a line is refused. */
  public record Decision(String code, String message) implements Serializable {}

  /**
   * What a delivery's records are checked against: the years it covers, the zones and the roster of those
   * years (the delivery's own where it has zones.csv or enterprises.csv, else silver's).
   */
  public record Context(Set<Integer> years, Map<Integer, Set<String>> zones, Map<Integer, Set<String>> roster)
      implements Serializable {
    public Context {
      years = Collections.unmodifiableSet(new TreeSet<>(years));
    }

    public static Context of(Set<Integer> years) {
      return new Context(years, Map.of(), Map.of());
    }

    public Context withReferences(Map<Integer, Set<String>> zonesByYear, Map<Integer, Set<String>> rosterByYear) {
      return new Context(years, zonesByYear, rosterByYear);
    }

    /** The years as the reasons name them: 2024, or 2022-2024. */
    String yearsText() {
      TreeSet<Integer> sorted = new TreeSet<>(years);
      if (sorted.isEmpty()) {
        return "none";
      }
      if (sorted.last() - sorted.first() + 1 == sorted.size()) {
        return sorted.size() == 1 ? String.valueOf(sorted.first()) : sorted.first() + "-" + sorted.last();
      }
      return String.join(", ", sorted.stream().map(String::valueOf).toList());
    }
  }
}
