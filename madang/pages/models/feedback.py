"""Users' opinions of the homepage (조례 제3조②) and the weekly review reminders (제7조)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .mixins import OwnedContentMixin


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 5, _("매우 만족")
    SATISFIED = 4, _("만족")
    NEUTRAL = 3, pgettext_lazy("satisfaction", "보통")
    DISSATISFIED = 2, _("불만족")
    VERY_DISSATISFIED = 1, _("매우 불만족")


class PageFeedback(models.Model):
    """One answer to "이 페이지에서 제공하는 정보에 대하여 만족하십니까?" (제3조②).

    Anonymous: `browser_key` is an HMAC of a random browser id, never the id itself; the comment
    was screened and masked for personal data before it was stored. One answer per browser,
    page and day.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("페이지"), on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("담당부서"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(
        _("만족도"),
        choices=Satisfaction.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("의견"), blank=True)
    comment_was_masked = models.BooleanField(_("개인정보 가림 여부"), default=False)
    browser_key = models.CharField(max_length=64, editable=False)
    answered_on = models.DateField(_("응답일"))
    created_at = models.DateTimeField(_("응답일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("페이지 만족도 응답")
        verbose_name_plural = _("페이지 만족도 응답")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "browser_key", "answered_on"], name="page_feedback_once_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="page_feedback_score_range"
            ),
        ]
        indexes = [models.Index(fields=["department", "answered_on"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.score} {self.answered_on}"


class SiteFeedback(models.Model):
    """A message from the site-wide feedback form to the homepage operating department."""

    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("담당부서"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("의견"))
    message_was_masked = models.BooleanField(_("개인정보 가림 여부"), default=False)
    created_at = models.DateTimeField(_("접수일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("누리집 의견")
        verbose_name_plural = _("누리집 의견")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message[:40]


class SiteFeedbackPage(OwnedContentMixin, Page):
    """누리집 의견: the site-wide feedback form. Its owning department is the homepage operating
    department, which receives every message (제3조②)."""

    intro = models.CharField(_("안내"), max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/site_feedback_page.html"

    class Meta:
        verbose_name = _("누리집 의견 접수")

    def serve(self, request, *args, **kwargs):
        from ..views import site_feedback_serve

        return site_feedback_serve(request, page=self)


class ReviewReminder(models.Model):
    """That a department got its overdue-pages e-mail for a week: makes the job idempotent."""

    department = models.ForeignKey(
        "departments.Department", on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField()
    page_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("검토 알림 발송")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "week_start"], name="review_reminder_once_a_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department_id} {self.week_start}"
