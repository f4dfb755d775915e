package io.zoneeval.catalog;

import static io.zoneeval.catalog.RawColumn.Kind.AMOUNT;
import static io.zoneeval.catalog.RawColumn.Kind.AREA;
import static io.zoneeval.catalog.RawColumn.Kind.BOOLEAN;
import static io.zoneeval.catalog.RawColumn.Kind.DATE;
import static io.zoneeval.catalog.RawColumn.Kind.OPTIONAL_AMOUNT;
import static io.zoneeval.catalog.RawColumn.Kind.OPTIONAL_DATE;
import static io.zoneeval.catalog.RawColumn.Kind.OPTIONAL_NON_NEGATIVE_AMOUNT;
import static io.zoneeval.catalog.RawColumn.Kind.OPTIONAL_TEXT;
import static io.zoneeval.catalog.RawColumn.Kind.SPECIALTIES;
import static io.zoneeval.catalog.RawColumn.Kind.TEXT;
import static io.zoneeval.catalog.RawColumn.Kind.USCC;
import static io.zoneeval.catalog.RawColumn.Kind.YEAR;
import static io.zoneeval.catalog.RawColumn.Kind.ZONE_TYPE;

import io.zoneeval.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The input contract: the twelve raw CSV files, each with its columns in contract order and the kind of
 * value each holds, declared once here: bronze's and silver's schemas and ingest's parsing follow them.
 * A file may order its columns differently or add columns: they are matched by name.
 */
public enum RawFile {
  ZONES("zones.csv", col("year", YEAR), col("zone_id", TEXT), col("zone_name", TEXT), col("county", TEXT),
      col("zone_type", ZONE_TYPE), col("specialty_industries", SPECIALTIES)),
  COUNTY_POLICIES("county_policies.csv", col("year", YEAR), col("county", TEXT), col("has_policy", BOOLEAN)),
  ENTERPRISES("enterprises.csv", col("year", YEAR), col("uscc", USCC), col("name", OPTIONAL_TEXT),
      col("zone_id", TEXT), col("industry_code", TEXT), col("above_scale", BOOLEAN)),
  INVOICES("invoices.csv", col("invoice_id", TEXT), col("seller_uscc", USCC), col("issue_date", DATE),
      col("amount", AMOUNT), col("tax_amount", OPTIONAL_AMOUNT), oneOf("status", "normal", "red", "void")),
  TAX_PAYMENTS("tax_payments.csv", col("payment_id", TEXT), col("uscc", USCC), col("tax_type", OPTIONAL_TEXT),
      col("entry_date", DATE), col("amount", AMOUNT)),
  LAND_PARCELS("land_parcels.csv", col("parcel_id", TEXT), col("holder_uscc", USCC), col("area_m2", AREA),
      col("acquired_date", DATE), col("released_date", OPTIONAL_DATE)),
  RECOGNITIONS("recognitions.csv", col("uscc", USCC), oneOf("kind", RawFile::recognitionKinds),
      col("recognized_date", DATE)),
  TALENTS("talents.csv", col("talent_id", TEXT), col("employer_uscc", USCC), oneOf("program", RawFile::programs),
      col("awarded_date", DATE)),
  PROJECTS("projects.csv", col("project_id", TEXT), col("zone_id", TEXT), oneOf("kind", "tech_upgrade", "major"),
      col("equipment_investment", OPTIONAL_NON_NEGATIVE_AMOUNT), col("construction_start_date", OPTIONAL_DATE),
      col("production_start_date", OPTIONAL_DATE)),
  STANDARD_FACTORIES("standard_factories.csv", col("factory_id", TEXT), col("zone_id", TEXT),
      col("floor_area_m2", AREA), col("accepted_date", DATE)),
  LAND_REVITALIZATIONS("land_revitalizations.csv", col("record_id", TEXT), col("zone_id", TEXT),
      col("area_mu", AREA), col("completed_date", DATE)),
  INCIDENTS("incidents.csv", col("incident_id", TEXT), col("zone_id", TEXT), oneOf("kind", "safety", "environment"),
      oneOf("severity", "general", "larger", "major", "especially_major"), col("occurred_date", DATE));

  /**
   * A column as declared, before the rules are known: the values of some enumerations (recognition kinds,
   * talent programs) and the bound of money are the rules'.
   */
  private record Declared(String name, RawColumn.Kind kind, Function<Rules, List<String>> allowed) {}

  private final String fileName;
  private final List<Declared> declared;
  private final List<String> columns;

  RawFile(String fileName, Declared... declared) {
    this.fileName = fileName;
    this.declared = List.of(declared);
    this.columns = this.declared.stream().map(Declared::name).toList();
  }

  private static Declared col(String name, RawColumn.Kind kind) {
    return new Declared(name, kind, rules -> List.of());
  }

  private static Declared oneOf(String name, String... values) {
    return new Declared(name, RawColumn.Kind.ENUM, rules -> List.of(values));
  }

  private static Declared oneOf(String name, Function<Rules, List<String>> values) {
    return new Declared(name, RawColumn.Kind.ENUM, values);
  }

  /** The recognitions that score points, but new above-size firms, which the roster tells. */
  private static List<String> recognitionKinds(Rules rules) {
    List<String> kinds = new ArrayList<>(rules.indicators().cultivation().points().keySet());
    kinds.remove("new_above_scale");
    return kinds;
  }

  private static List<String> programs(Rules rules) {
    return List.copyOf(rules.indicators().talent().points().keySet());
  }

  public String fileName() {
    return fileName;
  }

  /** The header's column names, in contract order. */
  public List<String> columns() {
    return columns;
  }

  /** The typed columns, in contract order, with the values and bounds the rules give them. */
  public List<RawColumn> typedColumns(Rules rules) {
    return declared.stream().map(d -> d.kind().isMoney()
        ? RawColumn.money(d.name(), d.kind(), rules.data().maxRecordAmountYuan())
        : new RawColumn(d.name(), d.kind(), d.allowed().apply(rules), null)).toList();
  }

  /** The file of a name as the logs record it ({@code invoices.csv}). */
  public static RawFile ofFileName(String fileName) {
    for (RawFile f : values()) {
      if (f.fileName.equals(fileName)) {
        return f;
      }
    }
    throw new IllegalArgumentException("not a delivery file: " + fileName);
  }

  /** The table's short name, shared by its bronze and silver tables: {@code invoices}, {@code zones}... */
  public String tableName() {
    return fileName.substring(0, fileName.length() - ".csv".length());
  }
}
