package io.zoneeval.cli;

import io.zoneeval.publish.CsvOutput;
import io.zoneeval.publish.PublishedViews;
import io.zoneeval.spark.InternalSettings;
import io.zoneeval.spark.QueryOnly;
import io.zoneeval.spark.ResultQueries;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run one SQL statement against the warehouse's tables (their last committed state; the "
        + "published.* views give each year's published result) and print the result as CSV with a header.")
public final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"SELECT * FROM gold.zone_results\".")
  String sql;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    QueryOnly.check(sql);
    SparkSession spark = sparkOptions.reader();
    if (ResultQueries.readsOnlyResults(spark, sql)) {
      // Results only: a few hundred rows a year, read faster without compiling code (see ResultQueries).
      InternalSettings.interpret(spark);
    }
    PublishedViews.refreshFor(spark, sparkOptions.warehouse(spark), sql);
    CsvOutput.print(spark.sql(sql), System.out);
    return 0;
  }
}
