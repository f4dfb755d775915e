-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 公示与更正 · Public notice and corrections
-- MAGIC
-- MAGIC A year's result goes on public notice (公示), objections may lead to corrected deliveries and a new
-- MAGIC evaluation, and the published result is approved (批准). This notebook shows, for one year, every
-- MAGIC committed run with the delivery that silver held when it ran, the publication log, and what the latest
-- MAGIC run changed against the published one (`published.zone_results` is the published run, or the latest
-- MAGIC as a draft; `gold.zone_results` is the latest): the same values as `bin/zone-eval diff --year Y`.
-- MAGIC
-- MAGIC Here: `bin/zone-eval notebook notebooks-exported/07-corrections.sql [--year 2024]`.

-- COMMAND ----------

-- DBTITLE 1,参数 · The year (default: the latest evaluated)
DECLARE OR REPLACE VARIABLE report_year INT;
SET VAR report_year = coalesce(report_year, (SELECT max(year) FROM gold.zone_results));
SELECT report_year AS report_year;

-- COMMAND ----------

-- DBTITLE 1,The year's committed runs and the deliveries behind each
SELECT r.run_id, r.finished_at, r.rules_name, r.ingest_id AS silver_as_of_ingest, i.finished_at AS ingested_at,
       array_join(transform(filter(i.files, f -> f.action = 'replaced'), f -> f.source), ', ') AS files_delivered,
       r.prior_results[report_year] AS previous_last_place_from, array_join(r.notes, ' / ') AS notes
FROM gold.runs r
LEFT JOIN silver.ingests i ON i.ingest_id = r.ingest_id
WHERE array_contains(r.years, report_year)
ORDER BY r.finished_at;

-- COMMAND ----------

-- DBTITLE 1,The publication log of the year: public notice, approval, reopening
-- zone-eval: may be empty
SELECT at, state, run_id, reason, by_user
FROM gold.publications
WHERE year = report_year
ORDER BY at;

-- COMMAND ----------

-- DBTITLE 1,What the latest run changed against the published one (none when the latest is the published run)
-- zone-eval: may be empty
SELECT g.zone_id, c.col AS column, c.before, c.after
FROM published.zone_results p
JOIN gold.zone_results g ON g.year = p.year AND g.zone_id = p.zone_id
LATERAL VIEW stack(13,
  'total_score', CAST(p.total_score AS STRING), CAST(g.total_score AS STRING),
  'final_rank', CAST(p.final_rank AS STRING), CAST(g.final_rank AS STRING),
  'score_scale', CAST(p.score_scale AS STRING), CAST(g.score_scale AS STRING),
  'score_tax', CAST(p.score_tax AS STRING), CAST(g.score_tax AS STRING),
  'score_specialty', CAST(p.score_specialty AS STRING), CAST(g.score_specialty AS STRING),
  'score_per_mu', CAST(p.score_per_mu AS STRING), CAST(g.score_per_mu AS STRING),
  'score_cultivation', CAST(p.score_cultivation AS STRING), CAST(g.score_cultivation AS STRING),
  'score_talent', CAST(p.score_talent AS STRING), CAST(g.score_talent AS STRING),
  'score_investment', CAST(p.score_investment AS STRING), CAST(g.score_investment AS STRING),
  'score_capacity', CAST(p.score_capacity AS STRING), CAST(g.score_capacity AS STRING),
  'award_prize', CAST(p.award_prize AS STRING), CAST(g.award_prize AS STRING),
  'interview', CAST(p.interview AS STRING), CAST(g.interview AS STRING),
  'leadership_adjustment', CAST(p.leadership_adjustment AS STRING), CAST(g.leadership_adjustment AS STRING)
) c AS col, before, after
WHERE p.year = report_year AND c.before IS DISTINCT FROM c.after
ORDER BY g.zone_id, c.col;
