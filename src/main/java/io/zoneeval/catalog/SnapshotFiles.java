package io.zoneeval.catalog;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The data files of a table's latest snapshot, listed by Delta Kernel on the calling thread (no Spark job).
 *
 * <p>Why: in a fresh JVM, Delta's own reader reconstructs a snapshot's state with Spark jobs whose
 * serializers of log actions are generated and compiled per task; for the twelve silver tables an
 * evaluation reads, that cost a re-evaluation far more than its records do (docs/performance.md,
 * "Silver's files from Delta Kernel"). A table that needs no
 * reader feature (no deletion vectors, no column mapping, no type widening) is exactly its
 * data files, read as Parquet with the partition values the log gives them; {@link #plainParquet()} says
 * whether that holds, and the caller reads with Delta otherwise. Kernel's public API only.
 */
record SnapshotFiles(long version, String schemaJson, List<String> partitionColumns, List<DataFile> files,
    boolean plainParquet) {

  /**
   * One data file: its full path, its path as the log holds it (relative to the table, URI-encoded), its
   * size in bytes and its partition values as the log writes them (text, null for null).
   */
  record DataFile(String path, String logPath, long size, Map<String, String> partitionValues) {}

  /**
   * The table's properties at its latest version (its metadata's configuration: CHECK constraints as
   * {@code delta.constraints.<name>}, settings), read without a Spark job.
   */
  static Map<String, String> properties(Configuration conf, String tablePath) {
    Engine engine = DefaultEngine.create(conf);
    return Table.forPath(engine, tablePath).getLatestSnapshot(engine).getTableProperties();
  }

  static SnapshotFiles latest(Configuration conf, String tablePath) {
    return at(conf, tablePath, -1);
  }

  /** The data files of the table at a version ({@code version} -1: the latest). */
  static SnapshotFiles at(Configuration conf, String tablePath, long version) {
    Engine engine = DefaultEngine.create(conf);
    try {
      Table table = Table.forPath(engine, tablePath);
      Snapshot snapshot = version < 0 ? table.getLatestSnapshot(engine) : table.getSnapshotAsOfVersion(engine, version);
      // Reader features that make a table more than its Parquet files (Kernel's public API does not give
      // the protocol): deletion vectors (also checked per file below), column mapping, type widening.
      Map<String, String> properties = snapshot.getTableProperties();
      boolean plain = !"true".equalsIgnoreCase(properties.get("delta.enableDeletionVectors"))
          && "none".equalsIgnoreCase(properties.getOrDefault("delta.columnMapping.mode", "none"))
          && !"true".equalsIgnoreCase(properties.get("delta.enableTypeWidening"));
      List<DataFile> files = new ArrayList<>();
      Scan scan = snapshot.getScanBuilder().build();
      try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
        while (batches.hasNext()) {
          try (CloseableIterator<Row> rows = batches.next().getRows()) {
            while (rows.hasNext()) {
              ScanFileRow file = ScanFileRow.of(rows.next());
              plain &= !file.hasDeletionVector();
              files.add(new DataFile(file.path(), file.logPath(), file.size(), file.partitionValues()));
            }
          }
        }
      }
      return new SnapshotFiles(snapshot.getVersion(), snapshot.getSchema().toJson(),
          snapshot.getPartitionColumnNames(), files, plain);
    } catch (IOException e) {
      throw new UncheckedIOException(tablePath + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
