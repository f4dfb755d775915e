package io.zoneeval.publish;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.Rules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL that registers a warehouse in another engine's catalog (a spark-sql metastore, Databricks,
 * Trino's Delta Lake connector): a schema per layer, every table of {@link Tables} that the warehouse has,
 * registered by its location, and the {@code published.*} views as {@link PublishedViews} defines them,
 * each year read at the version its run recorded.
 *
 * <p>A table registered by location is read at its latest version, as a read by path is: after a writer
 * that is still running or was killed, that holds uncommitted writes. The views are pinned to the
 * committed runs of the moment the statements were printed; printing and running them again after an
 * evaluation, a publication or an approval moves them ({@code CREATE OR REPLACE VIEW}).
 */
public final class CatalogDdl {
  /** The engines whose SQL is written. */
  public enum Engine {
    SPARK, DATABRICKS, TRINO;

    /** {@code spark}, {@code databricks} or {@code trino}, in any case. */
    public static Engine parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown engine " + name + ": spark, databricks or trino");
      }
    }

    /** The catalog that names are qualified with when none is given: Trino's names always have one. */
    public String defaultCatalog() {
      return this == TRINO ? "delta" : null;
    }
  }

  private final Warehouse warehouse;
  private final CommitLog log;
  private final Engine engine;
  /** {@code "catalog."}, or empty: the engine's current catalog. */
  private final String prefix;
  /** Every table of the warehouse, from its one declaration. */
  private final List<TableDef> declared = Tables.all(Rules.defaults());

  /** @param catalog the catalog every name is qualified with; null or blank: the engine's default */
  public CatalogDdl(Warehouse warehouse, CommitLog log, Engine engine, String catalog) {
    this.warehouse = warehouse;
    this.log = log;
    this.engine = engine;
    String name = catalog == null || catalog.isBlank() ? engine.defaultCatalog() : catalog.strip();
    this.prefix = name == null ? "" : name + ".";
  }

  /** The statements, in the order they must run: schemas, tables, views. */
  public List<String> statements() {
    List<String> out = new ArrayList<>();
    for (String schema : schemas()) {
      out.add("CREATE SCHEMA IF NOT EXISTS " + prefix + schema);
    }
    for (TableDef table : registered()) {
      out.add(register(table));
    }
    for (TableDef table : PublishedViews.viewed()) {
      if (warehouse.exists(table)) {
        out.add("CREATE OR REPLACE VIEW " + prefix + PublishedViews.SCHEMA + "." + table.name() + " AS "
            + PublishedViews.definition(log, table, version -> prefix + table.qualifiedName() + versionClause()
                + version, engine == Engine.TRINO ? "VARCHAR" : "STRING"));
      }
    }
    return out;
  }

  /** The statements as a script: what it is for in comments, then each statement ended with a semicolon. */
  public String script() {
    StringBuilder out = new StringBuilder();
    out.append("-- zone-eval catalog --ddl --engine ").append(engine.name().toLowerCase(Locale.ROOT))
        .append(": the tables of ").append(warehouse.root()).append(", registered by location\n");
    out.append(switch (engine) {
      case SPARK -> "-- spark-sql with Delta Lake (its SQL extension, and DeltaCatalog as spark_catalog) and a\n"
          + "-- metastore that keeps tables between sessions (Hive's, or Derby's in the working directory).\n";
      case DATABRICKS -> "-- A Databricks SQL editor or notebook; the warehouse must be on storage the workspace\n"
          + "-- reads (with Unity Catalog: an external location; --catalog main gives three-part names).\n";
      case TRINO -> "-- Trino's Delta Lake connector with delta.register-table-procedure.enabled=true; register_table\n"
          + "-- refuses a table registered before (CALL " + prefix + "system.unregister_table(...) first).\n";
    });
    out.append("-- A registered table reads its latest version; the published.* views read each year's published\n"
        + "-- run (else its latest committed run, as draft) at the versions that run recorded, as of now: after an\n"
        + "-- evaluation, a publication or an approval, print and run these statements again.\n");
    for (TableDef table : declared) {
      if (!warehouse.exists(table)) {
        out.append("-- ").append(table.qualifiedName()).append(": not in the warehouse (yet), not registered\n");
      }
    }
    for (String statement : statements()) {
      out.append(statement).append(";\n");
    }
    return out.toString();
  }

  /** The schemas of the declared tables, in the order data flows through them, then the published views'. */
  private Set<String> schemas() {
    Set<String> schemas = new LinkedHashSet<>();
    declared.forEach(t -> schemas.add(t.schema()));
    schemas.add(PublishedViews.SCHEMA);
    return schemas;
  }

  /** The declared tables the warehouse has (a table no ingest or run has created yet cannot be registered). */
  private List<TableDef> registered() {
    return declared.stream().filter(warehouse::exists).toList();
  }

  private String register(TableDef table) {
    String location = warehouse.location(table);
    if (engine == Engine.TRINO) {
      return "CALL " + prefix + "system.register_table(schema_name => " + literal(table.schema()) + ", table_name => "
          + literal(table.name()) + ", table_location => " + literal(location) + ")";
    }
    return "CREATE TABLE IF NOT EXISTS " + prefix + table.qualifiedName() + " USING DELTA LOCATION "
        + literal(location);
  }

  private String versionClause() {
    return engine == Engine.TRINO ? " FOR VERSION AS OF " : " VERSION AS OF ";
  }

  /** A string literal: Trino doubles a quote, Spark escapes it (and the backslash) with a backslash. */
  String literal(String text) {
    if (engine == Engine.TRINO) {
      return "'" + text.replace("'", "''") + "'";
    }
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
