"""Identity check for guests who file a 민원 without an account.

A small interface so that SMS can be added later as another adapter: `Verifier.send(target,
code)` delivers the code; `EmailVerifier` does it with Django's mail. The services
(`guest_verification_start` / `guest_verification_confirm`) generate, hash, expire and count
the codes, whatever the channel.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

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
        site = getattr(settings, "WAGTAIL_SITE_NAME", "")
        send_mail(
            subject=_("[%(site)s] 전자민원 본인 확인 번호") % {"site": site},
            message=_(
                "전자민원 신청을 위한 확인 번호는 %(code)s 입니다.\n"
                "%(minutes)d분 안에 입력하세요. 요청하지 않았다면 이 메일을 무시하세요."
            )
            % {"code": code, "minutes": minutes},
            from_email=None,
            recipient_list=[target],
        )


_VERIFIERS: dict[str, Verifier] = {VerificationChannel.EMAIL: EmailVerifier()}


def register_verifier(verifier: Verifier) -> None:
    """Add or replace the adapter for a channel (e.g. an SMS gateway)."""
    _VERIFIERS[str(verifier.channel)] = verifier


def verifier_for(channel: str) -> Verifier:
    try:
        return _VERIFIERS[str(channel)]
    except KeyError:
        raise ValueError(
            _("이 방법으로는 아직 본인 확인을 할 수 없습니다. 전자우편을 이용하세요.")
        ) from None


def available_channels() -> list[str]:
    return list(_VERIFIERS)
