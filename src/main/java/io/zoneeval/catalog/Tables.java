package io.zoneeval.catalog;

import io.zoneeval.rules.Indicator;
import io.zoneeval.rules.Rules;
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
    for (RawColumn f : file.typedColumns(rules)) {
      boolean optional = f.optional() && f.kind() != RawColumn.Kind.SPECIALTIES;
      String comment = RawTerms.term(file, f.name()) + " " + RawTerms.meaning(file, f.name())
          + switch (f.kind()) {
            case USCC -> ", trimmed and upper-cased";
            case ZONE_TYPE -> ", read from 重点发展型 / 优化发展型";
            case AMOUNT, OPTIONAL_AMOUNT, OPTIONAL_NON_NEGATIVE_AMOUNT -> " [元]";
            case AREA -> f.name().endsWith("_mu") ? " [亩]" : " [m²]";
            default -> "";
          };
      String type = f.sparkType().sql().toLowerCase(java.util.Locale.ROOT);
      if (optional) {
        b.col(f.name(), type, comment);
      } else {
        b.key(f.name(), type, comment);
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

  /** The tiers of the enterprise per-mu evaluation, as many as the rules' cut-offs give. */
  private static final String TIERS = "'A', 'B', 'C', 'D'";

  public static final TableDef ENTERPRISE_TIERS = enterpriseTiers(Rules.defaults());

  /**
   * The enterprise per-mu evaluation (亩均论英雄): every enterprise of a year's roster, rated or why not,
   * its score against its county's benchmarks, rank and tier. Enterprise level: confidential, never
   * published (like gold.enterprise_year); gold.zone_tier_mix is its zone-level summary.
   */
  public static TableDef enterpriseTiers(Rules rules) {
    Rules.Enterprise e = rules.enterprise();
    String scope = e.benchmarkScope() == Rules.BenchmarkScope.CITY ? "the city's" : "the county's";
    return gold("enterprise_tiers",
        "企业亩均评价 one row per enterprise of a year's roster: rated or why not, per-mu figures, score, rank "
            + "within its county and tier A–D (confidential: never published)")
        .key("year", "int", "年度 evaluation year")
        .key("uscc", "string", "统一社会信用代码 USCC")
        .key("zone_id", "string", "所属集中区 zone of the enterprise in this year's roster")
        .key("county", "string", "县(市、区) county of that zone: enterprises are ranked within (year, county)")
        .key("above_scale", "boolean", "规上企业 above designated size in this year's roster")
        .key("land_mu", "decimal(24,8)", "用地亩数 land held at 31 December, 1 亩 = 10000/15 m² exactly [亩]")
        .key("tax", YUAN, "入库税收 the enterprise's tax of the year, as the zone metrics count it [元]")
        .key("sales", YUAN, "开票销售 the enterprise's invoice sales of the year, as the zone metrics count them [元]")
        .col("tax_per_mu", RATIO, "亩均税收 tax ÷ land_mu; null without land [元/亩]")
        .col("sales_per_mu", RATIO, "亩均开票销售 sales ÷ land_mu; null without land [元/亩]")
        .col("bench_tax_per_mu", RATIO, "亩均税收基准 Σ tax ÷ Σ land_mu of " + scope + " rated enterprises "
            + "(an aggregate ratio); null when none is rated [元/亩]")
        .col("bench_sales_per_mu", RATIO, "亩均销售基准 Σ sales ÷ Σ land_mu of " + scope + " rated enterprises; "
            + "null when none is rated [元/亩]")
        .key("rated", "boolean", "参评 land > 0, not new on its land, and above-size or with at least "
            + e.minLandMuBelowSize().stripTrailingZeros().toPlainString() + " 亩")
        .col("not_rated_reason", "string", "不参评原因 the first that applies: no_land, new_enterprise (every "
            + "parcel held acquired in the last " + e.newEnterpriseYears() + " calendar years), "
            + "below_size_small_land; null when rated")
        .col("score", "decimal(10,2)", "亩均效益得分 " + num(e.taxWeight()) + " × min(tax_per_mu ÷ benchmark, "
            + num(e.cap()) + ") + " + num(e.salesWeight()) + " × min(sales_per_mu ÷ benchmark, " + num(e.cap())
            + "), each term at least 0 and 0 when its benchmark ≤ 0; exact, rounded half-up; null when not "
            + "rated [points]")
        .col("county_rank", "int", "县内排名 rank of the score among the county's rated enterprises, highest first; "
            + "ties share a rank (1, 1, 3) [名次]")
        .col("tier", "string", "亩均分档 A: 100 × rank ≤ " + e.tierCutoffsPct().get(0) + " × n, B: ≤ "
            + e.tierCutoffsPct().get(1) + " × n, C: ≤ " + e.tierCutoffsPct().get(2) + " × n, else D (n the "
            + "county's rated enterprises); D when forced_d; null when not rated")
        .key("forced_d", "boolean", "强制D档 rated, and tax_per_mu ≤ " + num(e.dFloorTaxPerMuYuan())
            + " 元/亩: D whatever its rank (it still counts in n and keeps its rank)")
        .key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)")
        .partitionBy("year")
        .property(STATS_COLUMNS, "zone_id")
        .check("tier_known", "tier IS NULL OR tier IN (" + TIERS + ")")
        .check("reason_known", "not_rated_reason IS NULL OR not_rated_reason IN "
            + "('no_land', 'new_enterprise', 'below_size_small_land')")
        .check("rated_has_tier", "rated = (tier IS NOT NULL) AND rated = (score IS NOT NULL) "
            + "AND rated = (county_rank IS NOT NULL) AND rated = (not_rated_reason IS NULL)")
        .check("rated_has_land", "land_mu >= 0 AND (NOT rated OR land_mu > 0)")
        .check("forced_d_is_d", "NOT forced_d OR (rated AND tier = 'D')")
        .check("score_range", "score IS NULL OR score BETWEEN 0 AND " + num(e.maxScore()))
        .check("rank_positive", "county_rank IS NULL OR county_rank >= 1")
        .groupCheck("one_row_per_enterprise_year", List.of("year", "uscc"), "count(*) = 1")
        .groupCheck("ranks_within_the_rated", List.of("year", "county"),
            "coalesce(max(county_rank), 0) <= count_if(rated)")
        .build();
  }

  /** Zone level (publishable): how many of a zone's enterprises fell in each tier. */
  public static final TableDef ZONE_TIER_MIX = gold("zone_tier_mix",
      "集中区亩均分档 one row per zone and year: its enterprises by per-mu tier, and the land of its D enterprises")
      .key("year", "int", "年度 evaluation year")
      .key("zone_id", "string", "集中区编号 zone id")
      .key("rated", "int", "参评企业数 enterprises rated [个]")
      .key("a", "int", "亩均A档企业数 rated enterprises in tier A [个]")
      .key("b", "int", "亩均B档企业数 rated enterprises in tier B [个]")
      .key("c", "int", "亩均C档企业数 rated enterprises in tier C [个]")
      .key("d", "int", "亩均D档企业数 rated enterprises in tier D, forced_d included [个]")
      .key("not_rated", "int", "未参评企业数 enterprises of the roster not rated [个]")
      .key("land_mu_d", "decimal(24,8)", "亩均D档用地 land held at 31 December by the zone's D enterprises [亩]")
      .col("share_land_d", RATIO, "亩均D档用地占比 land_mu_d ÷ land of the zone's rated enterprises; null when that "
          + "is 0 [比值 fraction, 0.2 = 20%]")
      .key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)")
      .partitionBy("year")
      .check("tiers_add_up", "rated = a + b + c + d")
      .check("counts_non_negative", "a >= 0 AND b >= 0 AND c >= 0 AND d >= 0 AND not_rated >= 0")
      .check("share_is_a_fraction", "land_mu_d >= 0 AND (share_land_d IS NULL OR share_land_d BETWEEN 0 AND 1)")
      .groupCheck("one_row_per_zone_year", List.of("year", "zone_id"), "count(*) = 1")
      .build();

  /**
   * The bureau's list of low-efficiency land (低效用地) for next year's revitalised-land indicator: parcel
   * holdings and why. Names enterprises: confidential, never published.
   */
  public static final TableDef LAND_CANDIDATES = gold("land_candidates",
      "低效用地候选 one row per parcel holding at 31 December and reason: its holder D two years running, or "
          + "idle (confidential: never published)")
      .key("year", "int", "年度 evaluation year")
      .key("parcel_id", "string", "地块编号 parcel id")
      .key("holder_uscc", "string", "使用权人 USCC of the enterprise holding the parcel")
      .key("acquired_date", "date", "取得日期 when the holder acquired it (with parcel and holder, the holding)")
      .key("zone_id", "string", "所属集中区 zone of the holder in this year's roster")
      .key("area_mu", "decimal(24,8)", "面积 the parcel's area, 1 亩 = 10000/15 m² exactly [亩]")
      .key("reason", "string", "原因 d_two_years: the holder is in tier D this year and the year before (that "
          + "year's tier from its records by the same rules); idle: the holder is on the roster, not "
          + "new_enterprise, and has no sales (≤ 0) this year")
      .key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)")
      .partitionBy("year")
      .check("reason_known", "reason IN ('d_two_years', 'idle')")
      .check("area_non_negative", "area_mu >= 0")
      .groupCheck("one_row_per_holding_and_reason",
          List.of("year", "parcel_id", "holder_uscc", "acquired_date", "reason"), "count(*) = 1")
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

  private static String num(java.math.BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /** The range CHECKs of the indicator scores and the total, from the rules' full marks and caps. */
  private static void scoreChecks(TableDef.Builder b, Rules rules, List<Indicator> indicators) {
    for (Indicator in : indicators) {
      b.check(in.name() + "_range", in.scoreColumn() + " BETWEEN 0 AND " + num(in.full().apply(rules)));
    }
    b.check("total_range", "total_score BETWEEN 0 AND "
        + num(Indicator.fullTotal(indicators, rules).min(java.math.BigDecimal.valueOf(100))));
    b.check("total_is_sum", "total_score = " + String.join(" + ", indicators.stream().map(Indicator::scoreColumn)
        .toList()));
  }

  /** One row per zone and year. */
  private static void oneRowPerZoneYear(TableDef.Builder b) {
    b.groupCheck("one_row_per_zone_year", List.of("year", "zone_id"), "count(*) = 1");
  }

  public static final TableDef ZONE_SCORES = zoneScores(Rules.defaults());

  /** gold.zone_scores, its CHECKs bounded by the rules' full marks. */
  public static TableDef zoneScores(Rules rules) {
    return zoneScores(rules, Indicator.ALL);
  }

  /** gold.zone_scores of a registry of indicators: each one's rank(s) and points, its score, the total. */
  public static TableDef zoneScores(Rules rules, List<Indicator> indicators) {
    TableDef.Builder b = gold("zone_scores",
        "集中区指标得分 each indicator's rank(s) and score, per zone and year")
        .key("year", "int", "年度 evaluation year")
        .key("zone_id", "string", "集中区编号 zone id")
        .key("zone_type", "string", "集中区类型 KEY = 重点发展型, OPTIMIZED = 优化发展型: the group ranked together");
    for (Indicator in : indicators) {
      for (Indicator.RankedMetric m : in.ranked()) {
        b.key("rank_" + m.rankName(), "int", m.term() + "排名 rank of " + m.meaning() + " within (year, zone type), "
            + "highest first; ties share a rank (1, 1, 3), undefined values rank last [名次]");
        b.key("rankscore_" + m.rankName(), SCORE, m.term() + "排名得分 max(0, F − step × (rank − 1)), F the "
            + "indicator's full mark (default step 0.5) [points]");
      }
    }
    for (Indicator in : indicators) {
      if (in.counted()) {
        b.key(in.points().column(), in.points().type(), in.points().term() + " " + in.name()
            + " points before the cap [points]");
      }
    }
    scoreColumns(b, indicators);
    b.key("run_id", "string", "运行编号 the run that wrote the row (see gold.runs)").partitionBy("year");
    List<String> points = new ArrayList<>();
    for (Indicator in : indicators) {
      for (Indicator.RankedMetric m : in.ranked()) {
        b.check("rank_" + m.rankName() + "_positive", "rank_" + m.rankName() + " >= 1");
        b.check("rankscore_" + m.rankName() + "_range", "rankscore_" + m.rankName() + " BETWEEN 0 AND "
            + num(in.full().apply(rules)));
      }
      if (in.counted()) {
        points.add(in.points().column() + " >= 0");
      }
    }
    if (!points.isEmpty()) {
      b.check("points_non_negative", String.join(" AND ", points));
    }
    scoreChecks(b, rules, indicators);
    oneRowPerZoneYear(b);
    return b.build();
  }

  /** The indicator scores and the total, as the registry declares them (the default rules in the words). */
  private static void scoreColumns(TableDef.Builder b, List<Indicator> indicators) {
    Rules defaults = Rules.defaults();
    for (Indicator in : indicators) {
      b.key(in.scoreColumn(), SCORE, in.shortTerm() + "得分 " + in.term() + ": " + in.scoring().apply(defaults)
          + " (default rules, of " + num(in.full().apply(defaults)) + ") [points]");
    }
    b.key("total_score", SCORE, "综合评价得分 the sum of the " + indicators.size() + " indicator scores, of "
        + num(Indicator.fullTotal(indicators, defaults)) + " [points]");
  }

  public static final TableDef ZONE_RESULTS = zoneResults(Rules.defaults());

  /**
   * gold.zone_results with its CHECKs: score ranges from the rules' full marks, prizes only for eligible
   * zones and only as the rules give them, and, over each (year, type) group, one interview, distinct
   * ranks and no more prizes of each kind than the rules have.
   */
  public static TableDef zoneResults(Rules rules) {
    return zoneResults(rules, Indicator.ALL);
  }

  /** gold.zone_results of a registry of indicators. */
  public static TableDef zoneResults(Rules rules, List<Indicator> indicators) {
    TableDef.Builder b = gold("zone_results",
        "综合评价结果 the evaluation result per zone and year: scores, final order, prizes, interview")
        .key("year", "int", "年度 evaluation year")
        .key("zone_id", "string", "集中区编号 zone id")
        .key("zone_name", "string", "集中区名称 zone name")
        .key("county", "string", "县(市、区) county or district of the zone")
        .key("zone_type", "string", "集中区类型 KEY = 重点发展型, OPTIMIZED = 优化发展型: zones are ranked within (year, type)");
    scoreColumns(b, indicators);
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
    scoreChecks(b, rules, indicators);
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
    return List.of(ENTERPRISE_YEAR, enterpriseTiers(rules), ZONE_TIER_MIX, LAND_CANDIDATES, ZONE_METRICS,
        zoneScores(rules), zoneResults(rules), RUNS, PUBLICATIONS);
  }

  /** Every table of the warehouse, in the order data flows through them. */
  public static List<TableDef> all(Rules rules) {
    List<TableDef> all = new ArrayList<>(ingestTables(rules));
    all.addAll(goldTables(rules));
    return all;
  }
}
