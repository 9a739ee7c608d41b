"""Request limits of the Open311 interface, per client key (or per address without one),
counted in fixed windows of the shared cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

READ = "read"
WRITE = "write"

_DEFAULTS = {
    READ: ("OPEN311_RATE_LIMIT_READS", 120),
    WRITE: ("OPEN311_RATE_LIMIT_WRITES", 30),
}


def _window() -> int:
    return max(1, int(getattr(settings, "OPEN311_RATE_LIMIT_WINDOW_SECONDS", 60)))


def rate_take(action: str, *, who: str) -> int | None:
    """Count one `action` by `who` ("key:<id>" or "ip:<address>"). Returns None when allowed,
    or the seconds until the window ends when the limit is used up."""
    window = _window()
    name, default = _DEFAULTS[action]
    limit = int(getattr(settings, name, default))
    now = timezone.now().timestamp()
    slot = int(now // window)
    key = f"open311:rl:{action}:{who}:{slot}"
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window + 5)
            count = 1
    if count > limit:
        return max(1, int((slot + 1) * window - now) + 1)
    return None
