"""Posting rate limits per account and per IP address, counted in the shared cache."""

from django.conf import settings
from django.core.cache import cache


def _keys(user_id: int | None, ip: str | None) -> list[tuple[str, int]]:
    keys = []
    if user_id is not None:
        keys.append((f"boards:rl:user:{user_id}", settings.BOARD_RATE_LIMIT_PER_ACCOUNT))
    if ip:
        keys.append((f"boards:rl:ip:{ip}", settings.BOARD_RATE_LIMIT_PER_IP))
    return keys


def rate_limited(*, user_id: int | None, ip: str | None) -> bool:
    """True when the account or the address has used up its posts for the current window."""
    values = cache.get_many([k for k, _ in _keys(user_id, ip)])
    return any(values.get(k, 0) >= limit for k, limit in _keys(user_id, ip))


def rate_count(*, user_id: int | None, ip: str | None) -> None:
    window = settings.BOARD_RATE_LIMIT_WINDOW_SECONDS
    for key, _ in _keys(user_id, ip):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)
