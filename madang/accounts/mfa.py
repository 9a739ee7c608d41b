"""The second factor for staff: TOTP with single-use recovery codes (django-otp).

안전성 확보조치 기준 제5조⑤ asks for safe authentication means and ⑥ for a limit on failed
authentications; 제6조② names OTP for 취급자 who reach the system over the network. Every staff,
contractor and superuser account therefore signs in with a password *and* a code from an
authenticator app; MFARequiredMiddleware keeps them out of the admin until they have done so.

Recovery codes live in django-otp's StaticDevice, but only as a SHA-256 prefix (제7조①:
authentication data is not stored in the clear); the codes themselves are shown once.

Passkeys (WebAuthn) are a later option: django-otp-webauthn plugs in as another device class.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop
from django_otp import user_has_device
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from madang.core.audit import audit_log_record

from .choices import AccountKind

# Stored as the devices' names and used to find the recovery device again, so they stay Korean
# whatever language is active; gettext_noop only marks them, show them with gettext(name).
TOTP_DEVICE_NAME = gettext_noop("인증 앱")
RECOVERY_DEVICE_NAME = gettext_noop("복구 코드")
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
RECOVERY_CODE_GROUPS = 4
RECOVERY_CODE_GROUP_LENGTH = 4  # 16 characters of 31 symbols: about 79 bits


class MFAMethod:
    TOTP = "totp"
    RECOVERY = "recovery"


def mfa_required_for(user) -> bool:
    """Whether `user` must present a second factor before using the admin or staff API."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or getattr(user, "kind", None) in (AccountKind.STAFF, AccountKind.CONTRACTOR)
    )


def mfa_has_device(user) -> bool:
    """True when `user` has a confirmed authenticator or recovery codes left to use."""
    return user_has_device(user, confirmed=True)


def totp_device_confirmed(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def recovery_codes_remaining(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Recovery codes -----------------------------------------------------------------------------


def recovery_code_normalise(raw: str) -> str:
    return "".join(ch for ch in raw.lower() if ch.isalnum())


def recovery_code_hash(raw: str) -> str:
    """What is stored for a code: the first 16 hex digits of its SHA-256 (StaticToken holds 16).

    A code carries about 79 random bits, so an unsalted hash is not open to a dictionary, and
    64 bits of it are plenty to tell ten codes apart.
    """
    return hashlib.sha256(recovery_code_normalise(raw).encode()).hexdigest()[:16]


def recovery_code_generate() -> str:
    groups = [
        "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_GROUP_LENGTH))
        for _ in range(RECOVERY_CODE_GROUPS)
    ]
    return "-".join(groups)


def _recovery_codes_replace(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.confirmed = True
    device.throttle_reset(commit=False)
    device.save()
    device.token_set.all().delete()
    codes = [recovery_code_generate() for _ in range(settings.MFA_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=recovery_code_hash(code)) for code in codes]
    )
    return codes


# Enrolment ----------------------------------------------------------------------------------


def totp_device_for_enrolment(*, user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled; made on first call, reused on reload so
    the QR code a person has already scanned stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` with a code from the app. On success any older authenticator is
    removed, a fresh set of recovery codes is made and returned (to be shown once), and an
    audit row is written; on a wrong code returns None (the device's throttle counts it)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(token):
        return None
    replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()[0]
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(user)
    audit_log_record(
        acting_user=user,
        action="mfa.enrol",
        obj=user,
        changes={
            "method": MFAMethod.TOTP,
            "replaced": bool(replaced),
            "recovery_codes": len(codes),
        },
    )
    return codes


# Verification -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyOutcome:
    device: TOTPDevice | StaticDevice | None = None
    throttled_until: datetime | None = None
    locked_out: bool = False
    failures: int = 0
    recovery_codes_left: int | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None


def _device_for(user, method: str):
    model = TOTPDevice if method == MFAMethod.TOTP else StaticDevice
    devices = model.objects.select_for_update().filter(user=user, confirmed=True)
    return devices.order_by("-id").first()


@transaction.atomic
def mfa_verify(*, user, method: str, token: str) -> VerifyOutcome:
    """Check a TOTP or recovery code for `user`.

    Wrong codes are throttled by django-otp (the wait doubles each time); after
    settings.MFA_LOCKOUT_FAILURES in a row the outcome says `locked_out` and the caller ends the
    session (안전성 확보조치 기준 제5조⑥). A used recovery code is gone. Audited either way.
    """
    device = _device_for(user, method)
    if device is None:
        return VerifyOutcome()
    allowed, info = device.verify_is_allowed()
    if not allowed:
        if info and info.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            return VerifyOutcome(
                throttled_until=info.get("locked_until"), failures=info["failure_count"]
            )
        return VerifyOutcome()
    token = recovery_code_hash(token) if method == MFAMethod.RECOVERY else "".join(token.split())
    if device.verify_token(token):
        if method == MFAMethod.RECOVERY:
            left = device.token_set.count()
            audit_log_record(
                acting_user=user,
                action="mfa.recovery_code.use",
                obj=user,
                changes={"remaining": left},
            )
            return VerifyOutcome(device=device, recovery_codes_left=left)
        return VerifyOutcome(device=device)
    failures = device.throttling_failure_count
    locked_out = failures >= settings.MFA_LOCKOUT_FAILURES
    audit_log_record(
        acting_user=user,
        action="mfa.lockout" if locked_out else "mfa.verify.failure",
        obj=user,
        changes={"method": method, "failures": failures},
    )
    return VerifyOutcome(failures=failures, locked_out=locked_out)


# Management ---------------------------------------------------------------------------------


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """Replace `user`'s recovery codes with a fresh set; the old ones stop working at once."""
    codes = _recovery_codes_replace(user)
    audit_log_record(
        acting_user=user,
        action="mfa.recovery_codes.regenerate",
        obj=user,
        changes={"count": len(codes)},
    )
    return codes


@transaction.atomic
def mfa_devices_reset(*, acting_user, user) -> int:
    """Remove every second-factor device of `user` (a lost phone); they enrol again at their
    next sign-in. Only a superuser may do this, and never for their own account, so that one
    stolen password and session cannot strip a second factor."""
    if not (acting_user and acting_user.is_superuser):
        raise PermissionError("only a superuser may reset another user's second factor")
    if acting_user.pk == user.pk:
        raise PermissionError("a superuser cannot reset their own second factor")
    removed = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
    removed += StaticDevice.objects.filter(user=user).delete()[1].get(StaticDevice._meta.label, 0)
    audit_log_record(
        acting_user=acting_user,
        action="mfa.reset",
        obj=user,
        changes={"devices_removed": removed},
    )
    return removed
