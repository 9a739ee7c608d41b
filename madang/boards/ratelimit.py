"""Posting rate limits per account and per IP address (madang.core.ratelimit)."""

from madang.core import ratelimit
from madang.core.ratelimit import Rule, Setting

WRITE = Rule(
    name="boards.write",
    window=Setting("BOARD_RATE_LIMIT_WINDOW_SECONDS", 600),
    limits={
        "account": Setting("BOARD_RATE_LIMIT_PER_ACCOUNT", 5),
        "ip": Setting("BOARD_RATE_LIMIT_PER_IP", 20),
    },
)


def rate_limited(*, user_id: int | None, ip: str | None) -> bool:
    """True when the account or the address has used up its posts for the current window."""
    return ratelimit.blocked_until(WRITE, account=user_id, ip=ip) is not None


def rate_count(*, user_id: int | None, ip: str | None) -> None:
    """Count one post or comment for the account and the address."""
    ratelimit.hit(WRITE, account=user_id, ip=ip)
