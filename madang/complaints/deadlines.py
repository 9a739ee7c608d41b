"""민원 처리기간 계산: the deadline arithmetic of 민원 처리에 관한 법률.

This module is pure. It never imports the ORM, so the rules can be tested without a database
and reused by statistics jobs. Database-backed holiday overrides reach it through
`register_override_provider`; working hours come from the `MADANG_WORKING_HOURS` setting.

- 법 제19조①: a period of 5일 or less is counted in working hours from the 접수시각, with
  1일 = 8 근무시간 (`HOURS_PER_DAY`).
- 법 제19조②: a period of 6일 or more is counted in working days, the first day included.
- Both exclude 토요일 and 공휴일 (관공서의 공휴일에 관한 규정, 공휴일에 관한 법률).
- 시행령 제19조: "즉시" means within 3 근무시간.
- 시행령 제20조 (applying 행정절차법 시행령 제11조): time spent on 보완, 현장조사, tests or
  expert review is not counted; pass it as `pauses`.

Periods in weeks, months or years (법 제19조③, 민법 제159-161조) are not supported: no
민원 kind that Madang handles is set in those units. Every datetime returned is in Asia/Seoul.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "DEFAULT_WORKING_HOURS",
    "HOURS_PER_DAY",
    "IMMEDIATE",
    "SEOUL",
    "Period",
    "PeriodUnit",
    "WorkCalendar",
    "default_calendar",
    "due_at",
    "parse_period",
    "parse_working_hours",
    "register_override_provider",
    "working_time_between",
]

SEOUL = ZoneInfo("Asia/Seoul")
HOURS_PER_DAY = 8
DEFAULT_WORKING_HOURS: tuple[tuple[time, time], ...] = (
    (time(9, 0), time(12, 0)),
    (time(13, 0), time(18, 0)),
)
IMMEDIATE = "즉시"
_IMMEDIATE_HOURS = 3
_LONGEST_HOUR_COUNTED_DAYS = 5

_PERIOD_RE = re.compile(r"\s*([0-9]+)\s*([hd])\s*", re.IGNORECASE)
_CLOCK_RE = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")

Interval = tuple[datetime, datetime]
OverrideProvider = Callable[[], tuple[Iterable[date], Iterable[date]]]


class PeriodUnit(StrEnum):
    """The unit a processing period is written in: 근무시간 or 일."""

    HOURS = "h"
    DAYS = "d"


@dataclass(frozen=True)
class Period:
    """A processing period (처리기간) such as 3h or 14d, as parsed by `parse_period`."""

    amount: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        # A zero period would make the day count never reach its end.
        if not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(
                f"처리기간은 1 이상이어야 합니다 (period must be positive): {self.amount}"
            )
        object.__setattr__(self, "unit", PeriodUnit(self.unit))

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"

    @property
    def counted_in_hours(self) -> bool:
        """Whether the period runs in working hours: any "Nh", and "Nd" up to 5 (법 제19조①)."""
        return self.unit is PeriodUnit.HOURS or self.amount <= _LONGEST_HOUR_COUNTED_DAYS

    @property
    def working_time(self) -> timedelta:
        """The working time an hour-counted period lasts; 1일 = 8 근무시간 (법 제19조①)."""
        if not self.counted_in_hours:
            raise ValueError(f"{self} is counted in working days (법 제19조②), not hours")
        hours = self.amount if self.unit is PeriodUnit.HOURS else self.amount * HOURS_PER_DAY
        return timedelta(hours=hours)


def parse_period(period: str) -> Period:
    """Parse "3h", "40h", "7d", "14d" or "즉시" (= 3h, 시행령 제19조) into a `Period`.

    Raises ValueError, in Korean and English, for anything else, including zero.
    """
    if not isinstance(period, str):
        raise TypeError(f"period must be a str such as '7d', not {type(period).__name__}")
    if period.strip() == IMMEDIATE:
        return Period(_IMMEDIATE_HOURS, PeriodUnit.HOURS)
    match = _PERIOD_RE.fullmatch(period)
    if match is None or int(match[1]) == 0:
        raise ValueError(
            f"처리기간 형식이 올바르지 않습니다: '{period}'. 예: 3h, 40h, 7d, 14d "
            f"(invalid processing period '{period}': write a positive whole number followed by "
            "h for working hours or d for days, e.g. 3h, 40h, 7d, 14d, or 즉시)"
        )
    return Period(int(match[1]), PeriodUnit(match[2].lower()))


def parse_working_hours(
    raw: Iterable[tuple[str | time, str | time]],
) -> tuple[tuple[time, time], ...]:
    """Turn `[("09:00", "12:00"), ("13:00", "18:00")]` into sorted, checked working windows.

    Windows must be non-empty, lie within one day and not overlap: the lunch hour is the gap
    between them (국가공무원 복무규정; the 민원실 opens 09:00-18:00 under 시행령 제8조의3①).
    """
    windows = tuple(sorted((_clock(start), _clock(end)) for start, end in raw))
    if not windows:
        raise ValueError(
            "근무시간이 비어 있습니다 (MADANG_WORKING_HOURS needs at least one window)"
        )
    for start, end in windows:
        if start >= end:
            raise ValueError(f"근무시간 {start:%H:%M}-{end:%H:%M}: the start must precede the end")
    for (_, end), (next_start, _) in pairwise(windows):
        if next_start < end:
            raise ValueError(f"근무시간이 겹칩니다 (working windows overlap at {next_start:%H:%M})")
    return windows


def _clock(value: str | time) -> time:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    match = _CLOCK_RE.fullmatch(str(value).strip())
    if match is None:
        raise ValueError(f"시각 형식이 올바르지 않습니다: '{value}'. 예: 09:00 (expected HH:MM)")
    return time(int(match[1]), int(match[2]))


@cache
def _kr_holidays(year: int) -> frozenset[date]:
    # Shared by every calendar: default_calendar() builds a new one per call, and the package
    # computes lunar holidays each time it is asked for a year.
    first, last = holidays.KR.start_year, holidays.KR.end_year
    if not first <= year <= last:
        # Outside its range the package answers with no holidays at all, which would silently
        # produce early deadlines; refusing is safer.
        raise ValueError(
            f"{year}년의 공휴일 정보가 없습니다 "
            f"(the holidays package covers KR {first}-{last} only)"
        )
    return frozenset(holidays.country_holidays("KR", years=year))


def _to_seoul(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{name}에 시간대가 없습니다: {value.isoformat()} "
            f"({name} must be timezone-aware, e.g. Asia/Seoul; got a naive datetime)"
        )
    return value.astimezone(SEOUL)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days and hours count toward a 민원 period.

    A working day is Monday to Friday and not a public holiday (법 제19조). Holidays are those of
    `holidays.KR` (대체공휴일, election days and 임시공휴일 the package knows), plus `added` (a
    new 임시공휴일 or 선거일 the package does not know yet), minus `removed` (a holiday the
    package lists wrongly). `removed` cannot turn a Saturday or Sunday into a working day.
    `windows` accepts whatever `parse_working_hours` accepts.
    """

    windows: tuple[tuple[time, time], ...] = DEFAULT_WORKING_HOURS
    added: frozenset[date] = frozenset()
    removed: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "windows", parse_working_hours(self.windows))
        object.__setattr__(self, "added", frozenset(self.added))
        object.__setattr__(self, "removed", frozenset(self.removed))
        # A datetime is a date too, but never equal to one, so it would silently match nothing.
        if any(type(d) is not date for d in self.added | self.removed):
            raise TypeError("added and removed must hold datetime.date values, not datetimes")
        if both := self.added & self.removed:
            days = ", ".join(sorted(d.isoformat() for d in both))
            raise ValueError(
                f"공휴일 추가와 삭제에 같은 날짜가 있습니다: {days} (added and removed)"
            )

    def is_holiday(self, day: date) -> bool:
        """Whether `day` is a public holiday after the staff overrides are applied."""
        if day in self.added:
            return True
        return day not in self.removed and day in _kr_holidays(day.year)

    def is_working_day(self, day: date) -> bool:
        """Whether `day` counts toward a period: not a Saturday, Sunday or holiday (법 제19조)."""
        return day.weekday() < 5 and not self.is_holiday(day)

    def working_windows(self, day: date) -> list[Interval]:
        """The working windows of `day` as Asia/Seoul datetimes; empty on a non-working day."""
        if not self.is_working_day(day):
            return []
        return [
            (datetime.combine(day, start, SEOUL), datetime.combine(day, end, SEOUL))
            for start, end in self.windows
        ]

    def close_of_business(self, day: date) -> datetime:
        """The end of the last working window of `day`, where a day-counted period ends."""
        return datetime.combine(day, self.windows[-1][1], SEOUL)

    def is_working_time(self, moment: datetime) -> bool:
        """Whether `moment` lies inside a working window (the window's end is outside)."""
        moment = _to_seoul(moment, "moment")
        return any(start <= moment < end for start, end in self.working_windows(moment.date()))

    def iter_working_days(self, first: date) -> Iterator[date]:
        """Working days from `first` (included if it is one) onward, without end."""
        day = first
        while True:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)

    def iter_working_windows(self, start: datetime) -> Iterator[Interval]:
        """Working windows from `start` onward, the first one cut to begin at `start`."""
        start = _to_seoul(start, "start")
        for day in self.iter_working_days(start.date()):
            for window_start, window_end in self.working_windows(day):
                if window_end > start:
                    yield max(window_start, start), window_end

    def next_working_start(self, moment: datetime) -> datetime:
        """`moment` itself during working time, else the start of the next working window."""
        return next(self.iter_working_windows(moment))[0]


