"""Request limits of the Open311 interface, per client key (or per address without one),
counted in fixed windows of the shared cache (madang.core.ratelimit)."""

from __future__ import annotations

from django.utils import timezone

from madang.core import ratelimit
from madang.core.ratelimit import Rule, Setting

READ = "read"
WRITE = "write"

_WINDOW = Setting("OPEN311_RATE_LIMIT_WINDOW_SECONDS", 60)
_RULES = {
    READ: Rule(
        name="open311.read",
        window=_WINDOW,
        limits={"client": Setting("OPEN311_RATE_LIMIT_READS", 120)},
    ),
    WRITE: Rule(
        name="open311.write",
        window=_WINDOW,
        limits={"client": Setting("OPEN311_RATE_LIMIT_WRITES", 30)},
    ),
}


def rate_take(action: str, *, who: str) -> int | None:
    """Count one `action` by `who` ("key:<id>" or "ip:<address>"). Returns None when allowed,
    or the seconds until the window ends when the limit is used up."""
    now = timezone.now()
    until = ratelimit.take(_RULES[action], now=now, client=who)
    return None if until is None else ratelimit.retry_after(until, now=now)
