package io.zoneeval.publish;

import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
import io.zoneeval.rules.Indicator;
import io.zoneeval.rules.Rules;
import io.zoneeval.rules.ZoneType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The columns of the published report and how each gold value is presented: money in 万元 and per-mu
 * figures in 万元/亩 rounded half-up to 2 decimals (only here, when presenting), fractions as %, flags as
 * 是/否. Headers are the Chinese terms of the columns' comments in {@link Tables}, with the unit shown.
 */
public final class ReportColumns {
  private ReportColumns() {}

  /** How a value is presented. */
  public enum Format {
    TEXT, TYPE, INT, SCORE, POINTS, WAN, PER_MU_WAN, PCT_OF_FRACTION, DEC2, BOOL, PRIZE, COUNTS;

    /** Whether the presented value is a number (a numeric spreadsheet cell). */
    public boolean numeric() {
      return switch (this) {
        case INT, SCORE, POINTS, WAN, PER_MU_WAN, PCT_OF_FRACTION, DEC2 -> true;
        default -> false;
      };
    }
  }

  /** A report column: its header, the gold column it shows, and how. */
  public record Column(String header, String source, Format format) {}

  private static final List<TableDef> SOURCES = List.of(Tables.ZONE_RESULTS, Tables.ZONE_SCORES, Tables.ZONE_METRICS);

  /** The Chinese term of a gold column (from its comment), with the unit it is shown in. */
  static String header(String column, String unit) {
    return header(SOURCES, column, unit);
  }

  private static String header(List<TableDef> sources, String column, String unit) {
    for (TableDef t : sources) {
      if (t.columnNames().contains(column)) {
        String term = t.column(column).term();
        return unit == null ? term : term + "(" + unit + ")";
      }
    }
    throw new IllegalArgumentException("no gold column " + column);
  }

  /** The gold tables whose comments name the columns of a registry of indicators. */
  private static List<TableDef> sources(List<Indicator> indicators) {
    return indicators == Indicator.ALL ? SOURCES : List.of(Tables.zoneResults(Rules.defaults(), indicators),
        Tables.zoneScores(Rules.defaults(), indicators), Tables.ZONE_METRICS);
  }

  private static String unit(Format format) {
    return switch (format) {
      case WAN -> "万元";
      case PER_MU_WAN -> "万元/亩";
      case PCT_OF_FRACTION -> "%";
      default -> null;
    };
  }

  private static Column c(String column, Format format) {
    return new Column(header(column, unit(format)), column, format);
  }

  private static Column c(String column, Format format, String unit) {
    return new Column(header(column, unit), column, format);
  }

  /** How each figure behind an indicator (the registry's {@link Indicator#figures}) is shown, and its unit. */
  private record Shown(Format format, String unit) {}

  private static final Map<String, Shown> FIGURES = Map.ofEntries(
      Map.entry("sales", new Shown(Format.WAN, null)), Map.entry("prev_sales", new Shown(Format.WAN, null)),
      Map.entry("sales_growth", new Shown(Format.PCT_OF_FRACTION, null)),
      Map.entry("tax", new Shown(Format.WAN, null)), Map.entry("prev_tax", new Shown(Format.WAN, null)),
      Map.entry("tax_growth", new Shown(Format.PCT_OF_FRACTION, null)),
      Map.entry("specialty_sales", new Shown(Format.WAN, null)),
      Map.entry("specialty_share_pct", new Shown(Format.DEC2, "%")),
      Map.entry("prev_specialty_share_pct", new Shown(Format.DEC2, "%")),
      Map.entry("specialty_share_change_pp", new Shown(Format.DEC2, "百分点")),
      Map.entry("above_scale_land_mu", new Shown(Format.DEC2, "亩")),
      Map.entry("above_scale_sales", new Shown(Format.WAN, null)),
      Map.entry("above_scale_tax", new Shown(Format.WAN, null)),
      Map.entry("tax_per_mu", new Shown(Format.PER_MU_WAN, null)),
      Map.entry("sales_per_mu", new Shown(Format.PER_MU_WAN, null)),
      Map.entry("factory_floor_m2", new Shown(Format.DEC2, "m²")),
      Map.entry("revitalized_mu", new Shown(Format.DEC2, "亩")));

  /** A figure: as {@link #FIGURES} says, else counts of kinds, points, or a plain count. */
  private static Column figure(List<TableDef> sources, String column) {
    Shown shown = FIGURES.get(column);
    Format format = shown != null ? shown.format() : column.endsWith("_counts") ? Format.COUNTS
        : column.endsWith("_points") ? Format.POINTS : Format.INT;
    String unit = shown != null && shown.unit() != null ? shown.unit() : unit(format);
    return new Column(header(sources, column, unit), column, format);
  }

  /** The indicator score columns, in the registry's order. */
  public static final List<String> SCORES = Indicator.ALL.stream().map(Indicator::scoreColumn).toList();

  /** The league table of a zone type: final order, the indicator scores, total, prize, veto and eligibility. */
  public static List<Column> league() {
    return league(Indicator.ALL);
  }

