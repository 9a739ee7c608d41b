"""Citizen sign-up: one transaction makes the account, its encrypted contact details and its
consent records, with an audit row.

- 개인정보 보호법 제16조①: only the minimum (아이디, password, e-mail or mobile number).
- 제22조①④: required and optional consents recorded separately; a refused optional consent
  never blocks sign-up.
- 조례 제22조② / 안전성 확보조치 기준 제7조: contact details only in PersonalProfile (encrypted,
  blind-indexed), never in User.email, allauth's EmailAddress or SocialAccount.extra_data.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record
from madang.privacy.consent_services import consent_answers_record
from madang.privacy.services import personal_profile_update

from .choices import AccountKind
from .models import User

# The only provider fields kept in SocialAccount.extra_data: the provider's own account id and
# timestamps, nothing that identifies or describes the person (nickname, e-mail, phone, age...).
SOCIAL_EXTRA_DATA_KEEP = frozenset({"id", "connected_at", "synched_at"})


def social_extra_data_strip(extra_data: dict | None) -> dict:
    """The non-personal remainder of a provider profile (see SOCIAL_EXTRA_DATA_KEEP)."""
    return {k: v for k, v in (extra_data or {}).items() if k in SOCIAL_EXTRA_DATA_KEEP}


@transaction.atomic
def citizen_signup(
    *,
    username: str,
    password: str | None,
    contact_email: str,
    contact_phone: str,
    shown_notices,
    granted_notice_ids,
    ip_address: str | None = None,
    sociallogin=None,
) -> User:
    """Create a citizen account (password, or Kakao/Naver when `sociallogin` is given).

    The account, its PersonalProfile and its consent records commit together or not at all,
    so no account exists without the required consents.
    """
    if not contact_email and not contact_phone:
        raise ValidationError(
            _("전자우편과 휴대전화번호 중 하나 이상을 입력해 주세요."), code="contact_required"
        )
    user = User(username=username, kind=AccountKind.CITIZEN, email="")
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()

    method = "password"
    if sociallogin is not None:
        method = sociallogin.account.provider
        account = sociallogin.account
        account.extra_data = social_extra_data_strip(account.extra_data)
        account.user = user
        account.save()
        sociallogin.user = user
        sociallogin.email_addresses = []  # never into allauth's EmailAddress table

    personal_profile_update(acting_user=user, user=user, email=contact_email, phone=contact_phone)
    consent_answers_record(
        acting_user=user,
        user=user,
        shown=shown_notices,
        granted_ids=granted_notice_ids,
        ip_address=ip_address,
    )
    audit_log_record(
        acting_user=user,
        action="accounts.citizen.signup",
        obj=user,
        changes={
            "method": method,
            "contact": sorted(
                k for k, v in (("email", contact_email), ("phone", contact_phone)) if v
            ),
        },
    )
    return user
