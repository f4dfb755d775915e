package io.zoneeval.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes the twelve raw input files of the evaluation (see {@code evaluation-method.md}, "Inputs: the raw
 * records") for a simulated Yangzhou: 28 industrial concentration zones, a few thousand enterprises, their
 * invoices, treasury entries, land, recognitions, talents, projects, standard factories, land
 * revitalisations and incidents, plus (optionally) a few dozen bad rows of every kind the validator must
 * quarantine.
 *
 * <p>Plain Java, no Spark. Invoices and treasury entries are streamed row by row; memory grows with the
 * number of enterprises, never with the number of invoices. The same {@link GeneratorConfig} always gives
 * byte-identical files: every random choice comes from a seeded stream, nothing depends on the clock, the
 * locale or hash order, and money is formatted from whole fen.
 */
public final class SampleGenerator {

  /** The contract's files and their header columns, in order. */
  public static final List<FileSpec> FILES =
      List.of(
          new FileSpec("zones.csv", "year", "zone_id", "zone_name", "county", "zone_type", "specialty_industries"),
          new FileSpec("county_policies.csv", "year", "county", "has_policy"),
          new FileSpec("enterprises.csv", "year", "uscc", "name", "zone_id", "industry_code", "above_scale"),
          new FileSpec("invoices.csv", "invoice_id", "seller_uscc", "issue_date", "amount", "tax_amount", "status"),
          new FileSpec("tax_payments.csv", "payment_id", "uscc", "tax_type", "entry_date", "amount"),
          new FileSpec("land_parcels.csv", "parcel_id", "holder_uscc", "area_m2", "acquired_date", "released_date"),
          new FileSpec("recognitions.csv", "uscc", "kind", "recognized_date"),
          new FileSpec("talents.csv", "talent_id", "employer_uscc", "program", "awarded_date"),
          new FileSpec("projects.csv", "project_id", "zone_id", "kind", "equipment_investment",
              "construction_start_date", "production_start_date"),
          new FileSpec("standard_factories.csv", "factory_id", "zone_id", "floor_area_m2", "accepted_date"),
          new FileSpec("land_revitalizations.csv", "record_id", "zone_id", "area_mu", "completed_date"),
          new FileSpec("incidents.csv", "incident_id", "zone_id", "kind", "severity", "occurred_date"));

  /** One input file of the contract. */
  public record FileSpec(String name, List<String> header) {
    FileSpec(String name, String... header) {
      this(name, List.of(header));
    }
  }

  /** What was written to one file. */
  public record FileStat(String file, long rows, long bytes, double seconds) {}

  /** Everything written: the files in order, and the deliberate edge cases and bad rows. */
  public record Result(List<FileStat> files, List<Note> notes) {
    public long badRows() {
      return notes.stream().filter(n -> n.kind() == Note.Kind.BAD).count();
    }

    /** The edge cases and bad rows as two Markdown tables (for the samples' README). */
    public String manifestMarkdown() {
      StringBuilder sb = new StringBuilder();
      sb.append("### Edge cases (valid data)\n\n");
      sb.append("| # | rule exercised | file:line | zone | uscc | id | detail |\n");
      sb.append("|---|---|---|---|---|---|---|\n");
      int k = 0;
      for (Note n : notes) {
        if (n.kind() == Note.Kind.EDGE) {
          sb.append("| ").append(++k).append(" | ").append(cell(n.rule())).append(" | ").append(where(n))
              .append(" | ").append(cell(n.zone())).append(" | ").append(cell(n.uscc())).append(" | ")
              .append(cell(n.id())).append(" | ").append(cell(n.detail())).append(" |\n");
        }
      }
      sb.append("\n### Bad rows (each must be quarantined, for this reason)\n\n");
      sb.append("| # | file:line | reason | zone | uscc | id | detail |\n");
      sb.append("|---|---|---|---|---|---|---|\n");
      List<Note> bad = new ArrayList<>();
      for (Note n : notes) {
        if (n.kind() == Note.Kind.BAD) {
          bad.add(n);
        }
      }
      bad.sort(Comparator.comparingInt((Note n) -> fileIndex(n.file())).thenComparingLong(Note::line));
      k = 0;
      for (Note n : bad) {
        sb.append("| ").append(++k).append(" | ").append(where(n)).append(" | ").append(cell(n.rule()))
            .append(" | ").append(cell(n.zone())).append(" | ").append(cell(n.uscc())).append(" | ")
            .append(cell(n.id())).append(" | ").append(cell(n.detail())).append(" |\n");
      }
      return sb.toString();
    }

    private static String where(Note n) {
      return n.file().isEmpty() ? "" : n.line() > 0 ? n.file() + ":" + n.line() : n.file();
    }

    private static String cell(String s) {
      return s.replace("|", "\\|").replace("\n", " ");
    }

    private static int fileIndex(String file) {
      for (int i = 0; i < FILES.size(); i++) {
        if (FILES.get(i).name().equals(file)) {
          return i;
        }
      }
      return FILES.size();
    }
  }

  private final GeneratorConfig cfg;

  public SampleGenerator(GeneratorConfig cfg) {
    this.cfg = cfg;
  }

  public Result generate() {
    return generate(stat -> {});
  }

  /** Writes the files, reporting each one to {@code progress} once it is complete. */
  public Result generate(Consumer<FileStat> progress) {
    try {
      Files.createDirectories(cfg.outDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + cfg.outDir(), e);
    }
    return new Run(new World(cfg), progress).run();
  }

  // =============================================================================================== run

  /** One line to write: fields (quoted as needed) or raw text, and the note that wants its line number. */
  private record Line(Object[] fields, String raw, Note note) {
    static Line of(Note note, Object... fields) {
      return new Line(fields, null, note);
    }

    static Line raw(Note note, String text) {
      return new Line(null, text, note);
    }
  }

  /**
   * A bad row scheduled into a file: in group {@code group} (a year, or 0), before the valid row at
   * fraction {@code at} of the group; {@code copyOf} ≥ 0 asks for the fields of the valid row at that
   * fraction (before {@code at}) for a duplicate.
   */
  private record Bad(int group, double at, double copyOf, Function<String[], Line> make) {}

  /** Writes one file, slipping the scheduled bad rows in between the valid ones. */
  private final class Out {
    private final CsvFile file;
    private final List<Bad> scheduled = new ArrayList<>();
    private final List<Bad> atEnd = new ArrayList<>();
    private final List<long[]> positions = new ArrayList<>(); // per current group bad: {at, copy}
    private final List<Bad> current = new ArrayList<>();
    private final List<String[]> copies = new ArrayList<>();
    private long index;
    private int group = -1;

    Out(FileSpec spec) {
      this.file = new CsvFile(cfg.outDir(), spec.name(), cfg.charset(), spec.header().toArray(new String[0]));
    }

    void schedule(int group, double at, Function<String[], Line> make) {
      if (cfg.includeBadRows()) {
        scheduled.add(new Bad(group, at, -1, make));
      }
    }

    void scheduleDuplicate(int group, double copyOf, Function<String[], Line> make) {
      if (cfg.includeBadRows()) {
        scheduled.add(new Bad(group, Double.NaN, copyOf, make));
      }
    }

    void scheduleAtEnd(Function<String[], Line> make) {
      if (cfg.includeBadRows()) {
        atEnd.add(new Bad(-1, 1, -1, make));
      }
    }

    void startGroup(int g, long count, SplittableRandom badRandom) {
      group = g;
      index = 0;
      current.clear();
      positions.clear();
      copies.clear();
      for (Bad b : scheduled) {
        if (b.group() != g) {
          continue;
        }
        long at;
        long copy = -1;
        if (b.copyOf() >= 0 && count == 0) {
          continue; // nothing to duplicate
        } else if (b.copyOf() >= 0) {
          copy = Math.min(count - 1, (long) (b.copyOf() * count));
          at = copy + 1 + (long) (badRandom.nextDouble() * (count - copy));
        } else {
          at = Math.min(count, (long) (b.at() * count));
        }
        current.add(b);
        positions.add(new long[] {at, copy});
        copies.add(null);
      }
    }

    void valid(Note note, Object... fields) {
      emitBadAt(index);
      long line = file.row(fields);
      if (note != null) {
        note.at(file.name(), line);
      }
      for (int k = 0; k < current.size(); k++) {
        if (positions.get(k)[1] == index) {
          String[] copy = new String[fields.length];
          for (int f = 0; f < fields.length; f++) {
            copy[f] = fields[f] == null ? "" : fields[f].toString();
          }
          copies.set(k, copy);
        }
      }
      index++;
    }

    void endGroup() {
      emitBadAt(Long.MAX_VALUE);
    }

    private void emitBadAt(long at) {
      for (int k = 0; k < current.size(); k++) {
        long[] pos = positions.get(k);
        if (pos[0] == at || (at == Long.MAX_VALUE && pos[0] >= index)) {
          pos[0] = -2; // emitted
          write(current.get(k).make().apply(copies.get(k)));
        }
      }
    }

    private void write(Line line) {
      long number = line.raw() != null ? file.raw(line.raw()) : file.row(line.fields());
      if (line.note() != null) {
        line.note().at(file.name(), number);
      }
    }

    FileStat finish() {
      for (Bad b : atEnd) {
        write(b.make().apply(null));
      }
      return file.finish();
    }
  }

  private final class Run {
    private final World w;
    private final Consumer<FileStat> progress;
    private final List<FileStat> stats = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    /** Bad rows: their own stream, so that switching them off changes nothing else. */
    private final SplittableRandom bad;
    private final SplittableRandom badPositions;
    private int badSeq;

    Run(World w, Consumer<FileStat> progress) {
      this.w = w;
      this.progress = progress;
      this.bad = Rng.stream(w.seed, "bad-rows");
      this.badPositions = Rng.stream(w.seed, "bad-positions");
      notes.addAll(w.notes);
    }

    Result run() {
      zones();
      policies();
      enterprises();
      invoices();
      taxPayments();
      land();
      recognitions();
      talents();
      projects();
      factories();
      revitalizations();
      incidents();
      return new Result(List.copyOf(stats), List.copyOf(notes));
    }

    private Out open(int fileIndex) {
      return new Out(FILES.get(fileIndex));
    }

    private void done(Out out) {
      FileStat stat = out.finish();
      stats.add(stat);
      progress.accept(stat);
    }

    private Note edge(String rule, String zone, String uscc, String id, String detail) {
      Note note = Note.edge(rule, zone, uscc, id, detail);
      notes.add(note);
      return note;
    }

    private Note badNote(String reason, String zone, String uscc, String id, String detail) {
      Note note = Note.bad(reason, zone, uscc, id, detail);
      notes.add(note);
      return note;
    }

    private String yy(int year) {
      return Fmt.pad(year % 100, 2);
    }

    /** A random enterprise on the roster of year index yi. */
    private int randomMember(int yi) {
      while (true) {
        int i = bad.nextInt(w.n);
        if (w.present(i, yi)) {
          return i;
        }
      }
    }

    /** The code with its check character replaced by another (so the check fails). */
    private String wrongCheck(String code) {
      String alphabet = World.USCC_ALPHABET;
      int k = alphabet.indexOf(code.charAt(17));
      return code.substring(0, 17) + alphabet.charAt((k + 1 + bad.nextInt(alphabet.length() - 1)) % alphabet.length());
    }

    /**
     * Digits of the sequence part of the invoice and payment ids of a year: one more than the count needs,
     * so valid ids always have a leading 0 there and the bad rows' ids (leading 9) never collide.
     */
    private int idWidth(long count) {
      return Math.max(6, Long.toString(count).length() + 1);
    }

    private String badId(String prefix, int width) {
      return prefix + "9" + Fmt.pad(++badSeq, width - 1);
    }

    private String lowerCase(String code) {
      return code.toLowerCase(Locale.ROOT);
    }

    // ----------------------------------------------------------------------------------------- zones

    private void zones() {
      Out out = open(0);
      out.startGroup(0, 0, badPositions);
      for (int yi = 0; yi < w.years; yi++) {
        for (World.Zone z : w.zones) {
          if (!z.exists(yi)) {
            continue;
          }
          Note note = null;
          if (z.def.newInLastYear() && w.years >= 2) {
            note = edge("zone new in the last year (growth undefined)", z.id(), "", "",
                "YZ28 has zones.csv rows only for " + w.last + ": no prior-year figures, so its growth metrics"
                    + " are undefined and rank last (tied)");
          } else if (z.def.typeChar() == 'C' && yi <= 1 && w.years >= 2) {
            note = edge("zone changes type between years", z.id(), "", "",
                (yi == 0 ? "优化发展型 (OPTIMIZED) in " : "重点发展型 (KEY) from ") + w.year(yi));
          }
          out.valid(note, w.year(yi), z.id(), z.def.name(), z.def.county(), z.type[yi], z.def.specialties());
        }
      }
      out.endGroup();
      done(out);
    }

    private void policies() {
      Out out = open(1);
      out.startGroup(0, 0, badPositions);
      for (int yi = 0; yi < w.years; yi++) {
        for (int c = 0; c < Catalog.COUNTIES.size(); c++) {
          String county = Catalog.COUNTIES.get(c).name();
          Note note = null;
          if (!w.hasPolicy[c][yi]) {
            note = edge("county without supporting policy: ranked, no award", county.equals("仪征市") ? "YZ09-YZ12" : "YZ01-YZ04",
                "", "", county + " has has_policy=false in " + w.year(yi)
                    + (county.equals("仪征市") ? " (its zone YZ09 is the strongest KEY zone: it keeps its rank, the"
                        + " prize goes to the next eligible zone)" : ""));
          }
          out.valid(note, w.year(yi), county, w.hasPolicy[c][yi] ? "true" : "false");
        }
      }
      out.endGroup();
      done(out);
    }

    // ----------------------------------------------------------------------------------- enterprises

    private void enterprises() {
      Out out = open(2);
      int yL = w.yL;
      int yP = w.yP;
      // Bad rows.
      out.schedule(yL, 0.4, none -> {
        String code = w.freshUscc(bad, "321000");
        Note note = badNote("unknown zone", "YZ99", code, "", "roster row naming YZ99, which zones.csv lacks");
        return Line.of(note, w.last, code, "扬州天元机电有限公司", "YZ99", "C3411", "false");
      });
      if (yP >= 0) {
        out.schedule(yP, 0.97, none -> {
          String code = w.freshUscc(bad, "321000");
          Note note = badNote("unknown zone (zone not in zones.csv for that year)", "YZ28", code, "",
              "roster row of " + w.year(yP) + " naming YZ28, which zones.csv has only for " + w.last);
          return Line.of(note, w.year(yP), code, "扬州泰安微电子有限公司", "YZ28", "C3973", "true");
        });
      }
      out.schedule(0, 0.6, none -> {
        String code = wrongCheck(w.freshUscc(bad, "321084"));
        Note note = badNote("invalid USCC (wrong check character)", "YZ05", code, "",
            "an otherwise plausible code whose 18th character is wrong");
        return Line.of(note, w.first, code, "高邮市明光照明电器有限公司", "YZ05", "C3872", "false");
      });
      out.scheduleAtEnd(none -> {
        String code = w.freshUscc(bad, "321023");
        Note note = badNote("malformed CSV line (unbalanced quote)", "YZ03", code, "",
            "last line of the file; the quote opened before the name is never closed");
        return Line.raw(note, w.last + "," + code + ",\"宝应县鼎盛食品有限公司,YZ03,C1371,false");
      });

      for (int yi = 0; yi < w.years; yi++) {
        long count = 0;
        for (World.Zone z : w.zones) {
          count += w.members[yi][z.idx].length;
        }
        out.startGroup(yi, count, badPositions);
        for (World.Zone z : w.zones) {
          List<Integer> rows = new ArrayList<>();
          for (int i : w.members[yi][z.idx]) {
            rows.add(i);
          }
          rows.sort(Comparator.comparing(i -> w.uscc[i]));
          for (int i : rows) {
            String code = w.uscc[i];
            Note note = null;
            if (i == w.lowerRoster && yi == yL) {
              code = lowerCase(code);
              note = edge("lower-case USCC (valid after upper-casing)", z.id(), w.uscc[i], "",
                  "roster row of " + w.last + " written as " + code);
            } else if (i == w.paddedRoster && yi == 0) {
              code = "  " + code + " ";
              note = edge("space-padded USCC (valid after trimming)", z.id(), w.uscc[i], "",
                  "roster row of " + w.first + " written with spaces around the code");
            }
            out.valid(note, w.year(yi), code, w.name[i], z.id(), w.industry[i], w.above[i][yi] ? "true" : "false");
          }
        }
        out.endGroup();
      }
      done(out);
    }

    // -------------------------------------------------------------------------------------- invoices

    private void invoices() {
      Out out = open(3);
      int yL = w.yL;
      int yP = w.yP;
      int yEarly = yP >= 0 ? yP : yL;
      out.schedule(yL, 0.15, none -> {
        int i = randomMember(yL);
        String id = badId(yy(w.last) + "32", idWidth(w.invoiceTotal[yL]));
        Note note = badNote("malformed CSV line (5 fields instead of 6)", w.zoneIdOf(i, yL), w.uscc[i], id, "status missing");
        return Line.raw(note, id + "," + w.uscc[i] + "," + w.last + "-03-17,56000.00,7280.00");
      });
      out.schedule(yEarly, 0.25, none -> {
        int i = randomMember(yEarly);
        String id = badId(yy(w.year(yEarly)) + "32", idWidth(w.invoiceTotal[yEarly]));
        Note note = badNote("unparseable number", w.zoneIdOf(i, yEarly), w.uscc[i], id, "amount 12O50.00 (letter O)");
        return Line.of(note, id, w.uscc[i], w.year(yEarly) + "-04-08", "12O50.00", "1566.50", "normal");
      });
      out.schedule(yEarly, 0.35, none -> {
        int i = randomMember(yEarly);
        String id = badId(yy(w.year(yEarly)) + "32", idWidth(w.invoiceTotal[yEarly]));
        String date = w.year(yEarly) + "-02-30";
        Note note = badNote("unparseable date", w.zoneIdOf(i, yEarly), w.uscc[i], id, "issue_date " + date);
        return Line.of(note, id, w.uscc[i], date, "88000.00", "11440.00", "normal");
      });
      out.schedule(yL, 0.45, none -> {
        int i = randomMember(yL);
        String code = wrongCheck(w.uscc[i]);
        String id = badId(yy(w.last) + "32", idWidth(w.invoiceTotal[yL]));
        Note note = badNote("invalid USCC (wrong check character)", w.zoneIdOf(i, yL), code, id,
            "a mistyped " + w.uscc[i]);
        return Line.of(note, id, code, w.last + "-06-02", "230000.00", "29900.00", "normal");
      });
      out.schedule(yL, 0.55, none -> {
        String code;
        String detail;
        if (w.leaver >= 0) {
          code = w.uscc[w.leaver];
          detail = "the enterprise left the roster after " + w.year(w.yP);
        } else {
          code = w.freshUscc(bad, "321000");
          detail = "an enterprise on no roster";
        }
        String id = badId(yy(w.last) + "32", idWidth(w.invoiceTotal[yL]));
        Note note = badNote("enterprise in no roster of its year", "", code, id, detail);
        return Line.of(note, id, code, w.last + "-02-14", "1450000.00", "188500.00", "normal");
      });
      out.schedule(yL, 0.65, none -> {
        String code = w.freshUscc(bad, "321002");
        String id = badId(yy(w.last) + "32", idWidth(w.invoiceTotal[yL]));
        Note note = badNote("enterprise in no roster of its year", "", code, id,
            "a trading company outside every zone (never on a roster)");
        return Line.of(note, id, code, w.last + "-08-21", "640000.00", "83200.00", "normal");
      });
      out.scheduleDuplicate(yL, 0.3, original -> {
        long fen = parseCents(original[3]);
        Note note = badNote("duplicate invoice_id (the first row stands)", "", original[1], original[0],
            "same id as an earlier row, amount doubled to " + Fmt.cents(2 * fen));
        return Line.of(note, original[0], original[1], original[2], Fmt.cents(2 * fen),
            Fmt.cents(2 * parseCents(original[4])), original[5]);
      });
      out.schedule(yL, 0.85, none -> {
        int i = randomMember(yL);
        String id = badId(yy(w.last) + "32", idWidth(w.invoiceTotal[yL]));
        Note note = badNote("unknown invoice status", w.zoneIdOf(i, yL), w.uscc[i], id, "status cancelled");
        return Line.of(note, id, w.uscc[i], w.last + "-11-03", "99000.00", "12870.00", "cancelled");
      });

      SplittableRandom r = Rng.stream(w.seed, "invoices");
      long reds = 0;
      long voids = 0;
      for (int yi = 0; yi < w.years; yi++) {
        int year = w.year(yi);
        String prefix = yy(year) + "32";
        int width = idWidth(w.invoiceTotal[yi]);
        List<Integer> roster = new ArrayList<>();
        for (int i = 0; i < w.n; i++) {
          if (w.present(i, yi) && w.invoiceCount[i][yi] > 0) {
            roster.add(i);
          }
        }
        int m = roster.size();
        int[] who = new int[m];
        long[] remFen = new long[m];
        int[] remCnt = new int[m];
        int[] issued = new int[m];
        for (int k = 0; k < m; k++) {
          who[k] = roster.get(k);
          remFen[k] = w.sales[who[k]][yi];
          remCnt[k] = w.invoiceCount[who[k]][yi];
        }
        Fenwick urn = new Fenwick(remCnt);
        long total = w.invoiceTotal[yi];
        long lowerAt = yi == (yP >= 0 ? yP : yL) ? total * 3 / 10 : -1;
        long paddedAt = yi == yL ? total * 7 / 10 : -1;
        out.startGroup(yi, total, badPositions);

        LocalDate start = LocalDate.of(year, 1, 1);
        int days = start.lengthOfYear();
        long weightSum = 0;
        for (int d = 0; d < days; d++) {
          weightSum += dayWeight(start.plusDays(d));
        }
        long slot = 0;
        long cumulative = 0;
        long left = total;
        for (int d = 0; d < days; d++) {
          LocalDate date = start.plusDays(d);
          cumulative += dayWeight(date);
          long upto = total * cumulative / weightSum;
          String day = date.toString();
          for (; slot < upto; slot++) {
            int k = urn.find(r.nextLong(left));
            urn.add(k, -1);
            left--;
            int i = who[k];
            double u = r.nextDouble();
            double v = r.nextDouble();
            String status = "normal";
            long amount;
            boolean deliberateRed =
                (i == w.redFirst && yi == yP && issued[k] == 0) || (i == w.redSecond && yi == yL && issued[k] == 1);
            boolean deliberateVoid = i == w.voidThird && yi == yL && issued[k] == 2;
            long base = remFen[k] / remCnt[k];
            if (remCnt[k] == 1) {
              amount = remFen[k];
            } else if (deliberateRed || (!deliberateVoid && u < 0.002)) {
              status = "red";
              amount = -Math.max(World.MIN_INVOICE_FEN, (long) (base * (0.05 + 0.35 * v)));
              remFen[k] -= amount;
              reds++;
            } else if (deliberateVoid || u < 0.005) {
              status = "void";
              amount = Math.max(World.MIN_INVOICE_FEN, (long) (base * (0.5 + v)));
              voids++;
            } else {
              long hi = remFen[k] - (remCnt[k] - 1) * World.MIN_INVOICE_FEN;
              amount = Math.max(World.MIN_INVOICE_FEN, Math.min(hi, (long) (base * (0.5 + v))));
              remFen[k] -= amount;
            }
            remCnt[k]--;
            issued[k]++;
            int vat = Catalog.industryOf(w.industry[i]).vatPercent();
            String id = prefix + Fmt.pad(slot + 1, width);
            String seller = w.uscc[i];
            Note note = null;
            String zoneId = w.zoneIdOf(i, yi);
            if (deliberateRed && issued[k] == 1) {
              note = edge("red-letter invoice as the first invoice of a year (credit for an earlier sale)", zoneId,
                  seller, id, "amount " + Fmt.cents(amount) + " counts negative in " + year);
            } else if (deliberateRed) {
              note = edge("red-letter (红字) invoice, negative amount", zoneId, seller, id,
                  "amount " + Fmt.cents(amount) + " counts negative in " + year);
            } else if (deliberateVoid) {
              note = edge("void (作废) invoice: counts nothing", zoneId, seller, id,
                  "amount " + Fmt.cents(amount) + " must not count");
            }
            if (slot == lowerAt) {
              seller = lowerCase(seller);
              note = edge("lower-case USCC (valid after upper-casing)", zoneId, w.uscc[i], id,
                  "seller_uscc written as " + seller);
            } else if (slot == paddedAt) {
              seller = " " + seller + "  ";
              note = edge("space-padded USCC (valid after trimming)", zoneId, w.uscc[i], id,
                  "seller_uscc written with spaces around the code");
            }
            out.valid(note, id, seller, day, Fmt.cents(amount), Fmt.cents(Fmt.percentOf(amount, vat)), status);
          }
        }
        out.endGroup();
      }
      edge("red-letter and void invoices in bulk", "", "", "", reds + " red and " + voids
          + " void invoices in all (the listed ones included); every enterprise's normal + red invoices of a year"
          + " add up exactly to its sales target, voids come on top");
      done(out);
    }

    private int dayWeight(LocalDate d) {
      DayOfWeek dow = d.getDayOfWeek();
      return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 3 : 10;
    }

    // ---------------------------------------------------------------------------------- tax payments

    /** Id width of each year's treasury entries, known once the year's entries are planned. */
    private int[] taxWidth;

    private record TaxEntry(int enterprise, int seq, LocalDate date, String type, long fen) {}

    private void taxPayments() {
      Out out = open(4);
      int yL = w.yL;
      taxWidth = new int[w.years];
      int yEarly = w.yP >= 0 ? w.yP : yL;
      out.schedule(yL, 0.2, none -> {
        int i = randomMember(yL);
        String id = badId("SP" + yy(w.last), taxWidth[yL]);
        Note note = badNote("unparseable number", w.zoneIdOf(i, yL), w.uscc[i], id, "amount \"1,234.00\" (thousands separator)");
        return Line.of(note, id, w.uscc[i], "印花税", w.last + "-04-15", "1,234.00");
      });
      out.schedule(yEarly, 0.3, none -> {
        int i = randomMember(yEarly);
        String id = badId("SP" + yy(w.year(yEarly)), taxWidth[yEarly]);
        String date = w.year(yEarly) + "/03/15";
        Note note = badNote("unparseable date", w.zoneIdOf(i, yEarly), w.uscc[i], id, "entry_date " + date);
        return Line.of(note, id, w.uscc[i], "增值税", date, "45210.33");
      });
      out.schedule(yL, 0.4, none -> {
        int i = randomMember(yL);
        String code = w.uscc[i].substring(0, 10) + "O" + w.uscc[i].substring(11);
        String id = badId("SP" + yy(w.last), taxWidth[yL]);
        Note note = badNote("invalid USCC (letter O is not allowed)", w.zoneIdOf(i, yL), code, id,
            "a mistyped " + w.uscc[i]);
        return Line.of(note, id, code, "企业所得税", w.last + "-05-28", "318000.00");
      });
      out.schedule(yL, 0.5, none -> {
        String code = w.leaver >= 0 ? w.uscc[w.leaver] : w.freshUscc(bad, "321000");
        String id = badId("SP" + yy(w.last), taxWidth[yL]);
        Note note = badNote("enterprise in no roster of its year", "", code, id,
            "企业所得税 annual settlement paid in " + w.last + " by an enterprise that left the roster");
        return Line.of(note, id, code, "企业所得税", w.last + "-05-20", "412650.00");
      });
      out.scheduleDuplicate(yL, 0.4, original -> {
        Note note = badNote("duplicate payment_id (the first row stands)", "", original[1], original[0],
            "same id as an earlier row, another amount");
        return Line.of(note, original[0], original[1], original[2], original[3],
            Fmt.cents(parseCents(original[4]) + 100_000));
      });
      out.schedule(yL, 0.9, none -> {
        int i = randomMember(yL);
        String id = badId("SP" + yy(w.last), taxWidth[yL]);
        Note note = badNote("malformed CSV line (6 fields instead of 5)", w.zoneIdOf(i, yL), w.uscc[i], id,
            "an extra remark field");
        return Line.raw(note, id + "," + w.uscc[i] + ",城市维护建设税," + w.last + "-12-10,5120.00,补缴");
      });

      SplittableRandom r = Rng.stream(w.seed, "tax-plans");
      for (int yi = 0; yi < w.years; yi++) {
        int year = w.year(yi);
        List<TaxEntry> entries = new ArrayList<>();
        for (int i = 0; i < w.n; i++) {
          if (w.present(i, yi)) {
            plan(r, i, yi, entries);
          }
        }
        entries.sort(
            Comparator.comparing(TaxEntry::date).thenComparingInt(TaxEntry::enterprise).thenComparingInt(TaxEntry::seq));
        long lowerAt = yi == yL ? entries.size() / 4 : -1;
        long paddedAt = yi == 0 ? entries.size() * 3 / 5 : -1;
        out.startGroup(yi, entries.size(), badPositions);
        long seq = 0;
        int width = idWidth(entries.size());
        taxWidth[yi] = width;
        for (TaxEntry e : entries) {
          String id = "SP" + yy(year) + Fmt.pad(++seq, width);
          String code = w.uscc[e.enterprise()];
          String zoneId = w.zoneIdOf(e.enterprise(), yi);
          Note note = null;
          if (e.enterprise() == w.refund && yi == yL && e.fen() < 0) {
            note = edge("tax refund (退库), negative amount", zoneId, code, id,
                e.type() + " refund of " + Fmt.cents(e.fen()) + " counts negative in " + year);
          } else if (e.enterprise() == w.negTax && yi == 0 && e.fen() < 0) {
            note = edge("negative net tax of an enterprise (refund larger than its payments)", zoneId, code, id,
                "留抵退税 of " + Fmt.cents(e.fen()) + " against payments of 500000.00: net " + year + " tax "
                    + Fmt.cents(w.tax[e.enterprise()][yi]));
          }
          if (seq - 1 == lowerAt) {
            code = lowerCase(code);
            note = edge("lower-case USCC (valid after upper-casing)", zoneId, w.uscc[e.enterprise()], id,
                "uscc written as " + code);
          } else if (seq - 1 == paddedAt) {
            code = " " + code + " ";
            note = edge("space-padded USCC (valid after trimming)", zoneId, w.uscc[e.enterprise()], id,
                "uscc written with spaces around the code");
          }
          out.valid(note, id, code, e.type(), e.date().toString(), Fmt.cents(e.fen()));
        }
        out.endGroup();
      }
      done(out);
    }

    /** The treasury entries of enterprise i in year yi: they add up exactly to its tax target. */
    private void plan(SplittableRandom r, int i, int yi, List<TaxEntry> entries) {
      int year = w.year(yi);
      long target = w.tax[i][yi];
      long refundFen = 0;
      double refundDraw = r.nextDouble();
      double refundSize = Rng.uniform(r, 0.05, 0.3);
      if (i == w.negTax && yi == 0) {
        refundFen = 80_000_000L;
      } else if (i == w.refund && yi == w.yL) {
        refundFen = Math.max(100_000L, target / 5);
      } else if (target > 0 && refundDraw < (yi == 0 ? 0.04 : 0.01)) {
        refundFen = (long) (target * refundSize);
      }
      long positive = target + refundFen;
      List<String> types = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      List<LocalDate> dates = new ArrayList<>();
      if (w.above[i][yi]) {
        add(types, weights, dates, "增值税", 0.36, World.inMonth(r, year, Month.of(1 + r.nextInt(6))));
        add(types, weights, dates, "增值税", 0.34, World.inMonth(r, year, Month.of(7 + r.nextInt(6))));
        add(types, weights, dates, "企业所得税", 0.25, World.inMonth(r, year, Month.MAY));
        LocalDate otherDate = World.inMonth(r, year, Month.of(1 + r.nextInt(12)));
        double other = r.nextDouble();
        if (w.holdsLand[i] && other < 0.25) {
          add(types, weights, dates, "城镇土地使用税", 0.03, otherDate);
        } else if (other < 0.42) {
          add(types, weights, dates, "城市维护建设税", 0.04, otherDate);
        } else if (other < 0.50) {
          add(types, weights, dates, "个人所得税", 0.05, otherDate);
        }
      } else {
        add(types, weights, dates, "增值税", 0.70, World.inMonth(r, year, Month.of(1 + r.nextInt(12))));
        LocalDate otherDate = World.inMonth(r, year, Month.MAY);
        double other = r.nextDouble();
        if (other < 0.20) {
          add(types, weights, dates, "企业所得税", 0.25, otherDate);
        } else if (other < 0.25) {
          add(types, weights, dates, "印花税", 0.01, otherDate);
        }
      }
      LocalDate refundDate = yi == 0 ? World.inMonth(r, year, Month.of(4 + r.nextInt(4))) : Rng.day(r, year);
      double weightSum = 0;
      for (double x : weights) {
        weightSum += x;
      }
      long[] amounts = new long[types.size()];
      long given = 0;
      for (int k = 0; k < amounts.length; k++) {
        amounts[k] = (long) (positive * weights.get(k) / weightSum);
        given += amounts[k];
      }
      amounts[0] += positive - given;
      int seq = 0;
      for (int k = 0; k < amounts.length; k++) {
        if (amounts[k] != 0) {
          entries.add(new TaxEntry(i, seq++, dates.get(k), types.get(k), amounts[k]));
        }
      }
      if (refundFen > 0) {
        entries.add(new TaxEntry(i, seq, refundDate, "增值税", -refundFen));
      }
    }

    private void add(List<String> types, List<Double> weights, List<LocalDate> dates, String type, double weight, LocalDate date) {
      types.add(type);
      weights.add(weight);
      dates.add(date);
    }

    // ------------------------------------------------------------------------------------------ land

    private void land() {
      Out out = open(5);
      int yL = w.yL;
      out.schedule(0, 0.2, none -> {
        int i = randomMember(yL);
        String id = badId("DK", 6);
        Note note = badNote("negative land area", w.zoneIdOf(i, yL), w.uscc[i], id, "area_m2 -3500.00");
        return Line.of(note, id, w.uscc[i], "-3500.00", "2016-05-11", "");
      });
      out.schedule(0, 0.4, none -> {
        int i = randomMember(yL);
        String id = badId("DK", 6);
        Note note = badNote("unparseable number", w.zoneIdOf(i, yL), w.uscc[i], id, "area_m2 约6000");
        return Line.of(note, id, w.uscc[i], "约6000", "2018-09-20", "");
      });
      out.schedule(0, 0.6, none -> {
        int i = randomMember(yL);
        String id = badId("DK", 6);
        Note note = badNote("unparseable date", w.zoneIdOf(i, yL), w.uscc[i], id, "acquired_date 2019-00-10");
        return Line.of(note, id, w.uscc[i], "12000.00", "2019-00-10", "");
      });
      out.schedule(0, 0.7, none -> {
        int i = randomMember(yL);
        String code = wrongCheck(w.uscc[i]);
        String id = badId("DK", 6);
        Note note = badNote("invalid USCC (wrong check character)", w.zoneIdOf(i, yL), code, id, "a mistyped " + w.uscc[i]);
        return Line.of(note, id, code, "8000.00", "2011-03-02", "");
      });
      out.schedule(0, 0.9, none -> {
        int i = randomMember(yL);
        String id = badId("DK", 6);
        Note note = badNote("malformed CSV line (4 fields instead of 5)", w.zoneIdOf(i, yL), w.uscc[i], id,
            "released_date column missing");
        return Line.raw(note, id + "," + w.uscc[i] + ",6666.67,2014-07-01");
      });
      out.startGroup(0, w.parcels.size(), badPositions);
      int lowerAt = w.parcels.size() / 2;
      for (int k = 0; k < w.parcels.size(); k++) {
        World.Parcel p = w.parcels.get(k);
        String code = w.uscc[p.holder];
        Note note = p.note;
        if (k == lowerAt && note == null) {
          code = lowerCase(code);
          note = edge("lower-case USCC (valid after upper-casing)", w.zoneIdOf(p.holder, yL), w.uscc[p.holder], p.id,
              "holder_uscc written as " + code);
        }
        if (p.note != null) {
          p.note.setId(p.id);
        }
        out.valid(note, p.id, code, Fmt.cents(p.areaCentiM2), p.acquired.toString(),
            p.released == null ? "" : p.released.toString());
      }
      out.endGroup();
      done(out);
    }

    // ---------------------------------------------------------------------------------- recognitions

    private void recognitions() {
      Out out = open(6);
      int yL = w.yL;
      out.schedule(0, 0.3, none -> {
        int i = randomMember(yL);
        Note note = badNote("unknown recognition kind", w.zoneIdOf(i, yL), w.uscc[i], "", "kind specialized_sme");
        return Line.of(note, w.uscc[i], "specialized_sme", w.last + "-06-18");
      });
      out.schedule(0, 0.95, none -> {
        String code = w.leaver >= 0 ? w.uscc[w.leaver] : w.freshUscc(bad, "321000");
        Note note = badNote("enterprise in no roster of its year", "", code, "",
            "recognised in " + w.last + ", when it is on no roster");
        return Line.of(note, code, "high_tech", w.last + "-11-30");
      });
      out.schedule(0, 0.5, none -> {
        int i = randomMember(yL);
        Note note = badNote("unparseable date", w.zoneIdOf(i, yL), w.uscc[i], "", "recognized_date " + w.last + "-11");
        return Line.of(note, w.uscc[i], "gazelle", w.last + "-11");
      });
      out.schedule(0, 0.7, none -> {
        int i = randomMember(yL);
        String code = wrongCheck(w.uscc[i]);
        Note note = badNote("invalid USCC (wrong check character)", w.zoneIdOf(i, yL), code, "", "a mistyped " + w.uscc[i]);
        return Line.of(note, code, "unicorn_seed", w.last + "-09-09");
      });
      out.startGroup(0, w.recognitions.size(), badPositions);
      int paddedAt = w.recognitions.size() / 3;
      for (int k = 0; k < w.recognitions.size(); k++) {
        World.Recognition x = w.recognitions.get(k);
        String code = w.uscc[x.enterprise];
        Note note = x.note;
        if (k == paddedAt && note == null) {
          code = " " + code;
          note = edge("space-padded USCC (valid after trimming)", w.zoneIdOf(x.enterprise, x.date.getYear() - w.first),
              w.uscc[x.enterprise], "", "uscc written with a leading space");
        }
        out.valid(note, code, x.kind, x.date.toString());
      }
      out.endGroup();
      done(out);
    }

    private void talents() {
      Out out = open(7);
      int yL = w.yL;
      out.schedule(0, 0.25, none -> {
        int i = randomMember(yL);
        String id = badId("RC", 5);
        Note note = badNote("unknown talent program", w.zoneIdOf(i, yL), w.uscc[i], id, "program city_talent");
        return Line.of(note, id, w.uscc[i], "city_talent", w.last + "-04-26");
      });
      out.scheduleDuplicate(0, 0.35, original -> {
        Note note = badNote("duplicate talent_id (the first row stands)", "", original[1], original[0],
            "same id as an earlier row, program changed to national");
        return Line.of(note, original[0], original[1], "national", original[3]);
      });
      out.schedule(0, 0.45, none -> {
        String code;
        String date;
        String detail;
        if (w.joiner >= 0 && !w.present(w.joiner, 0)) {
          code = w.uscc[w.joiner];
          date = w.first + "-08-16";
          detail = "awarded in " + w.first + ", before the employer joined the roster";
        } else {
          code = w.freshUscc(bad, "321000");
          date = w.last + "-08-16";
          detail = "employer on no roster";
        }
        String id = badId("RC", 5);
        Note note = badNote("enterprise in no roster of its year", "", code, id, detail);
        return Line.of(note, id, code, "lvyang_phd", date);
      });
      out.schedule(0, 0.75, none -> {
        int i = randomMember(yL);
        String id = badId("RC", 5);
        Note note = badNote("unparseable date", w.zoneIdOf(i, yL), w.uscc[i], id, "awarded_date " + w.last + "-06-31");
        return Line.of(note, id, w.uscc[i], "lvyang_leading", w.last + "-06-31");
      });
      out.startGroup(0, w.talents.size(), badPositions);
      int lowerAt = w.talents.size() / 2;
      for (int k = 0; k < w.talents.size(); k++) {
        World.Talent t = w.talents.get(k);
        String code = w.uscc[t.enterprise];
        Note note = t.note;
        if (k == lowerAt) {
          code = lowerCase(code);
          note = edge("lower-case USCC (valid after upper-casing)", w.zoneIdOf(t.enterprise, t.date.getYear() - w.first),
              w.uscc[t.enterprise], t.id, "employer_uscc written as " + code);
        }
        out.valid(note, t.id, code, t.program, t.date.toString());
      }
      out.endGroup();
      done(out);
    }

    // ----------------------------------------------------------------------------- zone-level records

    private String date(LocalDate d) {
      return d == null ? "" : d.toString();
    }

    private void projects() {
      Out out = open(8);
      out.schedule(0, 0.2, none -> {
        String id = badId("XM", 5);
        Note note = badNote("unknown zone", "YZ99", "", id, "zone YZ99 is in no zones.csv row");
        return Line.of(note, id, "YZ99", "tech_upgrade", "9500000.00", w.last + "-01-10", w.last + "-07-01");
      });
      out.schedule(0, 0.4, none -> {
        String id = badId("XM", 5);
        Note note = badNote("unknown project kind", "YZ02", "", id, "kind expansion");
        return Line.of(note, id, "YZ02", "expansion", "30000000.00", w.last + "-02-01", "");
      });
      out.scheduleDuplicate(0, 0.3, original -> {
        Note note = badNote("duplicate project_id (the first row stands)", original[1], "", original[0],
            "same id as an earlier row, equipment_investment changed");
        return Line.of(note, original[0], original[1], original[2], Fmt.cents(parseCents(original[3]) + 50_000_000L),
            original[4], original[5]);
      });
      out.schedule(0, 0.6, none -> {
        String id = badId("XM", 5);
        Note note = badNote("unparseable number", "YZ08", "", id, "equipment_investment \"8,000,000.00\"");
        return Line.of(note, id, "YZ08", "tech_upgrade", "8,000,000.00", w.last + "-01-05", w.last + "-09-01");
      });
      out.schedule(0, 0.8, none -> {
        String id = badId("XM", 5);
        Note note = badNote("unparseable date", "YZ15", "", id, "production_start_date " + w.last + ".05.01");
        return Line.of(note, id, "YZ15", "tech_upgrade", "11000000.00", w.last + "-01-20", w.last + ".05.01");
      });
      out.startGroup(0, w.projects.size(), badPositions);
      for (World.Project p : w.projects) {
        if (p.note != null && p.note.id().isEmpty()) {
          p.note.setId(p.id);
        }
        out.valid(p.note, p.id, w.zones[p.zone].id(), p.kind, Fmt.cents(p.equipmentFen), date(p.construction),
            date(p.production));
      }
      out.endGroup();
      done(out);
    }

    private void factories() {
      Out out = open(9);
      out.schedule(0, 0.3, none -> {
        String id = badId("BF", 5);
        boolean early = w.yP >= 0;
        String zone = early ? "YZ28" : "YZ00";
        String when = early ? w.year(w.yP) + "-09-30" : w.last + "-09-30";
        Note note = badNote(early ? "unknown zone (zone not in zones.csv for that year)" : "unknown zone", zone, "", id,
            early ? "accepted " + when + ", but YZ28 has zones.csv rows only for " + w.last : "zone YZ00");
        return Line.of(note, id, zone, "18000.00", when);
      });
      out.scheduleDuplicate(0, 0.4, original -> {
        Note note = badNote("duplicate factory_id (the first row stands)", original[1], "", original[0],
            "same id as an earlier row, area changed");
        return Line.of(note, original[0], original[1], Fmt.cents(parseCents(original[2]) + 1_000_000L), original[3]);
      });
      out.schedule(0, 0.6, none -> {
        String id = badId("BF", 5);
        Note note = badNote("negative area", "YZ06", "", id, "floor_area_m2 -12000.00");
        return Line.of(note, id, "YZ06", "-12000.00", w.last + "-06-06");
      });
      out.schedule(0, 0.8, none -> {
        String id = badId("BF", 5);
        Note note = badNote("unparseable number", "YZ18", "", id, "floor_area_m2 1.2万");
        return Line.of(note, id, "YZ18", "1.2万", w.last + "-08-08");
      });
      out.startGroup(0, w.factories.size(), badPositions);
      for (World.Factory f : w.factories) {
        if (f.note != null && f.note.id().isEmpty()) {
          f.note.setId(f.id);
        }
        out.valid(f.note, f.id, w.zones[f.zone].id(), Fmt.cents(f.areaCenti), f.date.toString());
      }
      out.endGroup();
      done(out);
    }

    private void revitalizations() {
      Out out = open(10);
      out.schedule(0, 0.25, none -> {
        String id = badId("DX", 5);
        Note note = badNote("negative land area", "YZ15", "", id, "area_mu -20.00");
        return Line.of(note, id, "YZ15", "-20.00", w.last + "-05-05");
      });
      out.scheduleDuplicate(0, 0.3, original -> {
        Note note = badNote("duplicate record_id (the first row stands)", original[1], "", original[0],
            "same id as an earlier row, area changed");
        return Line.of(note, original[0], original[1], Fmt.cents(parseCents(original[2]) + 5_000L), original[3]);
      });
      out.schedule(0, 0.6, none -> {
        String id = badId("DX", 5);
        Note note = badNote("unknown zone", "YZ00", "", id, "zone YZ00 is in no zones.csv row");
        return Line.of(note, id, "YZ00", "55.00", w.last + "-10-10");
      });
      out.schedule(0, 0.85, none -> {
        String id = badId("DX", 5);
        Note note = badNote("unparseable date", "YZ21", "", id, "completed_date " + w.last + "-13-01");
        return Line.of(note, id, "YZ21", "36.50", w.last + "-13-01");
      });
      out.startGroup(0, w.revitalizations.size(), badPositions);
      for (World.Revitalization v : w.revitalizations) {
        if (v.note != null && v.note.id().isEmpty()) {
          v.note.setId(v.id);
        }
        out.valid(v.note, v.id, w.zones[v.zone].id(), Fmt.cents(v.areaCentiMu), v.date.toString());
      }
      out.endGroup();
      done(out);
    }

    private void incidents() {
      Out out = open(11);
      out.schedule(0, 0.2, none -> {
        String id = badId("SJ", 5);
        Note note = badNote("unknown incident severity", "YZ06", "", id, "severity 一般 (Chinese instead of general)");
        return Line.of(note, id, "YZ06", "safety", "一般", w.last + "-02-11");
      });
      out.schedule(0, 0.4, none -> {
        String id = badId("SJ", 5);
        Note note = badNote("unknown incident kind", "YZ12", "", id, "kind fire");
        return Line.of(note, id, "YZ12", "fire", "general", w.last + "-04-04");
      });
      out.scheduleDuplicate(0, 0.2, original -> {
        String severity = original[3].equals("general") ? "larger" : "general";
        Note note = badNote("duplicate incident_id (the first row stands)", original[1], "", original[0],
            "same id as an earlier row with severity " + severity + " (must not veto " + original[1] + ")");
        return Line.of(note, original[0], original[1], original[2], severity, original[4]);
      });
      out.schedule(0, 0.7, none -> {
        String id = badId("SJ", 5);
        Note note = badNote("unknown zone", "YZ99", "", id, "a major incident in zone YZ99");
        return Line.of(note, id, "YZ99", "safety", "major", w.last + "-06-15");
      });
      out.schedule(0, 0.9, none -> {
        String id = badId("SJ", 5);
        Note note = badNote("unparseable date", "YZ16", "", id, "occurred_date " + w.last + "0315");
        return Line.of(note, id, "YZ16", "environment", "general", w.last + "0315");
      });
      out.startGroup(0, w.incidents.size(), badPositions);
      for (World.Incident x : w.incidents) {
        if (x.note != null && x.note.id().isEmpty()) {
          x.note.setId(x.id);
        }
        out.valid(x.note, x.id, w.zones[x.zone].id(), x.kind, x.severity, x.date.toString());
      }
      out.endGroup();
      done(out);
    }
  }

  /** Parses a plain decimal with at most two decimals into hundredths. */
  static long parseCents(String s) {
    boolean negative = s.startsWith("-");
    String body = negative ? s.substring(1) : s;
    int dot = body.indexOf('.');
    long whole = Long.parseLong(dot < 0 ? body : body.substring(0, dot));
    String frac = dot < 0 ? "" : body.substring(dot + 1);
    long cents = whole * 100 + (frac.isEmpty() ? 0 : Long.parseLong((frac + "0").substring(0, 2)));
    return negative ? -cents : cents;
  }

  /** Counts of the remaining invoices per enterprise, for drawing without replacement. */
  static final class Fenwick {
    private final long[] tree;
    private final int size;
    private final int top;

    Fenwick(int[] counts) {
      size = counts.length;
      tree = new long[size + 1];
      for (int i = 0; i < size; i++) {
        tree[i + 1] += counts[i];
        int parent = (i + 1) + ((i + 1) & -(i + 1));
        if (parent <= size) {
          tree[parent] += tree[i + 1];
        }
      }
      top = size == 0 ? 0 : Integer.highestOneBit(size);
    }

    void add(int index, long delta) {
      for (int i = index + 1; i <= size; i += i & -i) {
        tree[i] += delta;
      }
    }

    /** The index whose cumulative range holds {@code target} (0 ≤ target < total). */
    int find(long target) {
      int pos = 0;
      for (int step = top; step > 0; step >>= 1) {
        int next = pos + step;
        if (next <= size && tree[next] <= target) {
          pos = next;
          target -= tree[next];
        }
      }
      return pos;
    }
  }
}
