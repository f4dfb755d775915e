package io.zoneeval.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One scored indicator of the method (评价指标), declared once: its score column, Chinese term, full mark
 * and how it scores (the ranked metrics with their weights in the rules, or the points it caps), the
 * figures behind it and the report's colour. Scoring ({@code evaluate.RankScore}), the gold tables' columns
 * and CHECK constraints ({@code catalog.Tables}), the report, the workbook, the league table and the
 * indicator dictionary iterate {@link #ALL}; a new indicator is one entry here, the function that computes
 * its metric or points, and its keys in the rules file.
 *
 * @param name the indicator's key: its section under {@code indicators:} in the rules file, and the prefix
 *     of its CHECK constraints' names
 * @param scoreColumn its score's column in gold.zone_scores and gold.zone_results
 * @param term 一级 / 二级 indicator, as the policy names it
 * @param shortTerm the name a table header or a chart legend shows
 * @param colour the report's colour for it (charts)
 * @param full the full mark (a ranked indicator) or cap (a counted one) the rules give it
 * @param ranked the metrics whose rank scores it weighs, empty for a counted indicator
 * @param points the points it caps, null for a ranked indicator
 * @param scoring how it scores under given rules, in words (the dictionary)
 * @param figures the gold.zone_metrics columns behind it, in the order a reader follows them
 */
public record Indicator(String name, String scoreColumn, String term, String shortTerm, String colour,
    Function<Rules, BigDecimal> full,
    List<RankedMetric> ranked, Points points, Function<Rules, String> scoring, List<String> figures) {

  /**
   * A metric ranked within (year, zone type): the metrics column (ranked by its exact rank key where it
   * has one), the name of its rank columns ({@code rank_<rankName>}, {@code rankscore_<rankName>}), its
   * Chinese term and meaning, and its weight in the rules.
   */
  public record RankedMetric(String metric, String rankName, String term, String meaning,
      Function<Rules, BigDecimal> weight) {}

  /** The points a counted indicator caps: their column (before the cap), its type and term. */
  public record Points(String column, String type, String term) {}

  /** A counted indicator: points capped at the full mark. */
  public boolean counted() {
    return points != null;
  }

  /** The eight indicators of the 综合评价办法, in the annex's order. */
  public static final List<Indicator> ALL = List.of(
      new Indicator("scale", "score_scale", "规模效益 / 规模总量", "规模总量", "#4e79a7", r -> r.indicators().scale().full(),
          List.of(new RankedMetric("sales_growth", "sales_growth", "开票销售增幅", "sales growth",
                  r -> r.indicators().scale().growthWeight()),
              new RankedMetric("sales", "sales", "开票销售总额", "sales", r -> r.indicators().scale().levelWeight())),
          null, r -> weighted(r, "scale"), List.of("sales", "prev_sales", "sales_growth")),
      new Indicator("tax", "score_tax", "规模效益 / 税收贡献", "税收贡献", "#f28e2b", r -> r.indicators().tax().full(),
          List.of(new RankedMetric("tax_growth", "tax_growth", "入库税收增幅", "tax growth",
                  r -> r.indicators().tax().growthWeight()),
              new RankedMetric("tax", "tax", "入库税收总额", "tax", r -> r.indicators().tax().levelWeight())),
          null, r -> weighted(r, "tax"), List.of("tax", "prev_tax", "tax_growth")),
      new Indicator("specialty", "score_specialty", "特色发展", "特色发展", "#59a14f", r -> r.indicators().specialty().full(),
          List.of(new RankedMetric("specialty_share_change", "specialty_change", "特色产业占比增幅",
                  "the change of the specialty share", r -> r.indicators().specialty().growthWeight()),
              new RankedMetric("specialty_share_pct", "specialty_share", "特色产业占比", "the specialty share",
                  r -> r.indicators().specialty().levelWeight())),
          null, r -> weighted(r, "specialty") + " (the change in "
              + (r.indicators().specialty().change() == Rules.ShareChange.RELATIVE ? "relative terms" : "percentage points")
              + ")",
          List.of("specialty_sales", "specialty_share_pct", "prev_specialty_share_pct", "specialty_share_change_pp")),
      new Indicator("per_mu", "score_per_mu", "集约发展 / 亩均产出", "亩均产出", "#e15759", r -> r.indicators().perMu().full(),
          List.of(new RankedMetric("tax_per_mu", "tax_per_mu", "亩均税收", "tax per mu",
                  r -> r.indicators().perMu().taxWeight()),
              new RankedMetric("sales_per_mu", "sales_per_mu", "亩均开票销售", "sales per mu",
                  r -> r.indicators().perMu().salesWeight())),
          null, r -> weighted(r, "per_mu") + ", over above-size enterprises",
          List.of("above_scale_count", "new_above_scale_count", "above_scale_without_land_count",
              "above_scale_sales", "above_scale_tax", "above_scale_land_mu", "tax_per_mu", "sales_per_mu")),
      new Indicator("cultivation", "score_cultivation", "创新发展 / 企业培育", "企业培育", "#76b7b2",
          r -> r.indicators().cultivation().cap(),
          List.of(), new Points("cultivation_points", "decimal(12,4)", "企业培育分(未封顶)"),
          r -> "points per new item, capped: " + points(r.indicators().cultivation().points()),
          List.of("cultivation_counts", "cultivation_points")),
      new Indicator("talent", "score_talent", "创新发展 / 人才集聚", "人才集聚", "#edc948", r -> r.indicators().talent().cap(),
          List.of(), new Points("talent_points", "decimal(12,4)", "人才集聚分(未封顶)"),
          r -> "points per new talent, capped: " + points(r.indicators().talent().points()),
          List.of("talent_counts", "talent_points")),
      new Indicator("investment", "score_investment", "项目建设 / 工业投入", "工业投入", "#b07aa1",
          r -> r.indicators().investment().cap(),
          List.of(), new Points("investment_points", "decimal(12,4)", "工业投入分(未封顶)"),
          r -> num(r.indicators().investment().techUpgradePoints()) + " per tech-upgrade project entering production "
              + "with equipment ≥ " + num(r.indicators().investment().techUpgradeMinEquipmentYuan()) + " 元; "
              + num(r.indicators().investment().majorPoints()) + " per major project starting construction; capped",
          List.of("tech_upgrade_projects", "major_projects", "investment_points")),
      new Indicator("capacity", "score_capacity", "项目建设 / 项目承载", "项目承载", "#9c755f",
          r -> r.indicators().capacity().cap(),
          List.of(), new Points("capacity_points", "decimal(16,4)", "项目承载分(未封顶)"),
          r -> num(r.indicators().capacity().factoryPoints()) + " per " + num(r.indicators().capacity().factoryUnitM2())
              + " m² of standard factory; " + num(r.indicators().capacity().revitalizedPoints()) + " per "
              + num(r.indicators().capacity().revitalizedUnitMu()) + " 亩 revitalised ("
              + r.indicators().capacity().units().name().toLowerCase(java.util.Locale.ROOT) + " units); capped",
          List.of("factory_floor_m2", "revitalized_mu", "capacity_points")));

  /** "0.6 × rankscore(sales growth) + 0.4 × rankscore(sales)" under the rules. */
  private static String weighted(Rules rules, String name) {
    Indicator in = ALL.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    return in.ranked().stream().map(m -> num(m.weight().apply(rules)) + " × rankscore(" + m.meaning() + ")")
        .collect(Collectors.joining(" + "));
  }

  private static String points(Map<String, BigDecimal> points) {
    return points.entrySet().stream().map(e -> e.getKey() + " " + num(e.getValue())).collect(Collectors.joining(", "));
  }

  private static String num(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /** The sum of the full marks of a registry under the rules: the most a total can be. */
  public static BigDecimal fullTotal(List<Indicator> indicators, Rules rules) {
    return indicators.stream().map(i -> i.full().apply(rules)).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
