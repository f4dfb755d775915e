package io.zoneeval.cli;

import io.zoneeval.analysis.Refused;
import io.zoneeval.analysis.WhatIf;
import io.zoneeval.analysis.WhatIfXlsx;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Progress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "whatif", mixinStandardHelpOptions = true,
    description = "A year scored from silver under another rules file, beside a committed run's result, writing "
        + "nothing (no lock: a reader): CSV on stdout, one row per zone, year,zone_id,zone_type,final_rank_before,"
        + "final_rank_after,total_before,total_after,award_prize_before,award_prize_after,award_amount_wan_before,"
        + "award_amount_wan_after. \"after\" is what evaluate --year Y --rules FILE would write now.")
public final class WhatIfCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, paramLabel = "YYYY", description = "The year.")
  int year;

  @Option(names = "--rules", required = true, paramLabel = "FILE", description = "The other rules file.")
  Path rulesFile;

  @Option(names = "--run", paramLabel = "RUN_ID",
      description = "The run to compare with (default: the year's published run, else its latest committed one).")
  String run;

  @Option(names = "--out", paramLabel = "FILE.xlsx",
      description = "Also write the rows as a workbook, the zones whose final rank or prize changed highlighted.")
  Path out;

  @Option(names = "--allow-missing-prior-year",
      description = "As evaluate's: score a year whose prior year's zones or roster silver lacks.")
  boolean allowMissingPriorYear;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    // Checked before Spark starts: a mistake costs no session.
    if (out != null && !out.getFileName().toString().endsWith(".xlsx")) {
      throw new Refused("--out " + out + ": the workbook's name must end in .xlsx");
    }
    Rules rules = Rules.load(rulesFile);
    SparkSession spark = sparkOptions.reader();
    Warehouse warehouse = sparkOptions.warehouse(spark);
    WhatIf.Result result = WhatIf.compute(spark, warehouse, year, rules, run, allowMissingPriorYear,
        new Progress(System.err));
    WhatIf.print(result, System.out);
    if (out != null) {
      WhatIfXlsx.write(result, out);
    }
    System.err.println("[zone-eval] whatif " + year + ": run " + result.before().id() + " (rules "
        + result.before().rulesName() + ") → rules " + rules.name() + " (" + rulesFile + "): "
        + result.zones().stream().filter(WhatIf.Zone::moved).count() + " of " + result.zones().size()
        + " zone(s) moved" + (out == null ? "" : "; " + out));
    return 0;
  }
}
