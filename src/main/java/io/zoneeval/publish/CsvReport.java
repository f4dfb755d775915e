package io.zoneeval.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * results-YYYY.csv: the league tables of every zone type in one file, UTF-8 with a byte-order mark (so
 * that Excel reads the Chinese right), CRLF line ends, RFC 4180 quoting, a Chinese header row.
 */
public final class CsvReport {
  private CsvReport() {}

  public static void write(ReportData data, Path file) throws IOException {
    List<ReportColumns.Column> columns = ReportColumns.leagueWithType();
    StringBuilder csv = new StringBuilder("\uFEFF");
    // The first column says what the rows are: 草稿 (a draft, before any publication), 公示, 已批准.
    csv.append("状态,");
    csv.append(String.join(",", columns.stream().map(c -> CsvOutput.field(c.header())).toList())).append("\r\n");
    for (ReportData.Zone zone : data.zones()) {
      csv.append(CsvOutput.field(data.stateChinese())).append(',');
      csv.append(String.join(",", columns.stream()
          .map(c -> CsvOutput.field(ReportColumns.text(c, zone.get(c.source())))).toList())).append("\r\n");
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
