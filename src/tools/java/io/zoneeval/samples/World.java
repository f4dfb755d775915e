package io.zoneeval.samples;

import io.zoneeval.ingest.Uscc;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated city behind the samples: zones, enterprises with their yearly roster entry and yearly sales
 * and tax targets, land parcels, and every smaller record (recognitions, talents, projects, factories, land
 * revitalisations, incidents). Its size is O(enterprises × years); it holds no invoice or tax row: those are
 * streamed by {@link SampleGenerator} from the targets kept here, so that each enterprise's invoices add up
 * to exactly its sales target and its treasury entries to exactly its tax target.
 *
 * <p>Every deliberate edge case is placed here, on purpose and by role, and recorded as a {@link Note}.
 */
final class World {
  /** 规上 (above designated size): annual revenue of at least 20 million yuan. */
  static final long ABOVE_SCALE_FEN = 2_000_000_000L;
  /** Smallest yearly sales of a rostered enterprise: 500,000 yuan. */
  static final long MIN_SALES_FEN = 50_000_000L;
  /** Smallest invoice amount: 1 yuan. */
  static final long MIN_INVOICE_FEN = 100L;
  /** Spread of enterprise sizes (log-normal); with the zone totals it makes about 30% above-size. */
  static final double SIZE_SIGMA = 2.1;
  static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  final GeneratorConfig cfg;
  final long seed;
  final int first;
  final int last;
  final int years;
  /** Index of the last year. */
  final int yL;
  /** Index of the year before the last, or -1 with a single year. */
  final int yP;

  /** Notes about enterprises, zones and records (row notes get their file and line when written). */
  final List<Note> notes = new ArrayList<>();

  final Zone[] zones;
  final boolean[][] hasPolicy;

  final int n;
  final String[] uscc;
  final String[] name;
  final String[] industry;
  final int[] home;
  /** Zone index of enterprise i in year index yi, -1 when it is on no roster that year. */
  final int[][] zoneOf;
  final long[][] sales;
  final long[][] tax;
  final boolean[][] above;
  final int[][] invoiceCount;
  final long[] invoiceTotal;
  final boolean[] holdsLand;
  /** Members of zone z in year yi, in enterprise order: members[yi][z]. */
  int[][][] members;

  private final boolean[] used;
  private final boolean[] forceAbove;
  private final boolean[] forceSmall;
  private final int[] minInvoices;
  private final Set<String> usccs = new HashSet<>();
  private final Set<String> names = new HashSet<>();

  // Deliberate roles; -1 when the configured years do not allow the case.
  int leaver = -1;
  int joiner = -1;
  int moverX = -1;
  int entrantAbove = -1;
  int moverAbove = -1;
  int redFirst = -1;
  int redSecond = -1;
  int voidThird = -1;
  int refund = -1;
  int negTax = -1;
  int lowerRoster = -1;
  int paddedRoster = -1;
  int quoteName = -1;
  int commaName = -1;
  int repGazelle = -1;
  int repHighTech = -1;
  int landAcqP = -1;
  int landAcqL = -1;
  int landRelP = -1;
  int landRelMid = -1;
  int transferFrom = -1;
  int transferTo = -1;
  int[] newAbove = new int[0];
  final List<Integer> noLand = new ArrayList<>();
  final List<Integer> moversTo28 = new ArrayList<>();
  /** Year index in which YZ22 exceeds every points cap: the year before the last when there are 3+ years. */
  final int capYi;
  /** Year index of the tax tie, or -1. */
  int taxTieYi = -1;

  final List<Parcel> parcels = new ArrayList<>();
  final List<Recognition> recognitions = new ArrayList<>();
  final List<Talent> talents = new ArrayList<>();
  final List<Project> projects = new ArrayList<>();
  final List<Factory> factories = new ArrayList<>();
  final List<Revitalization> revitalizations = new ArrayList<>();
  final List<Incident> incidents = new ArrayList<>();

  World(GeneratorConfig cfg) {
    this.cfg = cfg;
    this.seed = cfg.seed();
    this.first = cfg.firstYear();
    this.last = cfg.lastYear();
    this.years = cfg.years();
    this.yL = years - 1;
    this.yP = years - 2;
    this.capYi = years >= 3 ? yP : yL;
    this.zones = buildZones();
    this.hasPolicy = buildPolicies();
    this.n = cfg.enterprises();
    this.uscc = new String[n];
    this.name = new String[n];
    this.industry = new String[n];
    this.home = new int[n];
    this.zoneOf = new int[n][years];
    this.sales = new long[n][years];
    this.tax = new long[n][years];
    this.above = new boolean[n][years];
    this.invoiceCount = new int[n][years];
    this.invoiceTotal = new long[years];
    this.holdsLand = new boolean[n];
    this.used = new boolean[n];
    this.forceAbove = new boolean[n];
    this.forceSmall = new boolean[n];
    this.minInvoices = new int[n];
    Arrays.fill(minInvoices, 1);

    buildEnterprises();
    pickRoles();
    indexMembers();
    buildSales();
    allocateInvoices();
    buildTax();
    makeTies();
    buildLand();
    buildRecognitions();
    buildTalents();
    buildProjects();
    buildFactories();
    buildRevitalizations();
    buildIncidents();
  }

  int year(int yi) {
    return first + yi;
  }

  int zoneIndex(String id) {
    for (Zone z : zones) {
      if (z.def.id().equals(id)) {
        return z.idx;
      }
    }
    throw new IllegalArgumentException(id);
  }

  Zone zone(String id) {
    return zones[zoneIndex(id)];
  }

  boolean present(int i, int yi) {
    return zoneOf[i][yi] >= 0;
  }

  String zoneIdOf(int i, int yi) {
    return zoneOf[i][yi] < 0 ? "" : zones[zoneOf[i][yi]].id();
  }

