"""Reads for accounts."""

from django.utils import timezone

from .models import ApiToken, hash_token

LAST_USED_RESOLUTION_SECONDS = 60


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The usable token matching `raw`, or None. Marks its last use at most once a minute."""
    if not raw:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None or not token.is_usable():
        return None
    now = timezone.now()
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
