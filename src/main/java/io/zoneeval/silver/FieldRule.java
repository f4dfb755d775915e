package io.zoneeval.silver;

import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * How one raw text column becomes a typed silver column, and why a value is refused.
 * Every parse is a "try" parse: a bad value yields a reason, never an exception (Spark runs with ANSI
 * mode on, where a plain cast would stop the run on the first bad row).
 */
public record FieldRule(String column, Kind kind, List<String> allowed) {

  public enum Kind {
    TEXT, OPTIONAL_TEXT, YEAR, USCC, DATE, OPTIONAL_DATE, AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT, AREA,
    BOOLEAN, ENUM, ZONE_TYPE, SPECIALTIES
  }

  /** Money: yuan with at most 2 decimals, at most 16 digits before the point. */
  public static final int AMOUNT_SCALE = 2;
  /** Areas (m², mu): at most 4 decimals. */
  public static final int AREA_SCALE = 4;
  private static final int INTEGER_DIGITS = 16;

  static FieldRule of(String column, Kind kind) {
    return new FieldRule(column, kind, List.of());
  }

  static FieldRule oneOf(String column, List<String> allowed) {
    return new FieldRule(column, Kind.ENUM, List.copyOf(allowed));
  }

  private static final UserDefinedFunction USCC_VALID =
      udf((UDF1<String, Boolean>) Uscc::isValid, DataTypes.BooleanType).asNonNullable();

  private Column raw() {
    return col(column);
  }

  private Column trimmed() {
    return trim(col(column));
  }

  private Column blank() {
    return raw().isNull().or(trimmed().equalTo(""));
  }

  private Column quoted() {
    return concat(lit(column + ": '"), raw(), lit("'"));
  }

  /** The typed value, null when the raw text is blank or refused. */
  public Column parsed() {
    Column t = trimmed();
    return switch (kind) {
      case TEXT, OPTIONAL_TEXT -> when(blank(), lit(null).cast("string")).otherwise(t);
      case YEAR -> when(t.rlike("^[0-9]{4}$"), t.cast("int"));
      case USCC -> upper(t);
      case DATE, OPTIONAL_DATE -> when(t.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), expr("try_cast(trim(`" + column + "`) AS DATE)"));
      case AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT -> decimal(t, 18, AMOUNT_SCALE);
      case AREA -> decimal(t, 20, AREA_SCALE);
      case BOOLEAN -> when(lower(t).isin("true", "yes", "1", "是", "y", "t"), lit(true))
          .when(lower(t).isin("false", "no", "0", "否", "n", "f"), lit(false));
      case ENUM -> when(lower(t).isin(allowed.toArray()), lower(t));
      case ZONE_TYPE -> when(t.isin("重点发展型", "KEY", "key"), lit("KEY"))
          .when(t.isin("优化发展型", "OPTIMIZED", "optimized"), lit("OPTIMIZED"));
      case SPECIALTIES -> array_remove(transform(split(coalesce(t, lit("")), ";"), s -> upper(trim(s))), "");
    };
  }

  private static Column decimal(Column t, int precision, int scale) {
    return when(t.rlike("^[+-]?[0-9]{1," + INTEGER_DIGITS + "}(\\.[0-9]{1," + scale + "})?$"),
        t.try_cast(DataTypes.createDecimalType(precision, scale)));
  }

  /** One reason to refuse a value: when {@code failed} holds, the row is rejected with code and message. */
  public record Check(Column failed, String code, Column message) {}

  /** The checks of this field, in the order they are tried; the first that fails names the reason. */
  public List<Check> checks() {
    Column t = trimmed();
    List<Check> checks = new ArrayList<>();
    boolean optional = kind == Kind.OPTIONAL_TEXT || kind == Kind.SPECIALTIES || kind == Kind.OPTIONAL_DATE
        || kind == Kind.OPTIONAL_NON_NEGATIVE_AMOUNT || kind == Kind.OPTIONAL_AMOUNT;
    if (!optional) {
      checks.add(new Check(blank(), "missing_value", lit(column + ": missing value")));
    }
    Column present = blank().equalTo(false);
    switch (kind) {
      case TEXT, OPTIONAL_TEXT, SPECIALTIES -> { }
      case YEAR -> checks.add(new Check(present.and(parsed().isNull()), "bad_date",
          concat(quoted(), lit(" is not a year"))));
      case USCC -> checks.add(new Check(present.and(USCC_VALID.apply(raw()).equalTo(false)), "invalid_uscc",
          concat(quoted(), lit(" is not a valid unified social credit code (USCC)"))));
      case DATE, OPTIONAL_DATE -> checks.add(new Check(present.and(parsed().isNull()), "bad_date",
          concat(quoted(), lit(" is not a date (yyyy-MM-dd)"))));
      case AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT, AREA -> {
        int scale = kind == Kind.AREA ? AREA_SCALE : AMOUNT_SCALE;
        Column shape = t.rlike("^[+-]?[0-9]+(\\.[0-9]+)?$");
        Column fraction = length(regexp_extract(t, "\\.([0-9]+)$", 1));
        Column integer = length(regexp_extract(t, "^[+-]?0*([0-9]*)", 1));
        checks.add(new Check(present.and(shape.equalTo(false)), "bad_number",
            concat(quoted(), lit(" is not a plain decimal number"))));
        checks.add(new Check(present.and(fraction.gt(scale)), "bad_number",
            concat(quoted(), lit(" has more than " + scale + " decimal places"))));
        checks.add(new Check(present.and(integer.gt(INTEGER_DIGITS)), "bad_number",
            concat(quoted(), lit(" is out of range"))));
        if (kind == Kind.AREA || kind == Kind.OPTIONAL_NON_NEGATIVE_AMOUNT) {
          checks.add(new Check(present.and(parsed().lt(0)),
              kind == Kind.AREA ? "negative_area" : "bad_number", concat(quoted(), lit(" is negative"))));
        }
      }
      case BOOLEAN -> checks.add(new Check(present.and(parsed().isNull()), "bad_value",
          concat(quoted(), lit(" is not true or false"))));
      case ENUM -> checks.add(new Check(present.and(parsed().isNull()), "unknown_value",
          concat(quoted(), lit(" is not one of " + String.join(", ", allowed)))));
      case ZONE_TYPE -> checks.add(new Check(present.and(parsed().isNull()), "unknown_value",
          concat(quoted(), lit(" is not 重点发展型 or 优化发展型"))));
    }
    return checks;
  }
}
