package io.zoneeval.cli;

import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.publish.CsvOutput;
import io.zoneeval.rules.Rules;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run one SQL statement against the warehouse's tables and print the result as CSV with a header.")
public final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"SELECT * FROM gold.zone_results\".")
  String sql;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = sparkOptions.session("sql");
    new Warehouse(spark, sparkOptions.warehouse).registerExisting(Tables.all(Rules.defaults()));
    CsvOutput.print(spark.sql(sql), System.out);
    return 0;
  }
}
