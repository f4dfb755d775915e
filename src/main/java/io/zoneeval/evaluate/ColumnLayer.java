package io.zoneeval.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * New columns that depend only on a frame's existing ones, added in one projection, in the order given.
 * Every new frame is an analysis of its whole plan, and the zone level's plans are large: a column at a
 * time, the analyses of the scores cost more than computing them (docs/performance.md, "Columns added in
 * layers"). {@code Dataset.withColumns(Map)} would do the same but loses the order of more than four.
 */
final class ColumnLayer {
  private final Map<String, Column> columns = new LinkedHashMap<>();

  ColumnLayer put(String name, Column column) {
    if (columns.put(name, column) != null) {
      throw new IllegalArgumentException("column " + name + " twice in one layer");
    }
    return this;
  }

  /** The frame with the layer's columns after its own; a name the frame already has is an error. */
  Dataset<Row> addTo(Dataset<Row> frame) {
    Set<String> existing = Set.of(frame.columns());
    List<Column> all = new ArrayList<>(List.of(col("*")));
    columns.forEach((name, column) -> {
      if (existing.contains(name)) {
        throw new IllegalArgumentException("column " + name + " is already in the frame");
      }
      all.add(column.as(name));
    });
    return frame.select(all.toArray(Column[]::new));
  }
}
