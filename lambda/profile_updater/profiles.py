"""The Redis side: user profile hashes, per-type counters and the current session.

Keys (prefix = KEY_PREFIX):
  <prefix>:user:<user_id>         hash last_seen (epoch ms, never goes back), last_event_type,
                                  last_page (page path), last_page_at
  <prefix>:user:<user_id>:counts  hash event_type -> count (each event_id counted once)
  <prefix>:session:<user_id>      hash session_id, start, last (epoch ms); TTL SESSION_TTL_SECONDS,
                                  refreshed whenever the session is updated
  <prefix>:seen:<event_id>        "1" with TTL DEDUP_TTL_SECONDS: the idempotency marker

One Lua script applies a chunk of events (at most REDIS_EVENTS_PER_CALL) atomically, in order;
the chunks of a batch are written to one connection while the batch is still being parsed and
their replies read at the end: one round trip (EVALSHA; the script is loaded again only when
Redis answers NOSCRIPT). Events go as one flat JSON array of strings, statuses come back as one
string. Per event the script checks the marker first (all markers of the call are read by one
MGET before the first event: the script is atomic) and writes it last, after the counter: an
event that fails half-way has no marker, so its retry redoes it (its max-merges are idempotent);
each hash gets at most one HSET per event. The script
stops at the first failing event and says which, so the caller can fail from that record on.
Keys are built inside the script, so Redis must not run in cluster mode (ElastiCache with cluster
mode disabled: a primary and replicas).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import redis
from clickstack_events import NormalisedEvent
from redis.backoff import NoBackoff
from redis.exceptions import NoScriptError, RedisError, ResponseError
from redis.retry import Retry

from profile_updater.config import Config
from profile_updater.iam_auth import IamCredentialProvider

APPLY_EVENTS_LUA = """
local prefix, dedup_ttl, session_ttl = ARGV[1], ARGV[2], ARGV[3]
-- flat: 6 strings per event: event_id, user_id, event_time (epoch ms), event_type, page, session_id
local rows = cjson.decode(ARGV[4])
local call = redis.call
local count = #rows / 6

-- the markers of the whole call in one read (slices: unpack has a stack limit); `done` holds the
-- event ids marked by this call, so an event_id repeated in the call counts once
local seen_keys, marked, done = {}, {}, {}
for i = 1, count do seen_keys[i] = prefix .. ':seen:' .. rows[i * 6 - 5] end
for first = 1, count, 1000 do
  local values = call('MGET', unpack(seen_keys, first, math.min(first + 999, count)))
  for k = 1, #values do marked[first + k - 1] = values[k] end
end

local function apply(i)
  local j = i * 6 - 5
  local id, uid, ts, etype = rows[j], rows[j + 1], rows[j + 2], rows[j + 3]
  local page, sid = rows[j + 4], rows[j + 5]
  if marked[i] or done[id] then return '0' end
  local user = prefix .. ':user:' .. uid
  local t = tonumber(ts)
  local current = call('HMGET', user, 'last_seen', 'last_page_at')
  local last_seen = tonumber(current[1])
  local newer = last_seen == nil or t >= last_seen
  local page_newer = false
  if page ~= '' then
    local page_at = tonumber(current[2])
    page_newer = page_at == nil or t >= page_at
  end
  if newer then
    if page_newer then
      call('HSET', user, 'last_seen', ts, 'last_event_type', etype, 'last_page', page,
           'last_page_at', ts)
    else
      call('HSET', user, 'last_seen', ts, 'last_event_type', etype)
    end
  elseif page_newer then
    call('HSET', user, 'last_page', page, 'last_page_at', ts)
  end
  if sid ~= '' then
    local key = prefix .. ':session:' .. uid
    local s = call('HMGET', key, 'session_id', 'start', 'last')
    if s[1] == sid then
      local earlier, later = t < tonumber(s[2]), t > tonumber(s[3])
      if earlier and later then
        call('HSET', key, 'start', ts, 'last', ts)
      elseif earlier then
        call('HSET', key, 'start', ts)
      elseif later then
        call('HSET', key, 'last', ts)
      end
      call('EXPIRE', key, session_ttl)
    elseif s[3] == false or t >= tonumber(s[3]) then
      call('HSET', key, 'session_id', sid, 'start', ts, 'last', ts)
      call('EXPIRE', key, session_ttl)
    end
  end
  call('HINCRBY', user .. ':counts', etype, 1)
  call('SET', seen_keys[i], '1', 'EX', dedup_ttl)
  done[id] = true
  return '1'
