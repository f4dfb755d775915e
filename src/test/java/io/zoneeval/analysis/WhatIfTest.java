package io.zoneeval.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.rules.Rules;
import io.zoneeval.spark.Progress;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What-if on {@link TiedWarehouse} (K1 60.00; K3 and K2 tied on 58.70, K3 first by tax per mu). */
class WhatIfTest {
  private static final Progress QUIET = new Progress(new PrintStream(OutputStream.nullOutputStream()));
  @TempDir Path dir;

  private static WhatIf.Result whatIf(Rules rules) {
    return WhatIf.compute(SparkTestSession.get(), TiedWarehouse.get().warehouse(), 2024, rules, null, true, QUIET);
  }

  private static Rules changed(Path dir, String from, String to) {
    return Rules.load(RulesText.changed(dir.resolve("rules.yaml"), from, to));
  }

  private static String csv(WhatIf.Result result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WhatIf.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Each table's version, the run log's included: what a write would change. */
  private static Map<String, Long> versions(Warehouse warehouse) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (TableDef table : Tables.goldTables(Rules.defaults())) {
      versions.put(table.qualifiedName(), warehouse.version(table));
    }
    return versions;
  }

  @Test
  void theSameRulesMoveNobodyAndWriteNothing() {
    Warehouse warehouse = TiedWarehouse.get().warehouse();
    Map<String, Long> before = versions(warehouse);
    WhatIf.Result result = whatIf(Rules.defaults());
    assertThat(result.before().id()).isEqualTo(TiedWarehouse.get().runId());
    assertThat(result.zones()).noneMatch(WhatIf.Zone::moved);
    assertThat(csv(result)).isEqualTo("""
        year,zone_id,zone_type,final_rank_before,final_rank_after,total_before,total_after,award_prize_before,\
        award_prize_after,award_amount_wan_before,award_amount_wan_after
        2024,K1,KEY,1,1,60.00,60.00,1,1,600.00,600.00
        2024,K3,KEY,2,2,58.70,58.70,2,2,400.00,400.00
        2024,K2,KEY,3,3,58.70,58.70,2,2,400.00,400.00
        """);
    assertThat(versions(warehouse)).isEqualTo(before);
  }

  @Test
  void aDoubledFirstPrizeChangesOnlyItsAmount() {
    // KEY 1st prize 600 → 1200 万元: K1 keeps rank 1 and prize 1, its amount doubles; K3 and K2 as they were.
    WhatIf.Result result = whatIf(changed(dir, "- {prize: 1, count: 1, amount_wan: 600}",
        "- {prize: 1, count: 1, amount_wan: 1200}"));
    assertThat(csv(result)).endsWith("""
        2024,K1,KEY,1,1,60.00,60.00,1,1,600.00,1200.00
        2024,K3,KEY,2,2,58.70,58.70,2,2,400.00,400.00
        2024,K2,KEY,3,3,58.70,58.70,2,2,400.00,400.00
        """);
    assertThat(result.zones()).filteredOn(WhatIf.Zone::moved).extracting(WhatIf.Zone::zoneId).containsExactly("K1");
  }

  @Test
  void aTieBreakByZoneIdReordersExactlyTheTiedZones() throws Exception {
    // Without tax per mu, K2 and K3 (58.70 each) are ordered by zone id: K2 second, K3 third; K1 stays first.
    // Both keep their 2nd prize (the KEY 2nd prize goes to two zones).
    WhatIf.Result result = whatIf(changed(dir, "tie_break: [tax_per_mu, zone_id]", "tie_break: [zone_id]"));
    assertThat(csv(result)).endsWith("""
        2024,K1,KEY,1,1,60.00,60.00,1,1,600.00,600.00
        2024,K2,KEY,3,2,58.70,58.70,2,2,400.00,400.00
        2024,K3,KEY,2,3,58.70,58.70,2,2,400.00,400.00
        """);
    assertThat(result.zones()).filteredOn(WhatIf.Zone::moved).extracting(WhatIf.Zone::zoneId)
        .containsExactly("K2", "K3");

    // The workbook: the same rows, the movers filled.
    Path file = dir.resolve("whatif.xlsx");
    WhatIfXlsx.write(result, file);
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet sheet = wb.getSheet(WhatIfXlsx.SHEET);
      assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("final_rank_before");
      List<String> filled = new java.util.ArrayList<>();
      for (int r = 1; r <= 3; r++) {
        var row = sheet.getRow(r);
        if (row.getCell(1).getCellStyle().getFillPattern() == FillPatternType.SOLID_FOREGROUND) {
          filled.add(row.getCell(1).getStringCellValue());
        }
      }
      assertThat(filled).containsExactly("K2", "K3");
      // K2: before 3, after 2.
      assertThat(sheet.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(3.0);
      assertThat(sheet.getRow(2).getCell(4).getNumericCellValue()).isEqualTo(2.0);
    }
  }

  @Test
  void aYearOrRunWithoutACommittedResultAndAnUnknownRulesKeyAreRefusedInOneLine() {
    Warehouse warehouse = TiedWarehouse.get().warehouse();
    String runId = TiedWarehouse.get().runId();
    assertThatThrownBy(() -> WhatIf.compute(SparkTestSession.get(), warehouse, 2023, Rules.defaults(), null, true,
        QUIET)).isInstanceOf(Refused.class)
        .hasMessage("2023: no committed run evaluated 2023 (evaluate it first: evaluate --year 2023)");
    assertThatThrownBy(() -> WhatIf.compute(SparkTestSession.get(), warehouse, 2024, Rules.defaults(), "nope", true,
        QUIET)).isInstanceOf(Refused.class)
        .hasMessage("run nope is not a committed run of 2024 (its committed runs: " + runId + ")");
    assertThatThrownBy(() -> Rules.parse(RulesText.defaults() + "\nweights_of_the_moon: 1\n", "other.yaml"))
        .isInstanceOf(Rules.RulesException.class).hasMessageContaining("other.yaml")
        .hasMessageContaining("weights_of_the_moon");
  }
}
