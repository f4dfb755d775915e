package io.zoneeval.evaluate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a tiny zone-metrics frame, one zone-year per {@link Zone}, holding only what the scoring
 * reads; every figure defaults to zero/undefined and a test sets the ones its rule is about.
 */
final class MetricsFrame {
  static final StructType SCHEMA = new StructType()
      .add("year", DataTypes.IntegerType, false)
      .add("zone_id", DataTypes.StringType, false)
      .add("zone_type", DataTypes.StringType, false)
      .add("county_has_policy", DataTypes.BooleanType, false)
      .add("sales_growth", ExactMath.RATIO)
      .add("sales", DataTypes.createDecimalType(20, 2))
      .add("tax_growth", ExactMath.RATIO)
      .add("tax", DataTypes.createDecimalType(20, 2))
      .add("specialty_share_change", ExactMath.RATIO)
      .add("specialty_share_pct", ExactMath.RATIO)
      .add("tax_per_mu", ExactMath.RATIO)
      .add("sales_per_mu", ExactMath.RATIO)
      .add("cultivation_points", DataTypes.createDecimalType(12, 4))
      .add("talent_points", DataTypes.createDecimalType(12, 4))
      .add("investment_points", DataTypes.createDecimalType(12, 4))
      .add("capacity_points", DataTypes.createDecimalType(16, 4))
      .add("vetoing_incidents", DataTypes.IntegerType)
      .add(ZoneMetrics.rankKey("sales_growth"), ExactMath.RANK_KEY)
      .add(ZoneMetrics.rankKey("tax_growth"), ExactMath.RANK_KEY)
      .add(ZoneMetrics.rankKey("specialty_share_change"), ExactMath.RANK_KEY)
      .add(ZoneMetrics.rankKey("specialty_share_pct"), ExactMath.RANK_KEY)
      .add(ZoneMetrics.rankKey("tax_per_mu"), ExactMath.RANK_KEY)
      .add(ZoneMetrics.rankKey("sales_per_mu"), ExactMath.RANK_KEY)
      .add("county_policy_missing", DataTypes.BooleanType, false);

  /** Each ratio's position, and the position of its rank key, which the ratio's value gives. */
  private static final java.util.Map<Integer, Integer> KEY_OF = java.util.Map.of(4, 17, 6, 18, 8, 19, 9, 20, 10, 21,
      11, 22);

  /** One zone-year; fluent setters, amounts as decimal strings ("0.2" = 20 % growth). */
  static final class Zone {
    final Object[] v = new Object[SCHEMA.size()];

    Zone(int year, String id, String type) {
      v[0] = year;
      v[1] = id;
      v[2] = type;
      v[3] = true;
      v[5] = BigDecimal.ZERO;
      v[7] = BigDecimal.ZERO;
      v[12] = BigDecimal.ZERO;
      v[13] = BigDecimal.ZERO;
      v[14] = BigDecimal.ZERO;
      v[15] = BigDecimal.ZERO;
      v[16] = 0;
      v[23] = false;
    }

    private Zone set(int i, String value) {
      v[i] = value == null ? null : new BigDecimal(value);
      if (KEY_OF.containsKey(i)) {
        v[KEY_OF.get(i)] = ExactMath.rankKey((BigDecimal) v[i]);
      }
      return this;
    }

    /** A ratio given as the exact fraction num/den: shown rounded to 18 decimals, ranked exactly. */
    private Zone fraction(int i, long num, long den) {
      ExactMath.Fraction f = new ExactMath.Fraction(java.math.BigInteger.valueOf(num), java.math.BigInteger.valueOf(den));
      v[i] = f.shown();
      v[KEY_OF.get(i)] = f.key();
      return this;
    }

    Zone salesGrowth(String g) { return set(4, g); }
    Zone sales(String s) { return set(5, s); }
    Zone taxGrowth(String g) { return set(6, g); }
    Zone tax(String s) { return set(7, s); }
    Zone shareChange(String s) { return set(8, s); }
    Zone share(String s) { return set(9, s); }
    Zone taxPerMu(String s) { return set(10, s); }
    Zone salesPerMu(String s) { return set(11, s); }
    Zone salesGrowth(long num, long den) { return fraction(4, num, den); }
    Zone taxPerMu(long num, long den) { return fraction(10, num, den); }
    Zone cultivation(String p) { return set(12, p); }
    Zone talent(String p) { return set(13, p); }
    Zone investment(String p) { return set(14, p); }
    Zone capacity(String p) { return set(15, p); }

    Zone incidents(int n) {
      v[16] = n;
      return this;
    }

    Zone noPolicy() {
      v[3] = false;
      return this;
    }

    /** The county has no row in county_policies.csv this year (and so, by default rules, no policy). */
    Zone policyMissing() {
      v[3] = false;
      v[23] = true;
      return this;
    }
  }

  static Zone zone(int year, String id, String type) {
    return new Zone(year, id, type);
  }

  static Dataset<Row> of(SparkSession spark, Zone... zones) {
    List<Row> rows = new ArrayList<>();
    for (Zone z : zones) {
      rows.add(RowFactory.create(z.v));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
