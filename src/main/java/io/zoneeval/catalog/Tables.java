package io.zoneeval.catalog;

import io.zoneeval.rules.Rules;
import io.zoneeval.ingest.FieldRule;
import io.zoneeval.ingest.Validation;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;

/**
 * Every table of the warehouse, declared once: bronze (raw as ingested), silver (validated records,
 * enterprise-year facts, rejects) and gold (zone metrics, scores, results, runs).
 */
public final class Tables {
  private Tables() {}

  private static final String SCORE = "decimal(6,2)";
  private static final String RATIO = "decimal(38,18)";
  private static final String YUAN = "decimal(20,2)";

  /**
   * Bronze keeps every delivered file as it was delivered: its bytes, copied into the warehouse under
   * {@code bronze/files/} and named by their checksum, and a row here. A record is found again by the
   * file and its line (silver rows and rejects carry both); a rebuild reads these files.
   */
  public static final TableDef DELIVERIES = new TableDef.Builder("bronze", "deliveries",
      "交付文件 one row per delivered file kept in bronze, as delivered (bytes copied under bronze/files)")
      .key("delivery_id", "string", "交付标识 SHA-256 of the file's bytes and its charset: the same bytes are kept once")
      .key("source", "string", "输入文件 the contract file, e.g. invoices.csv")
      .key("path", "string", "交付路径 where the file was delivered from")
      .key("stored_path", "string", "存档路径 the copy of the delivered bytes in the warehouse")
      .key("size_bytes", "bigint", "文件大小 size of the file [字节 bytes]")
      .key("sha256", "string", "校验和 SHA-256 of the file's bytes")
      .key("charset", "string", "字符集 the charset the file was read with (UTF-8, GBK)")
      .key("ingest_id", "string", "交付批次 the ingest that stored it (see silver.ingests)")
      .key("stored_at", "timestamp", "入库时间 when the copy was stored (UTC)")
      .build();

  /** The Delta table property naming the columns that get data-skipping statistics. */
  static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  /**
   * The current records of a raw file: its columns typed, the year each belongs to (the table of record
   * years in the spec), and the delivery, file and line it came from. A delivery replaces the rows of
   * the years it covers; the other years stay.
   */
  public static TableDef silver(RawFile file, Rules rules) {
    TableDef.Builder b = new TableDef.Builder("silver", file.tableName(),
        "已校验记录 the current validated records of " + file.fileName() + ", one partition per year");
    Validation validation = new Validation(rules);
    for (FieldRule f : validation.fields(file)) {
      boolean optional = f.optional() && f.kind() != FieldRule.Kind.SPECIALTIES;
      String comment = RawTerms.term(file, f.column()) + " " + RawTerms.meaning(file, f.column())
          + switch (f.kind()) {
            case USCC -> ", trimmed and upper-cased";
            case ZONE_TYPE -> ", read from 重点发展型 / 优化发展型";
            case AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT -> " [元]";
            case AREA -> f.column().endsWith("_mu") ? " [亩]" : " [m²]";
            default -> "";
          };
      String type = f.sparkType().sql().toLowerCase(java.util.Locale.ROOT);
      if (optional) {
        b.col(f.column(), type, comment);
      } else {
        b.key(f.column(), type, comment);
      }
    }
    if (!file.columns().contains("year")) {
      b.key("year", "int", switch (file) {
        case PROJECTS -> "计分年度 the year the project scores in: production start (tech_upgrade) or construction "
            + "start (major); without that date, the year of its other date (it then scores nothing)";
        case LAND_PARCELS -> "服务年度 a year the land register was delivered for: the holding is read as of 31 "
            + "December of that year (a register serves each year its delivery covers)";
        default -> "年度 the year the record belongs to, from its date";
      });
    }
    b.key("_delivery_id", "string", "交付标识 the delivery the record came from (see bronze.deliveries)");
    b.key("_source_file", "string", "来源文件 the file the record was delivered in");
    b.key("_line", "bigint", "行号 line of that file where the record starts (line 1 is the header)");
    b.partitionBy("year");
    // Silver is read by year (the partition) and whole; statistics of ids and amounts, unique per row and
    // in no order, would skip nothing and cost their computation on every row written.
    b.property(STATS_COLUMNS, "_line");
    return b.build();
  }

