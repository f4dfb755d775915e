package io.zoneeval.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table of the warehouse: its name, columns (type, NOT NULL, comment), partitioning and CHECK
 * constraints. The DDL, the enforced constraints and the indicator dictionary all come from here.
 */
public record TableDef(
    String schema,
    String name,
    String comment,
    List<Col> columns,
    List<String> partitionBy,
    Map<String, String> checks) {

  /** A column: name, SQL type, whether it may be null, and what it means (Chinese term, unit). */
  public record Col(String name, String type, boolean notNull, String comment) {}

  public String qualifiedName() {
    return schema + "." + name;
  }

  public StructType structType() {
    List<StructField> fields = new ArrayList<>();
    for (Col c : columns) {
      Metadata meta = c.comment() == null ? Metadata.empty()
          : new MetadataBuilder().putString("comment", c.comment()).build();
      fields.add(new StructField(c.name(), DataType.fromDDL(c.type()), !c.notNull(), meta));
    }
    return DataTypes.createStructType(fields);
  }

  public List<String> columnNames() {
    return columns.stream().map(Col::name).toList();
  }

  public boolean partitionedByYear() {
    return partitionBy.contains("year");
  }

  /** Builds a table definition column by column. */
  public static final class Builder {
    private final String schema;
    private final String name;
    private final String comment;
    private final List<Col> columns = new ArrayList<>();
    private final List<String> partitionBy = new ArrayList<>();
    private final Map<String, String> checks = new LinkedHashMap<>();

    public Builder(String schema, String name, String comment) {
      this.schema = schema;
      this.name = name;
      this.comment = comment;
    }

    public Builder key(String column, String type, String comment) {
      columns.add(new Col(column, type, true, comment));
      return this;
    }

    public Builder col(String column, String type, String comment) {
      columns.add(new Col(column, type, false, comment));
      return this;
    }

    public Builder partitionBy(String column) {
      partitionBy.add(column);
      return this;
    }

    public Builder check(String constraintName, String expression) {
      checks.put(constraintName, expression);
      return this;
    }

    public TableDef build() {
      return new TableDef(schema, name, comment, List.copyOf(columns), List.copyOf(partitionBy),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks)));
    }
  }
}
