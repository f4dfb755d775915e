package io.zoneeval.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The evaluation rules: every weight, full mark, step, point, cap and prize, and every decision the spec
 * takes where the policy is silent. Loaded from YAML (see {@code rules/yangzhou.yaml}); numbers are read
 * as {@link BigDecimal} so that no weight ever passes through floating point.
 */
public record Rules(
    String name,
    String policy,
    Ranking ranking,
    Indicators indicators,
    Veto veto,
    Eligibility eligibility,
    FinalOrder finalOrder,
    Map<ZoneType, List<Prize>> awards,
    Data data,
    Enterprise enterprise) {

  /** The rules bundled with the program, used when {@code --rules} is not given. */
  public static final String DEFAULT_RESOURCE = "/rules/yangzhou.yaml";

  public enum TieMethod { COMPETITION, DENSE }

  public enum ShareChange { PERCENTAGE_POINTS, RELATIVE }

  public enum CapacityUnits { WHOLE, PROPORTIONAL }

  /**
   * What an undefined metric (growth with no prior year, a share of zero sales…) scores. LAST: it ranks
   * after every defined value, all undefined tied, and scores by that rank (the spec). ZERO: it ranks
   * there too, but its rank score is 0.
   */
  public enum UndefinedRank { LAST, ZERO }

  /** How a red-letter invoice's amount counts: −|amount| whatever its sign in the file, or signed as given. */
  public enum RedInvoiceAmount { NEGATIVE_ABSOLUTE, AS_GIVEN }

  public record Ranking(BigDecimal step, TieMethod ties, UndefinedRank undefined) {}

  /** An indicator scored from two rank scores: weight x rankscore(change) + weight x rankscore(level). */
  public record RankedIndicator(
      BigDecimal full,
      BigDecimal growthWeight,
      BigDecimal levelWeight,
      ShareChange change) {}

  public record PerMu(BigDecimal full, BigDecimal taxWeight, BigDecimal salesWeight) {}

  public record Cultivation(
      BigDecimal cap, Map<String, BigDecimal> points, boolean newAboveScaleNeedsPriorRoster) {}

  public record Talent(BigDecimal cap, Map<String, BigDecimal> points) {}

  public record Investment(
      BigDecimal cap,
      BigDecimal techUpgradePoints,
      BigDecimal techUpgradeMinEquipmentYuan,
      BigDecimal majorPoints) {}

  public record Capacity(
      BigDecimal cap,
      BigDecimal factoryUnitM2,
      BigDecimal factoryPoints,
      BigDecimal revitalizedUnitMu,
      BigDecimal revitalizedPoints,
      CapacityUnits units) {}

  public record Indicators(
      RankedIndicator scale,
      RankedIndicator tax,
      RankedIndicator specialty,
      PerMu perMu,
      Cultivation cultivation,
      Talent talent,
      Investment investment,
      Capacity capacity) {}

  /** Incident kinds of incidents.csv, with their Chinese names. */
  public static final Map<String, String> INCIDENT_KINDS = orderedMap("safety", "安全", "environment", "环境");

  /** Incident severities of incidents.csv, least severe first, with their Chinese names. */
  public static final Map<String, String> SEVERITIES =
      orderedMap("general", "一般", "larger", "较大", "major", "重大", "especially_major", "特别重大");

  public record Veto(List<String> incidentKinds, List<String> incidentSeverities) {
    /**
     * The vetoing incidents in Chinese, as the publication names them: 较大及以上安全或环境事件 when the
     * severities are one and every worse one; otherwise each severity named (较大、特别重大安全事件).
     */
    public String chinese() {
      List<String> order = List.copyOf(SEVERITIES.keySet());
      String least = order.stream().filter(incidentSeverities::contains).findFirst().orElse(null);
      String severity;
      if (least == null) {
        severity = "";
      } else if (Set.copyOf(incidentSeverities).equals(Set.copyOf(order.subList(order.indexOf(least), order.size())))) {
        severity = SEVERITIES.get(least) + (least.equals(order.get(order.size() - 1)) ? "" : "及以上");
      } else {
        severity = String.join("、", order.stream().filter(incidentSeverities::contains).map(SEVERITIES::get).toList());
      }
      String kinds = String.join("或", INCIDENT_KINDS.keySet().stream().filter(incidentKinds::contains)
          .map(INCIDENT_KINDS::get).toList());
      return severity + kinds + "事件";
    }
  }

  public record Eligibility(boolean missingCountyPolicyCountsAsPolicy) {}

  /** The criteria that may order equal totals, with how the publication names each. */
  public static final Map<String, String> TIE_BREAK_CRITERIA =
      orderedMap("tax_per_mu", "亩均税收", "sales_per_mu", "亩均开票销售", "zone_id", "集中区编号");

  public record FinalOrder(List<String> tieBreak) {
    /** The tie-break in Chinese, e.g. 亩均税收、集中区编号. */
    public String chinese() {
      return String.join("、", tieBreak.stream().map(TIE_BREAK_CRITERIA::get).toList());
    }

    /** The tie-break in English, e.g. "tax per mu, then zone id". */
    public String english() {
      return String.join(", then ", tieBreak.stream().map(c -> c.replace('_', ' ')).toList());
    }
  }

  public record Prize(int prize, int count, BigDecimal amountWan) {}

  /**
   * How the raw records are read. {@code maxRecordAmountYuan} bounds the absolute value of every amount
   * of money in a record, so that sums of them stay exact; {@code taxTypesExcluded} names tax types
   * (as tax_payments.csv writes them) whose entries do not count as tax.
   */
  public record Data(
      BigDecimal muPerM2Numerator,
      BigDecimal muPerM2Denominator,
      RedInvoiceAmount redInvoiceAmount,
      List<String> landParcelKey,
      BigDecimal maxRecordAmountYuan,
      List<String> taxTypesExcluded) {}

  /** Where the enterprise per-mu benchmarks are taken: per (year, county), or per year for the whole city. */
  public enum BenchmarkScope { COUNTY, CITY }

  /**
   * The enterprise per-mu evaluation (亩均效益评价, section {@code enterprise}): the score's weights and cap,
   * who is rated, the tiers' cut-offs (per cent of the county's rated enterprises, A then B then C; D
   * after), the tax per mu at or below which an enterprise is D whatever its rank, and where the
   * benchmarks are taken.
   */
  public record Enterprise(
      BigDecimal taxWeight,
      BigDecimal salesWeight,
      BigDecimal cap,
      BigDecimal minLandMuBelowSize,
      Integer newEnterpriseYears,
      BenchmarkScope benchmarkScope,
      List<Integer> tierCutoffsPct,
      BigDecimal dFloorTaxPerMuYuan) {
    /** The highest score: both terms at the cap. */
    public BigDecimal maxScore() {
      return taxWeight.add(salesWeight).multiply(cap);
    }
  }

  /** The largest enterprise score gold.enterprise_tiers holds (decimal(10,2)). */
  public static final BigDecimal MAX_ENTERPRISE_SCORE = new BigDecimal("99999999.99");

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  private static ObjectMapper mapper() {
    return YAMLMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** The bundled default rules. */
  public static Rules defaults() {
    try (InputStream in = Rules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled rules " + DEFAULT_RESOURCE + " are missing from the jar");
      }
      return read(in, "bundled " + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a rules file; a file that is incomplete or inconsistent fails with a message naming it. */
  public static Rules load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new RulesException(file + ": rules file not found");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new RulesException(file + ": " + e.getMessage());
    }
  }

  /** Rules from YAML text; {@code source} names it in every error. */
  public static Rules parse(String yaml, String source) {
    try {
      return read(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
    } catch (IOException e) {
      throw new RulesException(source + ": " + e.getMessage());
    }
  }

  private static Rules read(InputStream in, String source) throws IOException {
    try {
      return mapper().readValue(in, Rules.class).validated(source);
    } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
      String key = key(e);
      if (e.getTargetType() != null && e.getTargetType().isEnum()) {
        List<String> allowed = new ArrayList<>();
        for (Object constant : e.getTargetType().getEnumConstants()) {
          allowed.add(((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new RulesException(source + ": " + key + ": '" + e.getValue() + "' is not one of "
            + String.join(", ", allowed));
      }
      throw new RulesException(source + ": " + key + ": " + e.getOriginalMessage());
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      String key = key(e);
      throw new RulesException(source + ": " + (key.isEmpty() ? "" : key + ": ") + e.getOriginalMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RulesException(source + ": " + e.getOriginalMessage());
    }
  }

  /** The key of the YAML a mapping error is about, as the file writes it: {@code data.red_invoice_amount}. */
  private static String key(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder key = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        key.append(key.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        key.append('[').append(r.getIndex()).append(']');
      }
    }
    return key.toString();
  }

  public static final class RulesException extends RuntimeException {
    public RulesException(String message) {
      super(message);
    }
  }

  /**
   * Checks what the YAML schema cannot: presence, signs, known values, that each indicator can reach its
   * full mark, and that every score stays on 0.01 steps (see {@link #onCents}).
   */
  Rules validated(String source) {
    List<String> problems = new ArrayList<>();
    try {
      Objects.requireNonNull(ranking, "ranking");
      Objects.requireNonNull(indicators, "indicators");
      Objects.requireNonNull(veto, "veto");
      Objects.requireNonNull(eligibility, "eligibility");
      Objects.requireNonNull(finalOrder, "final_order");
      Objects.requireNonNull(awards, "awards");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(enterprise, "enterprise");
      positive(problems, "ranking.step", ranking.step());
      present(problems, "ranking.ties", ranking.ties());
      present(problems, "ranking.undefined", ranking.undefined());
      BigDecimal step = ranking.step();
      onCents(problems, "ranking.step", step);
      for (var e : Map.of("scale", indicators.scale(), "tax", indicators.tax(),
          "specialty", indicators.specialty()).entrySet()) {
        RankedIndicator r = Objects.requireNonNull(e.getValue(), "indicators." + e.getKey());
        String key = "indicators." + e.getKey();
        positive(problems, key + ".full", r.full());
        weights(problems, e.getKey(), r.growthWeight(), r.levelWeight());
        rankedOnCents(problems, key, r.full(), step, Map.of("growth_weight", r.growthWeight(),
            "level_weight", r.levelWeight()));
      }
      PerMu perMu = Objects.requireNonNull(indicators.perMu(), "indicators.per_mu");
      positive(problems, "indicators.per_mu.full", perMu.full());
      weights(problems, "per_mu", perMu.taxWeight(), perMu.salesWeight());
      rankedOnCents(problems, "indicators.per_mu", perMu.full(), step,
          Map.of("tax_weight", perMu.taxWeight(), "sales_weight", perMu.salesWeight()));
      Cultivation cultivation = Objects.requireNonNull(indicators.cultivation(), "indicators.cultivation");
      Talent talent = Objects.requireNonNull(indicators.talent(), "indicators.talent");
      Investment investment = Objects.requireNonNull(indicators.investment(), "indicators.investment");
      Capacity capacity = Objects.requireNonNull(indicators.capacity(), "indicators.capacity");
      positive(problems, "indicators.cultivation.cap", cultivation.cap());
      positive(problems, "indicators.talent.cap", talent.cap());
      positive(problems, "indicators.investment.cap", investment.cap());
      positive(problems, "indicators.capacity.cap", capacity.cap());
      positive(problems, "indicators.capacity.factory_unit_m2", capacity.factoryUnitM2());
      positive(problems, "indicators.capacity.revitalized_unit_mu", capacity.revitalizedUnitMu());
      // A capped score is min(points, cap), its points a sum of whole counts (whole units) times the
      // points of each: on 0.01 steps when every point value and the cap are.
      onCents(problems, "indicators.cultivation.cap", cultivation.cap());
      onCents(problems, "indicators.talent.cap", talent.cap());
      onCents(problems, "indicators.investment.cap", investment.cap());
      onCents(problems, "indicators.capacity.cap", capacity.cap());
      Objects.requireNonNull(cultivation.points(), "indicators.cultivation.points")
          .forEach((kind, p) -> onCents(problems, "indicators.cultivation.points." + kind, p));
      Objects.requireNonNull(talent.points(), "indicators.talent.points")
          .forEach((program, p) -> onCents(problems, "indicators.talent.points." + program, p));
      onCents(problems, "indicators.investment.tech_upgrade_points", investment.techUpgradePoints());
      onCents(problems, "indicators.investment.major_points", investment.majorPoints());
      onCents(problems, "indicators.capacity.factory_points", capacity.factoryPoints());
      onCents(problems, "indicators.capacity.revitalized_points", capacity.revitalizedPoints());
      for (ZoneType type : ZoneType.values()) {
        if (!awards.containsKey(type)) {
          problems.add("awards." + type + " is missing");
        }
      }
      List<String> tieBreak = Objects.requireNonNull(finalOrder.tieBreak(), "final_order.tie_break");
      for (String key : tieBreak) {
        if (!TIE_BREAK_CRITERIA.containsKey(key)) {
          problems.add("final_order.tie_break: unknown criterion " + key + " (known: "
              + String.join(", ", TIE_BREAK_CRITERIA.keySet()) + ")");
        }
      }
      // Only the zone id is different for every zone: without it last, equal zones would be ordered by
      // the order of their rows.
      if (tieBreak.isEmpty() || !tieBreak.get(tieBreak.size() - 1).equals("zone_id")) {
        problems.add("final_order.tie_break must end with zone_id, the one criterion that never ties");
      }
      present(problems, "indicators.specialty.change", indicators.specialty().change());
      present(problems, "indicators.capacity.units", capacity.units());
      known(problems, "veto.incident_kinds", Objects.requireNonNull(veto.incidentKinds(), "veto.incident_kinds"),
          INCIDENT_KINDS.keySet());
      known(problems, "veto.incident_severities",
          Objects.requireNonNull(veto.incidentSeverities(), "veto.incident_severities"), SEVERITIES.keySet());
      present(problems, "data.red_invoice_amount", data.redInvoiceAmount());
      positive(problems, "data.mu_per_m2_numerator", data.muPerM2Numerator());
      positive(problems, "data.mu_per_m2_denominator", data.muPerM2Denominator());
      positive(problems, "data.max_record_amount_yuan", data.maxRecordAmountYuan());
      present(problems, "data.tax_types_excluded", data.taxTypesExcluded());
      present(problems, "data.land_parcel_key", data.landParcelKey());
      enterpriseChecks(problems, enterprise);
    } catch (NullPointerException e) {
      problems.add(e.getMessage() + " is missing");
    }
    if (!problems.isEmpty()) {
      throw new RulesException(source + ": " + String.join("; ", problems));
    }
    return this;
  }

  /** The enterprise section: signs, the cut-offs' order, and a highest score the table holds. */
  private static void enterpriseChecks(List<String> problems, Enterprise e) {
    nonNegative(problems, "enterprise.tax_weight", e.taxWeight());
    nonNegative(problems, "enterprise.sales_weight", e.salesWeight());
    positive(problems, "enterprise.cap", e.cap());
    nonNegative(problems, "enterprise.min_land_mu_below_size", e.minLandMuBelowSize());
    present(problems, "enterprise.benchmark_scope", e.benchmarkScope());
    present(problems, "enterprise.d_floor_tax_per_mu_yuan", e.dFloorTaxPerMuYuan());
    if (e.newEnterpriseYears() == null || e.newEnterpriseYears() < 0) {
      problems.add("enterprise.new_enterprise_years must be a whole number of years, 0 or more");
    }
    List<Integer> cutoffs = e.tierCutoffsPct();
    if (cutoffs == null || cutoffs.size() != 3 || cutoffs.contains(null)) {
      problems.add("enterprise.tier_cutoffs_pct must be three per cents (A, B, C; D after), e.g. [20, 60, 95]");
    } else if (cutoffs.get(0) < 0 || cutoffs.get(2) > 100 || cutoffs.get(0) >= cutoffs.get(1)
        || cutoffs.get(1) >= cutoffs.get(2)) {
      problems.add("enterprise.tier_cutoffs_pct: " + cutoffs + " must be strictly increasing within 0..100");
    }
    if (e.taxWeight() != null && e.salesWeight() != null && e.cap() != null && e.cap().signum() > 0) {
      if (e.taxWeight().add(e.salesWeight()).signum() <= 0) {
        problems.add("enterprise.tax_weight and enterprise.sales_weight are both 0: every score would be 0");
      } else if (e.maxScore().compareTo(MAX_ENTERPRISE_SCORE) > 0) {
        problems.add("enterprise: (tax_weight + sales_weight) × cap = " + e.maxScore().toPlainString()
            + " is more than a score holds (" + MAX_ENTERPRISE_SCORE.toPlainString() + ")");
      }
    }
  }

  private static void nonNegative(List<String> problems, String what, BigDecimal value) {
    if (value == null || value.signum() < 0) {
      problems.add(what + " must be a number, 0 or more");
    }
  }

  private static void positive(List<String> problems, String what, BigDecimal value) {
    if (value == null || value.signum() <= 0) {
      problems.add(what + " must be a positive number");
    }
  }

  private static void present(List<String> problems, String what, Object value) {
    if (value == null) {
      problems.add(what + " is missing");
    }
  }

  private static void known(List<String> problems, String what, List<String> values, java.util.Collection<String> known) {
    for (String v : values) {
      if (!known.contains(v)) {
        problems.add(what + ": unknown value " + v + " (known: " + String.join(", ", known) + ")");
      }
    }
  }

  private static void weights(List<String> problems, String what, BigDecimal a, BigDecimal b) {
    if (a == null || b == null || a.signum() < 0 || b.signum() < 0) {
      problems.add("indicators." + what + ": weights must be non-negative numbers");
    } else if (a.add(b).compareTo(BigDecimal.ONE) != 0) {
      problems.add("indicators." + what + ": weights must add up to 1, not " + a.add(b));
    }
  }

  private static final BigDecimal CENT = new BigDecimal("0.01");

  /**
   * Scores are stored exactly with 2 decimals: a value whose products leave 0.01 steps would be rounded
   * away, and two zones' scores would no longer add up as the policy counts them.
   */
  private static void onCents(List<String> problems, String key, BigDecimal value) {
    if (value != null && value.remainder(CENT).signum() != 0) {
      problems.add(key + ": " + value.toPlainString() + " is not a multiple of 0.01");
    }
  }

  /**
   * A ranked indicator scores weight × (full − step × (rank − 1)) for each of its two metrics: on 0.01
   * steps at every rank exactly when the full mark, weight × full and weight × step are.
   */
  private static void rankedOnCents(List<String> problems, String key, BigDecimal full, BigDecimal step,
      Map<String, BigDecimal> weights) {
    if (full == null || step == null) {
      return;
    }
    onCents(problems, key + ".full", full);
    for (var w : new java.util.TreeMap<>(weights).entrySet()) {
      if (w.getValue() == null) {
        continue;
      }
      for (var factor : List.of(Map.entry("full", full), Map.entry("ranking.step", step))) {
        BigDecimal product = w.getValue().multiply(factor.getValue());
        if (product.remainder(CENT).signum() != 0) {
          problems.add(key + "." + w.getKey() + ": " + w.getValue().toPlainString() + " × " + factor.getKey() + " "
              + factor.getValue().toPlainString() + " = " + product.stripTrailingZeros().toPlainString()
              + " is not a multiple of 0.01, so the score would be rounded");
        }
      }
    }
  }

  /** The prizes of a zone type, in prize order. */
  public List<Prize> prizes(ZoneType type) {
    return awards.getOrDefault(type, List.of());
  }
}
