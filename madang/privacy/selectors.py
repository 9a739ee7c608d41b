"""Reads for the privacy app: citizens' personal data for staff, and the monthly access review."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from .fields import blind_lookup
from .models import PersonalProfile, PIIAccessAction, PIIAccessLog
from .services import pii_access_record, pii_access_record_many

SEOUL = ZoneInfo("Asia/Seoul")


# ---------------------------------------------------------------------------
# Personal data, read by staff: every read is an access record (안전성 확보조치 기준 제8조)


@transaction.atomic
def personal_profile_for_staff(*, actor, user, reason: str = "") -> PersonalProfile | None:
    """A citizen's decrypted profile for a staff screen, recording the 조회."""
    profile = PersonalProfile.objects.filter(user=user).first()
    if profile is not None:
        pii_access_record(
            actor=actor, subject_user=user, action=PIIAccessAction.VIEW, obj=profile, reason=reason
        )
    return profile


@transaction.atomic
def personal_profile_search(
    *, actor, phone: str = "", email: str = "", reason: str = ""
) -> list[PersonalProfile]:
    """Find citizens by exact phone number or e-mail through the blind indexes, recording a
    조회 for each citizen found. Nothing is recorded when nothing is found."""
    if not (phone or email):
        return []
    qs = PersonalProfile.objects.select_related("user")
    condition = Q()
    if phone:
        condition |= Q(**blind_lookup(PersonalProfile, "phone", phone))
    if email:
        condition |= Q(**blind_lookup(PersonalProfile, "email", email))
    profiles = list(qs.filter(condition).order_by("pk"))
    pii_access_record_many(
        actor=actor,
        subject_users=[p.user for p in profiles],
        action=PIIAccessAction.VIEW,
        reason=reason,
    )
    return profiles


# ---------------------------------------------------------------------------
# The monthly review (안전성 확보조치 기준 제8조②: check the access records at least monthly and,
# when personal data was downloaded, confirm the reason)


_HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def working_hours() -> tuple[time, time]:
    match = _HOURS_RE.match(settings.PII_ACCESS_WORKING_HOURS)
    if not match:
        raise ValueError(
            f"PII_ACCESS_WORKING_HOURS '{settings.PII_ACCESS_WORKING_HOURS}' must look like "
            "08:00-20:00"
        )
    h1, m1, h2, m2 = map(int, match.groups())
    return time(h1, m1), time(h2 % 24, m2)


@cache
def _kr_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("KR", years=year))


def is_outside_working_hours(moment: datetime) -> bool:
    """Weekends, public holidays, and times outside PII_ACCESS_WORKING_HOURS (Asia/Seoul)."""
    local = moment.astimezone(SEOUL)
    start, end = working_hours()
    if local.weekday() >= 5 or local.date() in _kr_holidays(local.year):
        return True
    return not start <= local.time() < end


def parse_month(value: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(
            _("월은 2026-11 형식으로 적어 주세요(입력한 값: '%(value)s').") % {"value": value}
        )
    return date(int(match[1]), int(match[2]), 1)


@dataclass
class ActorSummary:
    actor_id: int | None
    actor_repr: str
    counts: dict[str, int]
    total: int


@dataclass
class HeavyDay:
    actor_repr: str
    day: date
    subjects: int


@dataclass
class AfterHours:
    actor_repr: str
    count: int
    entries: list[PIIAccessLog]


@dataclass
class MonthlyReport:
    month: date
    total: int
    actions: list[tuple[str, str]]
    actors: list[ActorSummary]
    downloads: list[PIIAccessLog]
    downloads_without_reason: int
    heavy_days: list[HeavyDay]
    after_hours: list[AfterHours]
    threshold: int
    working_hours: tuple[time, time]
    generated_at: datetime = field(default_factory=timezone.now)

    @property
    def flagged(self) -> bool:
        return bool(self.heavy_days or self.after_hours or self.downloads_without_reason)


AFTER_HOURS_EXAMPLES = 20


def pii_access_monthly_report(*, month: date) -> MonthlyReport:
    """Counts per account and task, every download and export with its stated reason, and the
    patterns the privacy officer must look at: one account viewing more data subjects in a day
    than PII_ACCESS_DAILY_SUBJECT_THRESHOLD, and access outside working hours."""
    start = datetime(month.year, month.month, 1, tzinfo=SEOUL)
    end = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=SEOUL)
    rows = PIIAccessLog.objects.filter(created_at__gte=start, created_at__lt=end)
    threshold = settings.PII_ACCESS_DAILY_SUBJECT_THRESHOLD

    per_actor: dict[tuple, Counter] = defaultdict(Counter)
    grouped = rows.values("actor_id", "actor_repr", "action").annotate(n=Count("id"))
    for row in grouped.order_by():
        per_actor[(row["actor_id"], row["actor_repr"])][row["action"]] += row["n"]
    actors = sorted(
        (
            ActorSummary(actor_id, actor_repr, dict(counts), sum(counts.values()))
            for (actor_id, actor_repr), counts in per_actor.items()
        ),
        key=lambda a: (-a.total, a.actor_repr),
    )

    downloads = list(
        rows.filter(action__in=[PIIAccessAction.DOWNLOAD, PIIAccessAction.EXPORT]).order_by("seq")
    )
    heavy = (
        rows.annotate(day=TruncDate("created_at", tzinfo=SEOUL))
        .values("actor_repr", "day")
        .annotate(subjects=Count("subject_user", distinct=True))
        .filter(subjects__gt=threshold)
        .order_by("day", "actor_repr")
    )
    heavy_days = [HeavyDay(h["actor_repr"], h["day"], h["subjects"]) for h in heavy]

    after: dict[str, AfterHours] = {}
    for entry in rows.order_by("seq").iterator(chunk_size=2000):
        if is_outside_working_hours(entry.created_at):
            bucket = after.setdefault(entry.actor_repr, AfterHours(entry.actor_repr, 0, []))
            bucket.count += 1
            if len(bucket.entries) < AFTER_HOURS_EXAMPLES:
                bucket.entries.append(entry)

    return MonthlyReport(
        month=month,
        total=sum(a.total for a in actors),
        actions=list(PIIAccessAction.choices),
        actors=actors,
        downloads=downloads,
        downloads_without_reason=sum(1 for d in downloads if not d.reason),
        heavy_days=heavy_days,
        after_hours=sorted(after.values(), key=lambda a: (-a.count, a.actor_repr)),
        threshold=threshold,
        working_hours=working_hours(),
    )


def previous_month(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)
