package io.zoneeval.shell;

import io.zoneeval.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code \d TABLE} shows: one row per column with its type, and the column comment
 * ({@code 术语 meaning [unit]}) taken apart into the Chinese term, the meaning and the unit, so an
 * analyst reads what a figure is and in what unit without parsing the comment. The meaning comes last:
 * it is the long one, and a terminal too narrow for it then wraps only the end of each line.
 */
public final class TableDescription {
  private TableDescription() {}

  static final StructType COLUMNS = new StructType()
      .add("column", DataTypes.StringType)
      .add("type", DataTypes.StringType)
      .add("term", DataTypes.StringType)
      .add("unit", DataTypes.StringType)
      .add("meaning", DataTypes.StringType);

  /** The columns of a table as a result the shell prints like any other (so {@code \csv} and {@code \x} apply). */
  public static QueryResult of(StructType schema) {
    List<List<String>> rows = new ArrayList<>();
    for (StructField field : schema.fields()) {
      String comment = field.getComment().isDefined() ? field.getComment().get() : null;
      // The comment is read the one way the catalog writes it (TableDef.Col), so the two cannot drift.
      TableDef.Col col = new TableDef.Col(field.name(), field.dataType().simpleString(), !field.nullable(), comment);
      String type = col.type() + (col.notNull() ? " not null" : "");
      rows.add(java.util.Arrays.asList(col.name(), type, col.term(), col.unit(), col.meaning()));
    }
    return QueryResult.of(COLUMNS, rows);
  }
}
