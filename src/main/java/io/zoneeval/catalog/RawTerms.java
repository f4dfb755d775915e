package io.zoneeval.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * The Chinese term and meaning of every column of the input contract (evaluation-method.md, "Inputs"),
 * shared by the comments of its bronze (raw text) and silver (typed) columns.
 */
final class RawTerms {
  private RawTerms() {}

  private record Term(String term, String meaning) {}

  private static final Map<String, Term> BY_FILE_COLUMN = new HashMap<>();
  private static final Map<String, Term> BY_COLUMN = new HashMap<>();

  private static void any(String column, String term, String meaning) {
    BY_COLUMN.put(column, new Term(term, meaning));
  }

  private static void of(RawFile file, String column, String term, String meaning) {
    BY_FILE_COLUMN.put(file.name() + "." + column, new Term(term, meaning));
  }

  static {
    any("year", "年度", "the year the row applies to");
    any("zone_id", "集中区编号", "zone id, as in zones.csv");
    any("zone_name", "集中区名称", "zone name");
    any("county", "县(市、区)", "county or district");
    any("uscc", "统一社会信用代码", "unified social credit code of the enterprise (GB 32100-2015)");
    of(RawFile.ZONES, "zone_type", "集中区类型", "KEY = 重点发展型, OPTIMIZED = 优化发展型");
    of(RawFile.ZONES, "specialty_industries", "特色产业", "GB/T 4754 industry code prefixes of the zone's specialty industries");
    of(RawFile.COUNTY_POLICIES, "has_policy", "配套政策", "the county had a supporting policy in the year");
    of(RawFile.ENTERPRISES, "year", "年度", "the roster's year");
    of(RawFile.ENTERPRISES, "name", "企业名称", "enterprise name");
    of(RawFile.ENTERPRISES, "zone_id", "所属集中区", "the zone the enterprise belongs to in the year");
    of(RawFile.ENTERPRISES, "industry_code", "行业代码", "GB/T 4754 industry code, e.g. C3811");
    of(RawFile.ENTERPRISES, "above_scale", "规上企业", "above designated size (规模以上) in the year");
    of(RawFile.INVOICES, "invoice_id", "发票编号", "VAT invoice id");
    of(RawFile.INVOICES, "seller_uscc", "销方统一社会信用代码", "USCC of the issuing enterprise");
    of(RawFile.INVOICES, "issue_date", "开票日期", "issue date: the invoice counts in its year");
    of(RawFile.INVOICES, "amount", "金额", "amount excluding VAT; a red-letter invoice counts negative");
    of(RawFile.INVOICES, "tax_amount", "税额", "VAT on the invoice (not used in the evaluation)");
    of(RawFile.INVOICES, "status", "发票状态", "normal, red (红字, counts negative) or void (作废, counts nothing)");
    of(RawFile.TAX_PAYMENTS, "payment_id", "入库流水号", "treasury entry id");
    of(RawFile.TAX_PAYMENTS, "tax_type", "税种", "tax type (增值税, 企业所得税…); all count");
    of(RawFile.TAX_PAYMENTS, "entry_date", "入库日期", "treasury entry date: the amount counts in its year");
    of(RawFile.TAX_PAYMENTS, "amount", "入库金额", "amount entered; refunds (退库) negative");
    of(RawFile.LAND_PARCELS, "parcel_id", "地块编号", "land parcel id (one row per holding: a transferred parcel repeats)");
    of(RawFile.LAND_PARCELS, "holder_uscc", "用地单位", "USCC of the holder");
    of(RawFile.LAND_PARCELS, "area_m2", "用地面积", "area of the parcel");
    of(RawFile.LAND_PARCELS, "acquired_date", "取得日期", "date the holder acquired the parcel");
    of(RawFile.LAND_PARCELS, "released_date", "退出日期", "date the holder released it; empty while held");
    of(RawFile.RECOGNITIONS, "kind", "认定类型", "listed 上市, little_giant 专精特新小巨人, neeq 新三板, unicorn 独角兽, "
        + "unicorn_cultivation, gazelle 瞪羚, high_tech 高新技术企业, unicorn_seed, gazelle_cultivation, tech_attracted");
    of(RawFile.RECOGNITIONS, "recognized_date", "认定日期", "date of the recognition: it counts in its year if new");
    of(RawFile.TALENTS, "talent_id", "人才编号", "talent award id");
    of(RawFile.TALENTS, "employer_uscc", "用人单位", "USCC of the employer");
    of(RawFile.TALENTS, "program", "人才计划", "national, js_innovation_team, js_innovation_talent (江苏双创), "
        + "lvyang_leading, lvyang_phd (绿扬金凤)");
    of(RawFile.TALENTS, "awarded_date", "入选日期", "date of the award: it counts in its year");
    of(RawFile.PROJECTS, "project_id", "项目编号", "investment project id");
    of(RawFile.PROJECTS, "kind", "项目类型", "tech_upgrade (技改) or major (市重大产业项目)");
    of(RawFile.PROJECTS, "equipment_investment", "设备投资", "equipment investment of a tech-upgrade project");
    of(RawFile.PROJECTS, "construction_start_date", "开工日期", "construction start: a major project scores in its year");
    of(RawFile.PROJECTS, "production_start_date", "投产日期", "production start: a tech-upgrade project scores in its year");
    of(RawFile.STANDARD_FACTORIES, "factory_id", "厂房编号", "standard factory id");
    of(RawFile.STANDARD_FACTORIES, "floor_area_m2", "建筑面积", "floor area of the standard factory");
    of(RawFile.STANDARD_FACTORIES, "accepted_date", "验收日期", "acceptance date: it counts in its year");
    of(RawFile.LAND_REVITALIZATIONS, "record_id", "记录编号", "revitalisation record id");
    of(RawFile.LAND_REVITALIZATIONS, "area_mu", "盘活面积", "area of inefficient land revitalised");
    of(RawFile.LAND_REVITALIZATIONS, "completed_date", "完成日期", "completion date: it counts in its year");
    of(RawFile.INCIDENTS, "incident_id", "事故编号", "incident id");
    of(RawFile.INCIDENTS, "kind", "事故类型", "safety (安全生产) or environment (环境)");
    of(RawFile.INCIDENTS, "severity", "事故等级", "general 一般, larger 较大, major 重大, especially_major 特别重大");
    of(RawFile.INCIDENTS, "occurred_date", "发生日期", "date the incident occurred");
  }

  private static Term lookup(RawFile file, String column) {
    Term t = BY_FILE_COLUMN.get(file.name() + "." + column);
    if (t == null) {
      t = BY_COLUMN.get(column);
    }
    if (t == null) {
      throw new IllegalStateException("no term for column " + column + " of " + file.fileName());
    }
    return t;
  }

  static String term(RawFile file, String column) {
    return lookup(file, column).term();
  }

  static String meaning(RawFile file, String column) {
    return lookup(file, column).meaning();
  }
}
