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
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.delta.catalog.DeltaCatalog;

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
 * <p>It extends {@code DeltaCatalog}, the class Delta documents for {@code spark.sql.catalog.spark_catalog}:
 * Spark's public catalog API has no other way to resolve a name to a Delta table at a version (Delta's
 * time travel by path lives in that class). Only its public overrides are used: {@code loadTable} (also
 * with a version), {@code tableExists}, {@code listTables}, {@code listNamespaces},
 * {@code namespaceExists}.
 */
public class WarehouseCatalog extends DeltaCatalog {
  /**
   * The session setting naming the warehouse folder. A runtime setting, not a catalog option (those are
   * fixed when the session starts), so that one process can look at several warehouses in turn (tests).
   */
  public static final String WAREHOUSE_CONF = "spark.zoneeval.warehouse";
  static final List<String> SCHEMAS = List.of("bronze", "silver", "gold");

  private volatile Warehouse warehouse;
  private volatile Committed committed;

  /** The committed versions, as read with the logs at these versions. */
  private record Committed(long ingestsVersion, long runsVersion, Map<String, Long> versions) {}

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
  public Table loadTable(Identifier ident) {
    TableDef table = tableOf(ident);
    if (table == null) {
      return super.loadTable(ident);
    }
    Warehouse w = warehouse();
    long latest = w.version(table);
    if (latest < 0) {
      throw sneaky(new NoSuchTableException(ident));
    }
    Identifier path = Identifier.of(new String[] {"delta"}, w.location(table));
    Long version = committedVersion(w, table, latest);
    return version == null ? super.loadTable(path) : super.loadTable(path, String.valueOf(version));
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

  /**
   * Delta's catalog is Scala, whose methods declare no checked exceptions; Spark still expects
   * NoSuchTableException (checked) from loadTable, so it is thrown as it is.
   */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public boolean tableExists(Identifier ident) {
    TableDef table = tableOf(ident);
    if (table == null) {
      return super.tableExists(ident);
    }
    return warehouse().exists(table);
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (root() == null || namespace.length != 1 || !SCHEMAS.contains(namespace[0])) {
      return super.listTables(namespace);
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
    for (String[] ns : super.listNamespaces()) {
      all.add(Arrays.asList(ns));
    }
    return all.stream().map(l -> l.toArray(String[]::new)).toArray(String[][]::new);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    if (root() != null && namespace.length == 1 && SCHEMAS.contains(namespace[0])) {
      return true;
    }
    return super.namespaceExists(namespace);
  }
}
