package io.zoneeval.samples;

import java.util.List;

/** The fixed reference data behind the samples: counties, zones, industries, name parts. */
final class Catalog {
  private Catalog() {}

  static final String KEY = "重点发展型";
  static final String OPTIMIZED = "优化发展型";

  /** A county (县/市/区) or functional zone, with the 6-digit division code used in USCCs. */
  record County(String name, String code, String namePrefix) {}

  static final List<County> COUNTIES =
      List.of(
          new County("宝应县", "321023", "宝应"),
          new County("高邮市", "321084", "高邮"),
          new County("仪征市", "321081", "仪征"),
          new County("江都区", "321012", "扬州市江都区"),
          new County("邗江区", "321003", "扬州市邗江区"),
          new County("广陵区", "321002", "扬州市广陵区"),
          new County("扬州经济技术开发区", "321000", "扬州"),
          new County("生态科技新城", "321000", "扬州"));

  /**
   * One zone of the catalogue.
   *
   * @param typeChar 'K' (重点发展型), 'O' (优化发展型) or 'C' (优化发展型 in the first year, then 重点发展型)
   * @param newInLastYear whether the zone exists only in the last year
   * @param baseYi sales of the zone in its first year, in 亿元 (100 million yuan)
   * @param growth mean yearly sales growth
   * @param taxRatio tax entered ÷ sales
   * @param salesPerMuWan sales per mu of land of its above-size enterprises, in 万元
   * @param specialtyFraction share of its enterprises whose industry is one of its specialties
   */
  record ZoneDef(
      String id,
      String county,
      String shortName,
      char typeChar,
      boolean newInLastYear,
      String specialties,
      double baseYi,
      double growth,
      double taxRatio,
      double salesPerMuWan,
      double specialtyFraction) {
    String name() {
      return county + shortName + "工业集中区";
    }
  }

  static final List<ZoneDef> ZONES =
      List.of(
          z("YZ01", "宝应县", "安宜", 'K', "C38", 130, 0.08, 0.035, 420, 0.75),
          z("YZ02", "宝应县", "氾水", 'O', "C33;C34", 35, 0.06, 0.030, 300, 0.70),
          z("YZ03", "宝应县", "射阳湖", 'O', "C13;C14", 18, 0.04, 0.025, 260, 0.80),
          z("YZ04", "宝应县", "曹甸", 'O', "C17;C18", 12, 0.02, 0.022, 220, 0.65),
          z("YZ05", "高邮市", "城南", 'K', "C38;C39", 110, 0.10, 0.040, 480, 0.80),
          z("YZ06", "高邮市", "送桥", 'O', "C33", 25, 0.05, 0.030, 300, 0.60),
          z("YZ07", "高邮市", "菱塘", 'O', "C13;C29", 15, 0.07, 0.028, 280, 0.60),
          z("YZ08", "高邮市", "临泽", 'O', "C34", 20, 0.03, 0.030, 260, 0.70),
          z("YZ09", "仪征市", "真州", 'K', "C36", 160, 0.20, 0.060, 900, 0.90),
          z("YZ10", "仪征市", "新城", 'K', "C26;C28", 90, 0.06, 0.045, 520, 0.75),
          z("YZ11", "仪征市", "马集", 'O', "C33", 10, 0.03, 0.025, 200, 0.55),
          z("YZ12", "仪征市", "刘集", 'O', "C30;C34", 14, 0.05, 0.028, 240, 0.60),
          z("YZ13", "江都区", "大桥", 'K', "C37", 140, 0.12, 0.035, 600, 0.85),
          z("YZ14", "江都区", "邵伯", 'K', "C34;C35", 60, 0.07, 0.038, 400, 0.70),
          z("YZ15", "江都区", "丁沟", 'O', "C29", 22, 0.04, 0.030, 280, 0.65),
          z("YZ16", "江都区", "小纪", 'O', "C33", 16, 0.03, 0.027, 240, 0.60),
          z("YZ17", "江都区", "真武", 'C', "C38;C33", 45, 0.15, 0.035, 380, 0.70),
          z("YZ18", "邗江区", "方巷", 'O', "C35", 12, 0.06, 0.032, 260, 0.60),
          z("YZ19", "邗江区", "公道", 'K', "C34", 55, 0.05, 0.034, 360, 0.70),
          z("YZ20", "邗江区", "槐泗", 'K', "C39;C40", 70, 0.11, 0.042, 520, 0.75),
          z("YZ21", "邗江区", "瓜洲", 'O', "C37;C33", 20, 0.05, 0.030, 300, 0.60),
          z("YZ22", "广陵区", "头桥", 'K', "C35;C27", 80, 0.13, 0.050, 560, 0.80),
          z("YZ23", "广陵区", "沙头", 'O', "C33", 9, -0.04, 0.022, 180, 0.50),
          z("YZ24", "广陵区", "李典", 'O', "C34;C38", 30, 0.06, 0.032, 320, 0.65),
          z("YZ25", "扬州经济技术开发区", "朴席", 'K', "C38;C39", 120, 0.09, 0.045, 700, 0.80),
          z("YZ26", "扬州经济技术开发区", "八里", 'K', "C34;C36", 50, 0.04, 0.036, 380, 0.70),
          z("YZ27", "生态科技新城", "杭集", 'K', "C41;C26", 65, 0.05, 0.040, 450, 0.85),
          new ZoneDef("YZ28", "生态科技新城", "泰安", 'O', true, "C39", 8, 0.0, 0.030, 300, 0.60));

