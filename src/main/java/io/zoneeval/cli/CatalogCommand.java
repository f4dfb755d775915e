package io.zoneeval.cli;

import io.zoneeval.catalog.CommitLog;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.publish.CatalogDdl;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = {"The warehouse for another engine's catalog. With --ddl: print the SQL that registers every "
        + "bronze, silver and gold table by its location and creates the published.* views (each year's published "
        + "run, else its latest committed run, at the table versions the run recorded), for spark-sql -f, a "
        + "Databricks SQL editor or Trino (notebooks-exported/README.md).",
        "Only reads the warehouse. Run the statements again after an evaluation, a publication or an approval: "
            + "the views are pinned to the runs committed when they were printed."})
public final class CatalogCommand implements Callable<Integer> {
  @Option(names = "--ddl", required = true,
      description = "Print the statements (CREATE SCHEMA, the tables, the views).")
  boolean ddl;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "spark",
      description = "Whose SQL: spark (spark-sql with Delta Lake), databricks or trino (its Delta Lake connector's "
          + "register_table). Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(names = "--catalog", paramLabel = "NAME",
      description = "Qualify every name with this catalog (Databricks Unity Catalog: e.g. main). Default: the "
          + "engine's current catalog; for trino, delta.")
  String catalog;

  @Mixin SparkOptions sparkOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CatalogDdl.Engine chosen;
    try {
      chosen = CatalogDdl.Engine.parse(engine);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--engine: " + e.getMessage());
    }
    SparkSession spark = sparkOptions.resultsReader();
    Warehouse warehouse = sparkOptions.warehouse(spark);
    System.out.print(new CatalogDdl(warehouse, CommitLog.readResults(warehouse), chosen, catalog).script());
    System.out.flush();
    return 0;
  }
}
