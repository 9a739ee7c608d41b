"""Identity check for guests who file a 민원 without an account.

A small interface, one adapter per channel: `Verifier.send(target, code)` delivers the code
through the notification outbox (madang.notifications: retried, visible to staff) — by e-mail,
or by SMS through the configured SMS gateway (`SmsVerifier`, offered only when the gateway is
configured). The services (`guest_verification_start` / `guest_verification_confirm`) generate,
hash, expire and count the codes, whatever the channel.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from madang.core import ratelimit

from .choices import VerificationChannel


class Verifier(Protocol):
    channel: str

    def normalise(self, target: str) -> str:
        """The target in canonical form; raise ValueError with a Korean message if invalid."""

    def send(self, *, target: str, code: str, minutes: int) -> None:
        """Deliver `code` to `target`."""


class EmailVerifier:
    channel = VerificationChannel.EMAIL

    def normalise(self, target: str) -> str:
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        target = (target or "").strip()
        try:
            validate_email(target)
        except ValidationError:
            raise ValueError(
                _("전자우편 주소 형식이 올바르지 않습니다. 예: hong@example.com")
            ) from None
        return target.lower()

    def send(self, *, target: str, code: str, minutes: int) -> None:
        from madang.notifications.services import notification_send

        site = getattr(settings, "WAGTAIL_SITE_NAME", "")
        notification_send(
            purpose="complaint.verification",
            subject=_("[%(site)s] 전자민원 본인 확인 번호") % {"site": site},
            body=_(
                "전자민원 신청을 위한 확인 번호는 %(code)s 입니다.\n"
                "%(minutes)d분 안에 입력하세요. 요청하지 않았다면 이 메일을 무시하세요."
            )
            % {"code": code, "minutes": minutes},
            to_email=target,
        )


class SmsVerifier:
    """The code by SMS through the notification outbox's SMS gateway (NHN Cloud)."""

    channel = VerificationChannel.SMS

    def available(self) -> bool:
        return all(
            getattr(settings, name, "")
            for name in ("NHN_SMS_APP_KEY", "NHN_SMS_SECRET_KEY", "NHN_SMS_SENDER_NO")
        )

    def normalise(self, target: str) -> str:
        from madang.notifications.providers.nhncloud import KOREAN_MOBILE
        from madang.notifications.services import phone_normalise

        digits = phone_normalise(target)
        if not KOREAN_MOBILE.fullmatch(digits):
            raise ValueError(
                _("휴대전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678")
            ) from None
        return digits

    def send(self, *, target: str, code: str, minutes: int) -> None:
        from madang.notifications.services import notification_send

        site = getattr(settings, "WAGTAIL_SITE_NAME", "")
        notification_send(
            purpose="complaint.verification",
            subject="",
            body=_("[%(site)s] 전자민원 인증번호 %(code)s (%(minutes)d분 안에 입력)")
            % {"site": site, "code": code, "minutes": minutes},
            to_phone=target,
            channels=("sms",),
        )


_VERIFIERS: dict[str, Verifier] = {
    VerificationChannel.EMAIL: EmailVerifier(),
    VerificationChannel.SMS: SmsVerifier(),
}


def register_verifier(verifier: Verifier) -> None:
    """Add or replace the adapter for a channel (e.g. an SMS gateway)."""
    _VERIFIERS[str(verifier.channel)] = verifier


def _available(verifier: Verifier) -> bool:
    available = getattr(verifier, "available", None)
    return available() if available is not None else True


def verifier_for(channel: str) -> Verifier:
    verifier = _VERIFIERS.get(str(channel))
    if verifier is None or not _available(verifier):
        raise ValueError(
            _("이 방법으로는 아직 본인 확인을 할 수 없습니다. 전자우편을 이용하세요.")
        ) from None
    return verifier


def available_channels() -> list[str]:
    return [channel for channel, verifier in _VERIFIERS.items() if _available(verifier)]


# `Complaint.identity_verified_by` of a guest, by the channel of their code.
IDENTITY_EMAIL = "email"
IDENTITY_PHONE = "phone"
IDENTITY_BY_CHANNEL = {
    VerificationChannel.EMAIL: IDENTITY_EMAIL,
    VerificationChannel.SMS: IDENTITY_PHONE,
}


def identity_verified_by(channel: str) -> str:
    """ "email" or "phone": how a guest verified with a code sent through `channel` proved who
    they are, as recorded on the 민원."""
    return IDENTITY_BY_CHANNEL[VerificationChannel(channel)]


def phone_display(digits: str) -> str:
    """A mobile number as people write it: "01023456789" -> "010-2345-6789"."""
    digits = "".join(ch for ch in (digits or "") if ch.isdigit())
    if len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return digits


# --- request limits ---------------------------------------------------------------------------
# 시행령 제11조의2 lets the agency restrict abuse of the 전자민원창구. Codes cost money (SMS) and
# a 6-digit code can be guessed given enough tries, so code requests and wrong codes are
# counted per client address and per target in fixed windows of the shared cache. The target
# is counted under a keyed hash: no e-mail address or phone number reaches the cache.

SEND = "send"
FAILURE = "failure"

_LIMIT_SETTINGS = {
    (SEND, "ip"): ("COMPLAINT_VERIFICATION_SENDS_PER_IP", 10),
    (SEND, "target"): ("COMPLAINT_VERIFICATION_SENDS_PER_TARGET", 5),
    (FAILURE, "ip"): ("COMPLAINT_VERIFICATION_FAILURES_PER_IP", 20),
    (FAILURE, "target"): ("COMPLAINT_VERIFICATION_FAILURES_PER_TARGET", 10),
}


def _limit_rule(action: str) -> ratelimit.Rule:
    return ratelimit.Rule(
        name=f"complaints.verify.{action}",
        window=ratelimit.Setting("COMPLAINT_VERIFICATION_LIMIT_WINDOW_SECONDS", 3600),
        limits={
            scope: ratelimit.Setting(*_LIMIT_SETTINGS[(action, scope)])
            for scope in ("ip", "target")
        },
    )


def _limit_keys(action: str, *, ip: str | None, target: str) -> list[ratelimit.Counter]:
    """(cache key, limit, end of the window) for each counter that applies; the target is
    counted under a keyed hash (madang.core.ratelimit)."""
    return ratelimit.counters(_limit_rule(action), ip=ip, target=target)


def verification_blocked_until(action: str, *, ip: str | None, target: str) -> datetime | None:
    """When the client may try `action` again, or None if it is not blocked."""
    return ratelimit.blocked_until(_limit_rule(action), ip=ip, target=target)


def verification_count(action: str, *, ip: str | None, target: str) -> None:
    """Count one `action` for the address and the target."""
    ratelimit.hit(_limit_rule(action), ip=ip, target=target)


def verification_wait_message(action: str, until: datetime) -> str:
    """A Korean sentence saying when to try again (minutes and the clock time, Seoul)."""
    if action == SEND:
        message = _(
            "확인 번호를 너무 자주 요청했습니다. %(minutes)d분 뒤(%(time)s 이후)에 "
            "다시 요청해 주세요."
        )
    else:
        message = _(
            "확인 번호를 너무 많이 틀렸습니다. %(minutes)d분 뒤(%(time)s 이후)에 "
            "다시 시도해 주세요."
        )
    return ratelimit.wait_message(until, message)
