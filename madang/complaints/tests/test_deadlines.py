"""Tests for madang.complaints.deadlines: 법 제19조, 시행령 제19조·제20조.

No database: these run under plain pytest and under pytest-django alike.
"""

import ast
import inspect
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madang.complaints import deadlines
from madang.complaints.deadlines import (
    SEOUL,
    Period,
    PeriodUnit,
    WorkCalendar,
    default_calendar,
    due_at,
    parse_period,
    parse_working_hours,
    register_override_provider,
    working_time_between,
)

STANDARD = WorkCalendar()
PROPERTY = settings(max_examples=200, deadline=None, database=None)


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=SEOUL)


@pytest.fixture(autouse=True)
def _no_override_provider():
    # The complaints app registers a provider that reads the database; keep it out of here.
    previous = register_override_provider(None)
    yield
    register_override_provider(previous)


# KOREAN_RULES.md §1.2, computed with holidays 0.109.
@pytest.mark.parametrize(
    ("received", "period", "expected"),
    [
        (kst(2025, 9, 30, 10), "7d", kst(2025, 10, 15, 18)),
        (kst(2025, 9, 30, 10), "14d", kst(2025, 10, 24, 18)),
        (kst(2024, 12, 31, 10), "14d", kst(2025, 1, 20, 18)),
        (kst(2025, 1, 20, 10), "7d", kst(2025, 2, 3, 18)),
        (kst(2026, 2, 13, 10), "7d", kst(2026, 2, 26, 18)),
        (kst(2026, 4, 29, 10), "7d", kst(2026, 5, 11, 18)),
        (kst(2025, 10, 2, 16, 30), "즉시", kst(2025, 10, 10, 10, 30)),
        (kst(2025, 10, 2, 16, 30), "3h", kst(2025, 10, 10, 10, 30)),
        (kst(2025, 10, 2, 16, 30), "5d", kst(2025, 10, 16, 16, 30)),
        (kst(2025, 10, 2, 16, 30), "40h", kst(2025, 10, 16, 16, 30)),
    ],
)
def test_korean_rules_vectors(received, period, expected):
    result = due_at(received, period, calendar=STANDARD)
    assert result == expected
    assert result.tzinfo == SEOUL


def test_default_calendar_gives_the_same_vector():
    assert due_at(kst(2025, 9, 30, 10), "7d") == kst(2025, 10, 15, 18)


@pytest.mark.parametrize("hour", [0, 8, 12, 17, 23])
def test_day_of_receipt_is_day_one_whatever_the_hour(hour):
    assert due_at(kst(2025, 9, 30, hour, 59), "7d", calendar=STANDARD) == kst(2025, 10, 15, 18)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (kst(2025, 10, 11, 10), kst(2025, 10, 21, 18)),  # Saturday: Monday 10/13 is day 1
        (kst(2025, 10, 3, 10), kst(2025, 10, 20, 18)),  # 개천절: Friday 10/10 is day 1
    ],
)
def test_day_count_received_on_non_working_day(received, expected):
    assert due_at(received, "7d", calendar=STANDARD) == expected


@pytest.mark.parametrize(
    ("received", "period", "expected"),
    [
        (kst(2025, 10, 14, 9), "3h", kst(2025, 10, 14, 12)),  # ends at the window's end
        (kst(2025, 10, 14, 11), "2h", kst(2025, 10, 14, 14)),  # lunch is not counted
        (kst(2025, 10, 14, 12, 30), "3h", kst(2025, 10, 14, 16)),  # received at lunch
        (kst(2025, 10, 14, 7), "3h", kst(2025, 10, 14, 12)),  # before opening
        (kst(2025, 10, 13, 20), "3h", kst(2025, 10, 14, 12)),  # in the evening
        (kst(2025, 10, 13, 18), "1h", kst(2025, 10, 14, 10)),  # at closing time
        (kst(2025, 10, 11, 10), "3h", kst(2025, 10, 13, 12)),  # on a Saturday
        (kst(2025, 10, 12, 23), "1d", kst(2025, 10, 13, 18)),  # Sunday night, one day = 8 h
        (kst(2025, 10, 14, 17, 59), "8h", kst(2025, 10, 15, 17, 59)),
    ],
)
def test_hour_count_received_outside_or_inside_working_time(received, period, expected):
    assert due_at(received, period, calendar=STANDARD) == expected


