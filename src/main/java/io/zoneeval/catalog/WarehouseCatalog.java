package io.zoneeval.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchFunctionException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.CatalogExtension;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalogCapability;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The session catalog of a zone-eval session: Delta's, plus the warehouse's tables found by name from the
 * warehouse folder itself ({@code gold.zone_results} is {@code <warehouse>/gold/zone_results}), so no
 * metastore is needed and any number of processes can query one warehouse at once.
 *
 * <p>A table is read at its <em>committed</em> version: the newest version that a committed ingest
 * ({@code silver.ingests}) or evaluation run ({@code gold.runs}) recorded. An ingest or evaluation that is
 * running, or died, has its writes in later versions, which readers therefore never see. The logs are
 * read again when they change (their own version is the key), so a long session sees each new commit.
 *
 * <p>Names the warehouse does not have (views of the session, {@code published.*}) are Delta's catalog's
 * as usual.
 *
 * <p>Every name, the warehouse's included, is resolved by Delta's catalog, reached through Spark's public
 * catalog interfaces only: it is created by the class name Delta documents for
 * {@code spark.sql.catalog.spark_catalog} ({@link #DELTA_CATALOG}), and this catalog stands in front of
 * it as Spark's {@code CatalogExtension} (the session's own catalog behind both). Only Delta's catalog
 * resolves a Delta table by path at a version (its time travel); no other public API returns such a
 * table to Spark's catalog.
 */
public class WarehouseCatalog implements CatalogExtension {
  /**
   * The session setting naming the warehouse folder. A runtime setting, not a catalog option (those are
   * fixed when the session starts), so that one process can look at several warehouses in turn (tests).
   */
  public static final String WAREHOUSE_CONF = "spark.zoneeval.warehouse";
  static final List<String> SCHEMAS = List.of("bronze", "silver", "gold");

  /** Delta's catalog, as Delta's documentation names it for {@code spark.sql.catalog.spark_catalog}. */
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private final CatalogExtension delta;
  private String name;
  private volatile Warehouse warehouse;
  private volatile Committed committed;

  /** The committed versions, as read with the logs at these versions. */
  private record Committed(long ingestsVersion, long runsVersion, Map<String, Long> versions) {}

  public WarehouseCatalog() {
    try {
      delta = (CatalogExtension) Class.forName(DELTA_CATALOG).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("Delta Lake's catalog (" + DELTA_CATALOG + ") is not on the classpath, or not"
          + " a Spark catalog extension: is delta-spark there, in the version the project's pom.xml names?", e);
    }
  }

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    delta.initialize(name, options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void setDelegateCatalog(CatalogPlugin sessionCatalog) {
    delta.setDelegateCatalog(sessionCatalog);
  }

  private String root() {
    return SparkSession.active().conf().get(WAREHOUSE_CONF, null);
  }

  private Warehouse warehouse() {
    String root = root();
    Warehouse known = warehouse;
    if (known == null || !known.root().equals(Warehouse.qualified(SparkSession.active(), root))) {
      known = new Warehouse(SparkSession.active(), root);
      warehouse = known;
      committed = null;
    }
    return known;
  }

  /** The warehouse's table of this name, or null. */
  private TableDef tableOf(Identifier ident) {
    if (root() == null || ident.namespace().length != 1 || !SCHEMAS.contains(ident.namespace()[0])) {
      return null;
    }
    return new TableDef(ident.namespace()[0], ident.name(), null, List.of(), List.of(), Map.of(), Map.of(), Map.of());
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    TableDef table = tableOf(ident);
    if (table == null) {
      return delta.loadTable(ident);
    }
    Warehouse w = warehouse();
    long latest = w.version(table);
    if (latest < 0) {
      throw new NoSuchTableException(ident);
    }
    Long version = committedVersion(w, table, latest);
    return version == null ? delta.loadTable(pathOf(w, table)) : delta.loadTable(pathOf(w, table), String.valueOf(version));
  }

  /** {@code VERSION AS OF}: a warehouse's table at the version asked for, as Delta's time travel gives it. */
  @Override
  public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
    TableDef table = tableOf(ident);
    return table == null ? delta.loadTable(ident, version) : delta.loadTable(existing(ident, table), version);
  }

  /** {@code TIMESTAMP AS OF}, likewise. */
  @Override
  public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
    TableDef table = tableOf(ident);
    return table == null ? delta.loadTable(ident, timestamp) : delta.loadTable(existing(ident, table), timestamp);
  }

  private Identifier existing(Identifier ident, TableDef table) throws NoSuchTableException {
    Warehouse w = warehouse();
    if (w.version(table) < 0) {
      throw new NoSuchTableException(ident);
    }
    return pathOf(w, table);
  }

  /** Delta's name of a table by its folder. */
  private static Identifier pathOf(Warehouse w, TableDef table) {
    return Identifier.of(new String[] {"delta"}, w.location(table));
  }

  /** The version readers see, or null for the latest (the logs themselves, and bronze's ledger). */
  private Long committedVersion(Warehouse w, TableDef table, long latest) {
    String name = table.qualifiedName();
    if (name.equals(Tables.INGESTS.qualifiedName()) || name.equals(Tables.RUNS.qualifiedName())
        || name.equals(Tables.PUBLICATIONS.qualifiedName())) {
      return null;
    }
    Map<String, Long> versions = committed(w).versions();
    Long version = versions.get(name);
    // Never committed: the table as created, empty.
    return Math.min(latest, version == null ? 0L : version);
  }

  private Committed committed(Warehouse w) {
    long ingests = w.version(Tables.INGESTS);
    long runs = w.version(Tables.RUNS);
    Committed known = committed;
    if (known == null || known.ingestsVersion() != ingests || known.runsVersion() != runs) {
      CommitLog log = CommitLog.read(w);
      known = new Committed(ingests, runs, log.committedVersions());
      committed = known;
    }
    return known;
  }

  @Override
  public boolean tableExists(Identifier ident) {
    TableDef table = tableOf(ident);
    if (table == null) {
      return delta.tableExists(ident);
    }
    return warehouse().exists(table);
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (root() == null || namespace.length != 1 || !SCHEMAS.contains(namespace[0])) {
      return delta.listTables(namespace);
    }
    List<Identifier> tables = new ArrayList<>();
    for (String name : tablesIn(namespace[0])) {
      tables.add(Identifier.of(namespace, name));
    }
    return tables.toArray(Identifier[]::new);
  }

  /** The Delta tables under a schema's folder, by name. */
  public List<String> tablesIn(String schema) {
    List<String> names = new ArrayList<>();
    Path dir = new Path(warehouse().root(), schema);
    try {
      FileSystem fs = dir.getFileSystem(SparkSession.active().sparkContext().hadoopConfiguration());
      if (fs.exists(dir)) {
        for (FileStatus status : fs.listStatus(dir)) {
          if (status.isDirectory() && fs.exists(new Path(status.getPath(), "_delta_log"))) {
            names.add(status.getPath().getName());
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    names.sort(String::compareTo);
    return names;
  }

  @Override
  public String[][] listNamespaces() throws NoSuchNamespaceException {
    Set<List<String>> all = new LinkedHashSet<>();
    if (root() != null) {
      SCHEMAS.forEach(s -> all.add(List.of(s)));
    }
    for (String[] ns : delta.listNamespaces()) {
      all.add(Arrays.asList(ns));
    }
    return all.stream().map(l -> l.toArray(String[]::new)).toArray(String[][]::new);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    if (root() != null && namespace.length == 1 && SCHEMAS.contains(namespace[0])) {
      return true;
    }
    return delta.namespaceExists(namespace);
  }

  // What follows is Delta's catalog's, unchanged.

  @Override
  public String[] defaultNamespace() {
    return delta.defaultNamespace();
  }

  @Override
  public Set<TableCatalogCapability> capabilities() {
    return delta.capabilities();
  }

  @Override
  public void invalidateTable(Identifier ident) {
    delta.invalidateTable(ident);
  }

  @Override
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    return delta.createTable(ident, schema, partitions, properties);
  }

  @Override
  public Table createTable(Identifier ident, Column[] columns, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    return delta.createTable(ident, columns, partitions, properties);
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
    return delta.alterTable(ident, changes);
  }

  @Override
  public boolean dropTable(Identifier ident) {
    return delta.dropTable(ident);
  }

  @Override
  public boolean purgeTable(Identifier ident) {
    return delta.purgeTable(ident);
  }

  @Override
  public void renameTable(Identifier from, Identifier to) throws NoSuchTableException, TableAlreadyExistsException {
    delta.renameTable(from, to);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    return delta.listNamespaces(namespace);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    return delta.loadNamespaceMetadata(namespace);
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) throws NamespaceAlreadyExistsException {
    delta.createNamespace(namespace, metadata);
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) throws NoSuchNamespaceException {
    delta.alterNamespace(namespace, changes);
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade)
      throws NoSuchNamespaceException, NonEmptyNamespaceException {
    return delta.dropNamespace(namespace, cascade);
  }

  @Override
  public UnboundFunction loadFunction(Identifier ident) throws NoSuchFunctionException {
    return delta.loadFunction(ident);
  }

  @Override
  public Identifier[] listFunctions(String[] namespace) throws NoSuchNamespaceException {
    return delta.listFunctions(namespace);
  }

  @Override
  public boolean functionExists(Identifier ident) {
    return delta.functionExists(ident);
  }
}
