-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 目标进度 · Progress to the policy's targets
-- MAGIC
-- MAGIC The city's opinion on upgrading its industrial concentration zones aims, by the end of the 14th five-year
-- MAGIC plan (“十四五”期末), for: the specialty industries' share of the zones' sales over **70%**
-- MAGIC (特色产业占比超过70%); **16** zones with invoice sales over 50亿元 (5 billion yuan), of which **7** over
-- MAGIC 100亿元 (10 billion yuan). Sales are 开票销售 as evaluated (`published.zone_metrics.sales`, 元); shown in 亿元.
-- MAGIC
-- MAGIC Here: `bin/zone-eval notebook notebooks-exported/06-policy-targets.sql [--year 2023]`.

-- COMMAND ----------

-- DBTITLE 1,参数 · Year and targets
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM published.zone_results));
DECLARE OR REPLACE VARIABLE target_specialty_share_pct DECIMAL(5,2) DEFAULT 70;
DECLARE OR REPLACE VARIABLE target_zones_over_5bn INT DEFAULT 16;
DECLARE OR REPLACE VARIABLE target_zones_over_10bn INT DEFAULT 7;
SELECT report_year AS report_year, target_specialty_share_pct, target_zones_over_5bn, target_zones_over_10bn;

-- COMMAND ----------

-- DBTITLE 1,The three targets, every year evaluated
SELECT year,
       CAST(100 * sum(specialty_sales) / sum(sales) AS DECIMAL(6,2)) AS specialty_share_pct,
       target_specialty_share_pct,
       100 * sum(specialty_sales) / sum(sales) > target_specialty_share_pct AS share_target_met,
       count_if(sales > 5000000000) AS zones_over_5bn,
       target_zones_over_5bn,
       count_if(sales > 10000000000) AS zones_over_10bn,
       target_zones_over_10bn,
       count(*) AS zones,
       CAST(sum(sales) / 100000000 AS DECIMAL(20,2)) AS total_sales_yi
FROM published.zone_metrics
GROUP BY year
ORDER BY year;

-- COMMAND ----------

-- DBTITLE 1,Zones by sales band in the year (亿元), with growth
SELECT zone_id, zone_name, zone_type,
       CAST(sales / 100000000 AS DECIMAL(20,2)) AS sales_yi,
       CAST(sales_growth * 100 AS DECIMAL(10,2)) AS sales_growth_pct,
       CASE WHEN sales > 10000000000 THEN 'over 100亿'
            WHEN sales > 5000000000 THEN 'over 50亿'
            ELSE 'under 50亿' END AS band
FROM published.zone_metrics
WHERE year = report_year
ORDER BY sales DESC;

-- COMMAND ----------

-- DBTITLE 1,Closest to the next line: growth needed to pass 50亿 or 100亿
SELECT zone_id, zone_name,
       CAST(sales / 100000000 AS DECIMAL(20,2)) AS sales_yi,
       CASE WHEN sales > 5000000000 THEN 100 ELSE 50 END AS next_line_yi,
       CAST(100 * ((CASE WHEN sales > 5000000000 THEN 10000000000 ELSE 5000000000 END) - sales) / sales
            AS DECIMAL(10,2)) AS growth_needed_pct,
       CAST(sales_growth * 100 AS DECIMAL(10,2)) AS growth_this_year_pct
FROM published.zone_metrics
WHERE year = report_year AND sales > 0 AND sales <= 10000000000
ORDER BY growth_needed_pct
LIMIT 10;

-- COMMAND ----------

-- DBTITLE 1,Each zone's specialty share against 70%
SELECT zone_id, zone_name, specialty_industries,
       CAST(specialty_share_pct AS DECIMAL(6,2)) AS specialty_share_pct,
       CAST(specialty_share_change_pp AS DECIMAL(6,2)) AS change_pp,
       specialty_share_pct > target_specialty_share_pct AS over_target
FROM published.zone_metrics
WHERE year = report_year
ORDER BY specialty_share_pct DESC NULLS LAST, zone_id;
