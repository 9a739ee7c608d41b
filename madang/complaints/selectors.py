"""Reads of the complaints app: periods per kind, expected deadlines, holiday overrides, lists."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from . import deadlines
from .choices import ComplaintKind, HolidayChange, InquirySubkind
from .models import Complaint, HolidayOverride, StatutoryComplaintType

HOLIDAY_CACHE_KEY = "complaints:holiday-overrides:v1"
# The override table changes a few times a year; every process re-reads it at least this often,
# and the service that edits it deletes the key, so a change is seen at once by every process
# sharing the cache (Redis in production).
HOLIDAY_CACHE_SECONDS = 600

# Which setting holds each kind's period (the settings' comments cite the articles).
_PERIOD_SETTINGS = {
    (ComplaintKind.INQUIRY, InquirySubkind.LAW): "COMPLAINT_PERIOD_INQUIRY_LAW",
    (ComplaintKind.INQUIRY, InquirySubkind.OTHER): "COMPLAINT_PERIOD_INQUIRY_OTHER",
    (ComplaintKind.SUGGESTION, ""): "COMPLAINT_PERIOD_SUGGESTION",
    (ComplaintKind.OTHER, ""): "COMPLAINT_PERIOD_OTHER",
    (ComplaintKind.GRIEVANCE, ""): "COMPLAINT_PERIOD_GRIEVANCE",
}
_PERIOD_DEFAULTS = {
    "COMPLAINT_PERIOD_INQUIRY_LAW": "14d",  # 시행령 제14조제1호
    "COMPLAINT_PERIOD_INQUIRY_OTHER": "7d",  # 시행령 제14조제2호
    "COMPLAINT_PERIOD_SUGGESTION": "14d",  # 시행령 제15조
    "COMPLAINT_PERIOD_OTHER": deadlines.IMMEDIATE,  # 시행령 제16조①, 제19조
    "COMPLAINT_PERIOD_GRIEVANCE": "7d",  # 시행령 제17조①
    "COMPLAINT_PERIOD_STATUTORY_DEFAULT": "7d",
}


def _setting(name: str) -> str:
    return getattr(settings, name, _PERIOD_DEFAULTS[name])


def complaint_period(
    *,
    kind: str,
    inquiry_subkind: str = "",
    statutory_type: StatutoryComplaintType | None = None,
) -> str:
    """The processing period of a kind, as a string `deadlines.parse_period` accepts.

    법정민원: the 처리기준표 row (법 제17조); 질의민원: 법령 14일 or other 7일 (시행령 제14조);
    건의 14일 (제15조); 기타 즉시 = 3 근무시간 (제16조, 제19조); 고충 7일 (제17조①).
    A 질의민원 whose sub-kind is not given takes the shorter, 7일.
    """
    kind = ComplaintKind(kind)
    if kind is ComplaintKind.STATUTORY:
        if statutory_type is not None:
            return statutory_type.period
        return _setting("COMPLAINT_PERIOD_STATUTORY_DEFAULT")
    if kind is ComplaintKind.INQUIRY:
        sub = InquirySubkind(inquiry_subkind) if inquiry_subkind else InquirySubkind.OTHER
        return _setting(_PERIOD_SETTINGS[(kind, sub)])
    return _setting(_PERIOD_SETTINGS[(kind, "")])


def complaint_expected_deadline(
    *,
    kind: str,
    inquiry_subkind: str = "",
    statutory_type: StatutoryComplaintType | None = None,
    received_at: datetime | None = None,
) -> tuple[str, datetime]:
    """(period, deadline) for a 민원 received at `received_at` (default now): what the citizen
    is told at intake (시행령 제6조④ "처리 예정 기한")."""
    period = complaint_period(
        kind=kind, inquiry_subkind=inquiry_subkind, statutory_type=statutory_type
    )
    return period, deadlines.due_at(received_at or timezone.now(), period)


def period_label(period: str) -> str:
    """Korean wording of a period: "14일", "3근무시간", "즉시(3근무시간)"."""
    from django.utils.translation import gettext as _

    if period.strip() == deadlines.IMMEDIATE:
        return _("즉시(3근무시간 이내)")
    parsed = deadlines.parse_period(period)
    if parsed.unit is deadlines.PeriodUnit.HOURS:
        return _("%(n)d근무시간") % {"n": parsed.amount}
    return _("%(n)d일") % {"n": parsed.amount}


def holiday_overrides() -> tuple[frozenset[date], frozenset[date]]:
    """(added, removed) holiday dates from the staff table; the provider deadlines.py calls.

    Cached in the Django cache; `holiday_override_cache_clear` (called by the services on
    commit) drops it.
    """
    cached = cache.get(HOLIDAY_CACHE_KEY)
    if cached is None:
        added, removed = [], []
        for day, change in HolidayOverride.objects.values_list("date", "change"):
            (added if change == HolidayChange.ADDED else removed).append(day)
        cached = (frozenset(added), frozenset(removed))
        cache.set(HOLIDAY_CACHE_KEY, cached, HOLIDAY_CACHE_SECONDS)
    return cached


def holiday_override_cache_clear() -> None:
    cache.delete(HOLIDAY_CACHE_KEY)


def complaint_list_for_citizen(*, user) -> QuerySet[Complaint]:
    """A signed-in citizen's own 민원, newest first (no personal data columns needed)."""
    return (
        Complaint.objects.filter(citizen=user)
        .only(
            "receipt_number",
            "receipt_sequence",
            "kind",
            "title",
            "received_at",
            "due_at",
            "status",
            "period",
        )
        .order_by("-received_at", "-receipt_sequence")
    )


def complaint_get_for_owner(*, receipt_number: str, user=None, session_receipts=()) -> Complaint:
    """The 민원 with `receipt_number` if `user` filed it, or the current session did (a guest
    sees their receipt). Raises Complaint.DoesNotExist otherwise."""
    qs = Complaint.objects.select_related("department", "statutory_type")
    complaint = qs.get(receipt_number=receipt_number)
    if user is not None and user.is_authenticated and complaint.citizen_id == user.pk:
        return complaint
    if receipt_number in session_receipts:
        return complaint
    raise Complaint.DoesNotExist


def statutory_types_active() -> QuerySet[StatutoryComplaintType]:
    return StatutoryComplaintType.objects.filter(is_active=True).order_by("name")