  public static final TableDef REJECTS = new TableDef.Builder("silver", "rejects",
      "隔离记录 quarantined input records of the current deliveries: every delivered record is either in "
          + "silver or here, with why")
      .key("source", "string", "输入文件 the input file (table name, e.g. invoices)")
      .col("year", "int", "年度 the year the record belongs to, when it could be read")
      .key("delivery_id", "string", "交付标识 the delivery the record came from (see bronze.deliveries)")
      .key("source_file", "string", "来源文件 the file the record was delivered in")
      .key("line", "bigint", "行号 line where the record starts (line 1 is the header)")
      .key("raw_text", "string", "原文 the record's raw text")
      .key("reason_code", "string", "原因代码 malformed_line, bad_encoding, missing_value, bad_number, "
          + "amount_out_of_range, bad_date, bad_value, invalid_uscc, unknown_value, negative_area, unknown_zone, "
          + "not_in_roster, duplicate_id, outside_delivery_years")
      .key("reason", "string", "原因 what is wrong, naming the column and value")
      .key("ingest_id", "string", "交付批次 the ingest that judged the record (see silver.ingests)")
      .partitionBy("source")
      .property(STATS_COLUMNS, "line")
      .build();

  /**
   * The ingest log: one row per committed ingest (or rebuild), written last. Silver is what the committed
   * ingests left: their table versions are the ones readers read, and a later writer takes back whatever
   * an ingest that died half-way wrote after them.
   */
  public static final TableDef INGESTS = new TableDef.Builder("silver", "ingests",
      "交付记录 one row per committed ingest of a delivery (or rebuild of silver from bronze)")
      .key("ingest_id", "string", "交付批次 ingest id: start time (UTC) and a random suffix")
      .key("kind", "string", "类型 ingest (a delivery), or rebuild (silver replayed from bronze)")
      .key("started_at", "timestamp", "开始时间 start (UTC)")
      .key("finished_at", "timestamp", "结束时间 end (UTC)")
      .key("input_dir", "string", "交付目录 the delivery folder (for a rebuild: bronze)")
      .key("years", "array<int>", "覆盖年度 the years the delivery covers: its files' records of these years replace "
          + "what silver held")
      .key("files", "array<struct<source:string,delivery_id:string,path:string,stored_path:string,size_bytes:bigint,"
          + "sha256:string,charset:string,action:string,rows_read:bigint,accepted:bigint,rejected:bigint>>",
          "交付文件 every file of the delivery: checksum, what was done (replaced, or unchanged: the same bytes "
          + "already held), records read = accepted + rejected")
      .col("replayed", "array<string>", "重放批次 for a rebuild: the ingests replayed, in arrival order")
      .key("code_version", "string", "程序版本 zone-eval version that ran")
      .key("table_versions", "map<string,bigint>", "表版本 the Delta version of every table the ingest wrote "
          + "[版本号 version]")
      .build();

  /**
   * Gold tables are what a publication is read from: their Delta history is kept ten years, so that a
   * report of any run can be reproduced with time travel ({@code VERSION AS OF} the run's version).
   */
  private static final String RETAIN_HISTORY = "interval 3650 days";

  private static TableDef.Builder gold(String name, String comment) {
    return new TableDef.Builder("gold", name, comment)
        .property("delta.logRetentionDuration", RETAIN_HISTORY)
        .property("delta.deletedFileRetentionDuration", RETAIN_HISTORY);
  }

