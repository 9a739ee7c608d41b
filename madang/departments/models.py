from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel


class Department(TimeStampedModel):
    """A 부서 of the district office: owns pages, boards and complaints (ordinance 제7조).

    Written only through madang.departments.services, which leaves an audit row.
    """

    code = models.SlugField(
        _("부서 코드"),
        max_length=50,
        unique=True,
        help_text=_("영문 소문자, 숫자, 하이픈. 예: public-relations"),
    )
    name_ko = models.CharField(_("부서명(한국어)"), max_length=100)
    name_en = models.CharField(_("부서명(영어)"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    phone = models.CharField(
        _("대표 전화"), max_length=30, blank=True, help_text=_("예: 02-820-1234")
    )
    email = models.EmailField(_("대표 이메일"), blank=True)
    location = models.CharField(
        _("위치"), max_length=200, blank=True, help_text=_("예: 동작구청 본관 3층")
    )
    duties = models.TextField(_("주요 업무"), blank=True)
    sort_order = models.PositiveIntegerField(_("정렬 순서"), default=0)
    is_active = models.BooleanField(_("사용 중"), default=True)

    class Meta:
        verbose_name = _("부서")
        verbose_name_plural = _("부서")
        ordering = ["sort_order", "name_ko"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="department_not_own_parent"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "ko").startswith("en") and self.name_en:
            return self.name_en
        return self.name_ko
