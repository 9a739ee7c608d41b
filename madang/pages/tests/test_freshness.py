"""Ownership and freshness (조례 제7조): review dates, the stale-content report, 검토 완료 and the
weekly reminder to each department."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from madang.core.models import AuditLog
from madang.pages.models import ContentPage, NewsPage, ReviewReminder, add_months
from madang.pages.selectors import overdue_pages
from madang.pages.services import page_mark_reviewed, review_reminders_send

pytestmark = pytest.mark.django_db


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)


def test_publishing_sets_review_date_from_setting(home, settings):
    settings.MADANG_CONTENT_REVIEW_MONTHS = 3
    page = ContentPage.objects.get(slug="passport")
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.next_review_at == add_months(timezone.localdate(page.last_published_at), 3)
    page.review_interval_months = 12
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.next_review_at == add_months(timezone.localdate(page.last_published_at), 12)


def _make_overdue(slug, days, model=ContentPage):
    model.objects.filter(slug=slug).update(
        next_review_at=timezone.localdate() - timedelta(days=days)
    )


def test_overdue_pages_grouped_by_department_most_overdue_first(home):
    _make_overdue("passport", 10)
    _make_overdue("civil-forms", 40)
    _make_overdue("bulky-waste", 5)
    _make_overdue("notice-water-tank", 3, NewsPage)
    rows = overdue_pages()
    assert [(r.department.code, r.page.slug) for r in rows] == [
        ("public-relations", "notice-water-tank"),
        ("civil-service", "civil-forms"),
        ("civil-service", "passport"),
        ("cleaning", "bulky-waste"),
    ]
    assert rows[1].days_overdue == 40


def test_report_view_and_mark_reviewed_button(client, home, superuser):
    _make_overdue("passport", 10)
    client.force_login(superuser)
    html = client.get(reverse("pages_freshness_report")).content.decode()
    assert "콘텐츠 최신화 현황" in html and "여권 발급 안내" in html and "민원여권과" in html
    page = ContentPage.objects.get(slug="passport")
    response = client.post(reverse("pages_mark_reviewed", args=[page.pk]),
                           {"next": reverse("pages_freshness_report")})  # fmt: skip
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.next_review_at == add_months(timezone.localdate(), 6)
    assert page.last_reviewed_at is not None
    assert page.get_latest_revision().created_at < page.last_reviewed_at  # no new revision
    audit = AuditLog.objects.get(action="page.review")
    assert audit.actor == superuser and audit.object_id == str(page.pk)
    after = client.get(reverse("pages_freshness_report")).content.decode()
    assert f'id="page-{page.pk}"' not in after


def test_mark_reviewed_from_the_editor_action_menu(client, home, superuser):
    _make_overdue("passport", 10)
    page = ContentPage.objects.get(slug="passport")
    client.force_login(superuser)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-mark-reviewed"' in edit
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-mark-reviewed": "1"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.next_review_at > timezone.localdate()


def test_review_survives_publishing_an_older_revision(home, superuser):
    page = ContentPage.objects.get(slug="passport")
    old_revision = page.get_latest_revision()
    page_mark_reviewed(acting_user=superuser, page=page)
    reviewed_at = ContentPage.objects.get(pk=page.pk).last_reviewed_at
    old_revision.publish()
    assert ContentPage.objects.get(pk=page.pk).last_reviewed_at == reviewed_at


def test_staff_without_edit_permission_cannot_mark_reviewed(client, home, staff_user):
    page = ContentPage.objects.get(slug="passport")
    client.force_login(staff_user)
    response = client.post(reverse("pages_mark_reviewed", args=[page.pk]))
    assert response.status_code in (302, 403)
    assert not AuditLog.objects.filter(action="page.review").exists()


def test_weekly_reminder_mails_each_department_once_a_week(
    home, django_capture_on_commit_callbacks
):
    _make_overdue("passport", 10)
    _make_overdue("civil-forms", 40)
    _make_overdue("bulky-waste", 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert review_reminders_send() == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"civil-service@dongjak.go.kr", "cleaning@dongjak.go.kr"}
    body = by_to["civil-service@dongjak.go.kr"].body
    assert body.index("민원서식 안내") < body.index("여권 발급 안내")
    assert "제7조" in body
    with django_capture_on_commit_callbacks(execute=True):
        assert review_reminders_send() == 0
    assert len(mail.outbox) == 2
    assert ReviewReminder.objects.count() == 2
    next_week = timezone.localdate() + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert review_reminders_send(today=next_week) == 2


def test_weekly_job_is_registered():
    from madang.core.scheduling import registered_jobs

    jobs = [j for j in registered_jobs().values() if j.name.endswith("send_review_reminders")]
    assert len(jobs) == 1 and jobs[0].every == timedelta(days=7)
