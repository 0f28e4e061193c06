"""Realistic clickstream traffic: users with sessions over the last two hours, page flows,
referrers, devices, a newsletter burst, client retries, a few SDK apps - and a share of bad input.

Deterministic for a seed. Each Request knows what its client meant to send (``events``) and,
when it is bad on purpose, why (``flaw``), so the report can check that every event sent ends up
somewhere: curated, a duplicate, or an error output with a reason.
"""

from __future__ import annotations

import base64
import gzip
import json
import random
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

MINUTE_MS = 60_000
WINDOW_MS = 120 * MINUTE_MS  # sessions start within the last two hours

PAGES = ["/", "/products", "/products/{id}", "/cart", "/checkout", "/blog/{slug}", "/search"]
# page -> where a visitor goes next (weights), a small site map with a funnel
FLOW: dict[str, list[tuple[str, int]]] = {
    "/": [("/products", 5), ("/blog/{slug}", 2), ("/search", 2)],
    "/products": [("/products/{id}", 7), ("/search", 1), ("/", 1)],
    "/products/{id}": [("/products/{id}", 3), ("/cart", 3), ("/products", 2)],
    "/cart": [("/checkout", 5), ("/products", 2)],
    "/checkout": [("/", 1)],
    "/blog/{slug}": [("/blog/{slug}", 2), ("/products", 2), ("/", 1)],
    "/search": [("/products/{id}", 5), ("/search", 1)],
}
REFERRERS = [
    (None, 5),
    ("https://www.google.com/", 4),
    ("https://news.example.org/weekly", 1),
    ("https://t.co/x1", 1),
]
# where a visitor from a referrer lands first (others start at the home page)
LANDING = {"https://news.example.org/weekly": "/blog/{slug}", "https://t.co/x1": "/products"}
DEVICES = [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0 Safari/537.36", "1920x1080", 5),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.4 Safari/605.1.15", "1512x982", 2),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "390x844", 4),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0 Mobile Safari/537.36", "412x915", 3),
    ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "1024x768", 1),
]  # fmt: skip
EVENT_TYPES = [("page_view", 6), ("click", 3), ("scroll", 2), ("add_to_cart", 1)]


@dataclass
class Request:
    """One HTTP request a client makes to the collector."""

    route: Literal["web", "sdk"]
    body: str
    sent_at_ms: int
    user_agent: str
    source_ip: str
    events: int  # events the client meant to send in it
    query: dict[str, str] = field(default_factory=dict)
    flaw: str | None = None  # why it is bad on purpose, None when it is good


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _url(rng: random.Random, page: str) -> str:
    path = page.replace("{id}", str(rng.randint(1, 60))).replace(
        "{slug}", f"post-{rng.randint(1, 12)}"
    )
    query = f"?q=item{rng.randint(1, 9)}" if page == "/search" else ""
    return f"https://shop.example.com{path}{query}"


def _session(
    rng: random.Random, user: str, start_ms: int, clock_offset_ms: int
) -> list[dict[str, Any]]:
    """One visit: a page flow with a few interactions per page, 5-90 s apart."""
    session_id = str(uuid.UUID(int=rng.getrandbits(128)))
    referrer = _pick(rng, REFERRERS)
    page, at = LANDING.get(referrer, "/"), start_ms
    if page == "/" and referrer is not None and rng.random() < 0.5:
        page = "/products/{id}"  # search results link straight to products
    events = []
    for _ in range(rng.randint(1, 8)):
        url = _url(rng, page)
        kinds = ["page_view"] + [
            _pick(rng, EVENT_TYPES[1:]) for _ in range(rng.choice([0, 0, 1, 2]))
        ]
        for kind in kinds:
            event = {
                "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
                "event_type": kind,
                "timestamp": at + clock_offset_ms,
                "app_id": "shop-web",
                "user_id": user,
                "session_id": session_id,
                "page_url": url,
                "page_title": page.strip("/").split("/")[0].title() or "Home",
                "platform": "web",
                "locale": "en-GB",
                "properties": {"plan": rng.choice(["free", "free", "pro"])},
            }
            if referrer is not None:  # the contract has no null: absent means unknown
                event["referrer"] = referrer
            events.append(event)
            at += rng.randint(5, 90) * 1000
        referrer = url
        page = _pick(rng, FLOW[page])
    return events