end

-- statuses: one character per applied event, '1' counted, '0' duplicate
local statuses = {}
for i = 1, count do
  local ok, result = pcall(apply, i)
  if not ok then
    local message = result
    if type(result) == 'table' then message = result.err or 'error' end
    return {table.concat(statuses), i, tostring(message)}
  end
  statuses[i] = result
end
return {table.concat(statuses), 0, ''}
"""
APPLY_EVENTS_SHA = hashlib.sha1(APPLY_EVENTS_LUA.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """statuses[i] is 1 (counted) or 0 (duplicate event_id) for each applied event, in order;
    failed_at is the index of the first event not known to be applied (None: all applied)."""

    statuses: list[int]
    failed_at: int | None = None
    error: str = ""


def make_client(config: Config) -> redis.Redis:
    """A client with short timeouts: a Lambda must not spend its whole timeout on a dead Redis.

    The client's pool reconnects by itself on the next call after a connection error. With
    REDIS_IAM_USER set, every connection authenticates with a fresh IAM token (iam_auth)."""
    provider = None
    if config.redis_iam_user:
        provider = IamCredentialProvider(
            config.redis_iam_user, config.redis_cache_name, config.aws_region
        )
    return redis.Redis.from_url(
        config.redis_url,
        credential_provider=provider,
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

    def command(self, payload: bytes) -> tuple[object, ...]:
        return (
            "EVALSHA",
            APPLY_EVENTS_SHA,
            0,
            self.prefix,
            self.dedup_ttl,
            self.session_ttl,
            payload,
        )

    def _run(self, chunks: Sequence[bytes]) -> list[object]:
        pipe = self.client.pipeline(transaction=False)
        for payload in chunks:
            pipe.evalsha(
                APPLY_EVENTS_SHA, 0, self.prefix, self.dedup_ttl, self.session_ttl, payload
            )
        return pipe.execute(raise_on_error=False)

    def begin(self) -> ApplySession:
        """A batch whose events are added as they are parsed; see ApplySession."""
        return ApplySession(self)

    def apply(self, events: Sequence[NormalisedEvent]) -> ApplyResult:
        """Apply `events` in order. Connection errors raise RedisError (nothing known applied);
        an error inside the script comes back as failed_at."""
        session = self.begin()
        try:
            session.add(events)
            return session.finish()
        finally:
            session.close()


class ApplySession:
    """One batch streamed to Redis while the caller parses: each chunk's EVALSHA is written to
    the connection as soon as the chunk is full, so redis-server runs the script while the next
    records are decoded; finish() sends the rest and reads every reply (still one round trip).

    A connection error while streaming is kept, not raised: finish() then sends every chunk once
    more on a fresh connection (the script is idempotent per event_id), like the pipeline's one
    immediate retry, and raises RedisError if that fails too. Always close() it (a connection
    with unread replies is dropped, never returned to the pool)."""

    def __init__(self, store: ProfileStore) -> None:
        self.store = store
        self.rows: list[str] = []  # flat fields of the events not yet in a chunk
        self.width = store.chunk * 6
        self.chunks: list[bytes] = []
        self.starts = [0]  # index of the first event of each chunk (and one past the last)
        # a redis.connection.Connection (its methods are untyped)
        self.conn: Any = None
        self.sent = 0  # chunks written to self.conn whose replies are unread
        self.failed = False  # a connection error while streaming: resend everything
        # no connection at all (Redis unreachable): raised by finish(), not retried, as the
        # pipeline does (connecting already retries once)
        self.connect_error: RedisError | None = None

    def add(self, events: Sequence[NormalisedEvent], remaining: int | None = None) -> None:
        """Queue `events`; every full chunk is sent at once. `remaining` (records still to
        parse) also sends a partial chunk once it holds more events than records remain, so
        the calls shrink towards the end of the batch: what the caller waits for after its
        last record is Redis running the last call, now a few events instead of a full chunk."""
        rows = self.rows
        for e in events:
            rows += (
                e["event_id"],
                e["user_id"],
                str(e["event_time"]),
                e["event_type"],
                e["page_path"] or "",
                e["session_id"] or "",
            )
        width = self.width
        if len(rows) >= width:
            full = len(rows) - len(rows) % width
            for i in range(0, full, width):
                self._chunk(rows[i : i + width])
            del rows[:full]
            self._stream()
        if rows and remaining is not None and len(rows) > remaining * 6:
            self._chunk(rows)
            rows.clear()
            self._stream()

    def _chunk(self, rows: list[str]) -> None:
        self.starts.append(self.starts[-1] + len(rows) // 6)
        self.chunks.append(orjson.dumps(rows))

    def _stream(self) -> None:
        if self.failed:
            return
        if self.conn is None:
            try:
                self.conn = self.store.client.connection_pool.get_connection()
            except RedisError as exc:
                self.failed, self.connect_error = True, exc
                return
        try:
            conn = self.conn
            for payload in self.chunks[self.sent :]:
                # health check only while no reply is outstanding (it reads a PONG)
                conn.send_packed_command(
                    conn.pack_command(*self.store.command(payload)), check_health=not self.sent
                )
                self.sent += 1
        except RedisError:
            self.failed = True
            self._drop()

    def _read(self, conn: Any, count: int) -> list[object]:
        replies: list[object] = []
        for _ in range(count):
            try:
                replies.append(conn.read_response())
            except ResponseError as exc:  # one command's error: the connection is in sync
                replies.append(exc)
        self.sent -= count
        return replies

    def _exchange(self) -> list[object]:
        if self.conn is None:
            self.conn = self.store.client.connection_pool.get_connection()
        conn = self.conn
        conn.send_packed_command(conn.pack_commands([self.store.command(p) for p in self.chunks]))
        self.sent = len(self.chunks)
        return self._read(conn, len(self.chunks))

    def finish(self) -> ApplyResult:
        if self.rows:
            self._chunk(self.rows)
            self.rows = []
            self._stream()
        if not self.chunks:
            return ApplyResult([])
        replies: list[object] | None = None
        if not self.failed and self.conn is not None:
            try:
                replies = self._read(self.conn, self.sent)
            except RedisError:
                self._drop()
        if self.connect_error is not None:
            raise self.connect_error
        if replies is None:  # one retry of the whole batch on a fresh connection
            try:
                replies = self._exchange()
            except RedisError:
                self._drop()
                raise
        self.close()
        return self._result(replies)

    def _result(self, replies: list[object]) -> ApplyResult:
        store, chunks = self.store, self.chunks
        if any(isinstance(r, NoScriptError) for r in replies):
            # Redis restarted or SCRIPT FLUSH: load once, rerun what did not run
            store.client.script_load(APPLY_EVENTS_LUA)
            missing = [i for i, r in enumerate(replies) if isinstance(r, NoScriptError)]
            for i, reply in zip(missing, store._run([chunks[i] for i in missing]), strict=True):
                replies[i] = reply
        statuses: list[int] = []
        for index, reply in enumerate(replies):
            start = self.starts[index]
            if isinstance(reply, Exception):
                return ApplyResult(statuses, start, f"{type(reply).__name__}: {reply}")
            if not isinstance(reply, list) or len(reply) != 3:
                return ApplyResult(statuses, start, f"unexpected script reply {reply!r:.200}")
            chunk_statuses, failed, message = reply
            statuses.extend(bytes(chunk_statuses).translate(_STATUS_DIGITS))
            if failed:
                text = message.decode() if isinstance(message, bytes) else str(message)
                return ApplyResult(statuses, start + int(failed) - 1, text)
        return ApplyResult(statuses)

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.disconnect()
            self.store.client.connection_pool.release(self.conn)
            self.conn = None
            self.sent = 0

    def close(self) -> None:
        """Give the connection back (dropped first when replies are still unread)."""
        if self.conn is not None and not self.sent:
            self.store.client.connection_pool.release(self.conn)
            self.conn = None
        self._drop()


_STATUS_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


__all__ = [
    "APPLY_EVENTS_LUA",
    "ApplyResult",
    "ApplySession",
    "ProfileStore",
    "RedisError",
    "make_client",
]
