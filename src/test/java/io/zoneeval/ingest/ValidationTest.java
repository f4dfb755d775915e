package io.zoneeval.ingest;

import static io.zoneeval.fixtures.RawFixture.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoneeval.SparkTestSession;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.fixtures.RawFixture;
import io.zoneeval.rules.Rules;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad record the spec lists ends in the rejects with its reason; every good one is
 * accepted; and for every file, rows read = accepted + rejected.
 */
class ValidationTest {
  private static final Map<String, Row> REJECTS = new HashMap<>();
  private static final Map<RawFile, Long> ACCEPTED = new HashMap<>();
  private static final Map<RawFile, Long> REJECTED = new HashMap<>();
  private static RawFixture fixture;

  @BeforeAll
  static void validate() {
    String bad = uscc(9).substring(0, 17) + (uscc(9).charAt(17) == '0' ? '1' : '0');
    fixture = new RawFixture()
        .zone(2024, "Z1", "C1", "重点发展型", "C38")
        .add(RawFile.ZONES, "2024,Z2,集中区,C1,重点型,C38")                       // line 3: unknown zone type
        .policy(2024, "C1", true)
        .add(RawFile.COUNTY_POLICIES, "2024,C2,maybe")                             // line 3: not a boolean
        .enterprise(2024, 1, "Z1", "C3811", true)
        .add(RawFile.ENTERPRISES,
            "2024," + uscc(2) + ",企业2,Z9,C3811,true",                              // line 3: unknown zone
            "2024, " + uscc(3).toLowerCase() + " ,企业3,Z1,C3811,false",            // line 4: valid after trim + upper-case
            "2024," + uscc(1) + ",企业1 again,Z1,C3811,true")                        // line 5: duplicate (year, uscc)
        .add(RawFile.INVOICES,
            "V1," + uscc(1) + ",2024-01-01,100.00,13.00,normal",                     // line 2: good
            "V1," + uscc(1) + ",2024-01-02,100.00,13.00,normal",                     // line 3: duplicate id
            "V2," + bad + ",2024-01-01,100.00,13.00,normal",                         // line 4: invalid USCC
            "V3," + uscc(1) + ",2024-13-01,100.00,13.00,normal",                     // line 5: bad date
            "V4," + uscc(1) + ",2024-01-01,12x.00,13.00,normal",                     // line 6: bad number
            "V5," + uscc(1) + ",2024-01-01,1.005,0,normal",                          // line 7: 3 decimals
            "V6," + uscc(1) + ",2024-01-01,100.00,13.00,cancelled",                  // line 8: unknown status
            "V7," + uscc(5) + ",2024-01-01,100.00,13.00,normal",                     // line 9: not in roster
            "V8," + uscc(1) + ",2024-01-01,\"100.00,13.00,normal",                   // line 10: unbalanced quote
            "V9," + uscc(1) + ",2024-01-01,100.00,normal",                           // line 11: 5 fields
            "V10," + uscc(3) + ",2024-01-01,1.500,0.00,normal",                      // line 12: good (1.50)
            "V11," + uscc(1) + ",2024-01-01,100.00,13.00,normal",                    // line 13: good
            "\u3000V11\t," + uscc(1) + ",2024-01-02,100.00,13.00,normal",            // line 14: duplicate once stripped
            "V12," + bad + ",2024-01-01,100.00,13.00,normal",                        // line 15: invalid USCC
            "V12," + uscc(1) + ",2024-01-03,100.00,13.00,normal",                    // line 16: good: line 15 took no id
            "V13," + uscc(1) + ",2024-01-01,1000000000000.01,0,normal",              // line 17: beyond the bound
            "V14," + uscc(1) + ",2024-01-01,100.00,-1000000000000.10,red")          // line 18: tax beyond the bound
        .add(RawFile.TAX_PAYMENTS,
            "P1," + uscc(1) + ",增值税,2024-01-01,-5.00",                             // good (refund)
            "P1," + uscc(1) + ",增值税,2024-01-02,5.00",                              // duplicate id
            "P2," + uscc(1) + ",增值税,2023-01-01,5.00",                              // not in the 2023 roster
            "P3," + uscc(1) + ",增值税,2024-01-03,-1000000000001")                    // line 5: beyond the bound
        .add(RawFile.LAND_PARCELS,
            "L1," + uscc(1) + ",-10,2020-01-01,",                                    // negative area
            "L2," + uscc(1) + ",10,2020-01-01,")
        .add(RawFile.RECOGNITIONS,
            uscc(1) + ",unicorn,2024-01-01",
            uscc(1) + ",dragon,2024-01-01")                                          // unknown kind
        .add(RawFile.TALENTS,
            "T1," + uscc(1) + ",national,2024-01-01",
            "T2," + uscc(1) + ",wizard,2024-01-01")                                  // unknown program
        .add(RawFile.PROJECTS,
            "PR1,Z1,tech_upgrade,8000000,2023-01-01,2024-01-01",
            "PR1,Z1,major,,2024-01-01,",                                             // duplicate id
            "PR2,Z1,refit,,2024-01-01,",                                             // unknown kind
            "PR3,Z7,major,,2024-01-01,",                                             // unknown zone
            "PR4,Z1,tech_upgrade,1000000000000.50,2023-01-01,2024-01-01")            // line 6: beyond the bound
        .add(RawFile.STANDARD_FACTORIES, "F1,Z1,-1,2024-01-01")                       // negative area
        .add(RawFile.LAND_REVITALIZATIONS, "R1,Z1,10,2024-02-30")                     // bad date
        .add(RawFile.INCIDENTS,
            "I1,Z1,safety,catastrophic,2024-01-01",                                  // unknown severity
            "I2,Z1,fire,larger,2024-01-01");                                         // unknown kind
    Validation.Result result = fixture.validate(SparkTestSession.get(), Rules.defaults());
    for (Row r : result.rejects().collectAsList()) {
      REJECTS.put(r.<String>getAs("source") + ":" + r.<Long>getAs("line"), r);
    }
    for (RawFile file : RawFile.values()) {
      ACCEPTED.put(file, result.accepted(file).count());
      REJECTED.put(file, result.rejects(file).count());
    }
  }

