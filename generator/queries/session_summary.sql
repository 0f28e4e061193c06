-- Sessions per day over the last 7 days: count, average length, pages per session and bounce rate (one page view or none), bots excluded.
SELECT
  dt,
  count(*) AS sessions,
  round(avg(duration_s), 1) AS avg_duration_s,
  round(avg(page_views), 2) AS pages_per_session,
  round(avg(CASE WHEN page_views <= 1 THEN 1.0 ELSE 0.0 END), 4) AS bounce_rate
FROM {{ tables.sessions }}
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
  AND NOT is_bot
GROUP BY dt
ORDER BY dt
