-- Events per day and event type over the last 7 days, with how many came from bots.
SELECT
  dt,
  event_type,
  count(*) AS events,
  count_if(is_bot) AS bot_events
FROM {{ tables.curated_events }}
WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
GROUP BY dt, event_type
ORDER BY dt, events DESC, event_type
