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
