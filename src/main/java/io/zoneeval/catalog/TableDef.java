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
 * A table of the warehouse: its name, columns (type, NOT NULL, comment), partitioning, CHECK
 * constraints and Delta table properties. The DDL, the enforced constraints and the indicator
 * dictionary (docs/indicators.md) all come from here.
 *
 * <p>A comment reads {@code 术语 meaning [unit]}: the Chinese term first (up to the first space), then
 * what the value is, then, for a number, its unit in square brackets at the end (元, 万元, 亩, m², %,
 * points…).
 */
public record TableDef(
    String schema,
    String name,
    String comment,
    List<Col> columns,
    List<String> partitionBy,
    Map<String, String> checks,
    Map<String, String> properties,
    Map<String, GroupCheck> groupChecks) {

  /**
   * A rule over a group of rows, which a row CHECK cannot express (one interview per (year, type)):
   * {@code condition} is an aggregate SQL expression that must hold for every group of {@code groupBy}
   * in the table as a write would leave it. {@link Warehouse} refuses the write before it commits.
   */
  public record GroupCheck(List<String> groupBy, String condition) {}

  /** A column: name, SQL type, whether it may be null, and what it means (Chinese term, unit). */
  public record Col(String name, String type, boolean notNull, String comment) {
    /** The Chinese term: the comment up to its first space. */
    public String term() {
      return TableDef.term(comment);
    }

    /** What the value is: the comment after the term, without the unit. */
    public String meaning() {
      if (comment == null) {
        return "";
      }
      int space = comment.indexOf(' ');
      String rest = space < 0 ? "" : comment.substring(space + 1);
      String unit = unit();
      return unit.isEmpty() ? rest.trim() : rest.substring(0, rest.lastIndexOf('[')).trim();
    }

    /** The unit, from the trailing {@code [unit]} of the comment; empty when it has none. */
    public String unit() {
      if (comment == null || !comment.endsWith("]") || comment.lastIndexOf('[') < 0) {
        return "";
      }
      return comment.substring(comment.lastIndexOf('[') + 1, comment.length() - 1).trim();
    }
  }

  /** The Chinese term of a comment: its text up to the first space. */
  public static String term(String comment) {
    if (comment == null) {
      return "";
    }
    int space = comment.indexOf(' ');
    return space < 0 ? comment : comment.substring(0, space);
  }

  public Col column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(qualifiedName() + " has no column " + name));
  }

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
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, GroupCheck> groupChecks = new LinkedHashMap<>();

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

    /** A rule every group of rows must satisfy, checked before a write commits (see {@link GroupCheck}). */
    public Builder groupCheck(String name, List<String> groupBy, String condition) {
      groupChecks.put(name, new GroupCheck(List.copyOf(groupBy), condition));
      return this;
    }

    /** A Delta table property (e.g. how long its history is kept), set when the table is created. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public TableDef build() {
      return new TableDef(schema, name, comment, List.copyOf(columns), List.copyOf(partitionBy),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks)),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties)),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groupChecks)));
    }
  }
}