def test_5d_is_hours_and_6d_is_days():
    received = kst(2025, 10, 14, 15)
    assert due_at(received, "5d", calendar=STANDARD) == due_at(received, "40h", calendar=STANDARD)
    assert due_at(received, "6d", calendar=STANDARD) == kst(2025, 10, 21, 18)


def test_other_time_zones_are_converted():
    received = datetime(2025, 10, 2, 7, 30, tzinfo=ZoneInfo("UTC"))
    result = due_at(received, "3h", calendar=STANDARD)
    assert result == kst(2025, 10, 10, 10, 30)
    assert result.tzinfo == SEOUL
    assert result.hour == 10


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        due_at(kst(2025, 10, 2, 16, 30).replace(tzinfo=None), "3h", calendar=STANDARD)


# Holiday overrides: staff add a 임시공휴일 or remove a holiday the package lists wrongly.


def test_added_temporary_holiday_pushes_day_count():
    calendar = WorkCalendar(added=frozenset({date(2025, 10, 1)}))
    assert not calendar.is_working_day(date(2025, 10, 1))
    assert due_at(kst(2025, 9, 30, 10), "7d", calendar=calendar) == kst(2025, 10, 16, 18)


def test_added_temporary_holiday_pushes_hour_count():
    calendar = WorkCalendar(added=frozenset({date(2025, 10, 10)}))
    assert due_at(kst(2025, 10, 2, 16, 30), "3h", calendar=calendar) == kst(2025, 10, 13, 10, 30)


def test_removed_holiday_counts_again():
    calendar = WorkCalendar(removed=frozenset({date(2025, 1, 27)}))  # the 2025 임시공휴일
    assert calendar.is_working_day(date(2025, 1, 27))
    assert due_at(kst(2025, 1, 20, 10), "7d", calendar=calendar) == kst(2025, 1, 31, 18)


def test_removing_a_weekend_holiday_keeps_the_weekend():
    calendar = WorkCalendar(removed=frozenset({date(2025, 10, 5)}))  # 추석 eve, a Sunday
    assert not calendar.is_working_day(date(2025, 10, 5))
    assert due_at(kst(2025, 9, 30, 10), "7d", calendar=calendar) == kst(2025, 10, 15, 18)


def test_same_date_added_and_removed_is_refused():
    with pytest.raises(ValueError, match="2025-10-01"):
        WorkCalendar(added={date(2025, 10, 1)}, removed={date(2025, 10, 1)})


def test_years_outside_the_holiday_package_are_refused():
    with pytest.raises(ValueError, match="holidays package"):
        due_at(kst(2101, 3, 2, 10), "7d", calendar=STANDARD)


def test_registered_provider_feeds_default_calendar():
    calls = []

    def provider():
        calls.append(1)
        return [date(2025, 10, 1)], [date(2025, 10, 9)]

    register_override_provider(provider)
    calendar = default_calendar()
    assert calendar.added == {date(2025, 10, 1)}
    assert calendar.removed == {date(2025, 10, 9)}
    # 10/1 is lost and 한글날 10/9 regained, so the 7일 deadline does not move.
    assert due_at(kst(2025, 9, 30, 10), "7d") == kst(2025, 10, 15, 18)
    assert len(calls) == 2
    assert register_override_provider(None) is provider


# Working hours.


def test_working_hours_setting_is_used(monkeypatch):
    monkeypatch.setattr(
        deadlines, "_read_working_hours_setting", lambda: [("13:00", "17:00"), ("08:00", "12:00")]
    )
    calendar = default_calendar()
    assert calendar.windows == ((time(8), time(12)), (time(13), time(17)))
    assert due_at(kst(2025, 9, 30, 10), "7d") == kst(2025, 10, 15, 17)
    assert due_at(kst(2025, 10, 14, 7), "4h") == kst(2025, 10, 14, 12)


def test_working_hours_setting_read_from_django_when_configured():
    pytest.importorskip("django")
    from django.core.exceptions import ImproperlyConfigured
    from django.test import override_settings

    try:
        from django.conf import settings as django_settings

        getattr(django_settings, "MADANG_WORKING_HOURS", None)
    except ImproperlyConfigured:
        pytest.skip("Django settings are not configured")
    with override_settings(MADANG_WORKING_HOURS=[("09:00", "18:00")]):
        assert default_calendar().windows == ((time(9), time(18)),)


