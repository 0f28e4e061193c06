-- Distinct users, sessions and events per day over the last 7 days, bots excluded.
SELECT
  dt,
  count(DISTINCT user_id) AS daily_active_users,
  count(DISTINCT session_key) AS sessions,
  count(*) AS events
FROM {{ tables.curated_events }}
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
  AND NOT is_bot
GROUP BY dt
ORDER BY dt
