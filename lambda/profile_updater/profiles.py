"""The Redis side: user profile hashes, per-type counters and the current session.

Keys (prefix = KEY_PREFIX):
  <prefix>:user:<user_id>         hash last_seen (epoch ms, never goes back), last_event_type,
                                  last_page (page path), last_page_at
  <prefix>:user:<user_id>:counts  hash event_type -> count (each event_id counted once)
  <prefix>:session:<user_id>      hash session_id, start, last (epoch ms); TTL SESSION_TTL_SECONDS,
                                  refreshed whenever the session is updated
  <prefix>:seen:<event_id>        "1" with TTL DEDUP_TTL_SECONDS: the idempotency marker

One Lua script applies a chunk of events atomically, in order; every chunk of the batch goes in
one pipelined round trip (EVALSHA; the script is loaded again only when Redis answers NOSCRIPT).
Per event the script checks the marker first and writes it last, after the counter: an event that
fails half-way has no marker, so its retry redoes it (its max-merges are idempotent). The script
stops at the first failing event and says which, so the caller can fail from that record on.
Keys are built inside the script, so Redis must not run in cluster mode (ElastiCache with cluster
mode disabled: a primary and replicas).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import orjson
import redis
from clickstack_events import NormalisedEvent
from redis.backoff import NoBackoff
from redis.exceptions import NoScriptError, RedisError
from redis.retry import Retry

from profile_updater.config import Config

APPLY_EVENTS_LUA = """
local prefix, dedup_ttl, session_ttl = ARGV[1], ARGV[2], ARGV[3]
local events = cjson.decode(ARGV[4])

local function apply(e)
  -- e = {event_id, user_id, event_time (string of epoch ms), event_type, page, session_id}
  local seen = prefix .. ':seen:' .. e[1]
  if redis.call('EXISTS', seen) == 1 then return 0 end
  local user = prefix .. ':user:' .. e[2]
  local ts = e[3]
  local t = tonumber(ts)
  local current = redis.call('HMGET', user, 'last_seen', 'last_page_at')
  local last_seen = tonumber(current[1])
  if last_seen == nil or t >= last_seen then
    redis.call('HSET', user, 'last_seen', ts, 'last_event_type', e[4])
  end
  if e[5] ~= '' then
    local page_at = tonumber(current[2])
    if page_at == nil or t >= page_at then
      redis.call('HSET', user, 'last_page', e[5], 'last_page_at', ts)
    end
  end
  if e[6] ~= '' then
    local key = prefix .. ':session:' .. e[2]
    local s = redis.call('HMGET', key, 'session_id', 'start', 'last')
    if s[1] == e[6] then
      if t < tonumber(s[2]) then redis.call('HSET', key, 'start', ts) end
      if t > tonumber(s[3]) then redis.call('HSET', key, 'last', ts) end
      redis.call('EXPIRE', key, session_ttl)
    elseif s[3] == false or t >= tonumber(s[3]) then
      redis.call('HSET', key, 'session_id', e[6], 'start', ts, 'last', ts)
      redis.call('EXPIRE', key, session_ttl)
    end
  end
  redis.call('HINCRBY', user .. ':counts', e[4], 1)
  redis.call('SET', seen, '1', 'EX', dedup_ttl)
  return 1
end

local statuses = {}
for i, e in ipairs(events) do
  local ok, result = pcall(apply, e)
  if not ok then
    local message = result
    if type(result) == 'table' then message = result.err or 'error' end
    return {statuses, i, tostring(message)}
  end
  statuses[i] = result
end
return {statuses, 0, ''}
"""
APPLY_EVENTS_SHA = hashlib.sha1(APPLY_EVENTS_LUA.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """statuses[i] is 1 (counted) or 0 (duplicate event_id) for each applied event, in order;
    failed_at is the index of the first event not known to be applied (None: all applied)."""

    statuses: list[int]
    failed_at: int | None = None
    error: str = ""


def event_row(event: NormalisedEvent) -> tuple[str, str, str, str, str, str]:
    return (
        event["event_id"],
        event["user_id"],
        str(event["event_time"]),
        event["event_type"],
        event["page_path"] or "",
        event["session_id"] or "",
    )


def make_client(config: Config) -> redis.Redis:
    """A client with short timeouts: a Lambda must not spend its whole timeout on a dead Redis.

    The client's pool reconnects by itself on the next call after a connection error."""
    return redis.Redis.from_url(
        config.redis_url,
        socket_timeout=config.redis_timeout_seconds,
        socket_connect_timeout=config.redis_timeout_seconds,
        health_check_interval=30,
        # one immediate retry on a connection error (a stale socket after a failover): the
        # script is idempotent per event_id, so resending the whole pipeline is safe
        retry=Retry(NoBackoff(), 1),
    )


class ProfileStore:
    """Applies normalised events to Redis; one round trip per batch (two after a NOSCRIPT)."""

    def __init__(self, client: redis.Redis, config: Config) -> None:
        self.client = client
        self.prefix = config.key_prefix
        self.dedup_ttl = str(config.dedup_ttl_seconds)
        self.session_ttl = str(config.session_ttl_seconds)
        self.chunk = config.redis_events_per_call

    def _run(self, chunks: Sequence[bytes]) -> list[object]:
        pipe = self.client.pipeline(transaction=False)
        for payload in chunks:
            pipe.evalsha(
                APPLY_EVENTS_SHA, 0, self.prefix, self.dedup_ttl, self.session_ttl, payload
            )
        return pipe.execute(raise_on_error=False)

    def apply(self, events: Sequence[NormalisedEvent]) -> ApplyResult:
        """Apply `events` in order. Connection errors raise RedisError (nothing known applied);
        an error inside the script comes back as failed_at."""
        if not events:
            return ApplyResult([])
        rows = [event_row(e) for e in events]
        chunks = [orjson.dumps(rows[i : i + self.chunk]) for i in range(0, len(rows), self.chunk)]
        replies = self._run(chunks)
        if any(isinstance(r, NoScriptError) for r in replies):
            # Redis restarted or SCRIPT FLUSH: load once, rerun what did not run
            self.client.script_load(APPLY_EVENTS_LUA)
            missing = [i for i, r in enumerate(replies) if isinstance(r, NoScriptError)]
            for i, reply in zip(missing, self._run([chunks[i] for i in missing]), strict=True):
                replies[i] = reply
        statuses: list[int] = []
        for index, reply in enumerate(replies):
            start = index * self.chunk
            if isinstance(reply, Exception):
                return ApplyResult(statuses, start, f"{type(reply).__name__}: {reply}")
            if not isinstance(reply, list) or len(reply) != 3:
                return ApplyResult(statuses, start, f"unexpected script reply {reply!r:.200}")
            chunk_statuses, failed, message = reply
            statuses.extend(int(s) for s in chunk_statuses)
            if failed:
                text = message.decode() if isinstance(message, bytes) else str(message)
                return ApplyResult(statuses, start + int(failed) - 1, text)
        return ApplyResult(statuses)


__all__ = [
    "APPLY_EVENTS_LUA",
    "ApplyResult",
    "ProfileStore",
    "RedisError",
    "make_client",
]
