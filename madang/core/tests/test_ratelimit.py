"""The shared rate limiter (madang.core.ratelimit): fixed windows, several scopes per action,
keyed hashes instead of identifiers, settings-driven limits and the Korean wait message."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from madang.core import ratelimit
from madang.core.ratelimit import Rule, Setting

RULE = Rule(
    name="test.write",
    window=Setting("TEST_RL_WINDOW", 600),
    limits={"account": Setting("TEST_RL_PER_ACCOUNT", 2), "ip": 3, "target": 1},
)
# 2026-12-02 10:05:00 Seoul (01:05 UTC): inside the 600-second window 10:00–10:10.
NOW = datetime(2026, 12, 2, 1, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_counters_skip_missing_values_and_reject_unknown_scopes():
    found = ratelimit.counters(RULE, now=NOW, account=7, ip=None, target="")
    assert [c.limit for c in found] == [2]
    with pytest.raises(TypeError, match="no scope"):
        ratelimit.counters(RULE, now=NOW, acount=7)


def test_keys_hold_no_identifier_and_differ_per_rule_and_scope():
    found = ratelimit.counters(
        RULE, now=NOW, account=123456, ip="203.0.113.77", target="secret.person@example.com"
    )
    assert [c.limit for c in found] == [2, 3, 1]  # the order of the rule's limits
    for counter in found:
        assert "123456" not in counter.key
        assert "203.0.113" not in counter.key
        assert "secret" not in counter.key and "example" not in counter.key
    other = Rule(name="test.other", window=600, limits={"ip": 3})
    assert ratelimit.ident_digest(RULE, "ip", "1.2.3.4") != ratelimit.ident_digest(
        other, "ip", "1.2.3.4"
    )
    assert ratelimit.ident_digest(RULE, "ip", "1.2.3.4") != ratelimit.ident_digest(
        RULE, "target", "1.2.3.4"
    )


def test_window_is_fixed_and_aligned():
    (counter,) = ratelimit.counters(RULE, now=NOW, ip="1.2.3.4")
    assert counter.ends == datetime(2026, 12, 2, 1, 10, tzinfo=UTC)
    later = ratelimit.counters(RULE, now=NOW + timedelta(minutes=4, seconds=59), ip="1.2.3.4")
    assert later[0].key == counter.key
    next_window = ratelimit.counters(RULE, now=NOW + timedelta(minutes=5), ip="1.2.3.4")
    assert next_window[0].key != counter.key


def test_check_then_hit_allows_the_limit_per_scope():
    who = {"account": 1, "ip": "203.0.113.5"}
    for _ in range(2):
        assert ratelimit.blocked_until(RULE, now=NOW, **who) is None
        ratelimit.hit(RULE, now=NOW, **who)
    until = ratelimit.blocked_until(RULE, now=NOW, **who)
    assert until == datetime(2026, 12, 2, 1, 10, tzinfo=UTC)
    # another account from the same address still has room: the address allows three
    assert ratelimit.blocked_until(RULE, now=NOW, account=2, ip="203.0.113.5") is None
    ratelimit.hit(RULE, now=NOW, account=2, ip="203.0.113.5")
    assert ratelimit.blocked_until(RULE, now=NOW, account=3, ip="203.0.113.5") is not None
    assert ratelimit.blocked_until(RULE, now=NOW, account=3, ip="198.51.100.1") is None
    # the next window starts from nothing
    assert ratelimit.blocked_until(RULE, now=NOW + timedelta(minutes=5), **who) is None


def test_take_counts_every_attempt_and_refuses_over_the_limit():
    assert ratelimit.take(RULE, now=NOW, target="a@example.com") is None
    until = ratelimit.take(RULE, now=NOW, target="a@example.com")
    assert until == datetime(2026, 12, 2, 1, 10, tzinfo=UTC)
    # refused attempts count too
    (counter,) = ratelimit.counters(RULE, now=NOW, target="a@example.com")
    assert cache.get(counter.key) == 2
    assert ratelimit.take(RULE, now=NOW, target="b@example.com") is None


def test_limits_follow_settings_at_each_use(settings):
    settings.TEST_RL_PER_ACCOUNT = 0
    assert ratelimit.take(RULE, now=NOW, account=1) is not None
    settings.TEST_RL_PER_ACCOUNT = 5
    assert ratelimit.take(RULE, now=NOW, account=1) is None
    settings.TEST_RL_WINDOW = 3600
    (counter,) = ratelimit.counters(RULE, now=NOW, account=1)
    assert counter.ends == datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
    assert cache.get(counter.key) is None  # a new window length has its own counters


def test_take_is_atomic_under_concurrency():
    rule = Rule(name="test.burst", window=3600, limits={"ip": 5})
    results = []
    lock = threading.Lock()

    def attempt():
        outcome = ratelimit.take(rule, now=NOW, ip="192.0.2.1")
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(None) == 5
    assert len(results) == 20


def test_counter_that_expires_between_add_and_incr_restarts_at_one(monkeypatch):
    rule = Rule(name="test.expire", window=60, limits={"ip": 1})
    ratelimit.hit(rule, now=NOW, ip="192.0.2.9")

    def gone(key, delta=1, version=None):
        raise ValueError("Key not found")

    monkeypatch.setattr(cache, "incr", gone)
    assert ratelimit.take(rule, now=NOW, ip="192.0.2.9") is None
    (counter,) = ratelimit.counters(rule, now=NOW, ip="192.0.2.9")
    assert cache.get(counter.key) == 1


def test_reset_forgets_the_current_counts():
    ratelimit.hit(RULE, target="x@example.com")
    assert ratelimit.blocked_until(RULE, target="x@example.com") is not None
    ratelimit.reset(RULE, target="x@example.com")
    assert ratelimit.blocked_until(RULE, target="x@example.com") is None


def test_rule_needs_a_name_and_limits():
    with pytest.raises(ValueError):
        Rule(name="a:b", window=1, limits={"ip": 1})
    with pytest.raises(ValueError):
        Rule(name="empty", window=1, limits={})


def test_wait_message_names_minutes_and_seoul_time():
    until = datetime(2026, 12, 2, 1, 10, tzinfo=UTC)
    now = until - timedelta(minutes=4, seconds=1)
    message = ratelimit.wait_message(until, now=now)
    assert message == "요청이 너무 많습니다. 5분 뒤(10:10 이후)에 다시 시도해 주세요."
    assert ratelimit.retry_after(until, now=now) == 241
    assert ratelimit.retry_after(until, now=until + timedelta(seconds=3)) == 1


def test_wait_message_gives_the_date_when_not_today():
    until = datetime(2026, 12, 2, 15, 30, tzinfo=UTC)  # 00:30 on 3 December in Seoul
    now = until - timedelta(hours=1)
    values = ratelimit.wait_values(until, now=now)
    assert values["time"] == "12월 3일 00:30"
    assert values["minutes"] == 60
    custom = ratelimit.wait_message(until, "%(minutes)d분 뒤, %(time)s 이후", now=now)
    assert custom == "60분 뒤, 12월 3일 00:30 이후"


def test_wait_message_in_english():
    until = timezone.now().replace(microsecond=0) + timedelta(minutes=3)
    with translation.override("en"):
        message = ratelimit.wait_message(until, now=until - timedelta(minutes=3))
    assert message.startswith("Too many requests. Try again in 3 minutes (after ")
