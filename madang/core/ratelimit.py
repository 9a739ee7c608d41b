"""One rate limiter for every form and interface that citizens or clients can flood
(docs/decisions/0017-one-rate-limit-service.md, docs/developers/ratelimit.md).

An action is described once, as a `Rule`: a name, a window length and how many actions each
*scope* (an account, a client address, a target such as an e-mail address or phone number, an
API client) may take per window. The numbers are usually `Setting`s, read from Django settings
at every use, so operators change them through the environment and tests with
`override_settings`.

Counting uses **fixed windows** aligned to the epoch (a 3600-second window runs from one full
hour to the next, in Seoul as in UTC), one cache entry per scope and window, created with
`cache.add` and increased with `cache.incr` (both atomic on Redis and in the local-memory
cache). Fixed windows let us tell a citizen the exact minute they may try again; the price is
that up to twice the limit can pass around a window's edge, which is acceptable for these abuse
brakes (the ADR explains why a sliding window was not chosen).

No identifier reaches the cache in the clear: every value is replaced by a keyed hash
(`salted_hmac` under SECRET_KEY, with the rule and scope in the salt), so a cache dump holds no
address, e-mail, phone number or account id, and cannot be reversed by hashing guesses.

Two ways to use a rule:

* *check, then count on success* (a refused or failed attempt costs nothing)::

      until = ratelimit.blocked_until(RULE, account=user.pk, ip=ip)
      if until is not None:
          raise ValidationError(ratelimit.wait_message(until))
      ... do the work ...
      ratelimit.hit(RULE, account=user.pk, ip=ip)

* *take*: count and check in one atomic step (every attempt costs one, refused ones too)::

      until = ratelimit.take(RULE, ip=ip)

A scope whose value is None or empty is not counted (no address known: no address limit).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

KEY_PREFIX = "madang:rl"
# Counters outlive their window a little, so a read at the very end still finds them; the
# window number in the key (not the expiry) decides which window a count belongs to.
EXPIRY_MARGIN_SECONDS = 60
DIGEST_LENGTH = 32  # hex characters of the keyed hash: 128 bits


@dataclass(frozen=True)
class Setting:
    """A whole number from Django settings, read at each use, with a default."""

    name: str
    default: int

    def value(self) -> int:
        return int(getattr(settings, self.name, self.default))


Number = int | Setting


def _number(value: Number) -> int:
    return value.value() if isinstance(value, Setting) else int(value)


@dataclass(frozen=True)
class Rule:
    """What is limited: `name` (part of every cache key, e.g. "boards.write"), the `window` in
    seconds, and `limits`: for each scope ("account", "ip", "target", ...) how many actions one
    value of that scope may take per window. Counters are kept in the order of `limits`."""

    name: str
    window: Number
    limits: Mapping[str, Number]

    def __post_init__(self):
        if not self.name or ":" in self.name:
            raise ValueError("a rate-limit rule needs a name without ':'")
        if not self.limits:
            raise ValueError(f"rate-limit rule {self.name!r} limits nothing")

    def window_seconds(self) -> int:
        return max(1, _number(self.window))

    def limit(self, scope: str) -> int:
        return _number(self.limits[scope])


class Counter(NamedTuple):
    """One cache counter of a rule: its key, its limit and when its window ends."""

    key: str
    limit: int
    ends: datetime


def _cache():
    return caches[getattr(settings, "MADANG_RATE_LIMIT_CACHE", "default")]


def ident_digest(rule: Rule, scope: str, value: object) -> str:
    """The keyed hash that stands for `value` in the cache: no personal data is stored there."""
    salt = f"madang.core.ratelimit:{rule.name}:{scope}"
    return salted_hmac(salt, str(value)).hexdigest()[:DIGEST_LENGTH]


def counters(rule: Rule, *, now: datetime | None = None, **who: object) -> list[Counter]:
    """The counters of `rule` that apply to `who` (scope=value) in the current window."""
    unknown = set(who) - set(rule.limits)
    if unknown:
        raise TypeError(f"rate-limit rule {rule.name!r} has no scope {sorted(unknown)}")
    window = rule.window_seconds()
    stamp = (now or timezone.now()).timestamp()
    slot = int(stamp // window)
    ends = datetime.fromtimestamp((slot + 1) * window, tz=UTC)
    found = []
    for scope in rule.limits:
        value = who.get(scope)
        if value is None or value == "":
            continue
        digest = ident_digest(rule, scope, value)
        key = f"{KEY_PREFIX}:{rule.name}:{scope}:{digest}:{window}:{slot}"
        found.append(Counter(key, rule.limit(scope), ends))
    return found


def _timeout(rule: Rule) -> int:
    return rule.window_seconds() + EXPIRY_MARGIN_SECONDS


def _increment(cache, key: str, timeout: int) -> int:
    """Add one to `key` atomically, starting it at 1 when it does not exist yet."""
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired or evicted between add() and incr()
        cache.set(key, 1, timeout=timeout)
        return 1


def blocked_until(rule: Rule, *, now: datetime | None = None, **who: object) -> datetime | None:
    """When `who` may act again, or None when no counter has reached its limit. Counts
    nothing: call `hit` once the action has been done."""
    found = counters(rule, now=now, **who)
    if not found:
        return None
    counts = _cache().get_many([c.key for c in found])
    ends = [c.ends for c in found if counts.get(c.key, 0) >= c.limit]
    return max(ends) if ends else None


def hit(rule: Rule, *, now: datetime | None = None, **who: object) -> None:
    """Count one action of `who` on every counter that applies."""
    cache, timeout = _cache(), _timeout(rule)
    for counter in counters(rule, now=now, **who):
        _increment(cache, counter.key, timeout)


def take(rule: Rule, *, now: datetime | None = None, **who: object) -> datetime | None:
    """Count one action of `who` and say whether it was over a limit: None when allowed, else
    when the window ends. Every call counts, also a refused one, so that hammering a limited
    form keeps it closed; two simultaneous calls can never both take the last place."""
    cache, timeout = _cache(), _timeout(rule)
    ends = [
        counter.ends
        for counter in counters(rule, now=now, **who)
        if _increment(cache, counter.key, timeout) > counter.limit
    ]
    return max(ends) if ends else None


def reset(rule: Rule, **who: object) -> None:
    """Forget the current window's counts of `who` (e.g. after staff confirmed a citizen)."""
    _cache().delete_many([c.key for c in counters(rule, **who)])


