-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 排名解读 · Why a zone ranks where it does
-- MAGIC
-- MAGIC For one zone: its place in the final order, then every metric behind its scores — value, rank and rank
-- MAGIC score — beside its group's median and the group's leader (first of the final order), and each indicator
-- MAGIC score against the same. The group is the zones of the same type in the same year (同一类型工业集中区).
-- MAGIC
-- MAGIC Default zone: the last of the 重点发展型 group (the one the bureau interviews). Here:
-- MAGIC `bin/zone-eval notebook notebooks-exported/02-why-this-rank.sql --var zone=YZ09 [--year 2023]`.
-- MAGIC Units: money 万元, per mu 万元/亩, growth and shares %, share change percentage points, scores points.

-- COMMAND ----------

-- DBTITLE 1,参数 · Year and zone
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM published.zone_results));
DECLARE OR REPLACE VARIABLE zone STRING;
SET VAR zone = coalesce(zone,
  (SELECT max_by(zone_id, final_rank) FROM published.zone_results WHERE year = report_year AND zone_type = 'KEY'));
SELECT report_year AS report_year, zone AS zone;

-- COMMAND ----------

-- DBTITLE 1,The zone's result
SELECT r.year, r.zone_id, r.zone_name, r.county, r.zone_type,
       concat(r.final_rank, ' / ', r.group_size) AS final_place,
       r.total_score,
       CASE r.award_prize WHEN 1 THEN '一等奖' WHEN 2 THEN '二等奖' WHEN 3 THEN '三等奖' END AS prize,
       r.award_amount_wan, r.vetoed, r.veto_reason, r.award_eligible, r.ineligible_reason,
       r.decided_by_tie_break, r.interview, r.leadership_adjustment,
       leader.zone_id AS group_leader, leader.total_score AS leader_total,
       leader.total_score - r.total_score AS points_behind_leader
FROM published.zone_results r
JOIN published.zone_results leader
  ON leader.year = r.year AND leader.zone_type = r.zone_type AND leader.final_rank = 1
WHERE r.year = report_year AND r.zone_id = zone;

-- COMMAND ----------

-- DBTITLE 1,Its neighbours in the final order
SELECT g.final_rank, g.zone_id, g.zone_name, g.total_score,
       g.total_score - r.total_score AS total_minus_zone,
       g.vetoed, g.award_eligible,
       CASE g.award_prize WHEN 1 THEN '一等奖' WHEN 2 THEN '二等奖' WHEN 3 THEN '三等奖' END AS prize
FROM published.zone_results r
JOIN published.zone_results g ON g.year = r.year AND g.zone_type = r.zone_type
WHERE r.year = report_year AND r.zone_id = zone AND abs(g.final_rank - r.final_rank) <= 2
ORDER BY g.final_rank;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## 指标 · Metrics, ranks and rank scores beside the group
-- MAGIC `group_median` is the exact median of the group's defined values; `leader_value` is the value of the zone
-- MAGIC first in the final order; `best_value` the value ranked first on that metric. An undefined metric (no
-- MAGIC prior year, no land) is null and ranks last.

-- COMMAND ----------

-- DBTITLE 1,Metrics behind the ranked indicators
WITH grp AS (
  SELECT m.zone_id, r.final_rank,
         CAST(m.sales / 10000 AS DECIMAL(38,2)) AS sales,
         CAST(m.sales_growth * 100 AS DECIMAL(38,2)) AS sales_growth,
         CAST(m.tax / 10000 AS DECIMAL(38,2)) AS tax,
         CAST(m.tax_growth * 100 AS DECIMAL(38,2)) AS tax_growth,
         CAST(m.specialty_share_pct AS DECIMAL(38,2)) AS specialty_share,
         CAST(m.specialty_share_change AS DECIMAL(38,2)) AS specialty_change,
         CAST(m.tax_per_mu / 10000 AS DECIMAL(38,2)) AS tax_per_mu,
         CAST(m.sales_per_mu / 10000 AS DECIMAL(38,2)) AS sales_per_mu,
         s.rank_sales_growth, s.rankscore_sales_growth, s.rank_sales, s.rankscore_sales,
         s.rank_tax_growth, s.rankscore_tax_growth, s.rank_tax, s.rankscore_tax,
         s.rank_specialty_change, s.rankscore_specialty_change, s.rank_specialty_share, s.rankscore_specialty_share,
         s.rank_tax_per_mu, s.rankscore_tax_per_mu, s.rank_sales_per_mu, s.rankscore_sales_per_mu
  FROM published.zone_metrics m
  JOIN published.zone_scores s ON s.year = m.year AND s.zone_id = m.zone_id
  JOIN published.zone_results r ON r.year = m.year AND r.zone_id = m.zone_id
  WHERE m.year = report_year
    AND m.zone_type = (SELECT zone_type FROM published.zone_results WHERE year = report_year AND zone_id = zone)
),
long AS (
  SELECT zone_id, final_rank, metric, unit, value, rank, rank_score
  FROM grp
  LATERAL VIEW stack(8,
    '1a 开票销售增幅 sales growth', '%', sales_growth, rank_sales_growth, rankscore_sales_growth,
    '1b 开票销售 sales', '万元', sales, rank_sales, rankscore_sales,
    '2a 入库税收增幅 tax growth', '%', tax_growth, rank_tax_growth, rankscore_tax_growth,
    '2b 入库税收 tax', '万元', tax, rank_tax, rankscore_tax,
    '3a 特色产业占比增幅 share change', '百分点', specialty_change, rank_specialty_change, rankscore_specialty_change,
    '3b 特色产业占比 specialty share', '%', specialty_share, rank_specialty_share, rankscore_specialty_share,
    '4a 亩均税收 tax per mu', '万元/亩', tax_per_mu, rank_tax_per_mu, rankscore_tax_per_mu,
    '4b 亩均开票销售 sales per mu', '万元/亩', sales_per_mu, rank_sales_per_mu, rankscore_sales_per_mu
  ) AS metric, unit, value, rank, rank_score
),
ordered AS (
  SELECT metric, value,
         row_number() OVER (PARTITION BY metric ORDER BY value) AS pos,
         count(value) OVER (PARTITION BY metric) AS n
  FROM long WHERE value IS NOT NULL
),
median AS (
  SELECT metric, CAST(avg(value) AS DECIMAL(38,2)) AS group_median
  FROM ordered
  WHERE pos IN (floor((n + 1) / 2), ceil((n + 1) / 2))
  GROUP BY metric
)
SELECT z.metric, z.unit, z.value, z.rank, z.rank_score, md.group_median,
       leader.value AS leader_value, leader.rank AS leader_rank,
       best.value AS best_value, best.zone_id AS best_zone
