"""What every content page shares: its owning department and its review schedule (제7조)."""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from madang.sitegov.page_forms import OwnedPageForm

from ..kogl import KoglType


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months on, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class OwnedContentMixin(models.Model):
    """A page that a department owns and must keep current (조례 제7조).

    The foot of every such page shows 담당부서, 연락처 and 최종수정일. `next_review_at` is set by
    madang.pages.services when the page is published or marked reviewed; publishing an older
    revision never brings back an older review date (see `with_content_json`).
    """

    owner_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("담당부서"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("이 페이지의 내용을 책임지고 최신으로 유지하는 부서입니다(조례 제7조)."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("검토 주기(개월)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("비워 두면 기본 주기(MADANG_CONTENT_REVIEW_MONTHS)를 씁니다."),
    )
    last_reviewed_at = models.DateTimeField(
        _("최종 검토일시"), null=True, blank=True, editable=False
    )
    next_review_at = models.DateField(_("다음 검토일"), null=True, blank=True, editable=False)
    kogl_type = models.PositiveSmallIntegerField(
        _("공공누리 유형"),
        null=True,
        blank=True,
        default=KoglType.TYPE_1,
        choices=KoglType.choices,
        help_text=_(
            "이 페이지의 내용을 누구나 어떤 조건으로 쓸 수 있는지 페이지 하단에 표시합니다"
            "(저작권법 제24조의2). 구가 저작권을 갖지 않은 내용이면 비워 두세요."
        ),
    )

    # A department editor can only give the page to their own department (조례 제7조②).
    base_form_class = OwnedPageForm

    ownership_panels = [
        MultiFieldPanel(
            [FieldPanel("owner_department"), FieldPanel("review_interval_months")],
            heading=_("담당부서와 검토 주기"),
        ),
        FieldPanel("kogl_type"),
    ]

    class Meta:
        abstract = True

    @property
    def review_months(self) -> int:
        return self.review_interval_months or settings.MADANG_CONTENT_REVIEW_MONTHS

    def compute_next_review(self) -> date | None:
        """The review date: the later of last publication and last review, plus the interval."""
        stamps = [s for s in (self.last_published_at, self.last_reviewed_at) if s]
        if not stamps:
            return None
        return add_months(timezone.localdate(max(stamps)), self.review_months)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # Review stamps belong to the live page, not to a revision.
        obj.last_reviewed_at = self.last_reviewed_at
        obj.next_review_at = self.next_review_at
        return obj

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..forms import PageFeedbackForm

        context.setdefault("feedback_form", PageFeedbackForm())
        return context