def retry_after(until: datetime, *, now: datetime | None = None) -> int:
    """Whole seconds until `until`, at least 1: the value of a Retry-After header."""
    seconds = (until - (now or timezone.now())).total_seconds()
    return max(1, math.ceil(seconds))


def wait_values(until: datetime, *, now: datetime | None = None) -> dict[str, object]:
    """`minutes` (rounded up, at least 1), `seconds` and the local clock `time` of `until`
    (with the date when it is not today), for a message saying when to try again."""
    now = now or timezone.now()
    local = timezone.localtime(until)
    clock = local.strftime("%H:%M")
    if local.date() != timezone.localtime(now).date():
        clock = _("%(month)d월 %(day)d일 %(time)s") % {
            "month": local.month,
            "day": local.day,
            "time": clock,
        }
    seconds = retry_after(until, now=now)
    return {"minutes": max(1, math.ceil(seconds / 60)), "seconds": seconds, "time": clock}


def wait_message(
    until: datetime, message: str | None = None, *, now: datetime | None = None
) -> str:
    """A sentence saying when to try again. `message` is an already translated text with
    %(minutes)d, %(time)s and/or %(seconds)d; by default a general Korean sentence."""
    if message is None:
        message = _("요청이 너무 많습니다. %(minutes)d분 뒤(%(time)s 이후)에 다시 시도해 주세요.")
    return message % wait_values(until, now=now)
