"""Reads of the 민원상담 app: FAQ search with the site's Korean analyser, and which counsellor
of a 분야 is on duty (or next comes on duty)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from madang.complaints.deadlines import SEOUL, WorkCalendar, default_calendar
from madang.search.analysis import analyse_query

from .models import CounsellingRequest, Counsellor, FrequentQuestion

# How far ahead to look for the next shift of a 분야 (long holidays such as 추석 included).
LOOKAHEAD_DAYS = 21


def faq_published() -> QuerySet[FrequentQuestion]:
    return FrequentQuestion.objects.filter(is_published=True).select_related("field", "department")


def faq_search(*, query: str = "", field_id: int | None = None) -> list[FrequentQuestion]:
    """Published questions matching every morpheme of `query` (a morpheme matches when the
    question's index holds it, or all of its bigrams: 주차 finds 불법주차, particles such as
    는/를/에서 are dropped by the analyser), optionally of one 분야. A query word found in no
    published question is ignored when the query has other words. Questions whose own text
    matches come before those matched only in the answer or keywords."""
    qs = faq_published()
    if field_id:
        qs = qs.filter(field_id=field_id)
    analysed = analyse_query(query or "")
    if not analysed:
        return list(qs) if not (query or "").strip() else []
    matches = []
    for group in analysed.groups:
        match = Q(search_terms__contains=f" {group.term} ")
        if group.bigrams:
            both = Q()
            for bigram in group.bigrams:
                both &= Q(search_terms__contains=f" {bigram} ")
            match |= both
        matches.append(match)
    # A word no published question contains at all (often a verb the analyser reads
    # differently in the question, 버리려면/버리나요) is left out rather than emptying the
    # result; every other word must match.
    if len(matches) > 1:
        known = [m for m in matches if qs.filter(m).exists()]
        matches = known or matches
    for match in matches:
        qs = qs.filter(match)
    terms = analysed.highlight_terms
    results = list(qs)
    results.sort(key=lambda f: (-sum(t in f.question for t in terms), -f.view_count))
    return results


@dataclass(frozen=True)
class Assignment:
    """Who answers a request of a 분야 and from when: `on_duty` means now."""

    counsellor: Counsellor | None
    starts_at: datetime | None
    on_duty: bool


def _active_counsellors(field) -> list[Counsellor]:
    return list(
        Counsellor.objects.filter(field=field, is_active=True, user__is_active=True)
        .select_related("user", "field")
        .prefetch_related("shifts")
        .order_by("pk")
    )


def counsellor_for_field(
    *, field, now: datetime | None = None, calendar: WorkCalendar | None = None
) -> Assignment:
    """The active counsellor of `field` on duty at `now`, else the one whose shift starts
    first afterwards. Shifts run only on working days (not on Saturdays, Sundays or public
    holidays, the staff holiday overrides included) even when a shift lists that weekday.
    No counsellor, or none with a shift in the next three weeks: Assignment(None, None, False).
    """
    now = timezone.localtime(now or timezone.now(), SEOUL)
    calendar = calendar or default_calendar()
    counsellors = _active_counsellors(field)
    if not counsellors:
        return Assignment(None, None, False)
    best: tuple[datetime, Counsellor] | None = None
    for offset in range(LOOKAHEAD_DAYS):
        day = now.date() + timedelta(days=offset)
        if not calendar.is_working_day(day):
            continue
        for counsellor in counsellors:
            for shift in counsellor.shifts.all():
                if shift.weekday != day.weekday():
                    continue
                start = datetime.combine(day, shift.start, SEOUL)
                end = datetime.combine(day, shift.end, SEOUL)
                if start <= now < end:
                    return Assignment(counsellor, now, True)
                if start > now and (best is None or start < best[0]):
                    best = (start, counsellor)
        if best is not None:
            return Assignment(best[1], best[0], False)
    return Assignment(None, None, False)


def requests_for_staff(*, user, status: str = "") -> QuerySet[CounsellingRequest]:
    """Requests a member of staff sees: their own as counsellor; everything for superusers."""
    qs = CounsellingRequest.objects.select_related("field", "counsellor", "complaint")
    if not user.is_superuser:
        qs = qs.filter(counsellor__user=user)
    if status:
        qs = qs.filter(status=status)
    return qs
