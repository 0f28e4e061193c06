"""Pure sizing decisions: from the manifest's traffic to shard counts and API throttling."""

from __future__ import annotations

import math

from generator.manifest import Manifest

KINESIS_SHARD_BYTES_PER_SECOND = 1_048_576  # per-shard write limit: 1 MiB/s ...
KINESIS_SHARD_RECORDS_PER_SECOND = 1_000  # ... and 1000 records/s
SHARD_HEADROOM = 1.25  # room for uneven user_id hashing across shards and bursts above peak
THROTTLE_HEADROOM = 1.5


def shard_count(manifest: Manifest) -> int | None:
    """Shards for a PROVISIONED stream (explicit, or sized from traffic); None when ON_DEMAND."""
    stream = manifest.services.stream
    if stream.mode == "ON_DEMAND":
        return None
    if stream.shard_count is not None:
        return stream.shard_count
    traffic = manifest.traffic
    by_bytes = traffic.peak_events_per_second * traffic.average_event_bytes
    needed = max(
        by_bytes / KINESIS_SHARD_BYTES_PER_SECOND,
        traffic.peak_events_per_second / KINESIS_SHARD_RECORDS_PER_SECOND,
    )
    return max(1, math.ceil(needed * SHARD_HEADROOM))


def api_throttle(manifest: Manifest) -> tuple[float, int]:
    """(rate_limit requests/s, burst_limit) for the API stage."""
    throttle = manifest.services.ingest_api.throttle
    traffic = manifest.traffic
    peak_requests = traffic.peak_events_per_second / traffic.events_per_request
    rate = throttle.rate_limit
    if rate is None:
        rate = float(max(10, math.ceil(peak_requests * THROTTLE_HEADROOM)))
    burst = throttle.burst_limit if throttle.burst_limit is not None else math.ceil(rate * 2)
    return rate, burst
