-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 亩均论英雄 · Enterprise per-mu tiers and low-efficiency land
-- MAGIC
-- MAGIC Every enterprise of the year's roster is rated (参评) when it holds land at 31 December, is not new on
-- MAGIC its land, and is above-size or holds enough land (rules file, section `enterprise`). Its score weighs
-- MAGIC its tax per mu and sales per mu against its county's benchmarks (Σ tax ÷ Σ land of the county's rated
-- MAGIC enterprises), capped; it is ranked within the county and tiered A/B/C/D by the cut-offs (20/60/95 % by
-- MAGIC default), D whatever its rank when it pays no net tax on its land. The land of enterprises D two years
-- MAGIC running, or that sold nothing, is the bureau's list of low-efficiency land (低效用地).
-- MAGIC
-- MAGIC **Confidential**: gold.enterprise_tiers and gold.land_candidates name enterprises; only the zone-level
-- MAGIC tier mix (gold.zone_tier_mix) goes into the bureau's workbook.
-- MAGIC
-- MAGIC Default zone: the zone with the most land in tier D; default county: that zone's. Here:
-- MAGIC `bin/zone-eval notebook notebooks-exported/08-enterprise-tiers.sql --var zone=YZ09 [--var report_county=仪征市] [--year 2023]`.
-- MAGIC Units: 万元, 亩, 万元/亩, points.

-- COMMAND ----------

-- DBTITLE 1,参数 · Year, zone and county
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM gold.zone_tier_mix));
DECLARE OR REPLACE VARIABLE zone STRING;
SET VAR zone = coalesce(zone, (SELECT max_by(m.zone_id, struct(m.land_mu_d, m.zone_id)) FROM gold.zone_tier_mix m
  WHERE m.year = report_year));
DECLARE OR REPLACE VARIABLE report_county STRING;
SET VAR report_county = coalesce(report_county, (SELECT first(r.county) FROM published.zone_results r
  WHERE r.year = report_year AND r.zone_id = zone));
SELECT report_year AS report_year, zone AS zone, report_county AS report_county;

-- COMMAND ----------

-- DBTITLE 1,各县(市、区)分档 · Every county's tier distribution and benchmarks
SELECT t.county,
       count(*) AS enterprises,
       count_if(t.rated) AS rated,
       count_if(t.tier = 'A') AS a, count_if(t.tier = 'B') AS b, count_if(t.tier = 'C') AS c,
       count_if(t.tier = 'D') AS d, count_if(t.forced_d) AS forced_d,
       count_if(t.not_rated_reason = 'no_land') AS no_land,
       count_if(t.not_rated_reason = 'new_enterprise') AS new_enterprise,
       count_if(t.not_rated_reason = 'below_size_small_land') AS below_size_small_land,
       CAST(max(t.bench_tax_per_mu) / 10000 AS DECIMAL(20,2)) AS bench_tax_per_mu_wan,
       CAST(max(t.bench_sales_per_mu) / 10000 AS DECIMAL(20,2)) AS bench_sales_per_mu_wan
FROM gold.enterprise_tiers t
WHERE t.year = report_year
GROUP BY t.county
ORDER BY t.county;

-- COMMAND ----------

-- DBTITLE 1,The county's zones by tier (gold.zone_tier_mix)
SELECT m.zone_id, r.zone_name, r.zone_type, m.rated, m.a, m.b, m.c, m.d, m.not_rated,
       CAST(m.land_mu_d AS DECIMAL(20,2)) AS land_mu_d,
       CAST(100 * m.share_land_d AS DECIMAL(6,2)) AS share_land_d_pct
FROM gold.zone_tier_mix m
JOIN published.zone_results r ON r.year = m.year AND r.zone_id = m.zone_id
WHERE m.year = report_year AND r.county = report_county
ORDER BY m.zone_id;

-- COMMAND ----------

-- DBTITLE 1,The zone's enterprises by tier
SELECT coalesce(t.tier, '未参评') AS tier, t.county_rank, t.score, t.forced_d, t.not_rated_reason,
       t.uscc, e.name, t.above_scale,
       CAST(t.land_mu AS DECIMAL(20,2)) AS land_mu,
       CAST(t.tax / 10000 AS DECIMAL(20,2)) AS tax_wan,
       CAST(t.sales / 10000 AS DECIMAL(20,2)) AS sales_wan,
       CAST(t.tax_per_mu / 10000 AS DECIMAL(20,2)) AS tax_per_mu_wan,
       CAST(t.sales_per_mu / 10000 AS DECIMAL(20,2)) AS sales_per_mu_wan
FROM gold.enterprise_tiers t
JOIN gold.enterprise_year e ON e.year = t.year AND e.uscc = t.uscc
WHERE t.year = report_year AND t.zone_id = zone
ORDER BY t.tier IS NULL, t.tier, t.county_rank, t.not_rated_reason, t.uscc;

-- COMMAND ----------

-- DBTITLE 1,The tier mix adds up to the enterprises (reconciliation)
WITH ent AS (
  SELECT zone_id, count_if(rated) AS rated, count_if(tier = 'A') AS a, count_if(tier = 'B') AS b,
         count_if(tier = 'C') AS c, count_if(tier = 'D') AS d, count_if(NOT rated) AS not_rated,
         coalesce(sum(CASE WHEN tier = 'D' THEN land_mu END), 0) AS land_mu_d
  FROM gold.enterprise_tiers
  WHERE year = report_year
  GROUP BY zone_id
)
SELECT count(*) AS zones,
       count_if(m.rated = coalesce(ent.rated, 0) AND m.a = coalesce(ent.a, 0) AND m.b = coalesce(ent.b, 0)
         AND m.c = coalesce(ent.c, 0) AND m.d = coalesce(ent.d, 0) AND m.not_rated = coalesce(ent.not_rated, 0)
         AND m.land_mu_d = coalesce(ent.land_mu_d, 0)) AS zones_reconciled
FROM gold.zone_tier_mix m LEFT JOIN ent ON ent.zone_id = m.zone_id
WHERE m.year = report_year;

-- COMMAND ----------

-- DBTITLE 1,低效用地候选 · Low-efficiency land candidates, with their reasons
SELECT c.zone_id, r.zone_name, c.parcel_id, c.holder_uscc, e.name AS holder_name, c.acquired_date,
       CAST(c.area_mu AS DECIMAL(20,2)) AS area_mu,
       concat_ws(', ', sort_array(collect_list(c.reason))) AS reasons
FROM gold.land_candidates c
JOIN gold.enterprise_year e ON e.year = c.year AND e.uscc = c.holder_uscc
JOIN published.zone_results r ON r.year = c.year AND r.zone_id = c.zone_id
WHERE c.year = report_year
GROUP BY c.zone_id, r.zone_name, c.parcel_id, c.holder_uscc, e.name, c.acquired_date, c.area_mu
ORDER BY c.zone_id, c.area_mu DESC, c.parcel_id;

-- COMMAND ----------

-- DBTITLE 1,Candidate land per zone and reason
SELECT c.zone_id, c.reason, count(*) AS holdings, CAST(sum(c.area_mu) AS DECIMAL(20,2)) AS area_mu
FROM gold.land_candidates c
WHERE c.year = report_year
GROUP BY c.zone_id, c.reason
ORDER BY c.zone_id, c.reason;
