package io.zoneeval.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.shell.ResultRenderer.Format;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ShellTableDescriptionTest {
  private static Metadata comment(String text) {
    return new MetadataBuilder().putString("comment", text).build();
  }

  private static final StructType ZONE_RESULTS = new StructType(new StructField[] {
      new StructField("zone_id", DataTypes.StringType, false, comment("园区代码 zone code")),
      new StructField("total_score", DataTypes.createDecimalType(7, 3), true, comment("综合得分 total score [分]")),
      new StructField("award_amount_wan", DataTypes.createDecimalType(12, 2), true,
          comment("奖励金额 award for the zone, in ten thousand yuan [万元]")),
      new StructField("run_id", DataTypes.StringType, true, Metadata.empty())});

  @Test
  void columnsWithTypeTermMeaningAndUnitFromTheirComments() {
    QueryResult described = TableDescription.of(ZONE_RESULTS);
    assertThat(described.schema().fieldNames()).containsExactly("column", "type", "term", "unit", "meaning");
    assertThat(described.rows()).containsExactly(
        java.util.List.of("zone_id", "string not null", "园区代码", "", "zone code"),
        java.util.List.of("total_score", "decimal(7,3)", "综合得分", "分", "total score"),
        java.util.List.of("award_amount_wan", "decimal(12,2)", "奖励金额", "万元", "award for the zone, in ten thousand yuan"),
        java.util.List.of("run_id", "string", "", "", ""));
  }

  @Test
  void printsAsAnAlignedTable() {
    assertThat(ResultRenderer.render(TableDescription.of(ZONE_RESULTS), Format.TABLE).lines().toList()).containsExactly(
        " column           | type            | term     | unit | meaning",
        "------------------+-----------------+----------+------+------------------------------------------",
        " zone_id          | string not null | 园区代码 |      | zone code",
        " total_score      | decimal(7,3)    | 综合得分 | 分   | total score",
        " award_amount_wan | decimal(12,2)   | 奖励金额 | 万元 | award for the zone, in ten thousand yuan",
        " run_id           | string          |          |      |",
        "(4 rows)");
  }
}
