-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 数据质量 · Data-quality review
-- MAGIC
-- MAGIC Every input record ends either accepted (in silver) or rejected (in `silver.rejects`, with the file, line,
-- MAGIC raw text and reason); nothing is dropped silently. This notebook reconciles the delivered files,
-- MAGIC counts the rejects by file and reason, shows examples, lists the enterprises that are in no zone:
-- MAGIC records of enterprises on no roster of their year, roster rows naming an unknown zone, and land held by
-- MAGIC enterprises on no roster; and the zones whose county has no row in county_policies.csv.
-- MAGIC
-- MAGIC Here: `bin/zone-eval notebook notebooks-exported/05-data-quality.sql [--year 2023]`.

-- COMMAND ----------

-- DBTITLE 1,参数 · The year (for the enterprises in no zone)
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM published.zone_results));
SELECT report_year AS report_year;

-- COMMAND ----------

-- DBTITLE 1,The deliveries behind silver: read = accepted + rejected, per delivered file
SELECT i.ingest_id, i.finished_at, array_join(transform(i.years, y -> CAST(y AS STRING)), ',') AS years,
       f.source AS file, f.action, f.size_bytes, f.sha256, f.rows_read, f.accepted, f.rejected,
       f.rows_read = f.accepted + f.rejected AS reconciles
FROM silver.ingests i
LATERAL VIEW explode(i.files) AS f
WHERE i.kind = 'ingest'
ORDER BY i.finished_at, f.source;

-- COMMAND ----------

-- DBTITLE 1,Rejects by file and reason
SELECT source AS file, reason_code, count(*) AS rejects,
       count(DISTINCT year) AS years, min(line) AS first_line
FROM silver.rejects
GROUP BY source, reason_code
ORDER BY source, reason_code;

-- COMMAND ----------

-- DBTITLE 1,Rejects by reason and year
SELECT reason_code, coalesce(CAST(year AS STRING), 'unknown') AS year, count(*) AS rejects
FROM silver.rejects
GROUP BY reason_code, year
ORDER BY reason_code, year;

-- COMMAND ----------

-- DBTITLE 1,One example of each file and reason
SELECT source AS file, reason_code,
       min_by(line, line) AS line,
       min_by(reason, line) AS reason,
       min_by(raw_text, line) AS raw_text
FROM silver.rejects
GROUP BY source, reason_code
ORDER BY source, reason_code;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## 不在任何集中区的企业 · Enterprises in no zone
-- MAGIC An invoice, tax entry, recognition or talent of an enterprise on no roster of its year is rejected
-- MAGIC (`not_in_roster`): its sales, tax or points count for no zone. A roster row naming a zone that zones.csv
-- MAGIC lacks for that year is rejected too (`unknown_zone`). The USCC is read from the rejected record's text.

-- COMMAND ----------

-- DBTITLE 1,Enterprises whose records count for no zone, by year
WITH r AS (
  SELECT year, source, reason_code, reason,
         regexp_extract(upper(raw_text),
           '(^|[^0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10})($|[^0-9A-Z])', 2) AS uscc
  FROM silver.rejects
  WHERE reason_code = 'not_in_roster' OR (source = 'enterprises' AND reason_code = 'unknown_zone')
),
rosters AS (
  SELECT uscc, concat_ws(', ', sort_array(collect_set(CAST(year AS STRING)))) AS years_on_a_roster
  FROM gold.enterprise_year
  GROUP BY uscc
)
SELECT r.uscc, r.year,
       concat_ws(', ', sort_array(collect_set(r.source))) AS files,
       count(*) AS records,
       concat_ws(', ', sort_array(collect_set(r.reason_code))) AS reasons,
       first(ro.years_on_a_roster) AS years_on_a_roster
FROM r
LEFT JOIN rosters ro ON ro.uscc = r.uscc
GROUP BY r.uscc, r.year
ORDER BY r.year, r.uscc;

-- COMMAND ----------

-- DBTITLE 1,Land held at 31 December of the year by enterprises on no roster of that year
SELECT p.holder_uscc AS uscc, p.parcel_id, p.area_m2,
       CAST(p.area_m2 * 15 / 10000 AS DECIMAL(20,2)) AS area_mu,
       p.acquired_date, p.released_date
FROM silver.land_parcels p
LEFT ANTI JOIN gold.enterprise_year e ON e.uscc = p.holder_uscc AND e.year = report_year
WHERE p.acquired_date <= make_date(report_year, 12, 31)
  AND (p.released_date IS NULL OR p.released_date > make_date(report_year, 12, 31))
ORDER BY p.holder_uscc, p.parcel_id;

-- COMMAND ----------

-- DBTITLE 1,Per zone: roster size and above-size enterprises without land
SELECT m.zone_id, m.zone_name, m.enterprise_count, m.above_scale_count, m.above_scale_without_land_count
FROM published.zone_metrics m
WHERE m.year = report_year
ORDER BY m.above_scale_without_land_count DESC, m.zone_id;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## 缺配套政策记录的县(市、区) · Counties missing from county_policies.csv
-- MAGIC A county that zones.csv names and county_policies.csv lacks for the year is not an error in either file,
-- MAGIC but it decides awards: by default (`eligibility.missing_county_policy_counts_as_policy: false`) its zones
-- MAGIC count as having no supporting policy and receive no award. `gold.zone_metrics.county_policy_missing`
-- MAGIC flags them whatever the setting; `counted_as_policy` says how the rules counted them.

-- COMMAND ----------

-- DBTITLE 1,Zone-years whose county has no row in county_policies.csv
-- zone-eval: may be empty
SELECT m.year, m.county, m.zone_id, m.zone_name, m.zone_type,
       m.county_has_policy AS counted_as_policy, r.award_eligible, r.ineligible_reason
FROM gold.zone_metrics m
JOIN gold.zone_results r USING (year, zone_id)
WHERE m.county_policy_missing
ORDER BY m.year, m.county, m.zone_id;