_override_provider: OverrideProvider | None = None


def register_override_provider(provider: OverrideProvider | None) -> OverrideProvider | None:
    """Make `default_calendar()` call `provider()` for `(added, removed)` holiday dates.

    The complaints app registers one in `AppConfig.ready()` that reads its holiday-override
    table. It is called on every `default_calendar()`, so it should cache and drop the cache
    when staff edit the table. Errors it raises propagate: a deadline computed without the
    overrides would be wrong. Only one provider is kept; `None` removes it. Returns the
    provider that was registered before, so that tests can put it back. For example::

        class ComplaintsConfig(AppConfig):
            def ready(self):
                from madang.complaints import deadlines, selectors

                deadlines.register_override_provider(selectors.holiday_overrides)

    where `holiday_overrides()` returns `(added_dates, removed_dates)`.
    """
    global _override_provider
    previous, _override_provider = _override_provider, provider
    return previous


def _read_working_hours_setting() -> object | None:
    # Imported here so that the module works, and its tests run, without Django configured.
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
    except ImportError:
        return None
    try:
        return getattr(settings, "MADANG_WORKING_HOURS", None)
    except ImproperlyConfigured:
        return None


def default_calendar() -> WorkCalendar:
    """The calendar `due_at` uses when none is given.

    Working windows come from the Django setting `MADANG_WORKING_HOURS` when settings are
    configured (default 09:00-12:00 and 13:00-18:00); added and removed holidays come from the
    provider given to `register_override_provider`, if any.
    """
    raw = _read_working_hours_setting()
    windows = DEFAULT_WORKING_HOURS if raw is None else parse_working_hours(raw)
    added: Iterable[date] = ()
    removed: Iterable[date] = ()
    if _override_provider is not None:
        added, removed = _override_provider()
    return WorkCalendar(windows=windows, added=frozenset(added), removed=frozenset(removed))