  private static String code(String where) {
    assertThat(REJECTS).as("rejects").containsKey(where);
    return REJECTS.get(where).getAs("reason_code");
  }

  private static String reason(String where) {
    return REJECTS.get(where).getAs("reason");
  }

  @Test
  void everyRowIsAcceptedOrRejected() {
    for (RawFile file : RawFile.values()) {
      assertThat(ACCEPTED.get(file) + REJECTED.get(file)).as(file.fileName())
          .isEqualTo(fixture.lines(file).size());
    }
  }

  @Test
  void malformedLines() {
    assertThat(code("invoices:10")).isEqualTo("malformed_line");
    assertThat(reason("invoices:10")).contains("quoted field is never closed");
    assertThat(code("invoices:11")).isEqualTo("malformed_line");
    assertThat(reason("invoices:11")).isEqualTo("malformed line: expected 6 fields, found 5");
  }

  @Test
  void unparseableNumbersAndDates() {
    assertThat(code("invoices:5")).isEqualTo("bad_date");
    assertThat(reason("invoices:5")).isEqualTo("issue_date: '2024-13-01' is not a date (yyyy-MM-dd)");
    assertThat(code("invoices:6")).isEqualTo("bad_number");
    assertThat(reason("invoices:6")).isEqualTo("amount: '12x.00' is not a plain decimal number");
    assertThat(reason("invoices:7")).isEqualTo("amount: '1.005' has more than 2 decimal places");
    assertThat(code("land_revitalizations:2")).isEqualTo("bad_date");
    assertThat(code("county_policies:3")).isEqualTo("bad_value");
  }

  @Test
  void invalidUsccButTrimmedLowerCaseCodesAreValid() {
    assertThat(code("invoices:4")).isEqualTo("invalid_uscc");
    assertThat(REJECTS).doesNotContainKey("enterprises:4");
    assertThat(REJECTS).doesNotContainKey("invoices:12");
  }

  @Test
  void unknownZones() {
    assertThat(code("enterprises:3")).isEqualTo("unknown_zone");
    assertThat(reason("enterprises:3")).isEqualTo("roster names zone 'Z9' that zones.csv lacks for 2024");
    assertThat(code("projects:5")).isEqualTo("unknown_zone");
  }

  @Test
  void recordsOfEnterprisesInNoRosterOfTheirYear() {
    assertThat(code("invoices:9")).isEqualTo("not_in_roster");
    assertThat(code("tax_payments:4")).isEqualTo("not_in_roster");
  }

  @Test
  void idsAreComparedAsReadAndRefusedRowsTakeNoId() {
    // The row check strips white space of every kind (an ideographic space, a tab) from an id.
    assertThat(code("invoices:14")).isEqualTo("duplicate_id");
    assertThat(REJECTS.get("invoices:14").<String>getAs("raw_text")).startsWith("\u3000V11\t,");
    assertThat(REJECTS).doesNotContainKey("invoices:13");
    assertThat(code("invoices:15")).isEqualTo("invalid_uscc");
    assertThat(REJECTS).doesNotContainKey("invoices:16");
  }

