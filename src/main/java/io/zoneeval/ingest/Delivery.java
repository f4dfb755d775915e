package io.zoneeval.ingest;

import io.zoneeval.catalog.RawColumn;
import io.zoneeval.catalog.RawFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A delivery: a folder holding any of the twelve contract files, covering some years. A file it lacks
 * leaves that source's records as they are; for each file it holds and each year it covers, its records
 * replace what silver holds. The years are the ones asked for ({@code --years}), else those of its
 * zones.csv; a delivery without zones.csv must name them.
 */
public record Delivery(String dir, Set<RawFile> files, Set<Integer> years, Charset charset) {

  /** A delivery that cannot be taken, with a one-line reason. */
  public static final class DeliveryException extends RuntimeException {
    public DeliveryException(String message) {
      super(message);
    }
  }

  /** Looks at a folder: which contract files it holds, and the years it covers. */
  public static Delivery of(String dir, Set<Integer> years, Charset charset, Configuration hadoop) {
    Set<RawFile> files = EnumSet.noneOf(RawFile.class);
    try {
      Path folder = new Path(dir);
      FileSystem fs = folder.getFileSystem(hadoop);
      if (!fs.isDirectory(folder)) {
        throw new DeliveryException(dir + ": no such folder");
      }
      for (RawFile file : RawFile.values()) {
        if (fs.exists(new Path(folder, file.fileName()))) {
          files.add(file);
        }
      }
      if (files.isEmpty()) {
        throw new DeliveryException(dir + ": holds none of the twelve contract files (zones.csv, invoices.csv, …)");
      }
      Set<Integer> covered = years;
      if (covered == null || covered.isEmpty()) {
        if (!files.contains(RawFile.ZONES)) {
          throw new DeliveryException(dir + ": a delivery without zones.csv must name the years it covers "
              + "(--years 2024 or --years 2022-2024)");
        }
        covered = zoneYears(fs, new Path(folder, RawFile.ZONES.fileName()), charset);
        if (covered.isEmpty()) {
          throw new DeliveryException(dir + "/zones.csv: no row with a valid year; name the years with --years");
        }
      }
      return new Delivery(dir, files, new TreeSet<>(covered), charset);
    } catch (IOException e) {
      throw new DeliveryException(dir + ": cannot be read: " + e.getMessage());
    }
  }

  /**
   * The years of zones.csv: the distinct years of its rows that have a valid year (the rows themselves are
   * judged later, like every other record).
   */
  static Set<Integer> zoneYears(FileSystem fs, Path zones, Charset charset) throws IOException {
    Set<Integer> years = new TreeSet<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(zones), charset))) {
      String headerLine = reader.readLine();
      if (headerLine == null) {
        return years;
      }
      List<String> header = RawInput.parseHeader(zones, headerLine);
      int position = header.indexOf("year");
      if (position < 0) {
        throw new RawInput.InputException(zones + ": line 1: wrong header: missing column(s) year");
      }
      List<CsvRecords.Line> lines = new ArrayList<>();
      long number = 2;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(new CsvRecords.Line(number++, line));
      }
      FieldRule year = FieldRule.of("year", RawColumn.Kind.YEAR);
      for (Iterator<CsvRecords.Record> it = CsvRecords.records(lines.iterator(), header.size()); it.hasNext(); ) {
        CsvRecords.Record r = it.next();
        if (r.fields() != null) {
          try {
            years.add((Integer) year.parse(r.fields().get(position)));
          } catch (FieldRule.Refused refused) {
            // judged with the other records
          }
        }
      }
    }
    return years;
  }

  /** The years as a command line gives them: 2024, or 2022-2024. */
  public static Set<Integer> parseYears(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      int dash = t.indexOf('-');
      int from = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).strip());
      int to = dash < 0 ? from : Integer.parseInt(t.substring(dash + 1).strip());
      if (to < from || from < 1900 || to > 2999) {
        throw new NumberFormatException();
      }
      Set<Integer> years = new TreeSet<>();
      for (int y = from; y <= to; y++) {
        years.add(y);
      }
      return years;
    } catch (NumberFormatException e) {
      throw new DeliveryException("years '" + text + "': expected a year (2024) or a range (2022-2024)");
    }
  }

  /** The years as printed: 2024, or 2022-2024. */
  public String yearsText() {
    return Validation.Context.of(years).yearsText();
  }
}
