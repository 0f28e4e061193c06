"""A compact user-agent classifier: device class, OS, browser and bot flag.

Pure regular expressions, no data files: the pure-Python UA libraries parse one agent in tens of
microseconds, which alone would cap the transform far below its target; user agents also repeat
heavily, so results are kept in an LRU cache. The classifier is deliberately coarse (families,
no versions): what the raw zone needs for segmenting, not a device database.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

UA_CACHE_SIZE = 8192

# Known crawlers, scripts, HTTP libraries, monitors and headless/automation browsers.
# "(?<!cu)bot" keeps the phone brand CUBOT out; "okhttp" and "dalvik" are real app traffic.
BOT_PATTERN = re.compile(
    r"(?<!cu)bot\b|bot[/_-]|crawl|spider|slurp|headless|phantomjs|puppeteer|playwright|"
    r"selenium|webdriver|lighthouse|pagespeed|\bcurl/|wget|python-requests|python-urllib|"
    r"python-httpx|aiohttp|httpie|go-http-client|java/|apache-httpclient|libwww|scrapy|"
    r"facebookexternalhit|embedly|pingdom|uptimerobot|statuscake|monitor|preview|"
    r"insomnia|postman|axios/|node-fetch|undici",
)
TABLET_PATTERN = re.compile(r"ipad|tablet|kindle|silk/|playbook|nexus (?:7|9|10)\b|sm-t\d")
MOBILE_PATTERN = re.compile(
    r"mobi|iphone|ipod|android|windows phone|blackberry|bb10|opera mini|iemobile|dalvik"
)
DESKTOP_PATTERN = re.compile(r"windows nt|macintosh|mac os x|x11|linux|cros")

OS_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"windows phone"), "Windows Phone"),
    (re.compile(r"iphone|ipad|ipod|\bios\b|cpu (?:iphone )?os \d"), "iOS"),
    (re.compile(r"android|dalvik"), "Android"),
    (re.compile(r"windows"), "Windows"),
    (re.compile(r"cros"), "Chrome OS"),
    (re.compile(r"mac os x|macintosh|darwin"), "macOS"),
    (re.compile(r"linux|x11"), "Linux"),
)
BROWSER_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"edg(?:e|a|ios)?/"), "Edge"),
    (re.compile(r"opr/|opera"), "Opera"),
    (re.compile(r"samsungbrowser/"), "Samsung Internet"),
    (re.compile(r"yabrowser/"), "Yandex"),
    (re.compile(r"ucbrowser/"), "UC Browser"),
    (re.compile(r"firefox/|fxios/"), "Firefox"),
    (re.compile(r"chrome/|crios/|chromium/"), "Chrome"),
    (re.compile(r"msie |trident/"), "Internet Explorer"),
    (re.compile(r"version/[\d.]+.*safari/|mobile/\w+ safari|applewebkit.*mobile/"), "Safari"),
)


class UserAgentInfo(NamedTuple):
    device_type: str  # desktop | mobile | tablet | bot | other
    os_name: str | None
    browser_name: str | None
    is_bot: bool


UNKNOWN = UserAgentInfo("other", None, None, False)


@lru_cache(maxsize=UA_CACHE_SIZE)
def classify_user_agent(user_agent: str | None) -> UserAgentInfo:
    """Classify a User-Agent header; empty or missing gives device 'other', not a bot."""
    if not user_agent:
        return UNKNOWN
    ua = user_agent.lower()
    is_bot = BOT_PATTERN.search(ua) is not None
    os_name = next((name for rule, name in OS_RULES if rule.search(ua)), None)
    browser = next((name for rule, name in BROWSER_RULES if rule.search(ua)), None)
    if is_bot:
        device = "bot"
    elif TABLET_PATTERN.search(ua) or (
        os_name == "Android" and "mobile" not in ua and "dalvik" not in ua
    ):
        device = "tablet"
    elif MOBILE_PATTERN.search(ua):
        device = "mobile"
    elif DESKTOP_PATTERN.search(ua):
        device = "desktop"
    else:
        device = "other"
    return UserAgentInfo(device, os_name, browser, is_bot)
