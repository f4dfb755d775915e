package io.zoneeval.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The published report (公示) of a year: results-YYYY.xlsx, results-YYYY.csv and report-YYYY.html, all
 * three from the same gold rows ({@link ReportData}), the page with the public notice ({@link Notice}). The
 * files depend only on those rows, the run that wrote them and the notice (no timestamps but the notice's
 * dates), so the report of a run written again later with the same notice is byte for byte the same.
 */
public final class Report {
  private Report() {}

  public static Path xlsx(Path dir, int year) {
    return dir.resolve("results-" + year + ".xlsx");
  }

  public static Path csv(Path dir, int year) {
    return dir.resolve("results-" + year + ".csv");
  }

  public static Path html(Path dir, int year) {
    return dir.resolve("report-" + year + ".html");
  }

  /**
   * Writes the three files into {@code dir} (created if needed) and returns their paths. They are public,
   * and hold zone-level figures only: {@link ReportData} carries the rows of the three zone-level gold
   * tables, and the writers show only the columns {@link ReportColumns} declares.
   */
  public static List<Path> write(ReportData data, Path dir) throws IOException {
    return write(data, null, dir);
  }

  /**
   * {@link #write}, the page carrying the public notice given (null: the page is a draft for internal
   * review); the workbook's sheet 说明 records the notice too.
   */
  public static List<Path> write(ReportData data, Notice notice, Path dir) throws IOException {
    return write(data, notice, dir, CallerModes.fromEnvironment());
  }

  /** {@link #write}, the new folders and files given the modes of {@code callerUmask} (null: the process's). */
  static List<Path> write(ReportData data, Path dir, Integer callerUmask) throws IOException {
    return write(data, null, dir, callerUmask);
  }

  static List<Path> write(ReportData data, Notice notice, Path dir, Integer callerUmask) throws IOException {
    List<Path> files = List.of(xlsx(dir, data.year()), csv(dir, data.year()), html(dir, data.year()));
    CallerModes modes = CallerModes.before(callerUmask, dir, files); // issue 17: public files, the caller's modes
    Files.createDirectories(dir);
    XlsxReport.write(data, notice, xlsx(dir, data.year()));
    CsvReport.write(data, csv(dir, data.year()));
    HtmlReport.write(data, notice, html(dir, data.year()));
    modes.apply();
    return files;
  }
}
