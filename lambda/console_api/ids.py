"""Project ids and the key that makes project names unique.

A project id is "<slug of the name>-<8 random characters>", lowercase ASCII letters, digits and
hyphens: "Web Shop" -> "web-shop-k3f9xq2m". The slug makes ids readable in URLs and logs; the
suffix (36^8 values, from `secrets`) keeps ids distinct when slugs collide ("Web shop!" and
"web-shop" differ as names, not as slugs) and never reuses the id of a deleted project. Ids are
generated, never chosen by the client, and never change when nothing else does.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

SLUG_MAX = 32
SUFFIX_LENGTH = 8
SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
FALLBACK_SLUG = "project"  # a name with no ASCII letter or digit ("Магазин", "🛒")
PROJECT_ID_MAX = SLUG_MAX + 1 + SUFFIX_LENGTH
_PROJECT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_WHITESPACE = re.compile(r"\s+")


def slug(name: str) -> str:
    """Lowercase ASCII letters and digits of `name`, runs of anything else as one hyphen."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cut = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:SLUG_MAX].rstrip("-")
    return cut or FALLBACK_SLUG


def new_project_id(name: str) -> str:
    suffix = "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(SUFFIX_LENGTH))
    return f"{slug(name)}-{suffix}"


def is_project_id(value: str) -> bool:
    """Could `value` be an id new_project_id made? (Anything else is unknown without a lookup.)"""
    return len(value) <= PROJECT_ID_MAX and _PROJECT_ID.fullmatch(value) is not None


def name_key(name: str) -> str:
    """What makes two project names the same: NFKC, case-folded, whitespace runs as one space
    ("Web  Shop" and "web shop" are one name; "Web-Shop" is another)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return _WHITESPACE.sub(" ", folded).strip()
