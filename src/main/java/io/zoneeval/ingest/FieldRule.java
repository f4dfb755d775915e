package io.zoneeval.ingest;

import static io.zoneeval.catalog.RawColumn.AMOUNT_SCALE;
import static io.zoneeval.catalog.RawColumn.AREA_SCALE;

import io.zoneeval.catalog.RawColumn;
import io.zoneeval.catalog.RawColumn.Kind;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the raw text of a declared column ({@link RawColumn}) becomes a typed silver value, and why a value
 * is refused. Plain Java, run inside the executors' row loop: a bad value yields a reason, never an
 * exception, and the Spark plan stays small (dozens of checks as SQL expressions made plans of megabytes
 * that took minutes to compile). Money has at most 2 decimals (trailing zeros beyond them allowed) and 16
 * digits before the point, and is bounded by the column's {@code maxAbs}.
 */
public record FieldRule(RawColumn declared) implements Serializable {

  private static final int INTEGER_DIGITS = 16;
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern YEAR_DIGITS = Pattern.compile("[0-9]{4}");

  static FieldRule of(String column, Kind kind) {
    return new FieldRule(RawColumn.of(column, kind));
  }

  static FieldRule money(String column, Kind kind, BigDecimal maxAbsYuan) {
    return new FieldRule(RawColumn.money(column, kind, maxAbsYuan));
  }

  public String column() {
    return declared.name();
  }

  public Kind kind() {
    return declared.kind();
  }

  /** A refusal: a reason code (for counting) and a message naming the column and the value. */
  public record Problem(String code, String message) implements Serializable {}