def test_working_hours_without_django_settings_fall_back_to_defaults(monkeypatch):
    monkeypatch.setattr(deadlines, "_read_working_hours_setting", lambda: None)
    assert default_calendar().windows == deadlines.DEFAULT_WORKING_HOURS


def test_window_without_lunch_break():
    calendar = WorkCalendar(windows=[("09:00", "18:00")])
    assert due_at(kst(2025, 10, 14, 12, 30), "3h", calendar=calendar) == kst(2025, 10, 14, 15, 30)


@pytest.mark.parametrize(
    "raw",
    [
        [],
        [("12:00", "09:00")],
        [("09:00", "09:00")],
        [("09:00", "13:00"), ("12:00", "18:00")],
        [("9시", "18:00")],
        [("24:00", "18:00")],
    ],
)
def test_bad_working_hours_are_refused(raw):
    with pytest.raises(ValueError, match=r"근무시간|시각"):
        parse_working_hours(raw)


def test_calendar_helpers():
    assert STANDARD.is_holiday(date(2025, 10, 3))
    assert not STANDARD.is_working_day(date(2025, 10, 3))
    assert not STANDARD.is_working_day(date(2025, 10, 11))
    assert STANDARD.is_working_time(kst(2025, 10, 14, 9))
    assert not STANDARD.is_working_time(kst(2025, 10, 14, 12))
    assert not STANDARD.is_working_time(kst(2025, 10, 14, 18))
    assert STANDARD.next_working_start(kst(2025, 10, 14, 10, 5)) == kst(2025, 10, 14, 10, 5)
    assert STANDARD.next_working_start(kst(2025, 10, 14, 12)) == kst(2025, 10, 14, 13)
    assert STANDARD.next_working_start(kst(2025, 10, 2, 18)) == kst(2025, 10, 10, 9)
    assert STANDARD.working_windows(date(2025, 10, 4)) == []
    assert STANDARD.close_of_business(date(2025, 10, 14)) == kst(2025, 10, 14, 18)


# Pauses (시행령 제20조).


@pytest.mark.parametrize(
    "pauses",
    [
        [(kst(2025, 10, 14, 10), kst(2025, 10, 14, 11))],
        [
            (kst(2025, 10, 14, 10, 15), kst(2025, 10, 14, 11)),
            (kst(2025, 10, 14, 10), kst(2025, 10, 14, 10, 30)),
        ],
        [
            (kst(2025, 10, 14, 10), kst(2025, 10, 14, 10, 30)),
            (kst(2025, 10, 14, 10, 30), kst(2025, 10, 14, 11)),
        ],
    ],
)
def test_pause_in_hour_count(pauses):
    # 9-10 counts, 10-11 is paused, 11-12 and 13-14 count.
    assert due_at(kst(2025, 10, 14, 9), "3h", calendar=STANDARD, pauses=pauses) == kst(
        2025, 10, 14, 14
    )


def test_pause_over_several_days_in_hour_count():
    pauses = [(kst(2025, 10, 14, 10), kst(2025, 10, 16, 10))]
    assert due_at(kst(2025, 10, 14, 9), "3h", calendar=STANDARD, pauses=pauses) == kst(
        2025, 10, 16, 12
    )


@pytest.mark.parametrize(
    "pause",
    [
        (kst(2025, 10, 13, 18), kst(2025, 10, 14, 9)),  # overnight, no working time
        (kst(2025, 10, 14, 12), kst(2025, 10, 14, 13)),  # the lunch hour
        (kst(2025, 10, 1), kst(2025, 10, 14, 9, 30)),  # before receipt
    ],
)
def test_pause_without_working_time_after_receipt_changes_nothing(pause):
    received = kst(2025, 10, 14, 9, 30)
    for period in ("3h", "7d"):
        assert due_at(received, period, calendar=STANDARD, pauses=[pause]) == due_at(
            received, period, calendar=STANDARD
        )


