"""What the ALB tells the collector about a request: the client's address and the request id.

Client address. The collector's TCP peer is always an ALB node, so the address API Gateway calls
$context.identity.sourceIp must come from X-Forwarded-For. The ALB (in its default "append"
mode) adds the address of whoever connected to it at the RIGHT end of that header, after
whatever the request already carried. Everything to the left of that entry was written by the
client or by proxies the collector cannot vouch for: anyone can send
"X-Forwarded-For: 1.2.3.4". So the collector reads the header from the right, skips the entries
appended by proxies it trusts, and takes the first entry it does not trust - the right-most
untrusted hop. With the ALB alone in front (TRUSTED_PROXY_HOPS=0, the default) that is the
ALB's own entry, the address that opened the connection to the ALB (also when Global
Accelerator with client IP preservation is in front: it appends nothing). With N proxies that
append (CloudFront, a corporate proxy) in front of the ALB, set TRUSTED_PROXY_HOPS=N.

Request id. The ALB puts an X-Amzn-Trace-Id on every request: "Root=1-<8 hex>-<24 hex>" when
the client sent none; when the client sent one with a Root, the ALB keeps that Root (the
client chose it) and inserts "Self=1-...", its own id for this hop. So Self, when present, is
the ALB's id, else Root is. The id is also what ALB access logs record as trace_id, which makes
a record traceable to its access-log line. Without a usable header (a direct call in the VPC) a
random UUID is used, the form API Gateway's request ids have.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Sequence

TRACE_ID = re.compile(r"1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}")


def _address(entry: str) -> str | None:
    """The entry as a canonical IP address, or None when it is not one."""
    try:
        return str(ipaddress.ip_address(entry.strip()))
    except ValueError:
        return None


def client_ip(forwarded_for: Sequence[str], peer: str, trusted_hops: int = 0) -> str:
    """The right-most untrusted X-Forwarded-For entry (see the module docstring).

    `forwarded_for` holds the values of every X-Forwarded-For header line (in order); `peer` is
    the TCP peer, used when there is no header (nothing forwarded the request). Fewer entries
    than trusted hops means the chain was shorter than configured: the left-most entry is the
    closest to the client there is. An entry that is not an IP address (not written by an ALB)
    is not trusted to be one: the peer is used.
    """
    entries = [entry for value in forwarded_for for entry in value.split(",") if entry.strip()]
    if not entries:
        return peer
    index = max(len(entries) - 1 - trusted_hops, 0)
    return _address(entries[index]) or peer


def request_id(trace_header: str | None) -> str:
    """The ALB's id of this request from X-Amzn-Trace-Id (Self, else Root), else a UUID."""
    if trace_header:
        fields: dict[str, str] = {}
        for part in trace_header.split(";"):
            name, _, value = part.strip().partition("=")
            fields.setdefault(name.strip(), value.strip())
        for name in ("Self", "Root"):
            value = fields.get(name, "")
            if TRACE_ID.fullmatch(value):
                return value
    return str(uuid.uuid4())
