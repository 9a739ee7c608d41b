"""The staff desk: queues (mine, department, due today, overdue in red and in words,
unassigned), no personal data in lists, a fixed number of queries, bulk assignment and 독촉
(by hand and once per working day), every change audited."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from madang.complaints.choices import ComplaintEventKind, ComplaintStatus
from madang.complaints.desk import selectors, services
from madang.complaints.models import ComplaintEvent
from madang.core.models import AuditLog
from madang.core.scheduling import registered_jobs
from madang.notifications.models import Notification

from . import desk_helpers as h

pytestmark = pytest.mark.django_db
QUEUE = "complaints_desk:queue"
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def office():
    roads = h.department("roads", "도로과", "roads@example.go.kr")
    parks = h.department("parks", "공원과", "")
    return {
        "roads": roads,
        "parks": parks,
        "kim": h.staff("kim", roads),
        "lee": h.staff("lee", roads),
        "park": h.staff("park", parks),
        "chief": h.staff("chief", None, manager=True),
    }


def _get(client, user, **params):
    client.force_login(user)
    response = client.get(reverse(QUEUE), params)
    assert response.status_code == 200, response.content[:500]
    return response


def test_queue_needs_staff(client, office):
    from madang.accounts.models import User

    citizen = User.objects.create_user(username="citizen9", password="x")
    client.force_login(citizen)
    response = client.get(reverse(QUEUE))
    assert response.status_code in (302, 403)


def test_department_queue_marks_overdue_and_due_today_and_hides_personal_data(client, office):
    now = timezone.now()
    late = h.complaint(
        office["roads"], due_in=-timedelta(days=3), title="연락처 010-9999-8888 파손"
    )
    today_start = timezone.localtime(now).replace(hour=23, minute=30)
    today = h.complaint(office["roads"], due_in=today_start - now)
    later = h.complaint(office["roads"], due_in=timedelta(days=9))
    other = h.complaint(office["parks"], due_in=timedelta(days=1))
    html = _get(client, office["kim"]).content.decode()
    # Own department only, most urgent first.
    assert other.receipt_number not in html
    assert html.index(late.receipt_number) < html.index(today.receipt_number)
    assert html.index(today.receipt_number) < html.index(later.receipt_number)
    # Overdue in red (row class) and in words; due today in words.
    assert 'class="desk-overdue"' in html and "기한 3일 지남" in html
    assert "desk-due-today" in html and "오늘 기한" in html
    # No personal data: the number in the title is masked, the citizen is not shown.
    assert "010-9999-8888" not in html and "홍길동" not in html and "010-1234-5678" not in html
    # The chips count each filter.
    assert "기한 지남 <strong>1</strong>" in html and "미배정 <strong>3</strong>" in html


def test_overdue_and_today_filters(client, office):
    now = timezone.now()
    late = h.complaint(office["roads"], due_in=-timedelta(hours=2))
    paused = h.complaint(
        office["roads"], due_in=-timedelta(days=2), status=ComplaintStatus.SUPPLEMENT
    )
    fine = h.complaint(office["roads"], due_in=timedelta(days=4))
    html = _get(client, office["kim"], due="overdue").content.decode()
    assert late.receipt_number in html
    # 보완 요청 중: the clock stands still (시행령 제20조), so it is not overdue.
    assert paused.receipt_number not in html and fine.receipt_number not in html
    page = selectors.desk_queue(user=office["kim"], flt=selectors.QueueFilter(due="today"), now=now)
    assert page.counts["overdue"] == 1


def test_my_queue_shows_only_my_complaints(client, office):
    mine = h.complaint(office["roads"], assigned_to=office["kim"], status=ComplaintStatus.ASSIGNED)
    theirs = h.complaint(office["roads"], assigned_to=office["lee"])
    closed = h.complaint(
        office["roads"], assigned_to=office["kim"], status=ComplaintStatus.ANSWERED
    )
    html = _get(client, office["kim"], scope="mine").content.decode()
    assert mine.receipt_number in html
    assert theirs.receipt_number not in html and closed.receipt_number not in html


def test_manager_sees_every_department_and_can_pick_one(client, office):
    a = h.complaint(office["roads"])
    b = h.complaint(office["parks"])
    html = _get(client, office["chief"]).content.decode()
    assert a.receipt_number in html and b.receipt_number in html
    html = _get(client, office["chief"], department=office["parks"].pk).content.decode()
    assert a.receipt_number not in html and b.receipt_number in html
    # A department member cannot look at another department by changing the address.
    html = _get(client, office["kim"], department=office["parks"].pk).content.decode()
    assert b.receipt_number not in html


def _count_queries(client, user, django_assert_num_queries, **params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(QUEUE), params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["kim", "chief"])
def test_queue_makes_a_fixed_number_of_queries(client, office, who, django_assert_num_queries):
    for i in range(3):
        h.complaint(office["roads"], due_in=timedelta(days=i - 1), assigned_to=office["lee"])
    few = _count_queries(client, office[who], django_assert_num_queries)
    for i in range(60):
        h.complaint(
            office["roads" if i % 2 else "parks"],
            due_in=timedelta(hours=i - 30),
            assigned_to=office["lee"] if i % 2 else office["park"],
        )
    many = _count_queries(client, office[who], django_assert_num_queries)
    assert many == few
    # And the figure stays small: about 14 are the admin's own (session, user, MFA device,
    # permissions, Wagtail menu); the desk adds its department, one COUNT aggregate, one page
    # of rows and the officials (and the departments list for the 민원 총괄).
    assert many <= 20


def test_bulk_assignment_assigns_each_and_audits(client, office):
    a = h.complaint(office["roads"])
    b = h.complaint(office["roads"])
    c = h.complaint(office["roads"])
    client.force_login(office["kim"])
    response = client.post(
        reverse(QUEUE) + "?scope=department",
        {"action": "assign", "complaint": [a.pk, b.pk], "official": office["lee"].pk},
    )
    assert response.status_code == 302
    for x in (a, b):
        x.refresh_from_db()
        assert x.assigned_to == office["lee"] and x.status == ComplaintStatus.ASSIGNED
        assert x.events.filter(kind=ComplaintEventKind.ASSIGNED).exists()
    c.refresh_from_db()
    assert c.assigned_to is None
    bulk = AuditLog.objects.get(action="complaint.bulk_assign")
    assert bulk.actor == office["kim"]
    assert sorted(bulk.changes["complaints"]) == sorted([a.receipt_number, b.receipt_number])
    assert AuditLog.objects.filter(action="complaint.assign").count() == 2


def test_bulk_assignment_is_all_or_nothing_and_keeps_the_selection(client, office):
    a = h.complaint(office["roads"])
    b = h.complaint(office["parks"])
    client.force_login(office["chief"])
    response = client.post(
        reverse(QUEUE),
        {"action": "assign", "complaint": [a.pk, b.pk], "official": office["kim"].pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "배정하지 못했습니다" in html and b.receipt_number in html
    assert f'value="{a.pk}" id="desk-c{a.pk}" checked' in html
    a.refresh_from_db()
    assert a.assigned_to is None  # rolled back with the failing one
    assert not AuditLog.objects.filter(action="complaint.bulk_assign").exists()


def test_bulk_assignment_refuses_complaints_outside_ones_reach(client, office):
    theirs = h.complaint(office["parks"])
    client.force_login(office["kim"])
    response = client.post(
        reverse(QUEUE), {"action": "assign", "complaint": [theirs.pk], "official": office["lee"].pk}
    )
    assert response.status_code == 200
    assert "볼 수 없는 민원" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.assigned_to is None


def test_bulk_assignment_without_selection_says_what_to_do(client, office):
    h.complaint(office["roads"])
    client.force_login(office["kim"])
    response = client.post(reverse(QUEUE), {"action": "assign", "official": office["lee"].pk})
    assert "하나 이상 고르세요" in response.content.decode()


def test_reminder_by_hand_mails_the_department_and_records_events(
    client, office, django_capture_on_commit_callbacks, mailoutbox
):
    late = h.complaint(office["roads"], due_in=-timedelta(days=2), title="비밀 010-5555-6666")
    h.complaint(office["roads"], due_in=timedelta(days=2))
    client.force_login(office["chief"])
    url = reverse(QUEUE) + f"?department={office['roads'].pk}&due=overdue"
    assert "부서에 독촉 보내기" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "remind", "department": office["roads"].pk})
    assert response.status_code == 302
    event = ComplaintEvent.objects.get(kind=ComplaintEventKind.REMINDER)
    assert event.complaint == late and event.actor == office["chief"]
    assert event.data["automatic"] is False and not event.visible_to_citizen
    note = Notification.objects.get(purpose="complaint_reminder")
    assert note.recipient == "roads@example.go.kr"
    assert late.receipt_number in note.body and "010-5555-6666" not in note.body
    assert "홍길동" not in note.body and "비밀" not in note.body
    assert AuditLog.objects.get(action="complaint.reminder").changes["complaints"] == [
        late.receipt_number
    ]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["roads@example.go.kr"]


def test_reminder_without_department_email_explains_how_to_fix(client, office):
    h.complaint(office["parks"], due_in=-timedelta(days=1))
    client.force_login(office["chief"])
    response = client.post(
        reverse(QUEUE) + f"?department={office['parks'].pk}",
        {"action": "remind", "department": office["parks"].pk},
        follow=True,
    )
    assert "대표 이메일" in response.content.decode()
    assert not ComplaintEvent.objects.filter(kind=ComplaintEventKind.REMINDER).exists()


def test_reminder_to_another_department_is_refused(client, office):
    h.complaint(office["parks"], due_in=-timedelta(days=1))
    client.force_login(office["kim"])
    response = client.post(reverse(QUEUE), {"action": "remind", "department": office["parks"].pk})
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert not ComplaintEvent.objects.filter(kind=ComplaintEventKind.REMINDER).exists()
    assert not AuditLog.objects.filter(action="complaint.reminder").exists()


def test_daily_reminder_runs_once_per_working_day(office, django_capture_on_commit_callbacks):
    # Wednesday 2026-12-02 09:10 in Seoul: a working day.
    wednesday = datetime(2026, 12, 2, 9, 10, tzinfo=SEOUL)
    h.complaint(office["roads"], due_in=-timedelta(days=1), now=wednesday)
    h.complaint(office["parks"], due_in=-timedelta(days=1), now=wednesday)  # no e-mail address
    with django_capture_on_commit_callbacks(execute=True):
        results = services.complaint_reminders_send_daily(now=wednesday)
    sent = {r.department.code: r.sent for r in results}
    assert sent == {"roads": True, "parks": False}
    assert ComplaintEvent.objects.filter(kind=ComplaintEventKind.REMINDER).count() == 1
    # A retried task or a second run the same day sends nothing more.
    again = services.complaint_reminders_send_daily(now=wednesday + timedelta(hours=3))
    assert [r for r in again if r.sent] == []
    # The next working day it is sent again.
    thursday = wednesday + timedelta(days=1)
    assert any(r.sent for r in services.complaint_reminders_send_daily(now=thursday))
    audit = AuditLog.objects.filter(action="complaint.reminder")
    assert audit.count() == 2 and all(a.actor is None for a in audit)


def test_daily_reminder_skips_weekends_and_holidays(office):
    h.complaint(office["roads"], due_in=-timedelta(days=10))
    saturday = datetime(2026, 12, 5, 9, 10, tzinfo=SEOUL)
    christmas = datetime(2026, 12, 25, 9, 10, tzinfo=SEOUL)
    assert services.complaint_reminders_send_daily(now=saturday) == []
    assert services.complaint_reminders_send_daily(now=christmas) == []


def test_daily_reminder_is_a_registered_periodic_job():
    names = [n for n in registered_jobs() if n.endswith("send_overdue_reminders")]
    assert names, sorted(registered_jobs())
    job = registered_jobs()[names[0]]
    assert job.daily_at is not None


def test_a_bad_parameter_falls_back_without_dropping_the_others(client, office):
    from madang.complaints.choices import ComplaintKind

    inquiry = h.complaint(office["roads"], kind=ComplaintKind.INQUIRY)
    suggestion = h.complaint(office["roads"], kind=ComplaintKind.SUGGESTION)
    html = _get(
        client, office["kim"], department=office["parks"].pk, kind="inquiry", due="nonsense"
    ).content.decode()
    assert inquiry.receipt_number in html and suggestion.receipt_number not in html


def test_the_periodic_task_sends_through_the_service(office, django_capture_on_commit_callbacks):
    from madang.complaints.desk.tasks import send_overdue_reminders

    h.complaint(office["roads"], due_in=-timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_overdue_reminders.call()
    working_day = h_is_working_day()
    assert sent == (1 if working_day else 0)
    assert ComplaintEvent.objects.filter(kind=ComplaintEventKind.REMINDER).count() == sent


def h_is_working_day() -> bool:
    from madang.complaints import deadlines

    return deadlines.default_calendar().is_working_day(timezone.localdate())