def _merge_pauses(pauses: Iterable[tuple[datetime, datetime]], after: datetime) -> list[Interval]:
    intervals = []
    for pause in pauses:
        start, end = pause
        if start is None or end is None:
            raise ValueError(
                "정지 기간에는 시작과 끝이 모두 있어야 합니다 (a pause needs both a start and an "
                "end; for a pause still running, pass the current time as its end)"
            )
        start, end = _to_seoul(start, "pause start"), _to_seoul(end, "pause end")
        if end < start:
            raise ValueError(
                f"정지 기간의 끝이 시작보다 앞섭니다: {start} ~ {end} (pause ends first)"
            )
        # Time before receipt was never counted, so a pause there cannot give any back.
        start = max(start, after)
        if start < end:
            intervals.append((start, end))
    intervals.sort()
    merged: list[Interval] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _without_pauses(windows: Iterable[Interval], pauses: Sequence[Interval]) -> Iterator[Interval]:
    first = 0
    for start, end in windows:
        # Windows arrive in order, so pauses that ended before this one never matter again.
        while first < len(pauses) and pauses[first][1] <= start:
            first += 1
        cursor = start
        for pause_start, pause_end in pauses[first:]:
            if pause_start >= end:
                break
            if pause_start > cursor:
                yield cursor, pause_start
            cursor = max(cursor, pause_end)
            if cursor >= end:
                break
        if cursor < end:
            yield cursor, end