def generate(now_ms: int, users: int = 300, seed: int = 7) -> list[Request]:
    """Requests in the order their clients send them (by send time)."""
    rng = random.Random(seed)
    requests: list[Request] = []
    burst_at = now_ms - 60 * MINUTE_MS  # the newsletter goes out an hour ago
    for number in range(users):
        user = f"user-{number:04d}"
        agent, screen, _ = rng.choices(DEVICES, weights=[d[2] for d in DEVICES])[0]
        ip = f"198.51.100.{rng.randint(1, 254)}"
        # 1 client in 40 has a clock two hours fast: the transform corrects its events
        offset = 2 * 60 * MINUTE_MS if rng.random() < 0.025 else 0
        start = (
            burst_at + rng.randint(0, 5 * MINUTE_MS)
            if rng.random() < 0.3
            else (now_ms - WINDOW_MS + rng.randint(0, WINDOW_MS - 20 * MINUTE_MS))
        )
        for _ in range(rng.choice([1, 1, 2, 3])):
            events = _session(rng, user, start, offset)
            for event in events:
                event["screen"] = screen
            # the browser flushes every few events, a little after the last one happened
            flush_every = rng.randint(3, 6)
            for index in range(0, len(events), flush_every):
                batch = events[index : index + flush_every]
                sent = batch[-1]["timestamp"] - offset + rng.randint(200, 3000)
                requests += _web(rng, batch, min(sent, now_ms), agent, ip)
            start = events[-1]["timestamp"] - offset + rng.randint(40, 180) * MINUTE_MS
            if start > now_ms - 2 * MINUTE_MS:
                break
    requests += _sdk_apps(rng, now_ms)
    requests.sort(key=lambda r: r.sent_at_ms)
    return requests


def _web(
    rng: random.Random, batch: list[dict[str, Any]], sent: int, agent: str, ip: str
) -> list[Request]:
    """A browser batch; about 3% are broken on purpose, and 2% are sent again 5 s later (the
    client saw no answer and retried: the same events twice)."""
    roll = rng.random()
    flaw = None
    body = json.dumps(batch)
    if roll < 0.01:
        bad = [dict(e) for e in batch]
        del bad[-1]["user_id"]
        body, flaw = json.dumps(bad), "event without user_id"
    elif roll < 0.02:
        bad = [dict(e) for e in batch]
        bad[0]["timestamp"] = str(bad[0]["timestamp"])
        body, flaw = json.dumps(bad), "timestamp as a string"
    elif roll < 0.03:
        body, flaw = body[:-7], "truncated JSON body"  # the connection dropped mid-body
    requests = [Request("web", body, sent, agent, ip, len(batch), flaw=flaw)]
    if roll > 0.98:
        requests.append(Request("web", body, sent + 5000, agent, ip, len(batch), flaw="retry"))
    return requests


def _sdk_apps(rng: random.Random, now_ms: int) -> list[Request]:
    """Mobile apps using the "Clickstream Analytics on AWS" SDK: gzip+base64 batches; one batch
    carries an event without event_type, one batch has nothing valid at all."""
    requests = []
    for number in range(12):
        device = f"device-{number:03d}"
        user = f"app-user-{number:03d}"
        at = now_ms - rng.randint(5, 100) * MINUTE_MS
        events: list[dict[str, Any]] = []
        for index in range(rng.randint(3, 9)):
            events.append(
                {
                    "event_type": "_screen_view" if index % 3 == 0 else "add_to_cart",
                    "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
                    "timestamp": at + index * 20_000,
                    "app_id": "shop-app",
                    "unique_id": device,
                    "platform": "Android",
                    "attributes": {"_screen_name": f"Screen{index % 4}"},
                    "user": {"_user_id": {"value": user, "set_timestamp": at}},
                }
            )
        flaw = None
        if number == 3:
            del events[1]["event_type"]
            flaw = "one SDK event without event_type"
        if number == 7:
            for event in events:
                del event["event_id"]
            flaw = "SDK batch without any event_id"
        sent = events[-1]["timestamp"] + 1500
        body = base64.b64encode(gzip.compress(json.dumps(events).encode(), mtime=0)).decode()
        query = {"appId": "shop-app", "compression": "gzip", "upload_timestamp": str(sent)}
        agent = "ClickstreamAndroid/0.12 (Pixel 7; Android 14)"
        requests.append(
            Request("sdk", body, sent, agent, f"203.0.113.{number + 1}", len(events), query, flaw)
        )
    return requests
