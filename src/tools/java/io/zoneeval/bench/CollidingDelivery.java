package io.zoneeval.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A re-delivery whose every invoice id another year holds: the files of a delivery, its invoices of one
 * year given, one by one, the ids of the prior year's invoices of an earlier delivery (in their order, from
 * the first again when they run out). Ingested after the earlier delivery, every invoice of it must be refused
 * {@code duplicate_id} and the earlier years left as they were: the data team's check that duplicates
 * against other years are found by the executors, at any volume. For generated data (one record per line,
 * no quoted field): a quote is refused rather than read wrongly.
 */
public final class CollidingDelivery {
  private static final String INVOICES = "invoices.csv";

  private CollidingDelivery() {}

  /**
   * Writes {@code out}: {@code delivery}'s files, its invoices of {@code year} with the ids of
   * {@code earlier}'s invoices of the year before; only the invoices when not {@code withOtherFiles} (the tax bureau's file
   * alone, to be ingested with its year named). Returns the number of invoices written.
   */
  public static long write(Path earlier, Path delivery, int year, Path out, boolean withOtherFiles) throws IOException {
    Files.createDirectories(out);
    try (Stream<Path> files = Files.list(delivery)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        if (withOtherFiles && !file.getFileName().toString().equals(INVOICES)) {
          Files.copy(file, out.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    List<String> heldIds = idsOfYear(earlier.resolve(INVOICES), year - 1);
    if (heldIds.isEmpty()) {
      throw new IllegalArgumentException(earlier + " has no invoice of " + (year - 1) + " whose id could collide");
    }
    long written = 0;
    String prefix = Integer.toString(year);
    try (BufferedReader in = Files.newBufferedReader(delivery.resolve(INVOICES), StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(out.resolve(INVOICES), StandardCharsets.UTF_8)) {
      String header = in.readLine();
      int id = column(header, "invoice_id");
      int date = column(header, "issue_date");
      w.write(header);
      w.newLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] fields = fields(line);
        if (!fields[date].startsWith(prefix)) {
          continue;
        }
        fields[id] = heldIds.get((int) (written % heldIds.size()));
        w.write(String.join(",", fields));
        w.newLine();
        written++;
      }
    }
    return written;
  }

  /** The invoice ids of one year (by the issue date), in file order. */
  static List<String> idsOfYear(Path invoices, int year) throws IOException {
    List<String> ids = new ArrayList<>();
    String prefix = Integer.toString(year);
    try (BufferedReader in = Files.newBufferedReader(invoices, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      int id = column(header, "invoice_id");
      int date = column(header, "issue_date");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] fields = fields(line);
        if (fields[date].startsWith(prefix)) {
          ids.add(fields[id]);
        }
      }
    }
    return ids;
  }

  private static String[] fields(String line) {
    if (line.indexOf('"') >= 0) {
      throw new IllegalArgumentException("a quoted field (generated data has none; use --bad-rows off): " + line);
    }
    return line.split(",", -1);
  }

  private static int column(String header, String name) {
    int i = Arrays.asList(header.split(",", -1)).indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + header);
    }
    return i;
  }
}