  private static ZoneDef z(
      String id, String county, String shortName, char type, String spec, double baseYi,
      double growth, double taxRatio, double perMu, double specFrac) {
    return new ZoneDef(id, county, shortName, type, false, spec, baseYi, growth, taxRatio, perMu, specFrac);
  }

  /** A GB/T 4754-2017 manufacturing division: its 4-digit classes and words used in company names. */
  record Industry(String prefix, List<String> codes, List<String> words, int vatPercent) {}

  static final List<Industry> INDUSTRIES =
      List.of(
          ind("C13", 9, List.of("C1311", "C1331", "C1351", "C1371", "C1391"), "食品", "粮油", "农产品"),
          ind("C14", 13, List.of("C1411", "C1431", "C1461", "C1495"), "食品", "调味品"),
          ind("C15", 13, List.of("C1512", "C1515", "C1524"), "酒业", "饮料"),
          ind("C17", 13, List.of("C1711", "C1713", "C1752", "C1762"), "纺织", "织造"),
          ind("C18", 13, List.of("C1811", "C1819", "C1830"), "服饰", "制衣"),
          ind("C22", 13, List.of("C2221", "C2231", "C2239"), "纸业", "包装"),
          ind("C24", 13, List.of("C2411", "C2431", "C2451"), "文体用品", "工艺品"),
          ind("C26", 13, List.of("C2614", "C2641", "C2662", "C2682"), "化工", "新材料", "日化"),
          ind("C27", 13, List.of("C2710", "C2720", "C2770"), "医药", "药业"),
          ind("C28", 13, List.of("C2821", "C2822", "C2826"), "化纤", "纤维"),
          ind("C29", 13, List.of("C2911", "C2922", "C2927", "C2929"), "塑业", "橡塑", "塑胶"),
          ind("C30", 13, List.of("C3021", "C3041", "C3062", "C3089"), "建材", "玻璃"),
          ind("C31", 13, List.of("C3120", "C3130", "C3140"), "钢业", "特钢"),
          ind("C32", 13, List.of("C3240", "C3251", "C3252"), "铝业", "铜业", "金属材料"),
          ind("C33", 13, List.of("C3311", "C3331", "C3351", "C3360", "C3399"), "金属制品", "五金", "钢结构"),
          ind("C34", 13, List.of("C3411", "C3441", "C3443", "C3451", "C3484"), "机械", "阀门", "泵业", "轴承"),
          ind("C35", 13, List.of("C3511", "C3531", "C3581", "C3584", "C3586"), "医疗器械", "机械设备", "专用设备"),
          ind("C36", 13, List.of("C3611", "C3660", "C3670"), "汽车零部件", "汽车部件", "车辆"),
          ind("C37", 13, List.of("C3716", "C3731", "C3735", "C3737"), "船舶", "船舶配件", "海工"),
          ind("C38", 13, List.of("C3811", "C3825", "C3831", "C3841", "C3872"), "电气", "电缆", "新能源", "照明", "电器"),
          ind("C39", 13, List.of("C3919", "C3972", "C3973", "C3976", "C3982"), "电子", "半导体", "微电子", "光电"),
          ind("C40", 13, List.of("C4011", "C4014", "C4016", "C4040"), "仪表", "仪器", "自动化"),
          ind("C41", 13, List.of("C4111", "C4119", "C4190"), "刷业", "日用品", "旅游用品"),
          ind("C42", 13, List.of("C4210", "C4220"), "再生资源", "环保"));

  private static Industry ind(String prefix, int vat, List<String> codes, String... words) {
    return new Industry(prefix, codes, List.of(words), vat);
  }

  static Industry industryOf(String code) {
    for (Industry industry : INDUSTRIES) {
      if (code.startsWith(industry.prefix())) {
        return industry;
      }
    }
    throw new IllegalArgumentException("unknown industry " + code);
  }

  /** Characters for the trade name (字号) part of company names; all of them encodable in GBK. */
  static final String BRAND_CHARS =
      "恒润鑫达华联金源宏泰瑞丰嘉盛天永新昌宇通力博创正德海光明远航富安康佳汇鼎凯腾卓越锦辉诚信众利和"
          + "中亚东方立兴隆宝星曙晨龙凤扬帆亿祥瀚峰茂顺科捷威铭澄晟荣晶宁康久乐江淮邦";

  static final List<String> SUFFIXES = List.of("有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "科技有限公司");

  /** Recognition kinds of the contract with their points (for the manifest only). */
  static final List<String> RECOGNITION_KINDS =
      List.of(
          "listed", "little_giant", "neeq", "unicorn", "unicorn_cultivation", "gazelle", "high_tech",
          "unicorn_seed", "gazelle_cultivation", "tech_attracted");

  static final List<String> TALENT_PROGRAMS =
      List.of("national", "js_innovation_team", "js_innovation_talent", "lvyang_leading", "lvyang_phd");
}
