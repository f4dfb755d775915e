-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 综合评价排名 · The year's league tables
-- MAGIC
-- MAGIC The final order of each zone type (重点发展型 `KEY`, 优化发展型 `OPTIMIZED`) with every indicator score,
-- MAGIC the total, the prize, and why a zone is vetoed or may not receive an award. Read from `published.zone_results`;
-- MAGIC the meaning and unit of every column are in `docs/indicators.md`.
-- MAGIC
-- MAGIC Here: `bin/zone-eval notebook notebooks-exported/01-league-tables.sql [--year 2023] [--warehouse W]`.

-- COMMAND ----------

-- DBTITLE 1,参数 · The year (default: the latest evaluated)
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM published.zone_results));
SELECT report_year AS report_year, (SELECT count(*) FROM published.zone_results WHERE year = report_year) AS zones;

-- COMMAND ----------

-- DBTITLE 1,重点发展型 KEY: final order with the eight indicator scores
SELECT final_rank, zone_id, zone_name, county,
       score_scale, score_tax, score_specialty, score_per_mu,
       score_cultivation, score_talent, score_investment, score_capacity, total_score,
       CASE award_prize WHEN 1 THEN '一等奖' WHEN 2 THEN '二等奖' WHEN 3 THEN '三等奖' END AS prize,
       award_amount_wan,
       vetoed, veto_reason, award_eligible, ineligible_reason,
       interview, leadership_adjustment, decided_by_tie_break
FROM published.zone_results
WHERE year = report_year AND zone_type = 'KEY'
ORDER BY final_rank;

-- COMMAND ----------

-- DBTITLE 1,优化发展型 OPTIMIZED: final order with the eight indicator scores
SELECT final_rank, zone_id, zone_name, county,
       score_scale, score_tax, score_specialty, score_per_mu,
       score_cultivation, score_talent, score_investment, score_capacity, total_score,
       CASE award_prize WHEN 1 THEN '一等奖' WHEN 2 THEN '二等奖' WHEN 3 THEN '三等奖' END AS prize,
       award_amount_wan,
       vetoed, veto_reason, award_eligible, ineligible_reason,
       interview, leadership_adjustment, decided_by_tie_break
FROM published.zone_results
WHERE year = report_year AND zone_type = 'OPTIMIZED'
ORDER BY final_rank;

-- COMMAND ----------

-- DBTITLE 1,奖励汇总 · Prizes per type (万元)
SELECT zone_type,
       count(*) AS zones,
       count(award_prize) AS prizes,
       coalesce(sum(award_amount_wan), 0) AS prize_money_wan,
       count_if(vetoed) AS vetoed,
       count_if(NOT award_eligible AND NOT vetoed) AS no_award_county_policy,
       count_if(interview) AS interviews,
       count_if(leadership_adjustment) AS leadership_adjustments
FROM published.zone_results
WHERE year = report_year
GROUP BY zone_type
ORDER BY zone_type;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## 指标得分分布 · Score spread of each indicator within its group
-- MAGIC Lowest, highest and mean of each indicator within (year, zone type): where the groups are close and where
-- MAGIC an indicator separates the zones.

-- COMMAND ----------

-- DBTITLE 1,Score spread per indicator and type
SELECT zone_type, indicator, min(score) AS lowest, max(score) AS highest, CAST(avg(score) AS DECIMAL(6,2)) AS mean
FROM (
  SELECT zone_type, indicator, score
  FROM published.zone_results
  UNPIVOT (score FOR indicator IN (
    score_scale AS `1 规模总量 scale`, score_tax AS `2 税收贡献 tax`, score_specialty AS `3 特色发展 specialty`,
    score_per_mu AS `4 亩均产出 per_mu`, score_cultivation AS `5 企业培育 cultivation`,
    score_talent AS `6 人才集聚 talent`, score_investment AS `7 工业投入 investment`,
    score_capacity AS `8 项目承载 capacity`, total_score AS `9 综合 total`))
  WHERE year = report_year
)
GROUP BY zone_type, indicator
ORDER BY zone_type, indicator;
