package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's Parquet writer keeps min/max statistics only where a row group could be skipped by them:
 * not for the columns of (nearly) unique values nor for the text columns that come in no order
 * ({@link Sessions#UNIQUE_COLUMNS}, {@link Sessions#UNSKIPPABLE_COLUMNS}); an ordinary column keeps them.
 */
class ParquetStatisticsTest {
  @TempDir Path dir;

  @Test
  void statisticsOnlyWhereTheyCanSkipARowGroup() throws Exception {
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType()
        .add("zone_id", DataTypes.StringType)
        .add("invoice_id", DataTypes.StringType)
        .add("seller_uscc", DataTypes.StringType)
        .add("status", DataTypes.StringType)
        .add("_delivery_id", DataTypes.StringType)
        .add("_source_file", DataTypes.StringType);
    String out = dir.resolve("rows").toString();
    spark.createDataFrame(List.of(
            RowFactory.create("YZ01", "INV-1", "91321000058265053E", "normal", "d1:utf-8", "file:/in/invoices.csv"),
            RowFactory.create("YZ02", "INV-2", "91321000068901203D", "void", "d1:utf-8", "file:/in/invoices.csv")),
        schema).coalesce(1).write().parquet(out);

    Map<String, Boolean> hasMinMax = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of(out))) {
      Path file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new org.apache.hadoop.fs.Path(file.toUri()), spark.sparkContext().hadoopConfiguration()))) {
        for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
          hasMinMax.put(column.getPath().toDotString(), column.getStatistics().hasNonNullValue());
        }
      }
    }
    assertThat(hasMinMax).containsEntry("zone_id", true);
    for (String column : Sessions.UNSKIPPABLE_COLUMNS) {
      assertThat(hasMinMax).containsEntry(column, false);
    }
    assertThat(hasMinMax).containsEntry("invoice_id", false);
  }
}