  /** Thrown inside {@link #parse} only, to carry a refusal out of the parsing code. */
  static final class Refused extends Exception {
    final Problem problem;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.problem = new Problem(code, message);
    }
  }

  private Refused refused(String code, String raw, String why) {
    return new Refused(code, column() + ": '" + raw + "' " + why + fullWidthNote(raw));
  }

  /**
   * Full-width characters (０-９, Ａ-Ｚ, the ideographic comma…) are not read as their ASCII look-alikes:
   * the spec's formats are ASCII. The reason says so, as the value often looks right on screen.
   */
  static String fullWidthNote(String raw) {
    if (raw == null) {
      return "";
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        return " (it has full-width characters, e.g. '" + c + "': write them in ASCII)";
      }
    }
    return "";
  }

  /**
   * The typed value (java.sql.Date for dates, BigDecimal for numbers, a scala Seq for specialties),
   * null for an empty optional value; throws {@link Refused} with the reason otherwise.
   */
  Object parse(String raw) throws Refused {
    String t = raw == null ? "" : raw.strip();
    if (t.isEmpty()) {
      if (kind() == Kind.SPECIALTIES) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toSeq();
      }
      if (declared.optional()) {
        return null;
      }
      throw new Refused("missing_value", column() + ": missing value");
    }
    switch (kind()) {
      case TEXT, OPTIONAL_TEXT:
        return t;
      case YEAR:
        if (!YEAR_DIGITS.matcher(t).matches()) {
          throw refused("bad_date", raw, "is not a year");
        }
        return Integer.parseInt(t);
      case USCC:
        if (!Uscc.isValid(t)) {
          throw refused("invalid_uscc", raw, "is not a valid unified social credit code (USCC)");
        }
        return Uscc.normalize(t);
      case DATE, OPTIONAL_DATE:
        if (!ISO_DATE.matcher(t).matches()) {
          throw refused("bad_date", raw, "is not a date (yyyy-MM-dd)");
        }
        try {
          return java.sql.Date.valueOf(LocalDate.parse(t));
        } catch (DateTimeParseException e) {
          throw refused("bad_date", raw, "is not a date (yyyy-MM-dd)");
        }
      case AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT, AREA:
        return decimal(raw, t);
      case BOOLEAN:
        switch (t.toLowerCase(Locale.ROOT)) {
          case "true", "yes", "1", "是", "y", "t":
            return true;
          case "false", "no", "0", "否", "n", "f":
            return false;
          default:
            throw refused("bad_value", raw, "is not true or false");
        }
      case ENUM: {
        String lower = t.toLowerCase(Locale.ROOT);
        if (!declared.allowed().contains(lower)) {
          throw refused("unknown_value", raw, "is not one of " + String.join(", ", declared.allowed()));
        }
        return lower;
      }
      case ZONE_TYPE:
        return switch (t) {
          case "重点发展型", "KEY", "key" -> "KEY";
          case "优化发展型", "OPTIMIZED", "optimized" -> "OPTIMIZED";
          default -> throw refused("unknown_value", raw, "is not 重点发展型 or 优化发展型");
        };
      case SPECIALTIES: {
        List<String> prefixes = new ArrayList<>();
        for (String p : t.split(";")) {
          if (!p.isBlank()) {
            prefixes.add(p.strip().toUpperCase(Locale.ROOT));
          }
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(prefixes).toSeq();
      }
      default:
        throw new IllegalStateException("unhandled kind " + kind());
    }
  }

  /**
   * A parser for one task: kinds whose values repeat (codes, dates, kinds, flags) remember what each
   * distinct text parsed to, so that millions of rows parse a few thousand texts. Refusals are not
   * remembered (they are rare, and their reason is built afresh).
   */
  public Memo memo() {
    return new Memo(this);
  }

  /** See {@link #memo()}. Not thread-safe: one per task. */
  public static final class Memo {
    /** Beyond this many distinct texts a column does not repeat enough to be worth remembering. */
    private static final int LIMIT = 1 << 16;
    private final FieldRule rule;
    private final java.util.HashMap<String, Object> known;

    Memo(FieldRule rule) {
      this.rule = rule;
      this.known = switch (rule.kind()) {
        case USCC, DATE, OPTIONAL_DATE, ENUM, ZONE_TYPE, BOOLEAN, YEAR -> new java.util.HashMap<>();
        default -> null;
      };
    }

    Object parse(String raw) throws Refused {
      if (known == null || raw == null) {
        return rule.parse(raw);
      }
      Object value = known.get(raw);
      if (value == null) {
        value = rule.parse(raw);
        if (value != null && known.size() < LIMIT) {
          known.put(raw, value);
        }
      }
      return value;
    }
  }

  /**
   * The common shape of a number, {@code [+-]digits[.digits]} with at most {@code scale} decimals and few
   * enough digits to fit a long, read without a regular expression or BigDecimal's parser; null for
   * anything else (trailing zeros beyond the scale, long numbers, other shapes), which the general path
   * judges.
   */
  static BigDecimal quickDecimal(String t, int scale) {
    int n = t.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    int maxIntegerDigits = Math.min(INTEGER_DIGITS - 1, 18 - scale);
    long unscaled = 0;
    int integerDigits = 0;
    char c;
    while (i < n && (c = t.charAt(i)) >= '0' && c <= '9') {
      if (++integerDigits > maxIntegerDigits) {
        return null;
      }
      unscaled = unscaled * 10 + (c - '0');
      i++;
    }
    if (integerDigits == 0) {
      return null;
    }
    int decimals = 0;
    if (i < n) {
      if (t.charAt(i) != '.' || i + 1 == n) {
        return null;
      }
      i++;
      while (i < n && (c = t.charAt(i)) >= '0' && c <= '9') {
        if (++decimals > scale) {
          return null;
        }
        unscaled = unscaled * 10 + (c - '0');
        i++;
      }
      if (i < n) {
        return null;
      }
    }
    for (int d = decimals; d < scale; d++) {
      unscaled *= 10;
    }
    return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
  }

  private BigDecimal decimal(String raw, String t) throws Refused {
    int quickScale = kind() == Kind.AREA ? AREA_SCALE : AMOUNT_SCALE;
    BigDecimal quick = quickDecimal(t, quickScale);
    if (quick != null && (quick.signum() >= 0 || (kind() != Kind.AREA && kind() != Kind.OPTIONAL_NON_NEGATIVE_AMOUNT))) {
      return bounded(raw, quick);
    }
    return bounded(raw, generalDecimal(raw, t));
  }

  private BigDecimal bounded(String raw, BigDecimal value) throws Refused {
    BigDecimal maxAbs = declared.maxAbs();
    if (maxAbs != null && value.abs().compareTo(maxAbs) > 0) {
      throw new Refused("amount_out_of_range", column() + ": '" + raw + "' is out of range: more than "
          + maxAbs.toPlainString() + " yuan either side (data.max_record_amount_yuan)");
    }
    return value;
  }

  /** Every number, with the reason of a refusal; {@link #quickDecimal} must agree with it where it answers. */
  BigDecimal generalDecimal(String raw, String t) throws Refused {
    if (!PLAIN_DECIMAL.matcher(t).matches()) {
      throw refused("bad_number", raw, "is not a plain decimal number");
    }
    BigDecimal value = new BigDecimal(t);
    int scale = kind() == Kind.AREA ? AREA_SCALE : AMOUNT_SCALE;
    // Judged by value: 1.500 is 1.50 yuan; 1.005 is not a whole number of fen.
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    if (stripped.scale() > scale) {
      throw refused("bad_number", raw, "has more than " + scale + " decimal places");
    }
    if (stripped.precision() - stripped.scale() > INTEGER_DIGITS) {
      throw refused("bad_number", raw, "is out of range (more than " + INTEGER_DIGITS + " digits before the point)");
    }
    if (value.signum() < 0 && (kind() == Kind.AREA || kind() == Kind.OPTIONAL_NON_NEGATIVE_AMOUNT)) {
      throw refused(kind() == Kind.AREA ? "negative_area" : "bad_number", raw, "is negative");
    }
    return value.setScale(scale);
  }
}
