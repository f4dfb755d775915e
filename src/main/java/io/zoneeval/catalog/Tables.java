package io.zoneeval.catalog;

import io.zoneeval.bronze.Bronze;
import io.zoneeval.rules.Rules;
import io.zoneeval.silver.FieldRule;
import io.zoneeval.silver.Validation;
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

  public static TableDef bronze(RawFile file) {
    TableDef.Builder b = new TableDef.Builder("bronze", file.tableName(),
        "原始记录 raw records of " + file.fileName() + ", as delivered, one row per record, appended per delivery");
    for (StructField f : Bronze.schema(file).fields()) {
      String comment = switch (f.name()) {
        case Bronze.SOURCE_FILE -> "来源文件 the file the record came from";
        case Bronze.LINE -> "行号 line of the file where the record starts (line 1 is the header)";
        case Bronze.RECORD -> "原文 the record's raw text";
        case Bronze.MALFORMED -> "why the line could not be split into the header's fields, if it could not";
        case Bronze.DELIVERY -> "交付标识 SHA-256 of the file's bytes and its charset: the same delivery is ingested once";
        case Bronze.RUN_ID -> "the run that ingested the delivery";
        case Bronze.INGESTED_AT -> "入库时间 when the delivery was ingested (UTC)";
        default -> "raw text of column " + f.name();
      };
      if (f.nullable()) {
        b.col(f.name(), f.dataType().sql(), comment);
      } else {
        b.key(f.name(), f.dataType().sql(), comment);
      }
    }
    return b.build();
  }

  /**
   * The ledger of deliveries in bronze: a file's rows count once they are recorded here, with the run
   * that appended them, so rows left by a run that died half-way are never read.
   */
  public static final TableDef DELIVERIES = new TableDef.Builder("bronze", "deliveries",
      "交付台账 one row per raw file delivery appended to bronze")
      .key("delivery_id", "string", "SHA-256 of the file's bytes and its charset")
      .key("source", "string", "输入文件 the contract file, e.g. invoices.csv")
      .key("path", "string", "where the file was read from")
      .key("size_bytes", "bigint", "file size in bytes")
      .key("run_id", "string", "the run that appended the delivery's rows to bronze")
      .key("ingested_at", "timestamp", "入库时间 when (UTC)")
      .build();

  /** Validated records of a raw file: its columns typed, the year they belong to, and their source. */
  public static TableDef silver(RawFile file, Rules rules) {
    TableDef.Builder b = new TableDef.Builder("silver", file.tableName(),
        "已校验记录 validated records of " + file.fileName());
    Validation validation = new Validation(rules);
    List<String> notNull = new ArrayList<>();
    for (FieldRule f : validation.fields(file)) {
      boolean optional = f.optional() && f.kind() != FieldRule.Kind.SPECIALTIES;
      String comment = f.kind() == FieldRule.Kind.USCC ? "统一社会信用代码 USCC, trimmed and upper-cased"
          : f.kind() == FieldRule.Kind.ZONE_TYPE ? "集中区类型 KEY (重点发展型) or OPTIMIZED (优化发展型)"
          : f.kind() == FieldRule.Kind.AMOUNT || f.kind() == FieldRule.Kind.OPTIONAL_AMOUNT
              || f.kind() == FieldRule.Kind.OPTIONAL_NON_NEGATIVE_AMOUNT ? "元 yuan"
          : null;
      if (optional) {
        b.col(f.column(), f.sparkType().sql().toLowerCase(java.util.Locale.ROOT), comment);
      } else {
        b.key(f.column(), f.sparkType().sql().toLowerCase(java.util.Locale.ROOT), comment);
        notNull.add(f.column());
      }
    }
    if (!file.columns().contains("year")) {
      b.col("year", "int", file == RawFile.PROJECTS
          ? "the year the project scores in: production start (tech_upgrade) or construction start (major)"
          : file == RawFile.LAND_PARCELS ? "unused: a holding spans years" : "the year the record belongs to");
    }
    b.key("_source_file", "string", "来源文件 source file");
    b.key("_line", "bigint", "行号 line in the source file");
    if (file != RawFile.LAND_PARCELS && file != RawFile.PROJECTS) {
      b.partitionBy("year");
    }
    return b.build();
  }

  public static final TableDef ENTERPRISE_YEAR = new TableDef.Builder("silver", "enterprise_year",
      "企业年度事实 one row per enterprise of a year's roster: its sales, tax and land of that year")
      .key("year", "int", "年度 year")
      .key("uscc", "string", "统一社会信用代码 USCC")
      .col("name", "string", "企业名称 enterprise name")
      .key("zone_id", "string", "所属集中区 zone of the enterprise in this year's roster")
      .key("industry_code", "string", "行业代码 GB/T 4754 industry code")
      .key("above_scale", "boolean", "规上企业 above designated size in this year's roster")
      .key("is_specialty", "boolean", "特色产业 industry code starts with one of the zone's specialty prefixes")
      .key("new_above_scale", "boolean", "新增规上企业 above-size this year, not the year before")
      .key("sales_fen", "bigint", "开票销售 invoice sales of the year excluding VAT, in fen (分); red invoices negative, void none")
      .key("tax_fen", "bigint", "入库税收 tax entered into the treasury in the year, in fen (分); refunds negative")
      .key("land_m2", "decimal(24,4)", "用地面积 land held at 31 December, m²")
      .key("has_land", "boolean", "whether the enterprise holds any land at 31 December")
      .partitionBy("year")
      .build();

  public static final TableDef REJECTS = new TableDef.Builder("silver", "rejects",
      "隔离记录 quarantined input records: every input row is either accepted into silver or here, with why")
      .col("year", "int", "the year the record belongs to, when it could be read")
      .key("source", "string", "输入文件 the input file (table name, e.g. invoices)")
      .key("source_file", "string", "来源文件 full path of the file")
      .key("line", "bigint", "行号 line where the record starts (line 1 is the header)")
      .key("raw_text", "string", "原文 the record's raw text")
      .key("reason_code", "string", "原因代码 malformed_line, missing_value, bad_number, bad_date, invalid_uscc, "
          + "unknown_value, negative_area, unknown_zone, not_in_roster, duplicate_id")
      .key("reason", "string", "原因 what is wrong, naming the column and value")
      .key("run_id", "string", "the run that judged the record")
      .build();

  public static final TableDef ZONE_METRICS = new TableDef.Builder("gold", "zone_metrics",
      "集中区年度指标 every figure behind the scores, per zone and year")
      .key("year", "int", "年度 evaluation year")
      .key("zone_id", "string", "集中区编号 zone id")
      .key("zone_name", "string", "集中区名称 zone name")
      .key("county", "string", "县(市、区) county")
      .key("zone_type", "string", "类型 KEY = 重点发展型, OPTIMIZED = 优化发展型")
      .col("specialty_industries", "string", "特色产业 GB/T 4754 prefixes, ;-separated")
      .key("county_has_policy", "boolean", "配套政策 the county had a supporting policy this year")
      .key("enterprise_count", "bigint", "企业数 enterprises in the zone's roster")
      .key("sales", YUAN, "开票销售 invoice sales excluding VAT, 元")
      .col("prev_sales", YUAN, "上年开票销售 the zone's sales the year before, 元 (null: no figure)")
      .col("sales_growth", RATIO, "开票销售增幅 (sales − prev) / prev, a fraction (0.2 = 20%); null = undefined")
      .key("tax", YUAN, "入库税收 tax entered into the treasury, 元")
      .col("prev_tax", YUAN, "上年入库税收 元")
      .col("tax_growth", RATIO, "入库税收增幅 a fraction; null = undefined")
      .key("specialty_sales", YUAN, "特色产业开票 sales of specialty-industry enterprises, 元")
      .col("specialty_share_pct", RATIO, "特色产业占比 %, null when sales ≤ 0")
      .col("prev_specialty_share_pct", RATIO, "上年特色产业占比 %")
      .col("specialty_share_change_pp", RATIO, "占比增幅 percentage points, share − previous share")
      .col("specialty_share_change_rel", RATIO, "占比相对增幅 relative change (not scored by default)")
      .col("specialty_share_change", RATIO, "the change the rules rank (percentage points by default)")
      .key("above_scale_count", "int", "规上企业数 above-size enterprises")
      .key("new_above_scale_count", "int", "新增规上企业数 newly above-size enterprises")
      .key("above_scale_without_land_count", "int", "无用地规上企业数 above-size enterprises holding no land (data quality finding)")
      .key("above_scale_sales", YUAN, "规上开票销售 元")
      .key("above_scale_tax", YUAN, "规上入库税收 元")
      .key("above_scale_land_m2", "decimal(24,4)", "规上用地 land held at 31 December, m²")
      .key("above_scale_land_mu", "decimal(24,8)", "规上用地 亩 (1 亩 = 10000/15 m²)")
      .col("tax_per_mu", RATIO, "亩均税收 Σ tax / Σ land of above-size enterprises, 元/亩; null when land = 0")
      .col("sales_per_mu", RATIO, "亩均开票销售 元/亩; null when land = 0")
      .col("cultivation_counts", "map<string,bigint>", "企业培育 new items per kind")
      .key("cultivation_points", "decimal(12,4)", "企业培育得分(未封顶) points before the cap")
      .col("talent_counts", "map<string,bigint>", "人才集聚 new talents per programme")
      .key("talent_points", "decimal(12,4)", "人才集聚得分(未封顶) points before the cap")
      .key("tech_upgrade_projects", "int", "技改项目 tech-upgrade projects entering production with equipment ≥ 800万元")
      .key("major_projects", "int", "重大项目 city major projects starting construction")
      .key("investment_points", "decimal(12,4)", "工业投入得分(未封顶) points before the cap")
      .key("factory_floor_m2", "decimal(24,4)", "标准厂房 accepted standard factory floor area, m²")
      .key("revitalized_mu", "decimal(24,4)", "盘活低效用地 revitalised land, 亩")
      .key("capacity_points", "decimal(16,4)", "项目承载得分(未封顶) points before the cap")
      .key("vetoing_incidents", "int", "较大及以上事故 safety/environmental incidents of severity larger or worse")
      .key("run_id", "string", "the run that wrote the row")
      .partitionBy("year")
      .check("sales_per_mu_defined_with_land", "above_scale_land_m2 > 0 OR sales_per_mu IS NULL")
      .build();

  private static final String[][] RANKS = {
    {"sales_growth", "开票销售增幅"}, {"sales", "开票销售总额"}, {"tax_growth", "入库税收增幅"}, {"tax", "入库税收总额"},
    {"specialty_change", "特色产业占比增幅"}, {"specialty_share", "特色产业占比"},
    {"tax_per_mu", "亩均税收"}, {"sales_per_mu", "亩均开票销售"},
  };

  public static final TableDef ZONE_SCORES;

  static {
    TableDef.Builder b = new TableDef.Builder("gold", "zone_scores",
        "集中区指标得分 each indicator's rank(s) and score, per zone and year")
        .key("year", "int", "年度 evaluation year")
        .key("zone_id", "string", "集中区编号 zone id")
        .key("zone_type", "string", "类型 KEY / OPTIMIZED: the group ranked together");
    for (String[] r : RANKS) {
      b.key("rank_" + r[0], "int", r[1] + "排名 rank within (year, zone type); ties share a rank (1,1,3)");
      b.key("rankscore_" + r[0], SCORE, r[1] + "排名得分 points");
    }
    b.key("cultivation_points", "decimal(12,4)", "企业培育 points before the cap")
        .key("talent_points", "decimal(12,4)", "人才集聚 points before the cap")
        .key("investment_points", "decimal(12,4)", "工业投入 points before the cap")
        .key("capacity_points", "decimal(16,4)", "项目承载 points before the cap");
    scoreColumns(b);
    ZONE_SCORES = b.key("run_id", "string", "the run that wrote the row").partitionBy("year").build();
  }

  private static void scoreColumns(TableDef.Builder b) {
    b.key("score_scale", SCORE, "规模总量得分 points (of 10)")
        .key("score_tax", SCORE, "税收贡献得分 points (of 10)")
        .key("score_specialty", SCORE, "特色发展得分 points (of 20)")
        .key("score_per_mu", SCORE, "亩均产出得分 points (of 20)")
        .key("score_cultivation", SCORE, "企业培育得分 points (of 10)")
        .key("score_talent", SCORE, "人才集聚得分 points (of 10)")
        .key("score_investment", SCORE, "工业投入得分 points (of 10)")
        .key("score_capacity", SCORE, "项目承载得分 points (of 10)")
        .key("total_score", SCORE, "综合评价得分 total points (of 100)");
  }

  public static final TableDef ZONE_RESULTS;

  static {
    TableDef.Builder b = new TableDef.Builder("gold", "zone_results",
        "综合评价结果 the evaluation result per zone and year: scores, final order, prizes, interview")
        .key("year", "int", "年度 evaluation year")
        .key("zone_id", "string", "集中区编号 zone id")
        .key("zone_name", "string", "集中区名称 zone name")
        .key("county", "string", "县(市、区) county")
        .key("zone_type", "string", "类型 KEY = 重点发展型, OPTIMIZED = 优化发展型");
    scoreColumns(b);
    ZONE_RESULTS = b
        .key("vetoed", "boolean", "否决 a larger-or-worse incident this year: placed last of the group")
        .col("veto_reason", "string", "否决原因")
        .key("award_eligible", "boolean", "参评优 may receive an award (not vetoed, county has a policy)")
        .col("ineligible_reason", "string", "不参加评优原因")
        .key("final_rank", "int", "综合排名 place in the final order of the (year, type) group, 1 = best")
        .key("group_size", "int", "zones in the (year, type) group")
        .key("decided_by_tie_break", "boolean", "并列 the zone's total equals another's: order decided by tax per mu, then zone id")
        .col("award_prize", "int", "奖项 1 = 一等奖, 2 = 二等奖, 3 = 三等奖, null = none")
        .col("award_amount_wan", "decimal(10,2)", "奖励金额 万元")
        .key("interview", "boolean", "约谈 last of the group's final order")
        .key("leadership_adjustment", "boolean", "主要负责人调整 last of its group this year and the year before")
        .key("run_id", "string", "the run that wrote the row")
        .partitionBy("year")
        .check("scale_range", "score_scale BETWEEN 0 AND 10")
        .check("tax_range", "score_tax BETWEEN 0 AND 10")
        .check("specialty_range", "score_specialty BETWEEN 0 AND 20")
        .check("per_mu_range", "score_per_mu BETWEEN 0 AND 20")
        .check("cultivation_range", "score_cultivation BETWEEN 0 AND 10")
        .check("talent_range", "score_talent BETWEEN 0 AND 10")
        .check("investment_range", "score_investment BETWEEN 0 AND 10")
        .check("capacity_range", "score_capacity BETWEEN 0 AND 10")
        .check("total_range", "total_score BETWEEN 0 AND 100")
        .check("prize_only_if_eligible", "award_prize IS NULL OR award_eligible")
        .check("prize_has_amount", "(award_prize IS NULL) = (award_amount_wan IS NULL)")
        .check("rank_in_group", "final_rank BETWEEN 1 AND group_size")
        .check("interview_is_last", "interview = (final_rank = group_size)")
        .build();
  }

  public static final TableDef RUNS = new TableDef.Builder("gold", "runs",
      "运行记录 one row per evaluation run: what went in and which table versions it wrote")
      .key("run_id", "string", "run id")
      .key("started_at", "timestamp", "start (UTC)")
      .key("finished_at", "timestamp", "end (UTC)")
      .key("years", "array<int>", "years written")
      .key("input_dir", "string", "input folder")
      .col("inputs", "array<struct<file:string,path:string,size_bytes:bigint,sha256:string,charset:string,"
          + "rows_read:bigint,accepted:bigint,rejected:bigint>>", "input files with sizes, checksums and counts")
      .key("rules_name", "string", "rules name")
      .key("rules_sha256", "string", "SHA-256 of the rules file")
      .col("rules_file", "string", "rules file path (null = bundled default)")
      .key("code_version", "string", "zone-eval version")
      .col("table_versions", "map<string,bigint>", "Delta version of every table this run wrote")
      .build();

  /** Every table, in the order a run writes them. */
  public static List<TableDef> all(Rules rules) {
    List<TableDef> all = new ArrayList<>();
    for (RawFile f : RawFile.values()) {
      all.add(bronze(f));
    }
    all.add(DELIVERIES);
    for (RawFile f : RawFile.values()) {
      all.add(silver(f, rules));
    }
    all.add(ENTERPRISE_YEAR);
    all.add(REJECTS);
    all.add(ZONE_METRICS);
    all.add(ZONE_SCORES);
    all.add(ZONE_RESULTS);
    all.add(RUNS);
    return all;
  }
}
