-- The 50 most viewed pages (path, query string removed) over the last 7 days, bots excluded.
SELECT
  page_path,
  count(*) AS page_views,
  count(DISTINCT user_id) AS unique_users
FROM {{ tables.curated_events }}
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
  AND event_type = 'page_view'
  AND page_path IS NOT NULL
  AND NOT is_bot
GROUP BY page_path
ORDER BY page_views DESC, page_path
LIMIT 50
