"""Kinesis consumer keeping user profiles current: Redis (last seen, counters, session) and
first-seen users in PostgreSQL, idempotent per event_id, with partial batch failures."""