def due_at(
    received_at: datetime,
    period: str | Period,
    *,
    calendar: WorkCalendar | None = None,
    pauses: Iterable[tuple[datetime, datetime]] = (),
) -> datetime:
    """The moment the processing period of a 민원 received at `received_at` runs out.

    - Periods of 5일 or less and any "Nh" (법 제19조①; "즉시" is 3h by 시행령 제19조) run in
      working time from the 접수시각. A 민원 received outside working time starts counting at
      the next window. The deadline may fall at the very end of a window (09:00 + 3h is 12:00).
    - Periods of 6일 or more (법 제19조②) count working days with the day of receipt as day 1,
      whatever the hour, since the law counts the first day. Received on a non-working day,
      the next working day is day 1. The deadline is the close of business of the last day.

    `pauses` are closed intervals during which the period stands still (시행령 제20조 with
    행정절차법 시행령 제11조: 보완, 현장조사, tests, expert review). They may overlap and may
    come in any order; parts before `received_at` are ignored. For hour-counted periods exactly
    the working time inside a pause is not counted. A day-counted period counts whole days only
    (법 제19조②), so a working day is not counted if a pause covers any of its working time: on
    such a day the agency did not hold the file for the full day, and counting it would leave
    less than the statutory number of full days. A pause thus costs every working day it
    touches, which is less than two days more than its exact working time.

    `received_at` must be timezone-aware; the result is in Asia/Seoul. When `calendar` is None,
    `default_calendar()` is used.
    """
    received = _to_seoul(received_at, "received_at")
    parsed = period if isinstance(period, Period) else parse_period(period)
    calendar = default_calendar() if calendar is None else calendar
    stopped = _merge_pauses(pauses, after=received)

    if parsed.counted_in_hours:
        return _due_in_hours(received, parsed.working_time, calendar, stopped)
    return _due_in_days(received.date(), parsed.amount, calendar, stopped)


def _due_in_hours(
    received: datetime, remaining: timedelta, calendar: WorkCalendar, stopped: list[Interval]
) -> datetime:
    for start, end in _without_pauses(calendar.iter_working_windows(received), stopped):
        if end - start >= remaining:
            return start + remaining
        remaining -= end - start
    raise AssertionError("unreachable: working windows never run out")


def _due_in_days(
    received: date, days: int, calendar: WorkCalendar, stopped: list[Interval]
) -> datetime:
    for day in calendar.iter_working_days(received):
        paused = any(
            pause_start < window_end and window_start < pause_end
            for window_start, window_end in calendar.working_windows(day)
            for pause_start, pause_end in stopped
        )
        if not paused:
            days -= 1
            if days == 0:
                return calendar.close_of_business(day)
    raise AssertionError("unreachable: working days never run out")


def working_time_between(
    start: datetime,
    end: datetime,
    *,
    calendar: WorkCalendar | None = None,
    pauses: Iterable[tuple[datetime, datetime]] = (),
) -> timedelta:
    """The working time between `start` and `end`, for statistics such as 처리 소요 근무시간.

    Counts time inside working windows on working days (법 제19조①), less any `pauses`
    (시행령 제20조). Raises ValueError if `end` precedes `start`.
    """
    start = _to_seoul(start, "start")
    end = _to_seoul(end, "end")
    if end < start:
        raise ValueError(f"끝이 시작보다 앞섭니다: {start} ~ {end} (end precedes start)")
    calendar = default_calendar() if calendar is None else calendar
    total = timedelta()
    windows = calendar.iter_working_windows(start)
    for window_start, window_end in _without_pauses(windows, _merge_pauses(pauses, after=start)):
        if window_start >= end:
            break
        total += min(window_end, end) - window_start
    return total
