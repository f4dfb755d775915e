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
    Data data) {

  /** The rules bundled with the program, used when {@code --rules} is not given. */
  public static final String DEFAULT_RESOURCE = "/rules/yangzhou.yaml";

  public enum TieMethod { COMPETITION, DENSE }

  public enum ShareChange { PERCENTAGE_POINTS, RELATIVE }

  public enum CapacityUnits { WHOLE, PROPORTIONAL }

  public record Ranking(BigDecimal step, TieMethod ties, String undefined) {}

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

  public record Veto(List<String> incidentKinds, List<String> incidentSeverities) {}

  public record Eligibility(boolean missingCountyPolicyCountsAsPolicy) {}

  public record FinalOrder(List<String> tieBreak) {}

  public record Prize(int prize, int count, BigDecimal amountWan) {}

  public record Data(
      BigDecimal muPerM2Numerator,
      BigDecimal muPerM2Denominator,
      String redInvoiceAmount,
      List<String> landParcelKey) {}

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
      return mapper().readValue(in, Rules.class).validated("bundled " + DEFAULT_RESOURCE);
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
      return mapper().readValue(in, Rules.class).validated(file.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RulesException(file + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RulesException(file + ": " + e.getMessage());
    }
  }

  public static final class RulesException extends RuntimeException {
    public RulesException(String message) {
      super(message);
    }
  }

  /** Checks what the YAML schema cannot: presence, signs, and that each indicator can reach its full mark. */
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
      positive(problems, "ranking.step", ranking.step());
      for (var e : Map.of("scale", indicators.scale(), "tax", indicators.tax(),
          "specialty", indicators.specialty()).entrySet()) {
        RankedIndicator r = Objects.requireNonNull(e.getValue(), "indicators." + e.getKey());
        positive(problems, "indicators." + e.getKey() + ".full", r.full());
        weights(problems, e.getKey(), r.growthWeight(), r.levelWeight());
      }
      positive(problems, "indicators.per_mu.full", indicators.perMu().full());
      weights(problems, "per_mu", indicators.perMu().taxWeight(), indicators.perMu().salesWeight());
      positive(problems, "indicators.cultivation.cap", indicators.cultivation().cap());
      positive(problems, "indicators.talent.cap", indicators.talent().cap());
      positive(problems, "indicators.investment.cap", indicators.investment().cap());
      positive(problems, "indicators.capacity.cap", indicators.capacity().cap());
      positive(problems, "indicators.capacity.factory_unit_m2", indicators.capacity().factoryUnitM2());
      positive(problems, "indicators.capacity.revitalized_unit_mu",
          indicators.capacity().revitalizedUnitMu());
      for (ZoneType type : ZoneType.values()) {
        if (!awards.containsKey(type)) {
          problems.add("awards." + type + " is missing");
        }
      }
      for (String key : finalOrder.tieBreak()) {
        if (!List.of("tax_per_mu", "sales_per_mu", "total_score", "zone_id").contains(key)) {
          problems.add("final_order.tie_break: unknown criterion " + key);
        }
      }
      if (indicators.specialty().change() == null) {
        problems.add("indicators.specialty.change is missing");
      }
      if (indicators.capacity().units() == null) {
        problems.add("indicators.capacity.units is missing");
      }
      for (String s : veto.incidentSeverities()) {
        if (!List.of("general", "larger", "major", "especially_major").contains(s)) {
          problems.add("veto.incident_severities: unknown severity " + s);
        }
      }
    } catch (NullPointerException e) {
      problems.add(e.getMessage() + " is missing");
    }
    if (!problems.isEmpty()) {
      throw new RulesException(source + ": " + String.join("; ", problems));
    }
    return this;
  }

  private static void positive(List<String> problems, String what, BigDecimal value) {
    if (value == null || value.signum() <= 0) {
      problems.add(what + " must be a positive number");
    }
  }

  private static void weights(List<String> problems, String what, BigDecimal a, BigDecimal b) {
    if (a == null || b == null || a.signum() < 0 || b.signum() < 0) {
      problems.add("indicators." + what + ": weights must be non-negative numbers");
    } else if (a.add(b).compareTo(BigDecimal.ONE) != 0) {
      problems.add("indicators." + what + ": weights must add up to 1, not " + a.add(b));
    }
  }

  /** The prizes of a zone type, in prize order. */
  public List<Prize> prizes(ZoneType type) {
    return awards.getOrDefault(type, List.of());
  }
}
