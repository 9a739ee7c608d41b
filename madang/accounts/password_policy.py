"""Password age and the one service that sets a password (ordinance 제24조).

Staff change their password every PASSWORD_MAX_AGE_DAYS_STAFF days (90: the quarterly change
of 「국가 정보보안 기본지침」 that 제24조 points to). NIST SP 800-63B advises against forced
periodic change, so the number is a setting and 0 turns it off. Citizens are never forced
(KISA 2019 only recommends a change); `password_change_recommended` lets a page remind them.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from madang.core.audit import audit_log_record

from .models import User
from .password_validation import is_staff_account


def password_changed_on(user: User) -> datetime | None:
    """When the password was last set. Accounts from before the field existed fall back to the
    day they joined, so an old staff password counts as old rather than as new."""
    return user.password_changed_at or user.date_joined


def password_max_age(user: User) -> timedelta | None:
    """How long `user`'s password may be kept, or None when no change is forced."""
    if not is_staff_account(user):
        return None
    days = getattr(settings, "PASSWORD_MAX_AGE_DAYS_STAFF", 90)
    return timedelta(days=days) if days > 0 else None


def password_expires_at(user: User) -> datetime | None:
    max_age = password_max_age(user)
    changed = password_changed_on(user)
    if max_age is None or changed is None:
        return None
    return changed + max_age


def password_is_expired(user: User, *, now: datetime | None = None) -> bool:
    """True when a staff account must change its password before doing anything else."""
    if not user.is_authenticated or not user.has_usable_password():
        # Accounts that sign in only through Kakao/Naver have no password to change.
        return False
    expires = password_expires_at(user)
    return expires is not None and (now or timezone.now()) >= expires


def password_change_recommended(user: User, *, now: datetime | None = None) -> bool:
    """For citizens: True after PASSWORD_CHANGE_REMINDER_DAYS (180; the former 정보통신망법
    고시's half-year) — a reminder only, never enforced."""
    days = getattr(settings, "PASSWORD_CHANGE_REMINDER_DAYS", 180)
    changed = password_changed_on(user)
    if days <= 0 or changed is None or not user.has_usable_password():
        return False
    return (now or timezone.now()) >= changed + timedelta(days=days)


@transaction.atomic
def user_set_password(*, acting_user: User | None, user: User, raw_password: str) -> User:
    """Set `user`'s password after checking every rule of 제24조 against that user.

    Raises ValidationError with the Korean messages of the failing rules. Saving runs the
    validators' `password_changed` hook, which records the hash in PasswordHistory and stamps
    `password_changed_at`. The audit row names who changed whose password, never the password.
    A caller acting in the user's own session must call `update_session_auth_hash` afterwards.
    """
    validate_password(raw_password, user)
    user.set_password(raw_password)
    user.save(update_fields=["password"])
    audit_log_record(
        acting_user=acting_user,
        action="user.password_change",
        obj=user,
        changes={"by_self": acting_user is not None and acting_user.pk == user.pk},
    )
    return user
