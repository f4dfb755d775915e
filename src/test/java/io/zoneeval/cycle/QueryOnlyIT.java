package io.zoneeval.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's SQL only reads: forging a publication, vacuuming gold, dropping a table, writing enterprise
 * records to a folder and reading a file by path are refused by {@code sql} with one line, and the
 * published result is what it was. (The statement kinds one by one: QueryOnlyTest; the shell and notebooks
 * go through the same check.)
 *
 * <p>How it was checked to fail without its protection: with SqlCommand not calling QueryOnly, the forged
 * publication was written and published.zone_results changed.
 */
@Order(6)
class QueryOnlyIT {
  @TempDir Path dir;

  @Test
  void writesAndFileReadsAreRefusedAndThePublishedResultStays() throws Exception {
    String warehouse = SamplesWarehouse.get().toString();
    List<String> publications = Cli.sql(warehouse, "SELECT * FROM gold.publications ORDER BY at");
    List<String> published = Cli.sql(warehouse, "SELECT * FROM published.zone_results ORDER BY year, zone_id");
    String anyRun = Cli.sql(warehouse, "SELECT run_id FROM gold.runs ORDER BY started_at LIMIT 1").get(1);
    Path out = dir.resolve("out");
    List<String> refused = List.of(
        "INSERT INTO gold.publications VALUES (2024, '" + anyRun + "', 'approved', current_timestamp(), 'forged', 'x')",
        "VACUUM gold.zone_results RETAIN 0 HOURS",
        "DROP TABLE gold.zone_results",
        "DELETE FROM gold.runs",
        "INSERT OVERWRITE DIRECTORY '" + out + "' USING csv SELECT uscc, name FROM silver.enterprises",
        "SELECT * FROM text.`/etc/passwd`",
        "SELECT java_method('java.lang.System', 'getProperty', 'user.home')");
    for (String sql : refused) {
      Cli.Result r = Cli.run("sql", sql, "--warehouse", warehouse);
      assertThat(r.status()).as(sql).isNotZero();
      assertThat(r.err().strip().lines()).as(sql).hasSize(1);
      assertThat(r.out()).as(sql).isEmpty();
    }
    assertThat(Files.exists(out)).isFalse();
    assertThat(Cli.sql(warehouse, "SELECT * FROM gold.publications ORDER BY at")).isEqualTo(publications);
    assertThat(Cli.sql(warehouse, "SELECT * FROM published.zone_results ORDER BY year, zone_id")).isEqualTo(published);
  }
}