def test_pause_in_day_count_drops_each_touched_working_day():
    pauses = [(kst(2025, 10, 13, 10), kst(2025, 10, 13, 10, 30))]
    assert due_at(kst(2025, 9, 30, 10), "7d", calendar=STANDARD, pauses=pauses) == kst(
        2025, 10, 16, 18
    )
    pauses = [(kst(2025, 10, 13, 17), kst(2025, 10, 14, 9, 30))]  # touches 10/13 and 10/14
    assert due_at(kst(2025, 9, 30, 10), "7d", calendar=STANDARD, pauses=pauses) == kst(
        2025, 10, 17, 18
    )


def test_pause_ending_at_opening_time_keeps_that_day():
    pauses = [(kst(2025, 10, 10, 18), kst(2025, 10, 13, 9))]
    assert due_at(kst(2025, 9, 30, 10), "7d", calendar=STANDARD, pauses=pauses) == kst(
        2025, 10, 15, 18
    )


@pytest.mark.parametrize(
    ("pause", "message"),
    [
        ((kst(2025, 10, 14, 10), None), "current time"),
        ((None, kst(2025, 10, 14, 10)), "current time"),
        ((kst(2025, 10, 14, 11), kst(2025, 10, 14, 10)), "pause ends first"),
        ((kst(2025, 10, 14, 10).replace(tzinfo=None), kst(2025, 10, 14, 11)), "timezone-aware"),
    ],
)
def test_bad_pauses_are_refused(pause, message):
    with pytest.raises(ValueError, match=message):
        due_at(kst(2025, 10, 14, 9), "3h", calendar=STANDARD, pauses=[pause])


# Parsing.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3h", Period(3, PeriodUnit.HOURS)),
        ("40h", Period(40, PeriodUnit.HOURS)),
        ("7d", Period(7, PeriodUnit.DAYS)),
        (" 14D ", Period(14, PeriodUnit.DAYS)),
        ("즉시", Period(3, PeriodUnit.HOURS)),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


def test_period_properties():
    assert parse_period("5d").working_time == timedelta(hours=40)
    assert parse_period("5d").counted_in_hours
    assert not parse_period("6d").counted_in_hours
    assert str(parse_period("14d")) == "14d"
    with pytest.raises(ValueError, match="법 제19조②"):
        _ = parse_period("6d").working_time


@pytest.mark.parametrize(
    "text",
    ["", "3", "h", "0h", "0d", "-3h", "3.5h", "3w", "7일", "\uff13h", "3 days"],
)
def test_bad_period_is_refused_in_korean_and_english(text):
    with pytest.raises(ValueError, match="처리기간 형식이 올바르지 않습니다") as excinfo:
        parse_period(text)
    message = str(excinfo.value)
    assert f"처리기간 형식이 올바르지 않습니다: '{text}'. 예: 3h, 40h, 7d, 14d" in message
    assert "invalid processing period" in message


@pytest.mark.parametrize("amount", [0, -1])
def test_period_must_be_positive(amount):
    with pytest.raises(ValueError, match="positive"):
        Period(amount, PeriodUnit.DAYS)


def test_overrides_must_be_dates():
    with pytest.raises(TypeError, match=r"datetime\.date"):
        WorkCalendar(added={kst(2025, 10, 1)})


def test_period_of_wrong_type_is_refused():
    with pytest.raises(TypeError):
        parse_period(7)


# Working time between two moments.


def test_working_time_between_matches_the_vectors():
    start = kst(2025, 10, 2, 16, 30)
    assert working_time_between(start, kst(2025, 10, 10, 10, 30), calendar=STANDARD) == timedelta(
        hours=3
    )
    assert working_time_between(start, kst(2025, 10, 16, 16, 30), calendar=STANDARD) == timedelta(
        hours=40
    )


def test_working_time_between_skips_lunch_nights_and_pauses():
    start, end = kst(2025, 10, 14, 11), kst(2025, 10, 15, 10)
    assert working_time_between(start, end, calendar=STANDARD) == timedelta(hours=7)
    pauses = [(kst(2025, 10, 14, 14), kst(2025, 10, 14, 16))]
    assert working_time_between(start, end, calendar=STANDARD, pauses=pauses) == timedelta(hours=5)
    assert working_time_between(start, start, calendar=STANDARD) == timedelta()
    assert (
        working_time_between(kst(2025, 10, 4, 10), kst(2025, 10, 5, 10), calendar=STANDARD)
        == timedelta()
    )


