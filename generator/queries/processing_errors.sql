-- Raw-zone lines the Glue job could not use, per day and reason over the last 7 days, with one example of each.
SELECT
  dt,
  reason,
  count(*) AS lines,
  arbitrary(raw_record) AS example
FROM {{ tables.processing_errors }}
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
GROUP BY dt, reason
ORDER BY dt, lines DESC, reason
