package io.zoneeval.samples;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.ingest.CsvRecords;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * data-samples cut into annual deliveries, as the bureau receives them: each delivery holds, for the years
 * it covers, every file's records of those years (a record's year as the spec's table gives it), the whole
 * land register, and records whose year cannot be read go with the first delivery (they are refused
 * there). Test and benchmark data only: a record's year is read from its raw text here, not by the job's
 * checks. The files are read and written as streams (the benchmark cuts gigabytes of invoices).
 */
public final class SampleDeliveries {
  private static final Pattern YEAR_START = Pattern.compile("^\\s*\"?\\s*([0-9]{4})-");

  private SampleDeliveries() {}

  /** Writes one folder per group of years ({@code groups}, e.g. [2022, 2023], [2024]) under {@code out}. */
  public static List<Path> split(Path samples, Path out, List<Set<Integer>> groups) {
    try {
      List<Path> folders = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        folders.add(Files.createDirectories(out.resolve("delivery-" + (g + 1))));
      }
      for (RawFile file : RawFile.values()) {
        List<BufferedWriter> writers = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(samples.resolve(file.fileName()), StandardCharsets.UTF_8)) {
          String header = in.readLine();
          List<String> columns = List.of(header.replace("\uFEFF", "").split(","));
          for (Path folder : folders) {
            BufferedWriter w = Files.newBufferedWriter(folder.resolve(file.fileName()), StandardCharsets.UTF_8);
            writers.add(w);
            w.write(header);
            w.write('\n');
          }
          for (Iterator<CsvRecords.Record> it = CsvRecords.records(lines(in), columns.size()); it.hasNext(); ) {
            CsvRecords.Record r = it.next();
            Integer year = r.fields() == null ? null : yearOf(file, columns, r.fields());
            for (int g = 0; g < groups.size(); g++) {
              boolean mine = file == RawFile.LAND_PARCELS || (year == null ? g == 0 : groups.get(g).contains(year));
              if (mine) {
                writers.get(g).write(r.text());
                writers.get(g).write('\n');
              }
            }
          }
        } finally {
          for (BufferedWriter w : writers) {
            w.close();
          }
        }
      }
      return folders;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines after the header, numbered from 2 as in the file, read as they are asked for. */
  private static Iterator<CsvRecords.Line> lines(BufferedReader in) {
    return new Iterator<>() {
      private long number = 1;
      private String next = read();

      private String read() {
        try {
          return in.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public CsvRecords.Line next() {
        if (next == null) {
          throw new java.util.NoSuchElementException();
        }
        CsvRecords.Line line = new CsvRecords.Line(++number, next);
        next = read();
        return line;
      }
    };
  }

  private static Integer yearOf(RawFile file, List<String> columns, List<String> fields) {
    String column = switch (file) {
      case ZONES, COUNTY_POLICIES, ENTERPRISES -> "year";
      case INVOICES -> "issue_date";
      case TAX_PAYMENTS -> "entry_date";
      case RECOGNITIONS -> "recognized_date";
      case TALENTS -> "awarded_date";
      case STANDARD_FACTORIES -> "accepted_date";
      case LAND_REVITALIZATIONS -> "completed_date";
      case INCIDENTS -> "occurred_date";
      case PROJECTS -> {
        String kind = fields.get(columns.indexOf("kind")).strip();
        String scoring = kind.equals("major") ? "construction_start_date" : "production_start_date";
        String other = kind.equals("major") ? "production_start_date" : "construction_start_date";
        yield fields.get(columns.indexOf(scoring)).isBlank() ? other : scoring;
      }
      case LAND_PARCELS -> null;
    };
    if (column == null) {
      return null;
    }
    String value = fields.get(columns.indexOf(column));
    if (column.equals("year")) {
      return value.strip().matches("[0-9]{4}") ? Integer.parseInt(value.strip()) : null;
    }
    Matcher m = YEAR_START.matcher(value);
    return m.find() ? Integer.parseInt(m.group(1)) : null;
  }
}