  /** A new, valid USCC not used by any enterprise (for the bad rows' unknown enterprises too). */
  String freshUscc(SplittableRandom r, String division) {
    while (true) {
      StringBuilder sb = new StringBuilder(18).append("91").append(division);
      if (r.nextDouble() < 0.6) {
        sb.append("MA").append(r.nextBoolean() ? '1' : '2');
        for (int k = 0; k < 6; k++) {
          sb.append(USCC_ALPHABET.charAt(r.nextInt(USCC_ALPHABET.length())));
        }
      } else {
        for (int k = 0; k < 8; k++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
        sb.append("0123456789X".charAt(r.nextInt(11)));
      }
      sb.append(Uscc.checkChar(sb));
      String code = sb.toString();
      if (usccs.add(code)) {
        return code;
      }
    }
  }

  /** A new company name not used by any enterprise. */
  String freshName(SplittableRandom r, Catalog.County county, String industryCode) {
    Catalog.Industry ind = Catalog.industryOf(industryCode);
    String brands = Catalog.BRAND_CHARS;
    while (true) {
      double u = r.nextDouble();
      String prefix = u < 0.5 ? "扬州" : u < 0.65 ? "江苏" : county.namePrefix();
      String brand = "" + brands.charAt(r.nextInt(brands.length())) + brands.charAt(r.nextInt(brands.length()));
      String word = ind.words().get(r.nextInt(ind.words().size()));
      String suffix = Catalog.SUFFIXES.get(r.nextInt(Catalog.SUFFIXES.size()));
      String candidate = prefix + brand + word + suffix;
      if (brand.charAt(0) != brand.charAt(1) && names.add(candidate)) {
        return candidate;
      }
    }
  }

  Catalog.County countyOf(Zone z) {
    return Catalog.COUNTIES.get(z.county);
  }

  // ---------------------------------------------------------------------------------------------- zones

  private Zone[] buildZones() {
    SplittableRandom r = Rng.stream(seed, "zones");
    Zone[] result = new Zone[Catalog.ZONES.size()];
    for (int k = 0; k < result.length; k++) {
      Catalog.ZoneDef def = Catalog.ZONES.get(k);
      String[] type = new String[years];
      double[] target = new double[years];
      int firstYi = def.newInLastYear() ? yL : 0;
      for (int yi = firstYi; yi < years; yi++) {
        type[yi] =
            switch (def.typeChar()) {
              case 'K' -> Catalog.KEY;
              case 'O' -> Catalog.OPTIMIZED;
              default -> yi == 0 ? Catalog.OPTIMIZED : Catalog.KEY;
            };
      }
      double total = def.baseYi() * 1e8;
      for (int yi = 0; yi < years; yi++) {
        double noise = Rng.gaussian(r);
        if (yi > firstYi) {
          total *= 1.0 + def.growth() + 0.03 * noise;
        }
        target[yi] = yi >= firstYi ? total : 0;
      }
      int county = -1;
      for (int c = 0; c < Catalog.COUNTIES.size(); c++) {
        if (Catalog.COUNTIES.get(c).name().equals(def.county())) {
          county = c;
        }
      }
      result[k] =
          new Zone(k, def, county, type, def.specialties().split(";"), target,
              StrictMath.sqrt(def.baseYi() / 100.0));
    }
    return result;
  }

  private boolean[][] buildPolicies() {
    boolean[][] result = new boolean[Catalog.COUNTIES.size()][years];
    for (boolean[] row : result) {
      Arrays.fill(row, true);
    }
    for (int c = 0; c < Catalog.COUNTIES.size(); c++) {
      String county = Catalog.COUNTIES.get(c).name();
      if (county.equals("仪征市")) {
        result[c][yL] = false;
      }
      if (county.equals("宝应县") && years >= 2) {
        result[c][0] = false;
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------- enterprises

  private void buildEnterprises() {
    SplittableRandom r = Rng.stream(seed, "roster");
    int zc = zones.length;
    int floor = 6;
    double[] weights = new double[zc];
    for (int z = 0; z < zc; z++) {
      weights[z] = StrictMath.pow(zones[z].def.baseYi(), 0.7);
    }
    long[] extra = apportion(n - (long) floor * zc, weights);
    int i = 0;
    for (int z = 0; z < zc; z++) {
      for (long k = 0; k < floor + extra[z]; k++) {
        home[i++] = z;
      }
    }
    for (i = 0; i < n; i++) {
      Zone z = zones[home[i]];
      int entry = z.firstYi();
      if (!z.def.newInLastYear() && years > 1 && Rng.chance(r, 0.10)) {
        entry = 1 + r.nextInt(years - 1);
      }
      int exit = years;
      if (!z.def.newInLastYear() && entry < years - 1 && Rng.chance(r, 0.04)) {
        exit = entry + 1 + r.nextInt(years - 1 - entry);
      }
      int moveAt = -1;
      int moveTo = -1;
      if (exit - entry >= 2 && Rng.chance(r, 0.015)) {
        moveAt = entry + 1 + r.nextInt(exit - entry - 1);
        moveTo = pickMoveTarget(r, home[i], moveAt, exit);
      }
      for (int yi = 0; yi < years; yi++) {
        zoneOf[i][yi] = yi < entry || yi >= exit ? -1 : moveAt >= 0 && yi >= moveAt ? moveTo : home[i];
      }
      industry[i] = pickIndustry(r, z);
      Catalog.County county = countyOf(z);
      uscc[i] = freshUscc(r, Rng.chance(r, 0.88) ? county.code() : "321000");
      name[i] = freshName(r, county, industry[i]);
    }
  }

  private int pickMoveTarget(SplittableRandom r, int from, int moveAt, int exit) {
    List<Integer> same = new ArrayList<>();
    List<Integer> any = new ArrayList<>();
    for (Zone z : zones) {
      boolean ok = z.idx != from;
      for (int yi = moveAt; yi < exit && ok; yi++) {
        ok = z.exists(yi);
      }
      if (ok) {
        any.add(z.idx);
        if (z.county == zones[from].county) {
          same.add(z.idx);
        }
      }
    }
    List<Integer> pool = !same.isEmpty() && Rng.chance(r, 0.7) ? same : any;
    return pool.get(r.nextInt(pool.size()));
  }

  private String pickIndustry(SplittableRandom r, Zone z) {
    String prefix;
    if (Rng.chance(r, z.def.specialtyFraction())) {
      prefix = z.prefixes[r.nextInt(z.prefixes.length)];
    } else {
      List<String> others = new ArrayList<>();
      for (Catalog.Industry ind : Catalog.INDUSTRIES) {
        if (!Arrays.asList(z.prefixes).contains(ind.prefix())) {
          others.add(ind.prefix());
        }
      }
      prefix = others.get(r.nextInt(others.size()));
    }
    List<String> codes = Catalog.industryOf(prefix + "00").codes();
    return codes.get(r.nextInt(codes.size()));
  }

  private boolean stable(int i) {
    for (int yi = 0; yi < years; yi++) {
      if (zoneOf[i][yi] != home[i]) {
        return false;
      }
    }
    return true;
  }

  /** An unused enterprise on the roster of the zone every year, in that zone every year. */
  private int pickStable(SplittableRandom r, String zoneId) {
    int z = zoneIndex(zoneId);
    List<Integer> pool = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (home[i] == z && !used[i] && stable(i)) {
        pool.add(i);
      }
    }
    if (pool.isEmpty()) {
      for (int i = 0; i < n; i++) {
        if (zoneOf[i][yL] == z && !used[i]) {
          pool.add(i);
        }
      }
    }
    if (pool.isEmpty()) {
      throw new IllegalStateException("no enterprise left in " + zoneId + "; raise the enterprise count");
    }
    int pick = pool.get(r.nextInt(pool.size()));
    used[pick] = true;
    return pick;
  }

  private Note enterpriseNote(String rule, int i, String zoneId, String detail) {
    Note note = Note.edge(rule, zoneId, uscc[i], "", detail).at("enterprises.csv", 0);
    notes.add(note);
    return note;
  }

  private void pickRoles() {
    SplittableRandom r = Rng.stream(seed, "roles");
    int z01 = zoneIndex("YZ01");
    if (years >= 2) {
      leaver = pickStable(r, "YZ10");
      zoneOf[leaver][yL] = -1;
      forceAbove[leaver] = true;
      enterpriseNote("leaves the roster", leaver, "YZ10",
          "above-size in YZ10 " + first + "-" + year(yP) + ", on no roster in " + last
              + " (its land is still held; its " + last + " invoice, tax entry and recognition are bad rows)");

      int changeYi = years >= 3 ? yP : yL; // a year with a year before it
      joiner = pickStable(r, "YZ13");
      for (int yi = 0; yi < changeYi; yi++) {
        zoneOf[joiner][yi] = -1;
      }
      enterpriseNote("joins the roster", joiner, "YZ13", "first on the roster in " + year(changeYi));

      moverX = pickStable(r, "YZ05");
      for (int yi = changeYi; yi < years; yi++) {
        zoneOf[moverX][yi] = z01;
      }
      forceAbove[moverX] = true;
      enterpriseNote("changes zone (and county)", moverX, "YZ05→YZ01",
          "in YZ05 (高邮市) before " + year(changeYi) + ", in YZ01 (宝应县) from " + year(changeYi)
              + "; above-size throughout, so never a new above-size enterprise; its land moves with it");

      entrantAbove = pickStable(r, "YZ05");
      for (int yi = 0; yi < yL; yi++) {
        zoneOf[entrantAbove][yi] = -1;
      }
      forceAbove[entrantAbove] = true;
      enterpriseNote("new above-size (absent the year before)", entrantAbove, "YZ05",
          "first on the roster in " + last + ", already above-size: counts as a new above-size enterprise");

      newAbove = new int[3];
      for (int k = 0; k < 3; k++) {
        newAbove[k] = pickStable(r, "YZ22");
        enterpriseNote("new above-size", newAbove[k], "YZ22",
            "not above-size in " + year(capYi - 1) + ", above-size in " + year(capYi)
                + " (+0.5 cultivation each in " + year(capYi) + ")");
      }

      int z27 = zoneIndex("YZ27");
      int z28 = zoneIndex("YZ28");
      for (int i = 0; i < n; i++) {
        if (home[i] == z27 && !used[i] && stable(i) && (Rng.chance(r, 0.15) || moversTo28.isEmpty())) {
          moversTo28.add(i);
        }
      }
      for (int i : moversTo28) {
        used[i] = true;
        zoneOf[i][yL] = z28;
      }
      moverAbove = moversTo28.get(0);
      forceAbove[moverAbove] = true;
      enterpriseNote("changes zone into the new zone", moverAbove, "YZ27→YZ28",
          moversTo28.size() + " enterprises of YZ27 move to the new zone YZ28 in " + last
              + "; this one is above-size both years, so it is not a new above-size enterprise");

      redFirst = pickStable(r, "YZ13");
      forceAbove[redFirst] = true;
      minInvoices[redFirst] = 5;
      landAcqP = pickStable(r, "YZ10");
      forceAbove[landAcqP] = true;
      landRelP = pickStable(r, "YZ20");
      forceAbove[landRelP] = true;
      transferFrom = pickStable(r, "YZ14");
      forceAbove[transferFrom] = true;
      transferTo = pickStable(r, "YZ14");
      forceAbove[transferTo] = true;
      repGazelle = pickStable(r, "YZ20");
      repHighTech = pickStable(r, "YZ01");
    }
    redSecond = pickStable(r, "YZ05");
    forceAbove[redSecond] = true;
    minInvoices[redSecond] = 5;
    voidThird = pickStable(r, "YZ25");
    forceAbove[voidThird] = true;
    minInvoices[voidThird] = 5;
    landAcqL = pickStable(r, "YZ13");
    forceAbove[landAcqL] = true;
    landRelMid = pickStable(r, "YZ25");
    forceAbove[landRelMid] = true;
    refund = pickStable(r, "YZ09");
    forceAbove[refund] = true;
    negTax = pickStable(r, "YZ15");
    forceSmall[negTax] = true;

    for (String zoneId : List.of("YZ09", "YZ20")) {
      int i = pickStable(r, zoneId);
      noLand.add(i);
      forceAbove[i] = true;
    }
    int z28 = zoneIndex("YZ28");
    for (int i = 0; i < n; i++) {
      if (home[i] == z28 && !used[i]) {
        used[i] = true;
        noLand.add(i);
        forceAbove[i] = true;
        break;
      }
    }
    for (int i : noLand) {
      Zone z = zones[home[i]];
      enterpriseNote("above-size enterprise with no land", i, z.id(),
          "above-size every year it is on the roster, holds no parcel: adds to the per-mu numerators, 0 to the land");
    }

    lowerRoster = pickStable(r, "YZ02");
    paddedRoster = pickStable(r, "YZ08");
    quoteName = pickStable(r, "YZ24");
    Zone z24 = zone("YZ24");
    String brands = Catalog.BRAND_CHARS;
    String word = Catalog.industryOf(industry[quoteName]).words().get(0);
    do {
      name[quoteName] = "扬州\"" + brands.charAt(r.nextInt(brands.length())) + brands.charAt(r.nextInt(brands.length()))
          + "\"" + word + "有限公司";
    } while (!names.add(name[quoteName]));
    enterpriseNote("name with double quotes (CSV quoting)", quoteName, z24.id(),
        "name " + name[quoteName] + " is written quoted with doubled quotes");
    commaName = pickStable(r, "YZ16");
    name[commaName] = name[commaName] + ",小纪分公司";
    enterpriseNote("name with a comma (CSV quoting)", commaName, "YZ16",
        "name " + name[commaName] + " is written quoted");
  }

  private void indexMembers() {
    members = new int[years][zones.length][];
    for (int yi = 0; yi < years; yi++) {
      int[] counts = new int[zones.length];
      for (int i = 0; i < n; i++) {
        if (zoneOf[i][yi] >= 0) {
          counts[zoneOf[i][yi]]++;
        }
      }
      for (int z = 0; z < zones.length; z++) {
        members[yi][z] = new int[counts[z]];
        counts[z] = 0;
      }
      for (int i = 0; i < n; i++) {
        int z = zoneOf[i][yi];
        if (z >= 0) {
          if (!zones[z].exists(yi)) {
            throw new IllegalStateException("enterprise in a zone that does not exist that year");
          }
          members[yi][z][counts[z]++] = i;
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------ sales and tax

  private void buildSales() {
    SplittableRandom r = Rng.stream(seed, "size");
    double[][] size = new double[n][years];
    for (int i = 0; i < n; i++) {
      double s = StrictMath.exp(SIZE_SIGMA * Rng.gaussian(r));
      double trend = 0.05 * Rng.gaussian(r);
      for (int yi = 0; yi < years; yi++) {
        s *= StrictMath.exp(trend + 0.12 * Rng.gaussian(r));
        size[i][yi] = s;
      }
    }
    for (int yi = 0; yi < years; yi++) {
      double[] sum = new double[zones.length];
      for (int i = 0; i < n; i++) {
        if (zoneOf[i][yi] >= 0) {
          sum[zoneOf[i][yi]] += size[i][yi];
        }
      }
      for (int i = 0; i < n; i++) {
        int z = zoneOf[i][yi];
        if (z >= 0) {
          long fen = (long) (zones[z].target[yi] * 100.0 * size[i][yi] / sum[z]);
          sales[i][yi] = Math.max(MIN_SALES_FEN, fen);
        }
      }
    }
    SplittableRandom o = Rng.stream(seed, "overrides");
    for (int i = 0; i < n; i++) {
      for (int yi = 0; yi < years; yi++) {
        if (!present(i, yi)) {
          continue;
        }
        if (forceAbove[i] && sales[i][yi] < 3_000_000_000L) {
          sales[i][yi] = 3_000_000_000L + o.nextLong(2_000_000_000L);
        }
        if (forceSmall[i] && sales[i][yi] >= 1_500_000_000L) {
          sales[i][yi] = 300_000_000L + o.nextLong(1_200_000_000L);
        }
      }
    }
    for (int i : newAbove) {
      for (int yi = 0; yi < years; yi++) {
        sales[i][yi] =
            yi < capYi ? 1_200_000_000L + o.nextLong(700_000_000L) : 2_200_000_000L + o.nextLong(1_300_000_000L);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int yi = 0; yi < years; yi++) {
        above[i][yi] = present(i, yi) && sales[i][yi] >= ABOVE_SCALE_FEN;
      }
    }
  }

  private void allocateInvoices() {
    for (int yi = 0; yi < years; yi++) {
      List<Integer> roster = new ArrayList<>();
      long reserve = 0;
      for (int i = 0; i < n; i++) {
        if (present(i, yi)) {
          roster.add(i);
          reserve += minInvoices[i];
        }
      }
      double[] w = new double[roster.size()];
      for (int k = 0; k < w.length; k++) {
        w[k] = StrictMath.sqrt((double) sales[roster.get(k)][yi]);
      }
      long[] extra = apportion(Math.max(0, cfg.invoicesPerYear() - reserve), w);
      long total = 0;
      for (int k = 0; k < w.length; k++) {
        int i = roster.get(k);
        long count = Math.min(minInvoices[i] + extra[k], sales[i][yi] / MIN_INVOICE_FEN);
        invoiceCount[i][yi] = (int) count;
        total += count;
      }
      invoiceTotal[yi] = total;
    }
  }

  private void buildTax() {
    SplittableRandom r = Rng.stream(seed, "tax");
    for (int i = 0; i < n; i++) {
      for (int yi = 0; yi < years; yi++) {
        if (present(i, yi)) {
          double ratio =
              zones[zoneOf[i][yi]].def.taxRatio() * StrictMath.exp(0.35 * Rng.gaussian(r)) * (above[i][yi] ? 1.0 : 0.7);
          tax[i][yi] = (long) (sales[i][yi] * ratio);
        }
      }
    }
    tax[negTax][0] = -30_000_000L; // -300,000 yuan: a 留抵退税 refund larger than the year's payments
  }

  long zoneSales(int z, int yi) {
    long sum = 0;
    for (int i : members[yi][z]) {
      sum += sales[i][yi];
    }
    return sum;
  }

  long zoneTax(int z, int yi) {
    long sum = 0;
    for (int i : members[yi][z]) {
      sum += tax[i][yi];
    }
    return sum;
  }

  /** The member with the largest value, ties to the lower index. */
  private int largest(int z, int yi, long[][] values) {
    int best = -1;
    for (int i : members[yi][z]) {
      if (best < 0 || values[i][yi] > values[best][yi]) {
        best = i;
      }
    }
    return best;
  }

  private void makeTies() {
    int a = zoneIndex("YZ14");
    int b = zoneIndex("YZ19");
    long sa = zoneSales(a, yL);
    long sb = zoneSales(b, yL);
    int low = sa < sb ? a : b;
    int lift = largest(low, yL, sales);
    sales[lift][yL] += Math.abs(sa - sb);
    notes.add(Note.edge("tie: equal sales of two KEY zones", "YZ14,YZ19", uscc[lift], "",
        "sales " + last + " of YZ14 and YZ19 are both exactly " + Fmt.cents(zoneSales(a, yL)) + " yuan"
            + " (the largest seller of " + zones[low].id() + " was raised to make it so)").at("invoices.csv", 0));

    taxTieYi = years >= 2 ? yP : yL;
    int c = zoneIndex("YZ06");
    int d = zoneIndex("YZ21");
    long tc = zoneTax(c, taxTieYi);
    long td = zoneTax(d, taxTieYi);
    int lowTax = tc < td ? c : d;
    int liftTax = largest(lowTax, taxTieYi, tax);
    tax[liftTax][taxTieYi] += Math.abs(tc - td);
    notes.add(Note.edge("tie: equal tax of two OPTIMIZED zones", "YZ06,YZ21", uscc[liftTax], "",
        "tax " + year(taxTieYi) + " of YZ06 and YZ21 are both exactly " + Fmt.cents(zoneTax(c, taxTieYi))
            + " yuan (the largest taxpayer of " + zones[lowTax].id() + " was raised to make it so)")
        .at("tax_payments.csv", 0));
  }

  // ------------------------------------------------------------------------------------------- land

  private Parcel addParcel(int holder, double mu, LocalDate acquired, LocalDate released) {
    Parcel p = new Parcel(holder, Math.round(mu * 10000.0 / 15.0 * 100.0), acquired, released);
    parcels.add(p);
    holdsLand[holder] = true;
    return p;
  }

  private void buildLand() {
    SplittableRandom r = Rng.stream(seed, "land");
    LocalDate oldest = LocalDate.of(Math.min(2003, first - 10), 1, 1);
    LocalDate beforeFirst = LocalDate.of(first - 1, 12, 31);
    for (int i = 0; i < n; i++) {
      boolean everAbove = false;
      long maxSales = 0;
      int entry = -1;
      int lastPresent = -1;
      for (int yi = 0; yi < years; yi++) {
        everAbove |= above[i][yi];
        maxSales = Math.max(maxSales, sales[i][yi]);
        if (present(i, yi)) {
          entry = entry < 0 ? yi : entry;
          lastPresent = yi;
        }
      }
      boolean has = everAbove ? Rng.chance(r, 0.96) : Rng.chance(r, 0.30);
      double noise = StrictMath.exp(0.35 * Rng.gaussian(r));
      double u = r.nextDouble();
      if (!has || noLand.contains(i) || entry < 0) {
        continue;
      }
      Zone z = zones[home[i]];
      double mu =
          everAbove
              ? Math.max(5, Math.min(1500, maxSales / 100.0 / (z.def.salesPerMuWan() * 1e4) * noise))
              : Rng.uniform(r, 2, 25);
      int parts = u < 0.7 ? 1 : u < 0.92 ? 2 : 3;
      double[] split = new double[parts];
      double splitSum = 0;
      for (int k = 0; k < parts; k++) {
        split[k] = Rng.uniform(r, 0.5, 1.5);
        splitSum += split[k];
      }
      List<Parcel> own = new ArrayList<>();
      for (int k = 0; k < parts; k++) {
        LocalDate acquired = entry == 0 ? Rng.between(r, oldest, beforeFirst) : Rng.day(r, year(entry));
        own.add(addParcel(i, mu * split[k] / splitSum, acquired, null));
      }
      boolean role = used[i];
      if (!role && lastPresent < yL && Rng.chance(r, 0.5)) {
        LocalDate released = Rng.day(r, year(lastPresent + 1));
        for (Parcel p : own) {
          if (p.acquired.isBefore(released)) {
            p.released = released;
          }
        }
      } else if (!role && years >= 2 && stable(i) && Rng.chance(r, 0.02)) {
        Parcel p = own.get(0);
        LocalDate released = Rng.day(r, year(1 + r.nextInt(years - 1)));
        if (p.acquired.isBefore(released)) {
          p.released = released;
        }
      }
      if (!role && everAbove && years >= 2 && Rng.chance(r, 0.05)) {
        int yi = Math.max(entry, 1 + r.nextInt(years - 1));
        double extraMu = Rng.uniform(r, 5, 60);
        LocalDate acquired = Rng.day(r, year(yi));
        if (yi <= lastPresent) {
          addParcel(i, extraMu, acquired, null);
        }
      }
    }

    // Deliberate parcels, with round areas: 15 mu = 10,000 m² exactly.
    if (landAcqP >= 0) {
      Parcel p = addParcel(landAcqP, 30, LocalDate.of(year(yP), 12, 31), null);
      p.note = landNote(p, "parcel acquired on 31 December",
          "acquired " + p.acquired + ": held at 31 Dec " + year(yP) + " (counts in " + year(yP) + " and later)");
    }
    Parcel acqL = addParcel(landAcqL, 45, LocalDate.of(last, 12, 31), null);
    acqL.note = landNote(acqL, "parcel acquired on 31 December",
        "acquired " + acqL.acquired + ": held at 31 Dec " + last + " (counts in " + last + ")");
    if (landRelP >= 0) {
      Parcel p = addParcel(landRelP, 15, LocalDate.of(Math.min(2015, first - 1), 4, 8), LocalDate.of(year(yP), 12, 31));
      p.note = landNote(p, "parcel released on 31 December",
          "released " + p.released + ": NOT held at 31 Dec " + year(yP) + " (counts only before " + year(yP) + ")");
    }
    Parcel mid = addParcel(landRelMid, 12, LocalDate.of(Math.min(2012, first - 1), 9, 3), LocalDate.of(last, 6, 30));
    mid.note = landNote(mid, "parcel released mid-year",
        "released " + mid.released + ": held at 31 Dec before " + last + ", not at 31 Dec " + last);
    if (transferFrom >= 0) {
      LocalDate day = LocalDate.of(year(yP), 6, 30);
      Parcel a = addParcel(transferFrom, 22.5, LocalDate.of(Math.min(2010, first - 1), 5, 12), day);
      Parcel b = addParcel(transferTo, 22.5, day, null);
      b.sameAs = a;
      a.note = landNote(a, "parcel transferred (same parcel_id on two rows)",
          "released " + day + " by this holder; held at 31 Dec only before " + year(yP));
      b.note = landNote(b, "parcel transferred (same parcel_id on two rows)",
          "acquired " + day + " by this holder from " + uscc[transferFrom] + "; held at 31 Dec " + year(yP)
              + " and later (a repeated parcel_id is not a duplicate: one row per holding)");
    }

    parcels.sort(
        Comparator.comparing((Parcel p) -> p.acquired)
            .thenComparingInt(p -> p.holder)
            .thenComparingLong(p -> p.areaCentiM2));
    int seq = 0;
    for (Parcel p : parcels) {
      p.id = p.sameAs != null ? p.sameAs.id : "DK" + Fmt.pad(++seq, 6);
    }
  }

  private Note landNote(Parcel p, String rule, String detail) {
    Note note =
        Note.edge(rule, zoneIdOf(p.holder, yL).isEmpty() ? zones[home[p.holder]].id() : zoneIdOf(p.holder, yL),
            uscc[p.holder], "", Fmt.cents(p.areaCentiM2) + " m² (" + Fmt.cents(Math.round(p.areaCentiM2 * 15 / 10000.0))
                + " mu); " + detail);
    notes.add(note);
    return note;
  }

  // ----------------------------------------------------------------------------- smaller zone records

  private boolean reserved(String file, String zoneId, int yi) {
    return switch (file) {
      case "recognitions", "talents" -> zoneId.equals("YZ22") && yi == capYi;
      case "projects" ->
          (zoneId.equals("YZ22") && yi == capYi) || (zoneId.equals("YZ16") && yi == yP) || (zoneId.equals("YZ09") && yi == yP);
      // The capacity boundary cases have no other capacity record in their zone-year.
      case "factories", "revitalizations" ->
          (zoneId.equals("YZ22") && yi == capYi)
              || (zoneId.equals("YZ12") && yi == yP)
              || (zoneId.equals("YZ11") && yi == yL)
              || (zoneId.equals("YZ07") && yi == yL)
              || (zoneId.equals("YZ04") && yi == yP);
      case "incidents" ->
          (zoneId.equals("YZ13") && yi == yL) || (zoneId.equals("YZ23") && yi >= yP) || (zoneId.equals("YZ09") && yi == yL);
      default -> false;
    };
  }

  private static final double[] RECOGNITION_WEIGHTS = {1, 5, 4, 2, 4, 7, 28, 6, 9, 30};

  private void buildRecognitions() {
    SplittableRandom r = Rng.stream(seed, "recognitions");
    Set<Long> seen = new HashSet<>();
    List<String> kinds = Catalog.RECOGNITION_KINDS;
    // The cap zone: YZ22 gets 10.3 points of recognitions (plus its new above-size enterprises).
    Zone z22 = zone("YZ22");
    int[] pool = members[capYi][z22.idx];
    String[] capKinds = {
      "listed", "little_giant", "neeq", "unicorn_cultivation", "gazelle", "high_tech", "high_tech",
      "tech_attracted", "tech_attracted", "tech_attracted"
    };
    int next = r.nextInt(pool.length);
    for (String kind : capKinds) {
      int i = -1;
      for (int tries = 0; tries < pool.length && i < 0; tries++) {
        int candidate = pool[(next + tries) % pool.length];
        if (!seen.contains(key(candidate, kinds.indexOf(kind)))) {
          i = candidate;
          next = (next + tries + 1) % pool.length;
        }
      }
      seen.add(key(i, kinds.indexOf(kind)));
      recognitions.add(new Recognition(i, kind, Rng.day(r, year(capYi)), null));
    }
    notes.add(Note.edge("cultivation over the 10-point cap", "YZ22", "", "",
        "recognitions in " + year(capYi) + ": listed 3 + little_giant 2 + neeq 2 + unicorn_cultivation 1 + gazelle 1"
            + " + 2×high_tech 1 + 3×tech_attracted 0.3 = 10.3, plus 0.5 per new above-size enterprise"
            + (capYi > 0 ? " (at least 3)" : "") + " → capped at 10").at("recognitions.csv", 0));
    if (repGazelle >= 0) {
      LocalDate d1 = Rng.day(r, first);
      LocalDate d2 = Rng.day(r, first + 1);
      Note note1 = Note.edge("repeated recognition (counts only the first time)", "YZ20", uscc[repGazelle], "",
          "gazelle in " + first + " (new: counts 1 point in " + first + ")");
      Note note2 = Note.edge("repeated recognition (counts only the first time)", "YZ20", uscc[repGazelle], "",
          "gazelle again in " + (first + 1) + " (not new: no points in " + (first + 1) + ")");
      recognitions.add(new Recognition(repGazelle, "gazelle", d1, note1));
      recognitions.add(new Recognition(repGazelle, "gazelle", d2, note2));
      notes.add(note1);
      notes.add(note2);
      seen.add(key(repGazelle, kinds.indexOf("gazelle")));
      LocalDate d3 = Rng.day(r, year(yP));
      LocalDate d4 = Rng.day(r, last);
      Note note3 = Note.edge("repeated recognition (counts only the first time)", "YZ01", uscc[repHighTech], "",
          "high_tech in " + year(yP) + " (new: 0.5 point)");
      Note note4 = Note.edge("repeated recognition (counts only the first time)", "YZ01", uscc[repHighTech], "",
          "high_tech again in " + last + " (not new: no points)");
      recognitions.add(new Recognition(repHighTech, "high_tech", d3, note3));
      recognitions.add(new Recognition(repHighTech, "high_tech", d4, note4));
      notes.add(note3);
      notes.add(note4);
      seen.add(key(repHighTech, kinds.indexOf("high_tech")));
    }
    for (int yi = 0; yi < years; yi++) {
      for (Zone z : zones) {
        int[] m = members[yi][z.idx];
        if (!z.exists(yi) || m.length == 0 || reserved("recognitions", z.id(), yi)) {
          continue;
        }
        int count = Rng.poisson(r, 1.0 + 2.5 * z.activity);
        for (int c = 0; c < count; c++) {
          int kind = Rng.weighted(r, RECOGNITION_WEIGHTS);
          int i = m[r.nextInt(m.length)];
          if (kinds.get(kind).equals("tech_attracted") && yi > 0) {
            List<Integer> entrants = new ArrayList<>();
            for (int e : m) {
              if (!present(e, yi - 1)) {
                entrants.add(e);
              }
            }
            if (!entrants.isEmpty()) {
              i = entrants.get(r.nextInt(entrants.size()));
            }
          }
          LocalDate date = Rng.day(r, year(yi));
          if (seen.add(key(i, kind))) {
            recognitions.add(new Recognition(i, kinds.get(kind), date, null));
          }
        }
      }
    }
    recognitions.sort(
        Comparator.comparing((Recognition x) -> x.date).thenComparingInt(x -> x.enterprise).thenComparing(x -> x.kind));
  }

  private static long key(int enterprise, int kind) {
    return enterprise * 16L + kind;
  }

  private static final double[] TALENT_WEIGHTS = {7, 7, 18, 28, 40};

  private void buildTalents() {
    SplittableRandom r = Rng.stream(seed, "talents");
    Zone z22 = zone("YZ22");
    int[] pool = members[capYi][z22.idx];
    String[] capPrograms = {
      "national", "national", "js_innovation_team", "js_innovation_talent", "lvyang_leading", "lvyang_leading"
    };
    for (String program : capPrograms) {
      talents.add(new Talent(pool[r.nextInt(pool.length)], program, Rng.day(r, year(capYi)), null));
    }
    notes.add(Note.edge("talent over the 10-point cap", "YZ22", "", "",
        "talents in " + year(capYi) + ": 2×national 6 + js_innovation_team 3 + js_innovation_talent 1"
            + " + 2×lvyang_leading 1 = 11 → capped at 10").at("talents.csv", 0));
    // The high-scoring zone of the county without a policy: a strong talent year on top of its random ones.
    Zone z09 = zone("YZ09");
    int[] strong = members[yL][z09.idx];
    Note boost = Note.edge("high-scoring zone in a county without policy", "YZ09", "", "",
        "2×national + js_innovation_team in " + last + " (9 talent points before its random ones): YZ09 is meant"
            + " to rank first among KEY zones in " + last + " while 仪征市 has no policy");
    notes.add(boost);
    for (String program : new String[] {"national", "national", "js_innovation_team"}) {
      talents.add(new Talent(strong[r.nextInt(strong.length)], program, Rng.day(r, last), boost));
    }
    for (int yi = 0; yi < years; yi++) {
      for (Zone z : zones) {
        int[] m = members[yi][z.idx];
        if (!z.exists(yi) || m.length == 0 || reserved("talents", z.id(), yi)) {
          continue;
        }
        int count = Rng.poisson(r, 0.6 + 2.0 * z.activity);
        for (int c = 0; c < count; c++) {
          int program = Rng.weighted(r, TALENT_WEIGHTS);
          int i = m[r.nextInt(m.length)];
          if (!above[i][yi] && Rng.chance(r, 0.6)) {
            i = m[r.nextInt(m.length)];
          }
          talents.add(new Talent(i, Catalog.TALENT_PROGRAMS.get(program), Rng.day(r, year(yi)), null));
        }
      }
    }
    talents.sort(
        Comparator.comparing((Talent x) -> x.date).thenComparingInt(x -> x.enterprise).thenComparing(x -> x.program));
    int seq = 0;
    for (Talent t : talents) {
      t.id = "RC" + Fmt.pad(++seq, 5);
    }
  }

  private long equipmentFen(SplittableRandom r, double medianYuan, double sigma) {
    double yuan = medianYuan * StrictMath.exp(sigma * Rng.gaussian(r));
    return Math.max(100L, Math.round(yuan / 100.0)) * 10_000L; // whole hundreds of yuan
  }

  private void buildProjects() {
    SplittableRandom r = Rng.stream(seed, "projects");
    LocalDate lastDay = LocalDate.of(last, 12, 31);
    for (int yi = 0; yi < years; yi++) {
      for (Zone z : zones) {
        if (!z.exists(yi) || reserved("projects", z.id(), yi)) {
          continue;
        }
        LocalDate zoneStart = LocalDate.of(year(z.firstYi()), 1, 1);
        int upgrades = Rng.poisson(r, 0.5 + 1.5 * z.activity);
        for (int k = 0; k < upgrades; k++) {
          long equipment = equipmentFen(r, 9_000_000, 0.8);
          LocalDate production = Rng.day(r, year(yi));
          LocalDate construction = production.minusDays(90 + r.nextInt(450));
          if (construction.isBefore(zoneStart)) { // keep every date inside the years the zone exists
            construction = Rng.between(r, zoneStart, production);
          }
          if (yi == yL && Rng.chance(r, 0.15)) {
            production = null; // still being built
            construction = Rng.day(r, last);
          }
          projects.add(new Project(z.idx, "tech_upgrade", equipment, construction, production, null));
        }
        if (Rng.chance(r, 0.15 + 0.35 * z.activity)) {
          long equipment = equipmentFen(r, 200_000_000, 0.7);
          LocalDate construction = Rng.day(r, year(yi));
          LocalDate production = construction.plusDays(300 + r.nextInt(420));
          projects.add(new Project(z.idx, "major", equipment, construction,
              production.isAfter(lastDay) ? null : production, null));
        }
      }
    }
    // Deliberate projects.
    int z22 = zoneIndex("YZ22");
    int capYear = year(capYi);
    Note cap = Note.edge("investment over the 10-point cap", "YZ22", "", "",
        "in " + capYear + ": 2 major projects started (5 each) + 1 tech upgrade of 12500000.00 in production (2) = 12"
            + " → capped at 10");
    notes.add(cap);
    LocalDate capDone = LocalDate.of(last, 10, 1);
    projects.add(new Project(z22, "major", 680_000_000_00L, LocalDate.of(capYear, 3, 18),
        capYear < last ? capDone : null, cap));
    projects.add(new Project(z22, "major", 425_500_000_00L, LocalDate.of(capYear, 8, 8), null, cap));
    projects.add(new Project(z22, "tech_upgrade", 12_500_000_00L, LocalDate.of(capYear, 1, 6),
        LocalDate.of(capYear, 5, 20), cap));
    if (yP >= 0) {
      int z16 = zoneIndex("YZ16");
      Note exact = Note.edge("tech upgrade of exactly 8,000,000.00 (inclusive: counts)", "YZ16", "", "",
          "the only projects of YZ16 in " + year(yP) + " are this one (2 points) and one of 7999999.99 (0 points)"
              + " → investment " + year(yP) + " = 2");
      Note below = Note.edge("tech upgrade of 7,999,999.99 (does not count)", "YZ16", "", "",
          "in production " + year(yP) + ", one fen below the threshold");
      notes.add(exact);
      notes.add(below);
      projects.add(new Project(z16, "tech_upgrade", 8_000_000_00L, LocalDate.of(year(yP), 1, 15),
          LocalDate.of(year(yP), 6, 30), exact));
      projects.add(new Project(z16, "tech_upgrade", 7_999_999_99L, LocalDate.of(year(yP), 2, 20),
          LocalDate.of(year(yP), 9, 15), below));
      int z09 = zoneIndex("YZ09");
      Note many = Note.edge("investment over the 10-point cap", "YZ09", "", "",
          "3 major projects started in " + year(yP) + " (15 points) → capped at 10");
      notes.add(many);
      for (int k = 0; k < 3; k++) {
        LocalDate start = LocalDate.of(year(yP), 2 + 4 * k, 10 + k);
        LocalDate prod = start.plusDays(420);
        projects.add(new Project(z09, "major", equipmentFen(r, 600_000_000, 0.3), start,
            prod.isAfter(lastDay) ? null : prod, many));
      }
    }
    Note noProduction = Note.edge("project whose relevant date is empty", "YZ03", "", "",
        "tech_upgrade under construction since " + last + "-03-01, production_start_date empty: no points");
    notes.add(noProduction);
    projects.add(new Project(zoneIndex("YZ03"), "tech_upgrade", 15_600_000_00L, LocalDate.of(last, 3, 1), null,
        noProduction));
    Note planned = Note.edge("project whose relevant date is empty", "YZ19", "", "",
        "major project signed but not started: both dates empty, no points in any year");
    notes.add(planned);
    projects.add(new Project(zoneIndex("YZ19"), "major", 320_000_000_00L, null, null, planned));

    projects.sort(
        Comparator.comparing((Project p) -> p.firstDate() == null ? LocalDate.MAX : p.firstDate())
            .thenComparingInt(p -> p.zone)
            .thenComparing(p -> p.kind)
            .thenComparingLong(p -> p.equipmentFen));
    int seq = 0;
    for (Project p : projects) {
      p.id = "XM" + Fmt.pad(++seq, 5);
    }
  }

  private void buildFactories() {
    SplittableRandom r = Rng.stream(seed, "factories");
    for (int yi = 0; yi < years; yi++) {
      for (Zone z : zones) {
        if (!z.exists(yi) || reserved("factories", z.id(), yi) || !Rng.chance(r, 0.2 + 0.4 * z.activity)) {
          continue;
        }
        int count = 1 + (Rng.chance(r, 0.3) ? 1 : 0);
        for (int k = 0; k < count; k++) {
          long area = 500_000L + r.nextLong(3_000_000L); // 5,000 – 35,000 m², in centi-m²
          factories.add(new Factory(z.idx, area, Rng.day(r, year(yi)), null));
        }
      }
    }
    int z22 = zoneIndex("YZ22");
    Note cap = Note.edge("capacity over the 10-point cap", "YZ22", "", "",
        "standard factories accepted in " + year(capYi) + ": 42000.00 + 38500.50 + 30000.00 = 110500.50 m² → 11 points,"
            + " plus 60.00 mu revitalised → 2 points; 13 → capped at 10");
    notes.add(cap);
    factories.add(new Factory(z22, 4_200_000L, LocalDate.of(year(capYi), 4, 12), cap));
    factories.add(new Factory(z22, 3_850_050L, LocalDate.of(year(capYi), 7, 1), cap));
    factories.add(new Factory(z22, 3_000_000L, LocalDate.of(year(capYi), 11, 20), cap));
    if (yP >= 0) {
      Note partial = Note.edge("standard factory total not a whole unit", "YZ12", "", "",
          "the only factories of YZ12 in " + year(yP) + ": 12000.00 + 13000.00 = 25000.00 m² → capacity 2"
              + " (2.5 if proportional); no land revitalised that year");
      notes.add(partial);
      int z12 = zoneIndex("YZ12");
      factories.add(new Factory(z12, 1_200_000L, LocalDate.of(year(yP), 5, 16), partial));
      factories.add(new Factory(z12, 1_300_000L, LocalDate.of(year(yP), 10, 9), partial));
    }
    Note below = Note.edge("standard factory total below one unit", "YZ11", "", "",
        "the only factory of YZ11 in " + last + ": 9999.99 m² → capacity 0; no land revitalised that year");
    notes.add(below);
    factories.add(new Factory(zoneIndex("YZ11"), 999_999L, LocalDate.of(last, 12, 31), below));
    factories.sort(
        Comparator.comparing((Factory f) -> f.date).thenComparingInt(f -> f.zone).thenComparingLong(f -> f.areaCenti));
    int seq = 0;
    for (Factory f : factories) {
      f.id = "BF" + Fmt.pad(++seq, 5);
    }
  }

  private void buildRevitalizations() {
    SplittableRandom r = Rng.stream(seed, "revitalizations");
    for (int yi = 0; yi < years; yi++) {
      for (Zone z : zones) {
        if (!z.exists(yi) || reserved("revitalizations", z.id(), yi) || !Rng.chance(r, 0.15 + 0.3 * z.activity)) {
          continue;
        }
        long mu = 800L + r.nextLong(8_200L); // 8 – 90 mu, in centi-mu
        revitalizations.add(new Revitalization(z.idx, mu, Rng.day(r, year(yi)), null));
      }
    }
    Note cap = notes.stream().filter(x -> x.rule().equals("capacity over the 10-point cap")).findFirst().orElseThrow();
    revitalizations.add(new Revitalization(zoneIndex("YZ22"), 6_000L, LocalDate.of(year(capYi), 9, 27), cap));
    Note partial = Note.edge("land revitalisation total not a whole unit", "YZ07", "", "",
        "the only records of YZ07 in " + last + ": 30.00 + 40.00 = 70.00 mu → capacity 2 (2.8 if proportional);"
            + " no standard factory that year");
    notes.add(partial);
    int z07 = zoneIndex("YZ07");
    revitalizations.add(new Revitalization(z07, 3_000L, LocalDate.of(last, 3, 31), partial));
    revitalizations.add(new Revitalization(z07, 4_000L, LocalDate.of(last, 12, 31), partial));
    if (yP >= 0) {
      Note below = Note.edge("land revitalisation total below one unit", "YZ04", "", "",
          "the only record of YZ04 in " + year(yP) + ": 49.99 mu → capacity 0; no standard factory that year");
      notes.add(below);
      revitalizations.add(new Revitalization(zoneIndex("YZ04"), 4_999L, LocalDate.of(year(yP), 6, 18), below));
    }
    revitalizations.sort(
        Comparator.comparing((Revitalization v) -> v.date).thenComparingInt(v -> v.zone).thenComparingLong(v -> v.areaCentiMu));
    int seq = 0;
    for (Revitalization v : revitalizations) {
      v.id = "DX" + Fmt.pad(++seq, 5);
    }
  }

  private void buildIncidents() {
    SplittableRandom r = Rng.stream(seed, "incidents");
    for (int yi = 0; yi < years; yi++) {
      for (Zone z : zones) {
        if (!z.exists(yi) || reserved("incidents", z.id(), yi) || !Rng.chance(r, 0.2)) {
          continue;
        }
        String kind = Rng.chance(r, 0.7) ? "safety" : "environment";
        incidents.add(new Incident(z.idx, kind, "general", Rng.day(r, year(yi)), null));
      }
    }
    Note a = Note.edge("incident 较大 (larger) in the last year: veto", "YZ13", "", "",
        "safety incident of severity larger in " + last + ": YZ13, a strong zone, is placed last of KEY " + last
            + " and gets no award");
    notes.add(a);
    incidents.add(new Incident(zoneIndex("YZ13"), "safety", "larger", LocalDate.of(last, 7, 14), a));
    if (yP >= 0) {
      Note b1 = Note.edge("incidents two years running: last twice → leadership adjustment", "YZ23", "", "",
          "environment incident, severity larger, in " + year(yP) + ": YZ23 is last of OPTIMIZED " + year(yP));
      Note b2 = Note.edge("incidents two years running: last twice → leadership adjustment", "YZ23", "", "",
          "safety incident, severity major, in " + last + ": YZ23 is last of OPTIMIZED " + last
              + " again → interview and leadership adjustment in " + last);
      notes.add(b1);
      notes.add(b2);
      incidents.add(new Incident(zoneIndex("YZ23"), "environment", "larger", LocalDate.of(year(yP), 10, 22), b1));
      incidents.add(new Incident(zoneIndex("YZ23"), "safety", "major", LocalDate.of(last, 3, 5), b2));
    } else {
      Note b = Note.edge("incident of severity major: veto", "YZ23", "", "", "safety incident, severity major");
      notes.add(b);
      incidents.add(new Incident(zoneIndex("YZ23"), "safety", "major", LocalDate.of(last, 3, 5), b));
    }
    Note g = Note.edge("general incident (no veto)", "YZ09", "", "",
        "a general safety incident in the high-scoring zone YZ09 in " + last + ": no veto");
    notes.add(g);
    incidents.add(new Incident(zoneIndex("YZ09"), "safety", "general", LocalDate.of(last, 5, 9), g));
    incidents.sort(Comparator.comparing((Incident x) -> x.date).thenComparingInt(x -> x.zone));
    int seq = 0;
    for (Incident x : incidents) {
      x.id = "SJ" + Fmt.pad(++seq, 5);
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** Largest-remainder apportionment of {@code total} by weight; ties go to the lower index. */
  static long[] apportion(long total, double[] weights) {
    long[] result = new long[weights.length];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    if (total <= 0 || sum <= 0) {
      return result;
    }
    double[] remainder = new double[weights.length];
    long given = 0;
    for (int k = 0; k < weights.length; k++) {
      double quota = total * weights[k] / sum;
      result[k] = (long) StrictMath.floor(quota);
      remainder[k] = quota - result[k];
      given += result[k];
    }
    Integer[] order = new Integer[weights.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
    for (int k = 0; given < total; k = (k + 1) % order.length) {
      result[order[k]]++;
      given++;
    }
    for (int k = order.length - 1; given > total; k = (k + order.length - 1) % order.length) {
      if (result[order[k]] > 0) { // floating-point excess, never more than a few units
        result[order[k]]--;
        given--;
      }
    }
    return result;
  }

  // ------------------------------------------------------------------------------------------- types

  static final class Zone {
    final int idx;
    final Catalog.ZoneDef def;
    final int county;
    final String[] type;
    final String[] prefixes;
    final double[] target;
    final double activity;

    Zone(int idx, Catalog.ZoneDef def, int county, String[] type, String[] prefixes, double[] target, double activity) {
      this.idx = idx;
      this.def = def;
      this.county = county;
      this.type = type;
      this.prefixes = prefixes;
      this.target = target;
      this.activity = activity;
    }

    String id() {
      return def.id();
    }

    boolean exists(int yi) {
      return type[yi] != null;
    }

    int firstYi() {
      for (int yi = 0; yi < type.length; yi++) {
        if (type[yi] != null) {
          return yi;
        }
      }
      return type.length;
    }
  }

  static final class Parcel {
    final int holder;
    final long areaCentiM2;
    final LocalDate acquired;
    LocalDate released;
    Parcel sameAs;
    String id;
    Note note;

    Parcel(int holder, long areaCentiM2, LocalDate acquired, LocalDate released) {
      this.holder = holder;
      this.areaCentiM2 = areaCentiM2;
      this.acquired = acquired;
      this.released = released;
    }
  }

  static final class Recognition {
    final int enterprise;
    final String kind;
    final LocalDate date;
    final Note note;

    Recognition(int enterprise, String kind, LocalDate date, Note note) {
      this.enterprise = enterprise;
      this.kind = kind;
      this.date = date;
      this.note = note;
    }
  }

  static final class Talent {
    final int enterprise;
    final String program;
    final LocalDate date;
    final Note note;
    String id;

    Talent(int enterprise, String program, LocalDate date, Note note) {
      this.enterprise = enterprise;
      this.program = program;
      this.date = date;
      this.note = note;
    }
  }

  static final class Project {
    final int zone;
    final String kind;
    final long equipmentFen;
    final LocalDate construction;
    final LocalDate production;
    final Note note;
    String id;

    Project(int zone, String kind, long equipmentFen, LocalDate construction, LocalDate production, Note note) {
      this.zone = zone;
      this.kind = kind;
      this.equipmentFen = equipmentFen;
      this.construction = construction;
      this.production = production;
      this.note = note;
    }

    LocalDate firstDate() {
      return construction != null ? construction : production;
    }
  }

  static final class Factory {
    final int zone;
    final long areaCenti;
    final LocalDate date;
    final Note note;
    String id;

    Factory(int zone, long areaCenti, LocalDate date, Note note) {
      this.zone = zone;
      this.areaCenti = areaCenti;
      this.date = date;
      this.note = note;
    }
  }

  static final class Revitalization {
    final int zone;
    final long areaCentiMu;
    final LocalDate date;
    final Note note;
    String id;

    Revitalization(int zone, long areaCentiMu, LocalDate date, Note note) {
      this.zone = zone;
      this.areaCentiMu = areaCentiMu;
      this.date = date;
      this.note = note;
    }
  }

  static final class Incident {
    final int zone;
    final String kind;
    final String severity;
    final LocalDate date;
    final Note note;
    String id;

    Incident(int zone, String kind, String severity, LocalDate date, Note note) {
      this.zone = zone;
      this.kind = kind;
      this.severity = severity;
      this.date = date;
      this.note = note;
    }
  }

  /** Month helper for the tax calendar. */
  static LocalDate inMonth(SplittableRandom r, int year, Month month) {
    LocalDate start = LocalDate.of(year, month, 1);
    return start.plusDays(r.nextInt(start.lengthOfMonth()));
  }
}
