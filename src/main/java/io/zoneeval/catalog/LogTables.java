package io.zoneeval.catalog;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a small Delta table (the commit logs: a row per ingest, run or publication) on the calling thread
 * with Delta Kernel, Delta's own library for reading tables without a query engine: no Spark job, so a
 * reader that only needs to know what is committed starts in well under a second. Rows come back as maps
 * of plain Java values (lists, maps, nested maps, {@link Instant}s).
 */
final class LogTables {
  private LogTables() {}

  /** Every row of the table at {@code path}, at its latest version. */
  static List<Map<String, Object>> read(Configuration conf, String path) {
    return read(conf, path, -1);
  }

  /** Every row of the table at {@code path}, at a version ({@code -1}: the latest). */
  static List<Map<String, Object>> read(Configuration conf, String path, long version) {
    return read(conf, path, version, null);
  }

  /**
   * The rows of the files that may hold rows matching {@code filter} (null: every file): Kernel skips the
   * files of the other partitions (and those whose statistics exclude a match); the rows of the files it
   * keeps come back as they are, matching or not.
   */
  static List<Map<String, Object>> read(Configuration conf, String path, long version, Predicate filter) {
    Engine engine = DefaultEngine.create(conf);
    List<Map<String, Object>> out = new ArrayList<>();
    try {
      Table table = Table.forPath(engine, path);
      Snapshot snapshot = version < 0 ? table.getLatestSnapshot(engine) : table.getSnapshotAsOfVersion(engine, version);
      Scan scan = (filter == null ? snapshot.getScanBuilder() : snapshot.getScanBuilder().withFilter(filter)).build();
      Row scanState = scan.getScanState(engine);
      // The columns the files hold: the log tables use no column mapping, so the schema less the
      // partition columns (Kernel's transformPhysicalData adds those).
      StructType physical = new StructType();
      for (var field : snapshot.getSchema().fields()) {
        if (!snapshot.getPartitionColumnNames().contains(field.getName())) {
          physical = physical.add(field);
        }
      }
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
        while (files.hasNext()) {
          try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
            while (scanFiles.hasNext()) {
              Row scanFile = scanFiles.next();
              FileStatus file = ScanFileRow.of(scanFile).status();
              CloseableIterator<ColumnarBatch> batches = engine.getParquetHandler()
                  .readParquetFiles(single(file), physical, Optional.empty()).map(FileReadResult::getData);
              try (CloseableIterator<FilteredColumnarBatch> data =
                  Scan.transformPhysicalData(engine, scanState, scanFile, batches)) {
                while (data.hasNext()) {
                  addSelectedRows(data.next(), out);
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot be read: " + e.getMessage(), e);
    }
    return out;
  }

  private static <T> CloseableIterator<T> single(T item) {
    return new CloseableIterator<>() {
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public T next() {
        done = true;
        return item;
      }

      @Override
      public void close() {
      }
    };
  }

  /** The batch's rows that its selection vector keeps (as {@link FilteredColumnarBatch#getRows} does). */
  private static void addSelectedRows(FilteredColumnarBatch batch, List<Map<String, Object>> out) {
    ColumnarBatch columns = batch.getData();
    Optional<ColumnVector> selected = batch.getSelectionVector();
    StructType schema = columns.getSchema();
    for (int r = 0; r < columns.getSize(); r++) {
      if (selected.isPresent() && (selected.get().isNullAt(r) || !selected.get().getBoolean(r))) {
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (int c = 0; c < schema.length(); c++) {
        values.put(schema.at(c).getName(), value(columns.getColumnVector(c), r, schema.at(c).getDataType()));
      }
      out.add(values);
    }
  }

  private static Object value(ColumnVector vector, int i, DataType type) {
    if (vector.isNullAt(i)) {
      return null;
    }
    if (type instanceof StructType struct) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int f = 0; f < struct.length(); f++) {
        values.put(struct.at(f).getName(), value(vector.getChild(f), i, struct.at(f).getDataType()));
      }
      return values;
    }
    if (type instanceof ArrayType array) {
      ColumnVector elements = vector.getArray(i).getElements();
      List<Object> list = new ArrayList<>();
      for (int e = 0; e < vector.getArray(i).getSize(); e++) {
        list.add(value(elements, e, array.getElementType()));
      }
      return list;
    }
    if (type instanceof MapType map) {
      var m = vector.getMap(i);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int e = 0; e < m.getSize(); e++) {
        out.put(value(m.getKeys(), e, map.getKeyType()), value(m.getValues(), e, map.getValueType()));
      }
      return out;
    }
    if (type instanceof IntegerType) {
      return vector.getInt(i);
    }
    if (type instanceof LongType) {
      return vector.getLong(i);
    }
    if (type instanceof BooleanType) {
      return vector.getBoolean(i);
    }
    if (type instanceof TimestampType) {
      return micros(vector.getLong(i));
    }
    if (type instanceof DecimalType) {
      return vector.getDecimal(i);
    }
    if (type instanceof DateType) {
      return LocalDate.ofEpochDay(vector.getInt(i));
    }
    return vector.getString(i);
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
