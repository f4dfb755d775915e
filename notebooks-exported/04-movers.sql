-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 年度变动 · Year-over-year movers
-- MAGIC
-- MAGIC Zones whose place in the final order moved most since the year before (within their type), the
-- MAGIC indicators that moved them, and the zones that changed type, joined or left. Comparing a zone's place
-- MAGIC across years is meaningful within the same type only; a zone that changed type is listed apart.
-- MAGIC
-- MAGIC Here: `bin/zone-eval notebook notebooks-exported/04-movers.sql [--year 2023]`.

-- COMMAND ----------

-- DBTITLE 1,参数 · The year (compared with the year before)
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM published.zone_results));
SELECT report_year AS report_year, report_year - 1 AS compared_with,
       (SELECT count(*) FROM published.zone_results WHERE year = report_year - 1) AS zones_the_year_before;

-- COMMAND ----------

-- DBTITLE 1,Movers in the final order (same type both years), biggest moves first
SELECT cur.zone_type, cur.zone_id, cur.zone_name,
       prev.final_rank AS rank_before, cur.final_rank AS rank_now,
       prev.final_rank - cur.final_rank AS places_up,
       prev.total_score AS total_before, cur.total_score AS total_now,
       cur.total_score - prev.total_score AS total_change,
       prev.vetoed AS vetoed_before, cur.vetoed AS vetoed_now,
       CASE prev.award_prize WHEN 1 THEN '一等奖' WHEN 2 THEN '二等奖' WHEN 3 THEN '三等奖' END AS prize_before,
       CASE cur.award_prize WHEN 1 THEN '一等奖' WHEN 2 THEN '二等奖' WHEN 3 THEN '三等奖' END AS prize_now
FROM published.zone_results cur
JOIN published.zone_results prev
  ON prev.zone_id = cur.zone_id AND prev.year = cur.year - 1 AND prev.zone_type = cur.zone_type
WHERE cur.year = report_year
ORDER BY abs(prev.final_rank - cur.final_rank) DESC, cur.zone_type, cur.final_rank;

-- COMMAND ----------

-- DBTITLE 1,What moved them: change of each indicator score
SELECT cur.zone_type, cur.zone_id, prev.final_rank - cur.final_rank AS places_up,
       cur.score_scale - prev.score_scale AS d_scale,
       cur.score_tax - prev.score_tax AS d_tax,
       cur.score_specialty - prev.score_specialty AS d_specialty,
       cur.score_per_mu - prev.score_per_mu AS d_per_mu,
       cur.score_cultivation - prev.score_cultivation AS d_cultivation,
       cur.score_talent - prev.score_talent AS d_talent,
       cur.score_investment - prev.score_investment AS d_investment,
       cur.score_capacity - prev.score_capacity AS d_capacity,
       cur.total_score - prev.total_score AS d_total
FROM published.zone_results cur
JOIN published.zone_results prev
  ON prev.zone_id = cur.zone_id AND prev.year = cur.year - 1 AND prev.zone_type = cur.zone_type
WHERE cur.year = report_year AND prev.final_rank <> cur.final_rank
ORDER BY abs(prev.final_rank - cur.final_rank) DESC, cur.zone_type, cur.final_rank;

-- COMMAND ----------

-- DBTITLE 1,Biggest change per indicator (points), any type
WITH d AS (
  SELECT cur.zone_id, cur.zone_type, indicator, cur_score - prev_score AS change
  FROM (
    SELECT c.zone_id, c.zone_type,
           named_struct('scale', c.score_scale, 'tax', c.score_tax, 'specialty', c.score_specialty,
                        'per_mu', c.score_per_mu, 'cultivation', c.score_cultivation, 'talent', c.score_talent,
                        'investment', c.score_investment, 'capacity', c.score_capacity) AS sn,
           named_struct('scale', p.score_scale, 'tax', p.score_tax, 'specialty', p.score_specialty,
                        'per_mu', p.score_per_mu, 'cultivation', p.score_cultivation, 'talent', p.score_talent,
                        'investment', p.score_investment, 'capacity', p.score_capacity) AS sb
    FROM published.zone_results c
    JOIN published.zone_results p ON p.zone_id = c.zone_id AND p.year = c.year - 1 AND p.zone_type = c.zone_type
    WHERE c.year = report_year
  ) cur
  LATERAL VIEW stack(8,
    'scale', sn.scale, sb.scale, 'tax', sn.tax, sb.tax,
    'specialty', sn.specialty, sb.specialty, 'per_mu', sn.per_mu, sb.per_mu,
    'cultivation', sn.cultivation, sb.cultivation, 'talent', sn.talent, sb.talent,
    'investment', sn.investment, sb.investment, 'capacity', sn.capacity, sb.capacity
  ) AS indicator, cur_score, prev_score
)
SELECT indicator,
       max_by(zone_id, struct(change, zone_id)) AS biggest_gain_zone, max(change) AS biggest_gain,
       min_by(zone_id, struct(change, zone_id)) AS biggest_loss_zone, min(change) AS biggest_loss
FROM d
GROUP BY indicator
ORDER BY indicator;

-- COMMAND ----------

-- DBTITLE 1,Zones that changed type, joined or left
-- zone-eval: may be empty
SELECT coalesce(cur.zone_id, prev.zone_id) AS zone_id,
       coalesce(cur.zone_name, prev.zone_name) AS zone_name,
       prev.zone_type AS type_before, cur.zone_type AS type_now,
       CASE WHEN prev.zone_id IS NULL THEN 'new zone'
            WHEN cur.zone_id IS NULL THEN 'left'
            ELSE 'changed type' END AS change,
       prev.final_rank AS rank_before, cur.final_rank AS rank_now
FROM (SELECT * FROM published.zone_results WHERE year = report_year) cur
FULL OUTER JOIN (SELECT * FROM published.zone_results WHERE year = report_year - 1) prev
  ON prev.zone_id = cur.zone_id
WHERE prev.zone_id IS NULL OR cur.zone_id IS NULL OR prev.zone_type <> cur.zone_type
ORDER BY zone_id;
