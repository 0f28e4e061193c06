-- Most viewed pages; dt is the partition column, so only the last 7 days are scanned.
SELECT
  event.page_url AS page_url,
  count(*) AS page_views,
  count(DISTINCT event.user_id) AS unique_users
FROM "${database}"."${table}"
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
  AND event.event_type = 'page_view'
GROUP BY event.page_url
ORDER BY page_views DESC
LIMIT 50
