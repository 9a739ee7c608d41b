"""Writes for accounts. Each runs in one transaction and leaves an audit row."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record

from .choices import ApiScope
from .models import ApiToken, User, hash_token


@transaction.atomic
def api_token_create(
    *,
    acting_user: User | None,
    user: User,
    name: str,
    scopes: list[str],
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Issue a token for `user`; returns the row and the raw token, which is never stored."""
    unknown = sorted(set(scopes) - set(ApiScope.values))
    if unknown:
        raise ValidationError(
            _("알 수 없는 권한 범위입니다: %(scopes)s. 사용할 수 있는 값: %(allowed)s")
            % {"scopes": ", ".join(unknown), "allowed": ", ".join(ApiScope.values)}
        )
    if not user.is_staff:
        raise ValidationError(_("API 토큰은 직원 계정에만 발급할 수 있습니다."))
    raw = ApiToken.generate_raw()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:12],
        token_hash=hash_token(raw),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    audit_log_record(
        acting_user=acting_user,
        action="api_token.create",
        obj=token,
        changes={"user": user.get_username(), "scopes": token.scopes},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, acting_user: User | None, token: ApiToken) -> ApiToken:
    """Revoke a token at once; it cannot be used again."""
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_log_record(acting_user=acting_user, action="api_token.revoke", obj=token)
    return token


# ---------------------------------------------------------------------------
# 본인확인, 내 정보 and account deletion (accounts issue, items 2 and 8)

import secrets as _secrets  # noqa: E402
from collections.abc import Callable  # noqa: E402

from madang.privacy.models import IdentityVerification  # noqa: E402

# Other apps (boards, complaints...) register a handler in their AppConfig.ready():
#     account_deletion_handler_register("boards", handler)
# handler(*, user, delete_posts: bool) -> dict runs inside account_delete's transaction, before
# the account is anonymised; it returns a small JSON-able summary for the audit row.
_ACCOUNT_DELETION_HANDLERS: dict[str, Callable[..., dict | None]] = {}


def account_deletion_handler_register(name: str, handler: Callable[..., dict | None]) -> None:
    """Register what an app does when a citizen deletes their account (idempotent by name)."""
    _ACCOUNT_DELETION_HANDLERS[name] = handler


def account_deletion_handlers() -> dict[str, Callable[..., dict | None]]:
    return dict(_ACCOUNT_DELETION_HANDLERS)


@transaction.atomic
def identity_verification_record(*, user, provider_id: str, purpose: str, identity):
    """Keep a completed 본인확인: keyed hashes of CI/DI, birth year and adulthood only
    (개인정보 보호법 제24조의2: no 주민등록번호; 안전성 확보조치 기준 제7조)."""
    record = IdentityVerification.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        provider=provider_id,
        purpose=purpose,
        ci_hash=identity.ci_hash,
        di_hash=identity.di_hash,
        birth_year=identity.birth_year,
        is_adult=identity.is_adult,
    )
    audit_log_record(
        acting_user=user if user is not None and user.is_authenticated else None,
        action="accounts.identity.verify",
        obj=record,
        changes={"provider": provider_id, "purpose": purpose},
    )
    return record


@transaction.atomic
def account_delete(*, user, delete_posts: bool) -> User:
    """A citizen deletes their account (개인정보 보호법 제21조: destroy without delay once the
    purpose is met; 제37조).

    The User row stays, anonymised (username "deleted-<random>", unusable password, inactive),
    so audit rows, complaint history and kept posts still point at something; the personal
    profile's values are erased, social connections, e-mail rows and identity records deleted,
    and every consent still granted is withdrawn. Posts stay as "탈퇴한 회원" unless
    `delete_posts`; the choice is recorded. Complaints stay for the period the 공공기록물 관리에
    관한 법률 sets; the complaints app's handler decides how.
    """
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    from madang.privacy.consent_services import consent_withdraw_all
    from madang.privacy.models import PersonalProfile

    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active and user.username.startswith("deleted-"):
        raise ValidationError(_("이미 탈퇴한 계정입니다."))
    if user.is_staff or user.is_superuser:
        raise ValidationError(
            _("직원 계정은 여기에서 탈퇴할 수 없습니다. 시스템 관리자에게 요청하세요.")
        )
    summaries = {}
    for name, handler in account_deletion_handlers().items():
        summaries[name] = handler(user=user, delete_posts=delete_posts) or {}
    consent_withdraw_all(acting_user=user, user=user)
    profile = PersonalProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None:
        profile.name = profile.phone = profile.email = profile.address = ""
        profile.save()
    social = SocialAccount.objects.filter(user=user).delete()[0]
    EmailAddress.objects.filter(user=user).delete()
    IdentityVerification.objects.filter(user=user).delete()
    user.username = f"deleted-{_secrets.token_hex(8)}"
    user.set_unusable_password()
    user.is_active = False
    user.first_name = user.last_name = user.email = ""
    user.save()
    audit_log_record(
        acting_user=user,
        action="accounts.citizen.delete",
        obj=user,
        object_repr=f"user #{user.pk}",
        changes={"delete_posts": delete_posts, "social_accounts": social, "handlers": summaries},
    )
    return user


def my_data_export(*, user) -> dict:
    """Read: everything Madang holds about `user`, for 내 정보 and its JSON download
    (개인정보 보호법 제35조 열람; 시행령 제41조④ within 10 days — here at once)."""
    from allauth.socialaccount.models import SocialAccount

    from madang.privacy.consent_services import consent_history_for_user
    from madang.privacy.models import PersonalProfile

    profile = PersonalProfile.objects.filter(user=user).first()
    return {
        "account": {
            "username": user.get_username(),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "has_password": user.has_usable_password(),
        },
        "personal_profile": {
            "name": str(profile.name) if profile else "",
            "email": str(profile.email) if profile else "",
            "phone": str(profile.phone) if profile else "",
            "address": str(profile.address) if profile else "",
        },
        "consents": [
            {
                "notice": record.notice.title,
                "kind": record.notice.kind,
                "version": record.notice.version,
                "required": record.notice.required,
                "action": record.action,
                "at": record.created_at.isoformat(),
                "ip_address": record.ip_address,
            }
            for record in consent_history_for_user(user=user)
        ],
        "social_accounts": [
            {"provider": a.provider, "connected_at": a.date_joined.isoformat()}
            for a in SocialAccount.objects.filter(user=user)
        ],
        "identity_verifications": [
            {"provider": v.provider, "purpose": v.purpose, "at": v.verified_at.isoformat()}
            for v in IdentityVerification.objects.filter(user=user)
        ],
    }


@transaction.atomic
def my_data_download(*, user) -> dict:
    """The JSON download of my data, audited (the row names no personal data)."""
    audit_log_record(acting_user=user, action="accounts.my_data.download", obj=user)
    return my_data_export(user=user)
