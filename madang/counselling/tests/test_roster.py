"""Which 민원상담관 answers: on duty now, else the next shift on a working day."""

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError

from madang.complaints.deadlines import SEOUL, WorkCalendar
from madang.complaints.models import HolidayOverride
from madang.complaints.selectors import holiday_override_cache_clear
from madang.core.models import AuditLog
from madang.counselling import services
from madang.counselling.models import Counsellor, CounsellorShift
from madang.counselling.selectors import counsellor_for_field

from .conftest import WEEKDAY_MORNINGS, make_counsellor, make_staff

pytestmark = pytest.mark.django_db


def at(*args):
    return datetime(*args, tzinfo=SEOUL)


def test_on_duty_during_a_shift(counsellor, parking):
    result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 10, 30))  # Thursday
    assert result.on_duty and result.counsellor == counsellor


def test_after_the_shift_the_next_morning(counsellor, parking):
    result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 12, 0))
    assert not result.on_duty
    assert result.starts_at == at(2026, 12, 4, 9, 0)


def test_weekend_goes_to_monday(counsellor, parking):
    result = counsellor_for_field(field=parking, now=at(2026, 12, 5, 10, 0))  # Saturday
    assert result.starts_at == at(2026, 12, 7, 9, 0)


def test_a_saturday_shift_does_not_run_on_a_saturday(parking):
    make_counsellor(parking, "weekend", [(5, time(9), time(18))])
    result = counsellor_for_field(field=parking, now=at(2026, 12, 5, 10, 0))
    assert result.counsellor is None and result.starts_at is None


def test_public_holiday_is_skipped(counsellor, parking):
    # 2026-12-25 (Friday) is 성탄절: from Thursday noon the next shift is Monday the 28th.
    result = counsellor_for_field(field=parking, now=at(2026, 12, 24, 13, 0))
    assert result.starts_at == at(2026, 12, 28, 9, 0)


def test_staff_holiday_override_is_respected(counsellor, parking):
    HolidayOverride.objects.create(date=date(2026, 12, 4), change="added", reason="임시공휴일")
    holiday_override_cache_clear()
    try:
        result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 15, 0))
        assert result.starts_at == at(2026, 12, 7, 9, 0)
        cal = WorkCalendar(added=frozenset({date(2026, 12, 4), date(2026, 12, 7)}))
        result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 15, 0), calendar=cal)
        assert result.starts_at == at(2026, 12, 8, 9, 0)
    finally:
        HolidayOverride.objects.all().delete()
        holiday_override_cache_clear()


def test_the_earliest_of_several_counsellors_and_inactive_ones_skipped(counsellor, parking):
    afternoon = make_counsellor(parking, "counsel2", [(3, time(13), time(18))], display="오후")
    result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 12, 30))
    assert result.counsellor == afternoon and result.starts_at == at(2026, 12, 3, 13, 0)
    result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 14, 0))
    assert result.on_duty and result.counsellor == afternoon
    afternoon.is_active = False
    services.counsellor_save(acting_user=None, counsellor=afternoon)
    result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 14, 0))
    assert result.counsellor == counsellor and not result.on_duty


def test_no_counsellor(parking):
    result = counsellor_for_field(field=parking, now=at(2026, 12, 3, 10, 0))
    assert result.counsellor is None


def test_counsellor_save_checks_staff_and_shift_times_and_audits(parking):
    citizen_user = make_staff("not-staff")
    citizen_user.is_staff = False
    citizen_user.save()
    with pytest.raises(ValidationError):
        services.counsellor_save(
            acting_user=None,
            counsellor=Counsellor(user=citizen_user, field=parking, display_name="x"),
        )
    bad = Counsellor(user=make_staff("s2"), field=parking, display_name="y")
    bad.shifts = [CounsellorShift(weekday=0, start=time(12), end=time(9))]
    with pytest.raises(ValidationError):
        services.counsellor_save(acting_user=None, counsellor=bad)
    good = make_counsellor(parking, "s3", WEEKDAY_MORNINGS)
    assert good.shifts.count() == 5
    assert AuditLog.objects.filter(
        action="counselling.counsellor_create", object_id=str(good.pk)
    ).exists()
