"""Links that let the citizen open their own 민원 from a notice.

A signed-in citizen's link is the plain 민원 page (they sign in). A guest has no account, so
their notice carries a signed link (django.core.signing, keyed by SECRET_KEY) naming the 접수번호;
it opens that one 민원 in the browser session that follows it, for COMPLAINT_ACCESS_LINK_DAYS.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "madang.complaints.citizen-access"


def link_days() -> int:
    return int(getattr(settings, "COMPLAINT_ACCESS_LINK_DAYS", 180))


def access_token(receipt_number: str) -> str:
    return signing.dumps({"n": receipt_number}, salt=SALT, compress=True)


def access_token_receipt(token: str) -> str | None:
    """The 접수번호 a valid, unexpired token names, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=link_days() * 86400)
    except signing.BadSignature:
        return None
    number = data.get("n") if isinstance(data, dict) else None
    return number if isinstance(number, str) else None


def absolute(path: str) -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def citizen_url(complaint) -> str:
    """Where the citizen reads their 민원, its answer and its timeline."""
    if complaint.citizen_id is not None:
        return absolute(reverse("complaints:detail", args=[complaint.receipt_number]))
    return absolute(reverse("complaints:access", args=[access_token(complaint.receipt_number)]))


def staff_url(complaint) -> str:
    return absolute(reverse("complaints_handling:detail", args=[complaint.pk]))