FROM long z
LEFT JOIN median md ON md.metric = z.metric
LEFT JOIN long leader ON leader.metric = z.metric AND leader.final_rank = 1
LEFT JOIN (SELECT metric, min_by(value, (rank, zone_id)) AS value, min_by(zone_id, (rank, zone_id)) AS zone_id
           FROM long GROUP BY metric) best ON best.metric = z.metric
WHERE z.zone_id = zone
ORDER BY z.metric;

-- COMMAND ----------

-- DBTITLE 1,The eight indicator scores beside the group
WITH grp AS (
  SELECT r.zone_id, r.final_rank, indicator, score
  FROM published.zone_results r
  UNPIVOT (score FOR indicator IN (
    score_scale AS `1 规模总量 scale (10)`, score_tax AS `2 税收贡献 tax (10)`,
    score_specialty AS `3 特色发展 specialty (20)`, score_per_mu AS `4 亩均产出 per_mu (20)`,
    score_cultivation AS `5 企业培育 cultivation (10)`, score_talent AS `6 人才集聚 talent (10)`,
    score_investment AS `7 工业投入 investment (10)`, score_capacity AS `8 项目承载 capacity (10)`,
    total_score AS `9 综合 total (100)`))
  WHERE r.year = report_year
    AND r.zone_type = (SELECT zone_type FROM published.zone_results WHERE year = report_year AND zone_id = zone)
),
ordered AS (
  SELECT zone_id, indicator, score, row_number() OVER (PARTITION BY indicator ORDER BY score) AS pos,
         count(*) OVER (PARTITION BY indicator) AS n,
         rank() OVER (PARTITION BY indicator ORDER BY score DESC) AS place_in_group
  FROM grp
)
SELECT z.indicator, z.score, pl.place_in_group, md.group_median, leader.score AS leader_score, mx.best AS best_score,
       z.score - md.group_median AS above_median
FROM grp z
JOIN (SELECT indicator, CAST(avg(score) AS DECIMAL(6,2)) AS group_median FROM ordered
      WHERE pos IN (floor((n + 1) / 2), ceil((n + 1) / 2)) GROUP BY indicator) md ON md.indicator = z.indicator
JOIN ordered pl ON pl.indicator = z.indicator AND pl.zone_id = z.zone_id
JOIN grp leader ON leader.indicator = z.indicator AND leader.final_rank = 1
JOIN (SELECT indicator, max(score) AS best FROM grp GROUP BY indicator) mx ON mx.indicator = z.indicator
WHERE z.zone_id = zone
ORDER BY z.indicator;

-- COMMAND ----------

-- DBTITLE 1,Capped indicators: what the points are made of
SELECT m.zone_id, m.cultivation_counts, m.cultivation_points, s.score_cultivation,
       m.talent_counts, m.talent_points, s.score_talent,
       m.tech_upgrade_projects, m.major_projects, m.investment_points, s.score_investment,
       m.factory_floor_m2, m.revitalized_mu, m.capacity_points, s.score_capacity,
       m.vetoing_incidents, m.county_has_policy
FROM published.zone_metrics m
JOIN published.zone_scores s ON s.year = m.year AND s.zone_id = m.zone_id
WHERE m.year = report_year AND m.zone_id = zone;
