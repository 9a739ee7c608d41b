"""Writes for the homepage: review dates and reviews (조례 제7조), satisfaction answers and site
feedback (제3조②), weekly review reminders. Each runs in one transaction with an audit row and
sends e-mail only after commit."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from madang.core import ratelimit
from madang.core.audit import audit_log_record
from madang.departments.models import Department
from madang.privacy.masking import mask_personal_data

from .models import OwnedContentMixin, PageFeedback, ReviewReminder, SiteFeedback


class FeedbackRejected(Exception):
    """An answer that is not stored, with a Korean message saying why."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def page_review_reschedule(*, page: OwnedContentMixin) -> date | None:
    """Recompute a page's next review date after it was published (제7조).

    Derived data only (publication is already in Wagtail's page log), so no audit row. Written
    with an UPDATE so that no revision is created."""
    page.next_review_at = page.compute_next_review()
    type(page).objects.filter(pk=page.pk).update(next_review_at=page.next_review_at)
    return page.next_review_at


@transaction.atomic
def page_mark_reviewed(*, acting_user, page: OwnedContentMixin) -> date:
    """Record that the owning department checked the page and found it current (제7조), without
    editing it: the review clock restarts and the audit log says who confirmed it."""
    if not isinstance(page, OwnedContentMixin):
        raise TypeError("only department-owned pages have a review date")
    before = page.next_review_at
    page.last_reviewed_at = timezone.now()
    page.next_review_at = page.compute_next_review()
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed_at=page.last_reviewed_at, next_review_at=page.next_review_at
    )
    audit_log_record(
        acting_user=acting_user,
        action="page.review",
        obj=page,
        changes={"next_review_at": [str(before) if before else None, str(page.next_review_at)]},
    )
    return page.next_review_at


def browser_key(browser_id: str) -> str:
    """An HMAC of the browser id: the database never holds the id itself."""
    return salted_hmac("madang.pages.feedback", browser_id).hexdigest()


FEEDBACK_RULE = ratelimit.Rule(
    name="pages.feedback",
    window=3600,
    limits={"ip": ratelimit.Setting("MADANG_PAGE_FEEDBACK_PER_IP_PER_HOUR", 60)},
)


def _over_ip_limit(ip: str | None) -> bool:
    """Count this answer for the address; True when it is over the hourly limit."""
    return ratelimit.take(FEEDBACK_RULE, ip=ip) is not None


def page_feedback_submit(
    *, page, score: int, comment: str, browser_id: str, ip_address: str | None
) -> PageFeedback:
    """Store one anonymous satisfaction answer for a page (조례 제3조②).

    Personal data in the comment is masked BEFORE it is stored (제22조). One answer per browser,
    page and day (unique constraint); at most MADANG_PAGE_FEEDBACK_PER_IP_PER_HOUR per IP."""
    if score not in range(1, 6):
        raise FeedbackRejected(_("만족도를 하나 고르세요."), code="score")
    if _over_ip_limit(ip_address):
        raise FeedbackRejected(
            _("짧은 시간에 응답이 너무 많습니다. 잠시 뒤에 다시 시도해 주세요."), code="rate"
        )
    comment = (comment or "").strip()
    masked = mask_personal_data(comment) if comment else ""
    specific = page.specific
    try:
        with transaction.atomic():
            feedback = PageFeedback.objects.create(
                page_id=page.pk,
                department_id=getattr(specific, "owner_department_id", None),
                score=score,
                comment=masked,
                comment_was_masked=masked != comment,
                browser_key=browser_key(browser_id),
                answered_on=timezone.localdate(),
            )
            audit_log_record(
                acting_user=None,
                action="page.feedback",
                obj=feedback,
                changes={"page": page.pk, "score": score},
            )
    except IntegrityError:
        raise FeedbackRejected(
            _("오늘 이 페이지에 이미 응답하셨습니다. 참여해 주셔서 감사합니다."), code="duplicate"
        ) from None
    return feedback


def homepage_department() -> Department | None:
    return Department.objects.filter(code=settings.MADANG_HOMEPAGE_DEPARTMENT_CODE).first()


@transaction.atomic
def site_feedback_submit(*, message: str, department: Department | None) -> SiteFeedback:
    """Store a message from the site feedback form (조례 제3조②) and tell the homepage
    operating department by e-mail after commit. Personal data is masked before storing."""
    message = message.strip()
    masked = mask_personal_data(message)
    feedback = SiteFeedback.objects.create(
        department=department or homepage_department(),
        message=masked,
        message_was_masked=masked != message,
    )
    audit_log_record(acting_user=None, action="site_feedback.submit", obj=feedback)
    email = feedback.department.email if feedback.department else ""
    if email:
        transaction.on_commit(
            lambda: send_mail(
                _("[누리집 의견] 새 의견이 접수되었습니다"),
                render_to_string("pages/email/site_feedback.txt", {"feedback": feedback}),
                None,
                [email],
            )
        )
    return feedback


def review_reminders_send(*, today: date | None = None) -> int:
    """E-mail each department the list of its pages past their review date (조례 제7조).

    Once per department and week (ReviewReminder's unique row), sent after commit; safe to run
    again. Returns how many departments were told."""
    from .selectors import overdue_pages

    today = today or timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    by_department: dict[int, list] = {}
    for row in overdue_pages(today=today):
        by_department.setdefault(row.department.pk, []).append(row)
    sent = 0
    for rows in by_department.values():
        department = rows[0].department
        if not department.email:
            continue
        with transaction.atomic():
            _reminder, created = ReviewReminder.objects.get_or_create(
                department=department, week_start=week_start, defaults={"page_count": len(rows)}
            )
            if not created:
                continue
            audit_log_record(
                acting_user=None,
                action="page.review_reminder",
                obj=department,
                changes={"pages": [r.page.pk for r in rows], "week_start": str(week_start)},
            )
            body = render_to_string(
                "pages/email/review_reminder.txt",
                {
                    "department": department,
                    "rows": rows,
                    "base_url": settings.WAGTAILADMIN_BASE_URL,
                },
            )
            subject = _("[콘텐츠 최신화] 검토 기한이 지난 페이지 %(n)d건") % {"n": len(rows)}
            transaction.on_commit(partial(send_mail, subject, body, None, [department.email]))
        sent += 1
    return sent
