"""Limits on guest identity checks (시행령 제11조의2): code requests and wrong codes are counted
per client address and per target; over the limit the citizen is told when to try again."""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from madang.complaints import verification
from madang.complaints.models import GuestVerification
from madang.complaints.services import (
    _code_hash,
    guest_verification_confirm,
    guest_verification_start,
)
from madang.core.request_context import reset_client_ip, set_client_ip

WINDOW = 3600


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.COMPLAINT_VERIFICATION_LIMIT_WINDOW_SECONDS = WINDOW
    settings.COMPLAINT_VERIFICATION_SENDS_PER_IP = 3
    settings.COMPLAINT_VERIFICATION_SENDS_PER_TARGET = 2
    settings.COMPLAINT_VERIFICATION_FAILURES_PER_IP = 4
    settings.COMPLAINT_VERIFICATION_FAILURES_PER_TARGET = 3
    settings.COMPLAINT_VERIFICATION_MAX_ATTEMPTS = 10


@pytest.fixture
def from_ip():
    tokens = []

    def use(ip):
        tokens.append(set_client_ip(ip))

    yield use
    for token in reversed(tokens):
        reset_client_ip(token)


def _wrong(verification_id) -> str:
    """A code that is certainly not the one sent."""
    row = GuestVerification.objects.get(pk=verification_id)
    for candidate in ("000000", "111111"):
        if _code_hash(row.pk, candidate) != row.code_hash:
            return candidate
    raise AssertionError("unreachable")


@pytest.mark.django_db
def test_code_requests_limited_per_target(from_ip):
    from_ip("203.0.113.5")
    guest_verification_start(channel="email", target="a@example.com")
    guest_verification_start(channel="email", target="A@example.com")  # same, normalised
    with pytest.raises(ValidationError) as exc:
        guest_verification_start(channel="email", target="a@example.com")
    message = exc.value.message_dict["target"][0]
    assert "너무 자주 요청했습니다" in message
    assert re.search(r"\d+분 뒤\(\d\d:\d\d 이후\)", message)
    assert GuestVerification.objects.count() == 2
    # another address is not blocked by this target's counter
    guest_verification_start(channel="email", target="b@example.com")


@pytest.mark.django_db
def test_code_requests_limited_per_ip(from_ip):
    from_ip("203.0.113.7")
    for n in range(3):
        guest_verification_start(channel="email", target=f"user{n}@example.com")
    with pytest.raises(ValidationError) as exc:
        guest_verification_start(channel="email", target="user9@example.com")
    assert exc.value.error_dict["target"][0].code == "rate_limited"
    # another client address may still ask
    from_ip("198.51.100.1")
    guest_verification_start(channel="email", target="user9@example.com")


@pytest.mark.django_db
def test_window_passes_and_the_message_names_its_end(from_ip):
    from_ip("203.0.113.9")
    guest_verification_start(channel="email", target="c@example.com")
    guest_verification_start(channel="email", target="c@example.com")
    until = verification.verification_blocked_until(
        verification.SEND, ip="203.0.113.9", target="c@example.com"
    )
    assert until is not None
    now = timezone.now()
    assert now < until <= now + timedelta(seconds=WINDOW)
    # The window is fixed: it ends at a multiple of its length (so the time told is exact).
    assert int(until.timestamp()) % WINDOW == 0
    message = verification.verification_wait_message(verification.SEND, until)
    assert timezone.localtime(until).strftime("%H:%M") in message
    # When the window's counters are gone (expired), requests are accepted again.
    cache.clear()
    guest_verification_start(channel="email", target="c@example.com")


