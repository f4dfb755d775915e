-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 亩均分析 · Per-mu analysis
-- MAGIC
-- MAGIC Per-mu figures (亩均税收, 亩均开票销售) are Σ tax ÷ Σ land and Σ sales ÷ Σ land over a zone's
-- MAGIC above-size (规上) enterprises of the year, land held at 31 December, 1 亩 = 10000/15 m². This notebook
-- MAGIC shows every zone's figures, the enterprises behind one zone's figures (and that they add up to the gold
-- MAGIC row), and the above-size enterprises without land, which add to the numerators and nothing to the land.
-- MAGIC
-- MAGIC Default zone: the zone first on tax per mu among the 重点发展型 zones. Here:
-- MAGIC `bin/zone-eval notebook notebooks-exported/03-per-mu.sql --var zone=YZ09 [--year 2023]`.
-- MAGIC Units: 万元, 亩, 万元/亩.

-- COMMAND ----------

-- DBTITLE 1,参数 · Year and zone
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM published.zone_results));
DECLARE OR REPLACE VARIABLE zone STRING;
SET VAR zone = coalesce(zone, (SELECT min_by(s.zone_id, struct(s.rank_tax_per_mu, s.zone_id)) FROM published.zone_scores s
  WHERE s.year = report_year AND s.zone_type = 'KEY'));
SELECT report_year AS report_year, zone AS zone;

-- COMMAND ----------

-- DBTITLE 1,Every zone's per-mu figures and ranks
SELECT m.zone_type, m.zone_id, m.zone_name,
       m.above_scale_count, m.above_scale_without_land_count,
       CAST(m.above_scale_land_mu AS DECIMAL(20,2)) AS land_mu,
       CAST(m.above_scale_tax / 10000 AS DECIMAL(20,2)) AS above_scale_tax_wan,
       CAST(m.above_scale_sales / 10000 AS DECIMAL(20,2)) AS above_scale_sales_wan,
       CAST(m.tax_per_mu / 10000 AS DECIMAL(20,2)) AS tax_per_mu_wan,
       s.rank_tax_per_mu,
       CAST(m.sales_per_mu / 10000 AS DECIMAL(20,2)) AS sales_per_mu_wan,
       s.rank_sales_per_mu,
       s.score_per_mu
FROM published.zone_metrics m
JOIN published.zone_scores s ON s.year = m.year AND s.zone_id = m.zone_id
WHERE m.year = report_year
ORDER BY m.zone_type, s.rank_tax_per_mu, m.zone_id;

-- COMMAND ----------

-- DBTITLE 1,The enterprises behind the zone's per-mu figures
SELECT e.uscc, e.name, e.industry_code, e.is_specialty,
       CAST(e.sales_fen / 1000000 AS DECIMAL(20,2)) AS sales_wan,
       CAST(e.tax_fen / 1000000 AS DECIMAL(20,2)) AS tax_wan,
       CAST(e.land_m2 * 15 / 10000 AS DECIMAL(20,2)) AS land_mu,
       CASE WHEN e.land_m2 > 0 THEN CAST(e.tax_fen / 100 / (e.land_m2 * 15 / 10000) / 10000 AS DECIMAL(20,2)) END
         AS own_tax_per_mu_wan,
       CAST(100 * e.tax_fen / sum(e.tax_fen) OVER () AS DECIMAL(6,2)) AS share_of_zone_tax_pct,
       CAST(100 * e.land_m2 / nullif(sum(e.land_m2) OVER (), 0) AS DECIMAL(6,2)) AS share_of_zone_land_pct,
       NOT e.has_land AS without_land
FROM gold.enterprise_year e
WHERE e.year = report_year AND e.zone_id = zone AND e.above_scale
ORDER BY e.tax_fen DESC, e.uscc;

-- COMMAND ----------

-- DBTITLE 1,They add up to the gold figures (reconciliation)
WITH ent AS (
  SELECT count(*) AS firms, sum(sales_fen) AS sales_fen, sum(tax_fen) AS tax_fen, sum(land_m2) AS land_m2
  FROM gold.enterprise_year
  WHERE year = report_year AND zone_id = zone AND above_scale
)
SELECT m.zone_id,
       ent.firms, m.above_scale_count,
       CAST(ent.tax_fen / 100 AS DECIMAL(20,2)) AS tax_from_enterprises, m.above_scale_tax,
       CAST(ent.sales_fen / 100 AS DECIMAL(20,2)) AS sales_from_enterprises, m.above_scale_sales,
       ent.land_m2 AS land_m2_from_enterprises, m.above_scale_land_m2,
       ent.firms = m.above_scale_count
         AND CAST(ent.tax_fen / 100 AS DECIMAL(20,2)) = m.above_scale_tax
         AND CAST(ent.sales_fen / 100 AS DECIMAL(20,2)) = m.above_scale_sales
         AND ent.land_m2 = m.above_scale_land_m2 AS reconciles
FROM published.zone_metrics m CROSS JOIN ent
WHERE m.year = report_year AND m.zone_id = zone;

-- COMMAND ----------

-- DBTITLE 1,规上无用地企业 · Above-size enterprises without land (a data-quality finding)
SELECT e.zone_id, r.zone_name, e.uscc, e.name, e.industry_code,
       CAST(e.sales_fen / 1000000 AS DECIMAL(20,2)) AS sales_wan,
       CAST(e.tax_fen / 1000000 AS DECIMAL(20,2)) AS tax_wan
FROM gold.enterprise_year e
JOIN published.zone_results r ON r.year = e.year AND r.zone_id = e.zone_id
WHERE e.year = report_year AND e.above_scale AND NOT e.has_land
ORDER BY e.zone_id, e.tax_fen DESC;

-- COMMAND ----------

-- DBTITLE 1,Their weight in each zone's per-mu numerators
SELECT e.zone_id,
       count_if(NOT e.has_land) AS without_land,
       count(*) AS above_scale,
       CAST(100 * sum(CASE WHEN NOT e.has_land THEN e.tax_fen ELSE 0 END) / nullif(sum(e.tax_fen), 0) AS DECIMAL(6,2))
         AS share_of_above_scale_tax_pct,
       CAST(100 * sum(CASE WHEN NOT e.has_land THEN e.sales_fen ELSE 0 END) / nullif(sum(e.sales_fen), 0) AS DECIMAL(6,2))
         AS share_of_above_scale_sales_pct
FROM gold.enterprise_year e
WHERE e.year = report_year AND e.above_scale
GROUP BY e.zone_id
HAVING count_if(NOT e.has_land) > 0
ORDER BY e.zone_id;