def test_working_time_between_refuses_reversed_range():
    with pytest.raises(ValueError, match="end precedes start"):
        working_time_between(kst(2025, 10, 15), kst(2025, 10, 14), calendar=STANDARD)


def test_module_does_not_import_django_at_import_time():
    tree = ast.parse(inspect.getsource(deadlines))
    top_level = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    names = [
        alias.name for node in top_level if isinstance(node, ast.Import) for alias in node.names
    ]
    names += [node.module or "" for node in top_level if isinstance(node, ast.ImportFrom)]
    assert not [name for name in names if name.split(".")[0] == "django"]


# Properties.

HOLIDAYS_2024_2026 = sorted(
    day for year in (2024, 2025, 2026) for day in deadlines._kr_holidays(year)
)
PERIODS = st.sampled_from(["즉시", "1h", "3h", "8h", "40h", "1d", "5d", "6d", "7d", "14d", "30d"])
# Hypothesis wants naive bounds and attaches the time zone itself.
RECEIVED = st.datetimes(
    min_value=kst(2024, 1, 1).replace(tzinfo=None),
    max_value=kst(2026, 10, 31).replace(tzinfo=None),
    timezones=st.just(SEOUL),
)
NEAR_DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def calendars(draw):
    count = draw(st.integers(min_value=1, max_value=3))
    minutes = draw(
        st.lists(
            st.integers(min_value=0, max_value=23 * 60 + 59),
            min_size=2 * count,
            max_size=2 * count,
            unique=True,
        )
    )
    minutes.sort()
    clocks = [time(m // 60, m % 60) for m in minutes]
    windows = list(zip(clocks[::2], clocks[1::2], strict=True))
    removed = draw(st.frozensets(st.sampled_from(HOLIDAYS_2024_2026), max_size=5))
    added = draw(st.frozensets(NEAR_DAYS, max_size=10)) - removed
    return WorkCalendar(windows=windows, added=added, removed=removed)


def in_working_time(calendar: WorkCalendar, moment: datetime) -> bool:
    return any(start < moment <= end for start, end in calendar.working_windows(moment.date()))


@PROPERTY
@given(received=RECEIVED, period=PERIODS, calendar=calendars())
def test_deadline_always_lies_in_working_time(received, period, calendar):
    result = due_at(received, period, calendar=calendar)
    assert result.tzinfo == SEOUL
    assert in_working_time(calendar, result)
    assert result > received


@PROPERTY
@given(
    received=RECEIVED,
    later_by=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    period=PERIODS,
    calendar=calendars(),
)
def test_deadline_never_moves_earlier_when_received_later(received, later_by, period, calendar):
    earlier = due_at(received, period, calendar=calendar)
    assert due_at(received + later_by, period, calendar=calendar) >= earlier


@PROPERTY
@given(received=RECEIVED, period=PERIODS, calendar=calendars(), holiday=NEAR_DAYS)
def test_deadline_never_moves_earlier_when_a_holiday_is_added(received, period, calendar, holiday):
    more = replace(calendar, added=calendar.added | {holiday}, removed=calendar.removed - {holiday})
    assert due_at(received, period, calendar=more) >= due_at(received, period, calendar=calendar)


@PROPERTY
@given(
    received=RECEIVED,
    period=PERIODS,
    pause_start=st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=30)),
    pause_length=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10)),
)
def test_pause_never_moves_the_deadline_earlier(received, period, pause_start, pause_length):
    start = received + pause_start
    pauses = [(start, start + pause_length)]
    paused = due_at(received, period, calendar=STANDARD, pauses=pauses)
    assert paused >= due_at(received, period, calendar=STANDARD)


@PROPERTY
@given(received=RECEIVED, period=PERIODS, calendar=calendars())
def test_deadline_spends_exactly_the_period(received, period, calendar):
    parsed = parse_period(period)
    result = due_at(received, parsed, calendar=calendar)
    if parsed.counted_in_hours:
        assert working_time_between(received, result, calendar=calendar) == parsed.working_time
    else:
        first = received.date()
        days = [
            first + timedelta(days=n)
            for n in range((result.date() - first).days + 1)
            if calendar.is_working_day(first + timedelta(days=n))
        ]
        assert len(days) == parsed.amount
        assert result == calendar.close_of_business(days[-1])
