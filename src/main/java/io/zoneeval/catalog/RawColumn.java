package io.zoneeval.catalog;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One typed column of a raw file, as the input contract declares it ({@link RawFile} lists them): its
 * name, the kind of value it holds, the values an enumerated column allows and the bound of a money
 * column ({@code maxAbs}, the rules' {@code data.max_record_amount_yuan}; null for other columns). The
 * silver table's column is declared from it, and ingest parses and judges the raw text by it.
 */
public record RawColumn(String name, Kind kind, List<String> allowed, BigDecimal maxAbs) implements Serializable {

  public RawColumn {
    allowed = List.copyOf(allowed);
  }

  public enum Kind {
    TEXT, OPTIONAL_TEXT, YEAR, USCC, DATE, OPTIONAL_DATE, AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT,
    AREA, BOOLEAN, ENUM, ZONE_TYPE, SPECIALTIES;

    public boolean isMoney() {
      return this == AMOUNT || this == OPTIONAL_AMOUNT || this == OPTIONAL_NON_NEGATIVE_AMOUNT;
    }
  }

  /** Money: yuan with at most 2 decimals, the fen. */
  public static final int AMOUNT_SCALE = 2;
  /** Areas (m², mu): at most 6 decimals. */
  public static final int AREA_SCALE = 6;

  public static RawColumn of(String name, Kind kind) {
    return new RawColumn(name, kind, List.of(), null);
  }

  public static RawColumn oneOf(String name, List<String> allowed) {
    return new RawColumn(name, Kind.ENUM, allowed, null);
  }

  /**
   * A column of money, refused ({@code amount_out_of_range}) beyond {@code maxAbsYuan} either side: the
   * bound keeps sums of records exact (see EnterpriseYear.sumFen).
   */
  public static RawColumn money(String name, Kind kind, BigDecimal maxAbsYuan) {
    if (!kind.isMoney()) {
      throw new IllegalArgumentException(name + ": " + kind + " is not an amount of money");
    }
    return new RawColumn(name, kind, List.of(), maxAbsYuan);
  }

  /** The Spark type of the parsed value. */
  public DataType sparkType() {
    return switch (kind) {
      case YEAR -> DataTypes.IntegerType;
      case DATE, OPTIONAL_DATE -> DataTypes.DateType;
      case AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT -> DataTypes.createDecimalType(18, AMOUNT_SCALE);
      case AREA -> DataTypes.createDecimalType(22, AREA_SCALE);
      case BOOLEAN -> DataTypes.BooleanType;
      case SPECIALTIES -> DataTypes.createArrayType(DataTypes.StringType, false);
      default -> DataTypes.StringType;
    };
  }

  /** Whether the raw value may be empty (an empty specialty list is an empty array, never null). */
  public boolean optional() {
    return switch (kind) {
      case OPTIONAL_TEXT, OPTIONAL_DATE, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT, SPECIALTIES -> true;
      default -> false;
    };
  }
}
