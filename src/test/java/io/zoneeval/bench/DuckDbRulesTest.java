package io.zoneeval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.ingest.Uscc;
import io.zoneeval.rules.Rules;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule-applying DuckDB query runs on the sample data, keeps money exact and drops what zone-eval rejects. */
class DuckDbRulesTest {
  private static final DuckDb.Settings SMALL = new DuckDb.Settings(2, "1GB", null);

  @Test
  void theQueryGivesEveryZoneYearOfTheSamples() throws Exception {
    DuckDbRules.Result result = DuckDbRules.run(Path.of("data-samples"), Rules.defaults(), 2, "1GB");
    Map<String, Figures> figures = result.figures();
    assertThat(figures).hasSizeGreaterThan(28);
    Figures any = figures.values().iterator().next();
    assertThat(any.salesFen()).isPositive();
    assertThat(figures.values()).anySatisfy(f -> assertThat(f.taxPerMu()).isNotNull());
    figures.values().stream().filter(f -> f.taxPerMu() != null)
        .forEach(f -> assertThat(f.taxPerMu().scale()).isEqualTo(18));
  }

  @Test
  void malformedLinesAndInvalidCodesChangeNothing(@TempDir Path dir) throws Exception {
    Path data = TinyDelivery.write(dir, false);
    Map<String, Figures> before = DuckDbRules.run(data, Rules.defaults(), SMALL).figures();
    String[] member = Files.readAllLines(data.resolve("enterprises.csv")).get(1).split(",");
    String year = member[0];
    String uscc = member[1];
    String zone = member[3];
    String invalid = uscc.substring(0, 17) + (uscc.charAt(17) == '0' ? '1' : '0');
    // A tax entry with a sixth field, a parcel without its fifth, an above-size roster row with a wrong
    // check character holding land: zone-eval rejects all four lines.
    append(data, "tax_payments.csv", "SP99000001," + uscc + ",增值税," + year + "-06-01,1000000.00,an extra remark");
    append(data, "land_parcels.csv", "DK990001," + uscc + ",5000.00," + year + "-01-01");
    append(data, "enterprises.csv", year + "," + invalid + ",扬州测试有限公司," + zone + ",C3811,true");
    append(data, "land_parcels.csv", "DK990002," + invalid + ",5000.00," + year + "-01-01,");
    assertThat(Figures.differences(before, DuckDbRules.run(data, Rules.defaults(), SMALL).figures())).isEmpty();

    // The same entry, well-formed, counts: the check above would have seen it.
    append(data, "tax_payments.csv", "SP99000002," + uscc + ",增值税," + year + "-06-01,1000000.00");
    assertThat(Figures.differences(before, DuckDbRules.run(data, Rules.defaults(), SMALL).figures()))
        .singleElement().asString().startsWith(year + " " + zone);
  }

  private static void append(Path data, String file, String line) throws Exception {
    Files.writeString(data.resolve(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  void theUsccCheckIsTheValidators() throws Exception {
    Random random = new Random(7);
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    List<String> codes = new ArrayList<>(List.of("91321081MA2GEGC9MX", "91321084030311445P", "9132102387O502691C",
        "91321081MA2GEGC9M", "91321081MA2GEGC9MXX", "I1321081MA2GEGC9MX"));
    for (int i = 0; i < 200; i++) {
      StringBuilder first17 = new StringBuilder("9132").append(String.format("%04d", random.nextInt(10_000)));
      for (int j = 0; j < 9; j++) {
        first17.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      char check = Uscc.checkChar(first17);
      // Half of them right, half with another check character.
      codes.add(first17.toString() + (i % 2 == 0 ? check : alphabet.charAt((alphabet.indexOf(check) + 1) % 31)));
    }
    try (Connection c = DuckDb.connect(SMALL); Statement s = c.createStatement()) {
      for (String code : codes) {
        try (ResultSet rs = s.executeQuery("SELECT " + DuckDbRules.validUscc("'" + code + "'"))) {
          rs.next();
          assertThat(rs.getBoolean(1)).as(code).isEqualTo(Uscc.isValid(code));
        }
      }
    }
  }

  @Test
  void differencesNameTheZoneYearAndBothFigures() {
    var a = new Figures(100, 10, 50, new BigDecimal("1.5"), null);
    var b = new Figures(100, 10, 50, new BigDecimal("1.500"), null);
    var c = new Figures(101, 10, 50, new BigDecimal("1.5"), null);
    assertThat(Figures.differences(Map.of("2024 YZ01", a), Map.of("2024 YZ01", b))).isEmpty();
    assertThat(Figures.differences(Map.of("2024 YZ01", a), Map.of("2024 YZ01", c)))
        .singleElement().asString().contains("2024 YZ01").contains("sales 100 fen").contains("sales 101 fen");
    assertThat(Figures.differences(Map.of("2024 YZ01", a), Map.of())).singleElement().asString()
        .contains("no row");
  }

  @Test
  void sizesReadKAndMAndTheSamples() {
    assertThat(Benchmark.Size.parse("2M").invoices()).isEqualTo(2_000_000L);
    assertThat(Benchmark.Size.parse("200k").invoices()).isEqualTo(200_000L);
    assertThat(Benchmark.Size.parse("1.5M").invoices()).isEqualTo(1_500_000L);
    assertThat(Benchmark.Size.parse("samples").isSamples()).isTrue();
    assertThat(Benchmark.Size.parse("13M").isSamples()).isFalse();
  }
}
