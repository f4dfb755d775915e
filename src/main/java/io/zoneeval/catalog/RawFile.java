package io.zoneeval.catalog;

import java.util.List;

/**
 * The input contract: the twelve raw CSV files, each with its header columns in contract order.
 * A file may order its columns differently or add columns: they are matched by name.
 */
public enum RawFile {
  ZONES("zones.csv", "year", "zone_id", "zone_name", "county", "zone_type", "specialty_industries"),
  COUNTY_POLICIES("county_policies.csv", "year", "county", "has_policy"),
  ENTERPRISES("enterprises.csv", "year", "uscc", "name", "zone_id", "industry_code", "above_scale"),
  INVOICES("invoices.csv", "invoice_id", "seller_uscc", "issue_date", "amount", "tax_amount", "status"),
  TAX_PAYMENTS("tax_payments.csv", "payment_id", "uscc", "tax_type", "entry_date", "amount"),
  LAND_PARCELS(
      "land_parcels.csv", "parcel_id", "holder_uscc", "area_m2", "acquired_date", "released_date"),
  RECOGNITIONS("recognitions.csv", "uscc", "kind", "recognized_date"),
  TALENTS("talents.csv", "talent_id", "employer_uscc", "program", "awarded_date"),
  PROJECTS(
      "projects.csv",
      "project_id",
      "zone_id",
      "kind",
      "equipment_investment",
      "construction_start_date",
      "production_start_date"),
  STANDARD_FACTORIES(
      "standard_factories.csv", "factory_id", "zone_id", "floor_area_m2", "accepted_date"),
  LAND_REVITALIZATIONS(
      "land_revitalizations.csv", "record_id", "zone_id", "area_mu", "completed_date"),
  INCIDENTS(
      "incidents.csv", "incident_id", "zone_id", "kind", "severity", "occurred_date");

  private final String fileName;
  private final List<String> columns;

  RawFile(String fileName, String... columns) {
    this.fileName = fileName;
    this.columns = List.of(columns);
  }

  public String fileName() {
    return fileName;
  }

  public List<String> columns() {
    return columns;
  }

  /** The table's short name, shared by its bronze and silver tables: {@code invoices}, {@code zones}... */
  public String tableName() {
    return fileName.substring(0, fileName.length() - ".csv".length());
  }
}