  @Test
  void duplicateIdsKeepTheFirstRowInFileOrder() {
    assertThat(code("invoices:3")).isEqualTo("duplicate_id");
    assertThat(REJECTS).doesNotContainKey("invoices:2");
    assertThat(code("tax_payments:3")).isEqualTo("duplicate_id");
    assertThat(code("projects:3")).isEqualTo("duplicate_id");
    assertThat(code("enterprises:5")).isEqualTo("duplicate_id");
  }

  @Test
  void everyAmountOfMoneyBeyondTheRulesBoundIsRefusedNamingTheColumnTheValueAndTheBound() {
    String bound = " is out of range: more than 1000000000000 yuan either side (data.max_record_amount_yuan)";
    assertThat(code("invoices:17")).isEqualTo("amount_out_of_range");
    assertThat(reason("invoices:17")).isEqualTo("amount: '1000000000000.01'" + bound);
    assertThat(code("invoices:18")).isEqualTo("amount_out_of_range");
    assertThat(reason("invoices:18")).isEqualTo("tax_amount: '-1000000000000.10'" + bound);
    assertThat(code("tax_payments:5")).isEqualTo("amount_out_of_range");
    assertThat(reason("tax_payments:5")).isEqualTo("amount: '-1000000000001'" + bound);
    assertThat(code("projects:6")).isEqualTo("amount_out_of_range");
    assertThat(reason("projects:6")).isEqualTo("equipment_investment: '1000000000000.50'" + bound);
  }

  @Test
  void negativeAreas() {
    assertThat(code("land_parcels:2")).isEqualTo("negative_area");
    assertThat(code("standard_factories:2")).isEqualTo("negative_area");
  }

  @Test
  void unknownKindsStatusesProgramsAndSeverities() {
    assertThat(code("invoices:8")).isEqualTo("unknown_value");
    assertThat(code("recognitions:3")).isEqualTo("unknown_value");
    assertThat(code("talents:3")).isEqualTo("unknown_value");
    assertThat(code("projects:4")).isEqualTo("unknown_value");
    assertThat(code("incidents:2")).isEqualTo("unknown_value");
    assertThat(code("incidents:3")).isEqualTo("unknown_value");
    assertThat(code("zones:3")).isEqualTo("unknown_value");
  }

  /**
   * A job does not keep the invoices of a run of every year: it checks a second time only the rows of
   * the ids that repeat in bronze (V1 on lines 2-3; V11 on 13 and, stripped, 14; V12 on 15-16) and must
   * judge exactly as when every row is a candidate.
   */
  @Test
  void aFileNotKeptIsJudgedAsAKeptOne() {
    var spark = SparkTestSession.get();
    Validation validation = new Validation(Rules.defaults());
    Map<RawFile, org.apache.spark.sql.Dataset<Row>> bronze = fixture.bronze(spark);
    org.apache.spark.sql.Dataset<Row> invoices = bronze.get(RawFile.INVOICES);

    org.apache.spark.sql.Dataset<Row> repeated = validation.repeatedIds(RawFile.INVOICES, invoices);
    // Each of the three ids is on two lines.
    assertThat(repeated.select(Validation.OCCURRENCES).as(org.apache.spark.sql.Encoders.LONG()).collectAsList())
        .containsExactly(2L, 2L, 2L);
    assertThat(validation.candidates(RawFile.INVOICES, invoices, repeated).select("_line").as(org.apache.spark.sql.Encoders.LONG())
        .collectAsList()).containsExactlyInAnyOrder(2L, 3L, 13L, 14L, 15L, 16L);
    // The roster's key is (year, uscc), not one column of text: every row is a candidate.
    assertThat(validation.repeatedIds(RawFile.ENTERPRISES, bronze.get(RawFile.ENTERPRISES))).isNull();

    Validation.Result recheck = validation.validate(bronze, (file, rows) -> rows, java.util.Set.of(),
        Map.of(RawFile.INVOICES, validation.candidates(RawFile.INVOICES, invoices, repeated)));
    Validation.Result all = validation.validate(bronze);
    assertThat(recheck.rejects(RawFile.INVOICES).collectAsList())
        .containsExactlyInAnyOrderElementsOf(all.rejects(RawFile.INVOICES).collectAsList());
    assertThat(recheck.accepted(RawFile.INVOICES).collectAsList())
        .containsExactlyInAnyOrderElementsOf(all.accepted(RawFile.INVOICES).collectAsList())
        .hasSize(4);
  }
}