  /** The same for a registry of indicators. */
  public static List<Column> league(List<Indicator> indicators) {
    List<TableDef> sources = sources(indicators);
    List<Column> cols = new ArrayList<>(List.of(c("final_rank", Format.INT), c("zone_id", Format.TEXT),
        c("zone_name", Format.TEXT), c("county", Format.TEXT)));
    indicators.forEach(i -> cols.add(new Column(header(sources, i.scoreColumn(), null), i.scoreColumn(), Format.SCORE)));
    cols.addAll(List.of(c("total_score", Format.SCORE), c("award_prize", Format.PRIZE),
        c("award_amount_wan", Format.DEC2, "万元"), c("vetoed", Format.BOOL), c("veto_reason", Format.TEXT),
        c("award_eligible", Format.BOOL), c("ineligible_reason", Format.TEXT), c("interview", Format.BOOL),
        c("leadership_adjustment", Format.BOOL), c("decided_by_tie_break", Format.BOOL)));
    return List.copyOf(cols);
  }

  /** The league table of every type in one list (the CSV file): year and type first. */
  public static List<Column> leagueWithType() {
    List<Column> cols = new ArrayList<>(List.of(c("year", Format.TEXT), c("zone_type", Format.TYPE)));
    cols.addAll(league());
    return List.copyOf(cols);
  }

  /** Every zone's metrics, ranks and scores. */
  public static List<Column> metrics() {
    return metrics(Indicator.ALL);
  }

  /** The same for a registry of indicators: per indicator its figures, its ranks and rank scores, its score. */
  public static List<Column> metrics(List<Indicator> indicators) {
    List<TableDef> sources = sources(indicators);
    List<Column> cols = new ArrayList<>(List.of(c("zone_type", Format.TYPE), c("final_rank", Format.INT),
        c("zone_id", Format.TEXT), c("zone_name", Format.TEXT), c("county", Format.TEXT),
        c("enterprise_count", Format.INT)));
    for (Indicator in : indicators) {
      in.figures().forEach(f -> cols.add(figure(sources, f)));
      for (Indicator.RankedMetric m : in.ranked()) {
        cols.add(new Column(header(sources, "rank_" + m.rankName(), null), "rank_" + m.rankName(), Format.INT));
        cols.add(new Column(header(sources, "rankscore_" + m.rankName(), null), "rankscore_" + m.rankName(),
            Format.SCORE));
      }
      cols.add(new Column(header(sources, in.scoreColumn(), null), in.scoreColumn(), Format.SCORE));
    }
    cols.addAll(List.of(c("vetoing_incidents", Format.INT), c("total_score", Format.SCORE)));
    return List.copyOf(cols);
  }

  /** The presented number of a numeric column (null when the value is null). */
  public static BigDecimal number(Column column, Object value) {
    if (value == null) {
      return null;
    }
    BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    return switch (column.format()) {
      case INT -> d;
      case SCORE, DEC2 -> d.setScale(2, RoundingMode.HALF_UP);
      case POINTS -> d.setScale(Math.max(2, d.stripTrailingZeros().scale()), RoundingMode.HALF_UP);
      case WAN, PER_MU_WAN -> d.movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
      case PCT_OF_FRACTION -> d.movePointRight(2).setScale(2, RoundingMode.HALF_UP);
      default -> throw new IllegalArgumentException(column + " is not numeric");
    };
  }

  /** The presented text of any column: numbers in plain notation, null as the empty string. */
  public static String text(Column column, Object value) {
    if (column.format().numeric()) {
      BigDecimal d = number(column, value);
      return d == null ? "" : d.toPlainString();
    }
    if (value == null) {
      return "";
    }
    return switch (column.format()) {
      case BOOL -> Boolean.TRUE.equals(value) ? "是" : "否";
      case TYPE -> ZoneType.valueOf(value.toString()).chinese();
      case PRIZE -> prize(((Number) value).intValue());
      case COUNTS -> ((Map<?, ?>) value).entrySet().stream()
          .map(e -> ITEM_NAMES.getOrDefault(String.valueOf(e.getKey()), String.valueOf(e.getKey())) + "×" + e.getValue())
          .collect(Collectors.joining("，"));
      default -> value.toString();
    };
  }

  /**
   * The policy's names of the items the capped indicators count (recognition kinds, new above-size
   * enterprises, talent programmes), as the counts columns show them; a kind a rules file adds is shown
   * by its key.
   */
  static final Map<String, String> ITEM_NAMES = Map.ofEntries(
      Map.entry("listed", "上市企业"), Map.entry("little_giant", "专精特新小巨人"), Map.entry("neeq", "新三板挂牌"),
      Map.entry("unicorn", "独角兽"), Map.entry("unicorn_cultivation", "独角兽培育"), Map.entry("gazelle", "瞪羚"),
      Map.entry("high_tech", "高新技术企业"), Map.entry("unicorn_seed", "独角兽种子"),
      Map.entry("gazelle_cultivation", "瞪羚培育"), Map.entry("tech_attracted", "新招引科技型企业"),
      Map.entry("new_above_scale", "新增规上企业"), Map.entry("national", "国家级人才"),
      Map.entry("js_innovation_team", "省双创团队"), Map.entry("js_innovation_talent", "省双创人才"),
      Map.entry("lvyang_leading", "绿扬金凤领军人才"), Map.entry("lvyang_phd", "绿扬金凤优秀博士"));

  public static String prize(int prize) {
    return switch (prize) {
      case 1 -> "一等奖";
      case 2 -> "二等奖";
      case 3 -> "三等奖";
      default -> prize + "等奖";
    };
  }
}