  /**
   * The enterprise-level facts a zone's figures add up, as the evaluation of a year read them: kept so that
   * a zone's per-mu figures can be traced to its enterprises (confidential: never published).
   */
  public static final TableDef ENTERPRISE_YEAR = gold("enterprise_year",
      "企业年度事实 one row per enterprise of a year's roster: its sales, tax and land of that year, as evaluated")
      .key("year", "int", "年度 year")
      .key("uscc", "string", "统一社会信用代码 USCC")
      .col("name", "string", "企业名称 enterprise name")
      .key("zone_id", "string", "所属集中区 zone of the enterprise in this year's roster")
      .key("industry_code", "string", "行业代码 GB/T 4754 industry code")
      .key("above_scale", "boolean", "规上企业 above designated size in this year's roster")
      .key("is_specialty", "boolean", "特色产业 industry code starts with one of the zone's specialty prefixes")
      .key("new_above_scale", "boolean", "新增规上企业 above-size this year, not the year before")
      .key("sales_fen", "bigint", "开票销售 invoice sales of the year excluding VAT; red invoices negative, void none [分 fen]")
      .key("tax_fen", "bigint", "入库税收 tax entered into the treasury in the year; refunds negative [分 fen]")
      .key("land_m2", "decimal(24,4)", "用地面积 land held at 31 December [m²]")
      .key("has_land", "boolean", "有用地 the enterprise holds land at 31 December")
      .key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)")
      .partitionBy("year")
      .property(STATS_COLUMNS, "zone_id")
      .build();

  public static final TableDef ZONE_METRICS = gold("zone_metrics",
      "集中区年度指标 every figure behind the scores, per zone and year")
      .key("year", "int", "年度 evaluation year")
      .key("zone_id", "string", "集中区编号 zone id")
      .key("zone_name", "string", "集中区名称 zone name")
      .key("county", "string", "县(市、区) county or district of the zone")
      .key("zone_type", "string", "集中区类型 KEY = 重点发展型, OPTIMIZED = 优化发展型: zones are ranked within (year, type)")
      .col("specialty_industries", "string", "特色产业 GB/T 4754 code prefixes of the zone's specialty industries, ;-separated")
      .key("county_has_policy", "boolean", "配套政策 the county had a supporting policy this year")
      .key("county_policy_missing", "boolean", "缺配套政策记录 county_policies.csv has no row for the county this "
          + "year: a data-quality finding; the county then counts as having a policy only if the rules say so "
          + "(eligibility.missing_county_policy_counts_as_policy)")
      .key("enterprise_count", "bigint", "企业数 enterprises on the zone's roster of the year [个]")
      .key("sales", YUAN, "开票销售 invoice sales excluding VAT of the zone's enterprises; red invoices negative, void none [元]")
      .col("prev_sales", YUAN, "上年开票销售 the zone's own sales the year before; null = no figure [元]")
      .col("sales_growth", RATIO, "开票销售增幅 (sales − prev_sales) / prev_sales; null = undefined (no prior figure, "
          + "or prior ≤ 0) [比值 fraction, 0.2 = 20%]")
      .key("tax", YUAN, "入库税收 tax entered into the treasury in the year, all tax types; refunds (退库) negative [元]")
      .col("prev_tax", YUAN, "上年入库税收 the zone's own tax the year before; null = no figure [元]")
      .col("tax_growth", RATIO, "入库税收增幅 (tax − prev_tax) / prev_tax; null = undefined [比值 fraction, 0.2 = 20%]")
      .key("specialty_sales", YUAN, "特色产业开票 sales of the enterprises in the zone's specialty industries [元]")
      .col("specialty_share_pct", RATIO, "特色产业占比 specialty_sales / sales × 100; null when sales ≤ 0 [%]")
      .col("prev_specialty_share_pct", RATIO, "上年特色产业占比 the share the year before [%]")
      .col("specialty_share_change_pp", RATIO, "占比增幅 share − previous share [百分点 percentage points]")
      .col("specialty_share_change_rel", RATIO, "占比相对增幅 (share − previous share) / previous share; "
          + "not scored by default [比值 fraction]")
      .col("specialty_share_change", RATIO, "特色产业占比增幅(计分) the change the rules rank: share_change_pp by "
          + "default, share_change_rel when the rules say relative [百分点 percentage points, or 比值 fraction]")
      .key("above_scale_count", "int", "规上企业数 above-designated-size enterprises on the roster [个]")
      .key("new_above_scale_count", "int", "新增规上企业数 above-size this year, not above-size (or absent) the year before [个]")
      .key("above_scale_without_land_count", "int", "无用地规上企业数 above-size enterprises holding no land at "
          + "31 December: a data-quality finding [个]")
      .key("above_scale_sales", YUAN, "规上开票销售 sales of the above-size enterprises [元]")
      .key("above_scale_tax", YUAN, "规上入库税收 tax of the above-size enterprises [元]")
      .key("above_scale_land_m2", "decimal(24,4)", "规上用地面积 land held by the above-size enterprises at 31 December [m²]")
      .key("above_scale_land_mu", "decimal(24,8)", "规上用地亩数 the same land in mu, 1 亩 = 10000/15 m² exactly [亩]")
      .col("tax_per_mu", RATIO, "亩均税收 Σ tax ÷ Σ land of the above-size enterprises; null when their land is 0 [元/亩]")
      .col("sales_per_mu", RATIO, "亩均开票销售 Σ sales ÷ Σ land of the above-size enterprises; null when their land is 0 [元/亩]")
      .col("cultivation_counts", "map<string,bigint>", "企业培育项数 new recognitions this year per kind, and new "
          + "above-size enterprises (new_above_scale) [个]")
      .key("cultivation_points", "decimal(12,4)", "企业培育分(未封顶) cultivation points before the cap [points]")
      .col("talent_counts", "map<string,bigint>", "人才集聚人数 new talents this year per programme [人]")
      .key("talent_points", "decimal(12,4)", "人才集聚分(未封顶) talent points before the cap [points]")
      .key("tech_upgrade_projects", "int", "技改项目数 tech-upgrade projects entering production this year with "
          + "equipment investment ≥ 800万元 [个]")
      .key("major_projects", "int", "重大项目数 city major industrial projects starting construction this year [个]")
      .key("investment_points", "decimal(12,4)", "工业投入分(未封顶) investment points before the cap [points]")
      .key("factory_floor_m2", "decimal(24,4)", "标准厂房面积 floor area of the standard factories accepted this year [m²]")
      .key("revitalized_mu", "decimal(24,4)", "盘活低效用地 inefficient land revitalised this year [亩]")
      .key("capacity_points", "decimal(16,4)", "项目承载分(未封顶) capacity points before the cap [points]")
      .key("vetoing_incidents", "int", "较大及以上事故数 safety or environmental incidents of severity larger (较大) "
          + "or worse this year [起]")
      .key("prior_year_missing", "boolean", "缺上年数据 silver had no zones or roster of the year before: growth "
          + "and new above-size firms are undefined (evaluated with --allow-missing-prior-year)")
      .key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)")
      .partitionBy("year")
      .check("sales_per_mu_defined_with_land", "above_scale_land_m2 > 0 OR sales_per_mu IS NULL")
      .check("counts_consistent", "enterprise_count >= 0 AND above_scale_count BETWEEN 0 AND enterprise_count "
          + "AND new_above_scale_count BETWEEN 0 AND above_scale_count "
          + "AND above_scale_without_land_count BETWEEN 0 AND above_scale_count")
      .check("areas_non_negative", "above_scale_land_m2 >= 0 AND factory_floor_m2 >= 0 AND revitalized_mu >= 0")
      .check("points_non_negative", "cultivation_points >= 0 AND talent_points >= 0 AND investment_points >= 0 "
          + "AND capacity_points >= 0 AND tech_upgrade_projects >= 0 AND major_projects >= 0 "
          + "AND vetoing_incidents >= 0")
      .groupCheck("one_row_per_zone_year", List.of("year", "zone_id"), "count(*) = 1")
      .build();

  /** The ranked metrics: column suffix, Chinese term, what is ranked. */
  private static final String[][] RANKS = {
    {"sales_growth", "开票销售增幅", "sales growth"}, {"sales", "开票销售总额", "sales"},
    {"tax_growth", "入库税收增幅", "tax growth"}, {"tax", "入库税收总额", "tax"},
    {"specialty_change", "特色产业占比增幅", "the change of the specialty share"},
    {"specialty_share", "特色产业占比", "the specialty share"},
    {"tax_per_mu", "亩均税收", "tax per mu"}, {"sales_per_mu", "亩均开票销售", "sales per mu"},
  };

  /** The bound of each rank score: the full mark of the indicator whose metric it ranks. */
  private static java.math.BigDecimal rankFull(Rules rules, String metric) {
    var in = rules.indicators();
    return switch (metric) {
      case "sales_growth", "sales" -> in.scale().full();
      case "tax_growth", "tax" -> in.tax().full();
      case "specialty_change", "specialty_share" -> in.specialty().full();
      default -> in.perMu().full();
    };
  }

  private static String num(java.math.BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /** The range CHECKs of the eight indicator scores and the total, from the rules' full marks and caps. */
  private static void scoreChecks(TableDef.Builder b, Rules rules) {
    var in = rules.indicators();
    java.math.BigDecimal[] full = {in.scale().full(), in.tax().full(), in.specialty().full(), in.perMu().full(),
        in.cultivation().cap(), in.talent().cap(), in.investment().cap(), in.capacity().cap()};
    String[] name = {"scale", "tax", "specialty", "per_mu", "cultivation", "talent", "investment", "capacity"};
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (int i = 0; i < name.length; i++) {
      b.check(name[i] + "_range", "score_" + name[i] + " BETWEEN 0 AND " + num(full[i]));
      total = total.add(full[i]);
    }
    b.check("total_range", "total_score BETWEEN 0 AND " + num(total.min(java.math.BigDecimal.valueOf(100))));
    b.check("total_is_sum", "total_score = score_scale + score_tax + score_specialty + score_per_mu "
        + "+ score_cultivation + score_talent + score_investment + score_capacity");
  }

  /** One row per zone and year. */
  private static void oneRowPerZoneYear(TableDef.Builder b) {
    b.groupCheck("one_row_per_zone_year", List.of("year", "zone_id"), "count(*) = 1");
  }

  public static final TableDef ZONE_SCORES = zoneScores(Rules.defaults());

  /** gold.zone_scores, its CHECKs bounded by the rules' full marks. */
  public static TableDef zoneScores(Rules rules) {
    TableDef.Builder b = gold("zone_scores",
        "集中区指标得分 each indicator's rank(s) and score, per zone and year")
        .key("year", "int", "年度 evaluation year")
        .key("zone_id", "string", "集中区编号 zone id")
        .key("zone_type", "string", "集中区类型 KEY = 重点发展型, OPTIMIZED = 优化发展型: the group ranked together");
    for (String[] r : RANKS) {
      b.key("rank_" + r[0], "int", r[1] + "排名 rank of " + r[2] + " within (year, zone type), highest first; "
          + "ties share a rank (1, 1, 3), undefined values rank last [名次]");
      b.key("rankscore_" + r[0], SCORE, r[1] + "排名得分 max(0, F − step × (rank − 1)), F the indicator's full "
          + "mark (default step 0.5) [points]");
    }
    b.key("cultivation_points", "decimal(12,4)", "企业培育分(未封顶) cultivation points before the cap [points]")
        .key("talent_points", "decimal(12,4)", "人才集聚分(未封顶) talent points before the cap [points]")
        .key("investment_points", "decimal(12,4)", "工业投入分(未封顶) investment points before the cap [points]")
        .key("capacity_points", "decimal(16,4)", "项目承载分(未封顶) capacity points before the cap [points]");
    scoreColumns(b);
    b.key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)").partitionBy("year");
    for (String[] r : RANKS) {
      b.check("rank_" + r[0] + "_positive", "rank_" + r[0] + " >= 1");
      b.check("rankscore_" + r[0] + "_range", "rankscore_" + r[0] + " BETWEEN 0 AND " + num(rankFull(rules, r[0])));
    }
    b.check("points_non_negative", "cultivation_points >= 0 AND talent_points >= 0 AND investment_points >= 0 "
        + "AND capacity_points >= 0");
    scoreChecks(b, rules);
    oneRowPerZoneYear(b);
    return b.build();
  }

  private static void scoreColumns(TableDef.Builder b) {
    b.key("score_scale", SCORE, "规模总量得分 规模效益: weighted rank scores of sales growth and sales "
            + "(default rules: 0.6 × growth + 0.4 × level, of 10) [points]")
        .key("score_tax", SCORE, "税收贡献得分 规模效益: weighted rank scores of tax growth and tax "
            + "(default rules: 0.6 × growth + 0.4 × level, of 10) [points]")
        .key("score_specialty", SCORE, "特色发展得分 weighted rank scores of the specialty share's change and "
            + "the share (default rules: 0.6 × change + 0.4 × share, of 20) [points]")
        .key("score_per_mu", SCORE, "亩均产出得分 集约发展: weighted rank scores of tax per mu and sales per mu "
            + "(default rules: 0.6 × tax + 0.4 × sales, of 20) [points]")
        .key("score_cultivation", SCORE, "企业培育得分 创新发展: cultivation points, capped (default 10) [points]")
        .key("score_talent", SCORE, "人才集聚得分 创新发展: talent points, capped (default 10) [points]")
        .key("score_investment", SCORE, "工业投入得分 项目建设: investment points, capped (default 10) [points]")
        .key("score_capacity", SCORE, "项目承载得分 项目建设: capacity points, capped (default 10) [points]")
        .key("total_score", SCORE, "综合评价得分 the sum of the eight indicator scores, of 100 [points]");
  }

  public static final TableDef ZONE_RESULTS = zoneResults(Rules.defaults());

  /**
   * gold.zone_results with its CHECKs: score ranges from the rules' full marks, prizes only for eligible
   * zones and only as the rules give them, and, over each (year, type) group, one interview, distinct
   * ranks and no more prizes of each kind than the rules have.
   */
  public static TableDef zoneResults(Rules rules) {
    TableDef.Builder b = gold("zone_results",
        "综合评价结果 the evaluation result per zone and year: scores, final order, prizes, interview")
        .key("year", "int", "年度 evaluation year")
        .key("zone_id", "string", "集中区编号 zone id")
        .key("zone_name", "string", "集中区名称 zone name")
        .key("county", "string", "县(市、区) county or district of the zone")
        .key("zone_type", "string", "集中区类型 KEY = 重点发展型, OPTIMIZED = 优化发展型: zones are ranked within (year, type)");
    scoreColumns(b);
    b
        .key("vetoed", "boolean", "否决 an incident (" + String.join(" or ", rules.veto().incidentKinds())
            + ") of severity " + String.join(", ", rules.veto().incidentSeverities())
            + " this year: placed last of the group, no award")
        .col("veto_reason", "string", "否决原因 the vetoing incident(s); null when not vetoed")
        .key("award_eligible", "boolean", "参加评优 may receive an award: not vetoed, and the county has a supporting policy")
        .col("ineligible_reason", "string", "不参加评优原因 why the zone may not receive an award; null when eligible")
        .key("final_rank", "int", "综合排名 place in the final order of the (year, type) group, 1 = best [名次]")
        .key("group_size", "int", "同类集中区数 zones in the (year, type) group [个]")
        .key("decided_by_tie_break", "boolean", "并列排序 the zone's total equals another's: the order was decided "
            + "by " + rules.finalOrder().english())
        .col("award_prize", "int", "奖项 1 = 一等奖, 2 = 二等奖, 3 = 三等奖, null = none [等]")
        .col("award_amount_wan", "decimal(10,2)", "奖励金额 the prize money; null = none [万元]")
        .key("interview", "boolean", "约谈 last of the group's final order")
        .key("leadership_adjustment", "boolean", "主要负责人调整 last of its group this year and the year before "
            + "(the year before's result: approved, else published, else its latest committed run)")
        .key("prior_year_missing", "boolean", "缺上年数据 evaluated without the year before's zones and roster: "
            + "growth and new above-size firms undefined")
        .key("rules_name", "string", "规则名称 name of the rules file the scores follow")
        .key("rules_sha256", "string", "规则校验和 SHA-256 of that rules file")
        .key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)")
        .partitionBy("year");
    scoreChecks(b, rules);
    b.check("prize_only_if_eligible", "award_prize IS NULL OR award_eligible")
        .check("prize_has_amount", "(award_prize IS NULL) = (award_amount_wan IS NULL)")
        .check("prize_as_the_rules_give", prizeAsRules(rules))
        .check("vetoed_not_eligible", "NOT (vetoed AND award_eligible)")
        .check("rank_in_group", "final_rank BETWEEN 1 AND group_size")
        .check("interview_is_last", "interview = (final_rank = group_size)")
        .check("adjustment_only_if_interviewed", "interview OR NOT leadership_adjustment");
    oneRowPerZoneYear(b);
    List<String> group = List.of("year", "zone_type");
    b.groupCheck("one_interview_per_group", group, "count_if(interview) = 1")
        .groupCheck("group_size_is_the_group", group, "min(group_size) = count(*) AND max(group_size) = count(*)")
        .groupCheck("ranks_distinct", group, "count(DISTINCT final_rank) = count(*)")
        .groupCheck("prizes_within_the_rules", group, prizeCounts(rules));
    return b.build();
  }

  /** A prize's amount is the one the rules give that prize in the zone's type. */
  private static String prizeAsRules(Rules rules) {
    List<String> allowed = new ArrayList<>();
    for (io.zoneeval.rules.ZoneType type : io.zoneeval.rules.ZoneType.values()) {
      for (Rules.Prize p : rules.prizes(type)) {
        allowed.add("(zone_type = '" + type.name() + "' AND award_prize = " + p.prize() + " AND award_amount_wan = "
            + num(p.amountWan()) + ")");
      }
    }
    return "award_prize IS NULL OR " + (allowed.isEmpty() ? "false" : String.join(" OR ", allowed));
  }

  /** No more prizes of each kind in a (year, type) group than the rules have. */
  private static String prizeCounts(Rules rules) {
    StringBuilder sql = new StringBuilder("CASE max(zone_type)");
    for (io.zoneeval.rules.ZoneType type : io.zoneeval.rules.ZoneType.values()) {
      List<String> limits = new ArrayList<>();
      for (Rules.Prize p : rules.prizes(type)) {
        limits.add("count_if(award_prize = " + p.prize() + ") <= " + p.count());
      }
      limits.add("count_if(award_prize IS NOT NULL) <= "
          + rules.prizes(type).stream().mapToInt(Rules.Prize::count).sum());
      sql.append(" WHEN '").append(type.name()).append("' THEN ").append(String.join(" AND ", limits));
    }
    return sql.append(" ELSE false END").toString();
  }

  /**
   * The run log: one row per committed evaluation, written last. A run is committed when its row is here;
   * the gold table versions it records are what readers read.
   */
  public static final TableDef RUNS = gold("runs",
      "运行记录 one row per committed evaluation run: what it read, which rules, which table versions it wrote")
      .key("run_id", "string", "运行编号 run id: start time (UTC) and a random suffix")
      .key("started_at", "timestamp", "开始时间 start of the run (UTC)")
      .key("finished_at", "timestamp", "结束时间 end of the run (UTC)")
      .key("years", "array<int>", "评价年度 the years the run evaluated and wrote")
      .key("ingest_id", "string", "交付批次 the last committed ingest of the silver the run read (see silver.ingests)")
      .key("silver_versions", "map<string,bigint>", "输入版本 the Delta version of every silver table read [版本号 version]")
      .col("prior_results", "map<int,string>", "上年结果 for each year evaluated, the run whose result of the year "
          + "before gave the previous last place (approved, else published, else latest committed); absent: none")
      .col("notes", "array<string>", "说明 what the run said about its inputs (a year evaluated without its prior "
          + "year, no previous last place…)")
      .key("rules_name", "string", "规则名称 name in the rules file")
      .key("rules_sha256", "string", "规则校验和 SHA-256 of the rules file")
      .col("rules_file", "string", "规则文件 path of the rules file; null = the bundled rules/yangzhou.yaml")
      .key("code_version", "string", "程序版本 zone-eval version that ran")
      .key("table_versions", "map<string,bigint>", "表版本 the Delta version of every gold table the run wrote, by "
          + "qualified name: read a table as the run left it with VERSION AS OF [版本号 version]")
      .build();

  /** The annual cycle of a year's result: public notice, approval, reopening. */
  public static final TableDef PUBLICATIONS = gold("publications",
      "公示与批准 one row per publish (公示), approve (批准) or reopen of a year's result")
      .key("year", "int", "年度 evaluation year")
      .key("run_id", "string", "运行编号 the committed run whose result of the year the row is about")
      .key("state", "string", "状态 published (公示), approved (批准: final, evaluating again is refused) or "
          + "reopened (reopened on purpose, with a reason)")
      .key("at", "timestamp", "时间 when (UTC)")
      .col("reason", "string", "原因 why the year was reopened")
      .col("by_user", "string", "操作人 the operating-system user who did it")
      .check("state_known", "state IN ('published', 'approved', 'reopened')")
      .check("reopen_has_reason", "state <> 'reopened' OR reason IS NOT NULL")
      .build();

  /** The silver tables an ingest writes, by file. */
  public static List<TableDef> silverTables(Rules rules) {
    List<TableDef> all = new ArrayList<>();
    for (RawFile f : RawFile.values()) {
      all.add(silver(f, rules));
    }
    return all;
  }

  /** The tables an ingest writes: the bronze ledger, silver's records and rejects, the ingest log. */
  public static List<TableDef> ingestTables(Rules rules) {
    List<TableDef> all = new ArrayList<>();
    all.add(DELIVERIES);
    all.addAll(silverTables(rules));
    all.add(REJECTS);
    all.add(INGESTS);
    return all;
  }

  /** The tables an evaluation writes, the run log last. */
  public static List<TableDef> goldTables(Rules rules) {
    return List.of(ENTERPRISE_YEAR, ZONE_METRICS, zoneScores(rules), zoneResults(rules), RUNS, PUBLICATIONS);
  }

  /** Every table of the warehouse, in the order data flows through them. */
  public static List<TableDef> all(Rules rules) {
    List<TableDef> all = new ArrayList<>(ingestTables(rules));
    all.addAll(goldTables(rules));
    return all;
  }
}
