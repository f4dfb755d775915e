package io.zoneeval.catalog;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.FileStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of Delta Kernel's {@code Scan.getScanFiles}, read through Kernel's public {@link Row} API by
 * field name: the {@code add} action of a data file and the {@code tableRoot} its relative path resolves
 * against (the row's documented schema), not through Kernel's internal helpers, which may change with
 * any release.
 */
record ScanFileRow(Row add, String tableRoot) {
  static ScanFileRow of(Row scanFile) {
    StructType schema = scanFile.getSchema();
    return new ScanFileRow(scanFile.getStruct(schema.indexOf("add")), scanFile.getString(schema.indexOf("tableRoot")));
  }

  private int field(String name) {
    return add.getSchema().indexOf(name);
  }

  /** The path as the log holds it: relative to the table and URI-encoded, or an absolute URI. */
  String logPath() {
    return add.getString(field("path"));
  }

  /** The file's full path: the log's path resolved against the table's root. */
  String path() {
    return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(URI.create(tableRoot)),
        new org.apache.hadoop.fs.Path(URI.create(logPath()))).toString();
  }

  long size() {
    return add.getLong(field("size"));
  }

  FileStatus status() {
    return FileStatus.of(path(), size(), add.getLong(field("modificationTime")));
  }

  /** Whether rows of the file are deleted by a deletion vector (the file alone is not the table's rows). */
  boolean hasDeletionVector() {
    int dv = field("deletionVector");
    return dv >= 0 && !add.isNullAt(dv);
  }

  /** The partition values as the log writes them: text, null for null. */
  Map<String, String> partitionValues() {
    MapValue map = add.getMap(field("partitionValues"));
    ColumnVector keys = map.getKeys();
    ColumnVector values = map.getValues();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < map.getSize(); i++) {
      out.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
    }
    return out;
  }
}
