-- Event counts per day and type; dt is the partition column, so only the last 7 days are scanned.
SELECT
  dt,
  event.event_type AS event_type,
  count(*) AS events
FROM "${database}"."${table}"
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
GROUP BY dt, event.event_type
ORDER BY dt, events DESC
