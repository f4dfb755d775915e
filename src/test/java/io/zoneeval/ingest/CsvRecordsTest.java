package io.zoneeval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {
  private static List<CsvRecords.Record> records(int fields, String... lines) {
    List<CsvRecords.Line> input = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      input.add(new CsvRecords.Line(i + 2, lines[i]));
    }
    List<CsvRecords.Record> out = new ArrayList<>();
    CsvRecords.records(input.iterator(), fields).forEachRemaining(out::add);
    return out;
  }

  @Test
  void splitsQuotedFieldsWithCommasAndDoubledQuotes() {
    assertThat(CsvRecords.split("a,\"b,c\",\"say \"\"hi\"\"\",")).containsExactly("a", "b,c", "say \"hi\"", "");
  }

  @Test
  void aTextWithoutQuotesSplitsAsTheQuotedPathWould() {
    // The same texts with a quoted empty field appended take the general path: the fields before it agree.
    for (String text : List.of("", ",", "a", " a , b ,", ",,x,,", "223200000001,91321081MA2YADAQU4,2022-01-01,16741.18")) {
      List<String> quick = CsvRecords.split(text);
      List<String> general = CsvRecords.split(text + ",\"\"");
      assertThat(quick).isEqualTo(general.subList(0, general.size() - 1));
    }
    assertThat(CsvRecords.split(" a , b ,")).containsExactly(" a ", " b ", "");
  }

  @Test
  void aQuotedFieldMaySpanLinesAndTheRecordKeepsItsFirstLine() {
    List<CsvRecords.Record> out = records(2, "1,\"two", "lines\"", "3,x");
    assertThat(out).hasSize(2);
    assertThat(out.get(0).line()).isEqualTo(2);
    assertThat(out.get(0).fields()).containsExactly("1", "two\nlines");
    assertThat(out.get(1).line()).isEqualTo(4);
  }

  @Test
  void anUnclosedQuoteRefusesOnlyItsOwnLine() {
    List<CsvRecords.Record> out = records(2, "1,\"never closed", "2,b", "3,c");
    assertThat(out).extracting(CsvRecords.Record::line).containsExactly(2L, 3L, 4L);
    assertThat(out.get(0).malformed()).contains("never closed");
    assertThat(out.get(1).fields()).containsExactly("2", "b");
    assertThat(out.get(2).fields()).containsExactly("3", "c");
  }

  @Test
  void wrongFieldCountBlankLinesAndCrlf() {
    List<CsvRecords.Record> out = records(2, "1,2,3", "", "a,b\r");
    assertThat(out.get(0).malformed()).isEqualTo("malformed line: expected 2 fields, found 3");
    assertThat(out.get(1).malformed()).isEqualTo("blank line");
    assertThat(out.get(2).fields()).containsExactly("a", "b");
  }
}
