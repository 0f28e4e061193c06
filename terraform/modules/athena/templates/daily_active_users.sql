-- Distinct users per day; dt is the partition column, so only the last 7 days are scanned.
SELECT
  dt,
  count(DISTINCT event.user_id) AS daily_active_users,
  count(DISTINCT event.session_id) AS sessions
FROM "${database}"."${table}"
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
GROUP BY dt
ORDER BY dt