@pytest.mark.django_db
def test_wrong_codes_limited_per_target_across_codes(from_ip):
    """Asking for a new code does not give a fresh set of guesses."""
    from_ip("203.0.113.20")
    first = guest_verification_start(channel="email", target="d@example.com")
    for _ in range(2):
        with pytest.raises(ValidationError):
            guest_verification_confirm(verification_id=first.pk, code=_wrong(first.pk))
    from_ip("198.51.100.20")  # a new address, and a new code
    second = guest_verification_start(channel="email", target="d@example.com")
    with pytest.raises(ValidationError) as exc:
        guest_verification_confirm(verification_id=second.pk, code=_wrong(second.pk))
    assert "맞지 않습니다" in exc.value.message_dict["code"][0]
    # third wrong code for this target: blocked now, even with the right code
    with pytest.raises(ValidationError) as exc:
        guest_verification_confirm(verification_id=second.pk, code="123456")
    assert "너무 많이 틀렸습니다" in exc.value.message_dict["code"][0]
    attempts = GuestVerification.objects.get(pk=second.pk).attempts
    assert attempts == 1  # a blocked try is not even checked


@pytest.mark.django_db
def test_wrong_codes_limited_per_ip(from_ip, settings):
    settings.COMPLAINT_VERIFICATION_SENDS_PER_IP = 100
    from_ip("203.0.113.30")
    rows = [guest_verification_start(channel="email", target=f"e{n}@example.com") for n in range(5)]
    for row in rows[:4]:
        with pytest.raises(ValidationError):
            guest_verification_confirm(verification_id=row.pk, code=_wrong(row.pk))
    with pytest.raises(ValidationError) as exc:
        guest_verification_confirm(verification_id=rows[4].pk, code=_wrong(rows[4].pk))
    assert "너무 많이 틀렸습니다" in exc.value.message_dict["code"][0]


@pytest.mark.django_db
def test_right_codes_are_not_counted(from_ip, django_capture_on_commit_callbacks):
    from_ip("203.0.113.40")
    with django_capture_on_commit_callbacks(execute=True):
        row = guest_verification_start(channel="email", target="f@example.com")
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    assert guest_verification_confirm(verification_id=row.pk, code=code).verified_at
    assert (
        verification.verification_blocked_until(
            verification.FAILURE, ip="203.0.113.40", target="f@example.com"
        )
        is None
    )
    keys = [k for k, _l, _e in verification._limit_keys(verification.FAILURE, ip="x", target="")]
    assert cache.get(keys[0]) is None


@pytest.mark.django_db
def test_cache_holds_no_email_address(from_ip):
    from_ip("203.0.113.50")
    guest_verification_start(channel="email", target="secret.person@example.com")
    keys = verification._limit_keys(
        verification.SEND, ip="203.0.113.50", target="secret.person@example.com"
    )
    assert all("secret" not in key and "example" not in key for key, _l, _e in keys)
    assert all(cache.get(key) == 1 for key, _l, _e in keys)


@pytest.mark.django_db
def test_page_shows_when_to_try_again_and_keeps_the_address(client, settings):
    settings.COMPLAINT_VERIFICATION_SENDS_PER_TARGET = 1
    url = reverse("complaints:verify")
    client.post(url, {"action": "send", "email": "page@example.com"})
    response = client.post(url, {"action": "send", "email": "page@example.com"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "너무 자주 요청했습니다" in html
    assert 'value="page@example.com"' in html
    assert GuestVerification.objects.count() == 1


@pytest.mark.django_db
def test_page_confirm_blocked_message(client, settings):
    settings.COMPLAINT_VERIFICATION_FAILURES_PER_TARGET = 1
    url = reverse("complaints:verify")
    client.post(url, {"action": "send", "email": "g2@example.com"})
    row = GuestVerification.objects.get()
    client.post(url, {"action": "confirm", "code": _wrong(row.pk)})
    html = client.post(url, {"action": "confirm", "code": _wrong(row.pk)}).content.decode()
    assert "너무 많이 틀렸습니다" in html
    assert isinstance(
        verification.verification_blocked_until(
            verification.FAILURE, ip=None, target="g2@example.com"
        ),
        datetime,
    )
