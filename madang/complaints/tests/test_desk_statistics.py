"""민원 statistics: the figures (on-time rate, handling time, satisfaction, by kind and
department), who sees which department, bad period input, the public summary without personal
data, and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from madang.complaints.choices import ComplaintKind, ComplaintStatus
from madang.complaints.desk.statistics import complaint_statistics
from madang.complaints.models import ComplaintSatisfaction

from . import desk_helpers as h

pytestmark = pytest.mark.django_db
STAFF_URL = "complaints_desk:statistics"
PUBLIC_URL = "complaints:statistics"
DAY = timedelta(days=1)


@pytest.fixture
def office():
    roads = h.department("roads", "도로과", "roads@example.go.kr")
    parks = h.department("parks", "공원과")
    kim = h.staff("kim", roads)
    now = timezone.now()
    on_time = h.complaint(
        roads, received_ago=10 * DAY, closed_after=2 * DAY, due_in=-3 * DAY,
        status=ComplaintStatus.ANSWERED, title="김철수 010-2222-3333 민원", now=now,
    )  # fmt: skip
    late = h.complaint(
        roads, received_ago=10 * DAY, closed_after=9 * DAY, due_in=-3 * DAY,
        status=ComplaintStatus.REFUSED, kind=ComplaintKind.INQUIRY, now=now,
    )  # fmt: skip
    h.complaint(roads, received_ago=5 * DAY, due_in=-DAY, now=now)  # open, overdue now
    h.complaint(parks, received_ago=4 * DAY, status=ComplaintStatus.WITHDRAWN, now=now)
    h.complaint(parks, received_ago=4 * DAY, status=ComplaintStatus.TRANSFERRED, now=now)
    ComplaintSatisfaction.objects.create(
        complaint=on_time, score=5, comment="친절했습니다", created_at=now
    )
    ComplaintSatisfaction.objects.create(complaint=late, score=2, comment="", created_at=now)
    return {
        "roads": roads,
        "parks": parks,
        "kim": kim,
        "chief": h.staff("chief", None, manager=True),
        "now": now,
    }


def _period(office):
    today = timezone.localtime(office["now"]).date()
    return {"start": today - timedelta(days=30), "end": today}


def test_figures(office):
    stats = complaint_statistics(**_period(office), now=office["now"])
    assert stats.received == 5 and stats.processed == 2 and stats.on_time == 1
    assert stats.on_time_rate == 50.0
    assert stats.handling_days == 5.5  # (2 + 9) / 2 calendar days
    assert stats.satisfaction_average == 3.5 and stats.satisfaction_count == 2
    assert stats.satisfaction_rate == 100.0
    assert stats.overdue_now == 1
    roads = next(f for f in stats.departments if f.department == office["roads"])
    parks = next(f for f in stats.departments if f.department == office["parks"])
    assert (roads.received, roads.processed, roads.open, roads.overdue_now) == (3, 2, 1, 1)
    assert (parks.withdrawn, parks.transferred, parks.processed) == (1, 1, 0)
    assert parks.on_time_rate is None  # nothing processed: no rate, not 0%
    kinds = {r.label: r.value for r in stats.charts["kind"].rows}
    assert kinds["건의민원"] == 4 and kinds["질의민원"] == 1 and kinds["고충민원"] == 0
    satisfaction = {r.label: r.value for r in stats.charts["satisfaction"].rows}
    assert satisfaction["매우 만족"] == 1 and satisfaction["불만족"] == 1
    assert [r.label for r in stats.charts["on_time"].rows] == ["도로과"]


def test_one_department(office):
    stats = complaint_statistics(**_period(office), department=office["parks"], now=office["now"])
    assert stats.received == 2 and stats.processed == 0 and stats.on_time_rate is None
    assert "department" not in stats.charts


def test_staff_page_shows_own_department_only(client, office):
    client.force_login(office["kim"])
    response = client.get(reverse(STAFF_URL), {"department": office["parks"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "도로과" in html and "공원과" not in html
    assert "50.0%" in html and "5.5일" in html
    # The survey comment is shown; no citizen's name or number anywhere.
    assert "친절했습니다" in html
    assert "김철수" not in html and "010-2222-3333" not in html and "홍길동" not in html
    assert "<svg" in html and 'role="img"' in html and "<table" in html


def test_manager_sees_everyone_and_filters(client, office):
    client.force_login(office["chief"])
    html = client.get(reverse(STAFF_URL)).content.decode()
    assert "도로과" in html and "공원과" in html and 'id="chart-department"' in html
    html = client.get(reverse(STAFF_URL), {"department": office["parks"].pk}).content.decode()
    assert 'id="chart-department"' not in html and "공원과" in html


def test_bad_month_says_how_to_fix_and_keeps_the_input(client, office):
    client.force_login(office["chief"])
    html = client.get(reverse(STAFF_URL), {"start": "2026-13", "end": "어제"}).content.decode()
    assert "2026-01처럼" in html and "2026-12처럼" in html
    assert 'value="2026-13"' in html and 'value="어제"' in html


def test_end_before_start_is_refused(client, office):
    client.force_login(office["chief"])
    html = client.get(reverse(STAFF_URL), {"start": "2026-06", "end": "2026-02"}).content.decode()
    assert "끝 월이 시작 월보다 앞섭니다" in html


def test_public_summary_has_no_personal_data(client, office):
    response = client.get(reverse(PUBLIC_URL))
    assert response.status_code == 200
    html = response.content.decode()
    assert "민원 처리 현황" in html and "50.0%" in html and "도로과" in html
    for secret in (
        "김철수",
        "010-2222-3333",
        "홍길동",
        "010-1234-5678",
        "보도블록",
        "친절했습니다",
    ):
        assert secret not in html
    assert "tbl col data" in html and 'role="img"' in html


def test_public_summary_rejects_odd_years(client, office):
    assert client.get(reverse(PUBLIC_URL), {"year": "abc"}).status_code == 200
    assert client.get(reverse(PUBLIC_URL), {"year": "1900"}).status_code == 200


def _queries(client, url, **params):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_statistics_pages_make_a_fixed_number_of_queries(client, office):
    client.force_login(office["chief"])
    # Once first: process-wide caches (content types, locales, site) fill on the first request.
    _queries(client, reverse(STAFF_URL)), _queries(client, reverse(PUBLIC_URL))
    staff_before = _queries(client, reverse(STAFF_URL))
    public_before = _queries(client, reverse(PUBLIC_URL))
    for i in range(40):
        dept = h.department(f"d{i}", f"부서{i}") if i % 4 == 0 else office["roads"]
        c = h.complaint(
            dept, received_ago=(i % 9 + 1) * DAY, closed_after=DAY,
            status=ComplaintStatus.ANSWERED, due_in=DAY,
        )  # fmt: skip
        ComplaintSatisfaction.objects.create(
            complaint=c, score=i % 5 + 1, comment=f"의견 {i}", created_at=timezone.now()
        )
    assert _queries(client, reverse(STAFF_URL)) == staff_before
    assert _queries(client, reverse(PUBLIC_URL)) == public_before
