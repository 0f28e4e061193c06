-- The 50 pages most sessions start on over the last 7 days, with each page's bounce rate, bots excluded.
SELECT
  first_page AS entry_page,
  count(*) AS sessions,
  round(avg(CASE WHEN page_views <= 1 THEN 1.0 ELSE 0.0 END), 4) AS bounce_rate
FROM {{ tables.sessions }}
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
  AND first_page IS NOT NULL
  AND NOT is_bot
GROUP BY first_page
ORDER BY sessions DESC, entry_page
LIMIT 50
