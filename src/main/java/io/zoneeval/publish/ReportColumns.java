package io.zoneeval.publish;

import io.zoneeval.catalog.TableDef;
import io.zoneeval.catalog.Tables;
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
    for (TableDef t : SOURCES) {
      if (t.columnNames().contains(column)) {
        String term = t.column(column).term();
        return unit == null ? term : term + "(" + unit + ")";
      }
    }
    throw new IllegalArgumentException("no gold column " + column);
  }

  private static Column c(String column, Format format) {
    String unit = switch (format) {
      case WAN -> "万元";
      case PER_MU_WAN -> "万元/亩";
      case PCT_OF_FRACTION -> "%";
      default -> null;
    };
    return new Column(header(column, unit), column, format);
  }

  private static Column c(String column, Format format, String unit) {
    return new Column(header(column, unit), column, format);
  }

  public static final List<String> SCORES = List.of("score_scale", "score_tax", "score_specialty", "score_per_mu",
      "score_cultivation", "score_talent", "score_investment", "score_capacity");

  /** The league table of a zone type: final order, the eight scores, total, prize, veto and eligibility. */
  public static List<Column> league() {
    List<Column> cols = new ArrayList<>(List.of(c("final_rank", Format.INT), c("zone_id", Format.TEXT),
        c("zone_name", Format.TEXT), c("county", Format.TEXT)));
    SCORES.forEach(s -> cols.add(c(s, Format.SCORE)));
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
    List<Column> cols = new ArrayList<>(List.of(c("zone_type", Format.TYPE), c("final_rank", Format.INT),
        c("zone_id", Format.TEXT), c("zone_name", Format.TEXT), c("county", Format.TEXT),
        c("enterprise_count", Format.INT)));
    cols.addAll(List.of(c("sales", Format.WAN), c("prev_sales", Format.WAN), c("sales_growth", Format.PCT_OF_FRACTION),
        c("rank_sales_growth", Format.INT), c("rankscore_sales_growth", Format.SCORE),
        c("rank_sales", Format.INT), c("rankscore_sales", Format.SCORE), c("score_scale", Format.SCORE)));
    cols.addAll(List.of(c("tax", Format.WAN), c("prev_tax", Format.WAN), c("tax_growth", Format.PCT_OF_FRACTION),
        c("rank_tax_growth", Format.INT), c("rankscore_tax_growth", Format.SCORE),
        c("rank_tax", Format.INT), c("rankscore_tax", Format.SCORE), c("score_tax", Format.SCORE)));
    cols.addAll(List.of(c("specialty_sales", Format.WAN), c("specialty_share_pct", Format.DEC2, "%"),
        c("prev_specialty_share_pct", Format.DEC2, "%"), c("specialty_share_change_pp", Format.DEC2, "百分点"),
        c("rank_specialty_change", Format.INT), c("rankscore_specialty_change", Format.SCORE),
        c("rank_specialty_share", Format.INT), c("rankscore_specialty_share", Format.SCORE),
        c("score_specialty", Format.SCORE)));
    cols.addAll(List.of(c("above_scale_count", Format.INT), c("new_above_scale_count", Format.INT),
        c("above_scale_without_land_count", Format.INT), c("above_scale_sales", Format.WAN),
        c("above_scale_tax", Format.WAN), c("above_scale_land_mu", Format.DEC2, "亩"),
        c("tax_per_mu", Format.PER_MU_WAN), c("sales_per_mu", Format.PER_MU_WAN),
        c("rank_tax_per_mu", Format.INT), c("rankscore_tax_per_mu", Format.SCORE),
        c("rank_sales_per_mu", Format.INT), c("rankscore_sales_per_mu", Format.SCORE), c("score_per_mu", Format.SCORE)));
    cols.addAll(List.of(c("cultivation_counts", Format.COUNTS), c("cultivation_points", Format.POINTS),
        c("score_cultivation", Format.SCORE), c("talent_counts", Format.COUNTS), c("talent_points", Format.POINTS),
        c("score_talent", Format.SCORE), c("tech_upgrade_projects", Format.INT), c("major_projects", Format.INT),
        c("investment_points", Format.POINTS), c("score_investment", Format.SCORE),
        c("factory_floor_m2", Format.DEC2, "m²"), c("revitalized_mu", Format.DEC2, "亩"),
        c("capacity_points", Format.POINTS), c("score_capacity", Format.SCORE),
        c("vetoing_incidents", Format.INT), c("total_score", Format.SCORE)));
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
