"""민원상담 (조례 제10조): the 자주 묻는 질문 knowledge base, the roster of 분야별 민원상담관 with
their working hours, and citizens' counselling requests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField

from madang.core.models import TimeStampedModel
from madang.privacy.fields import EncryptedCharField, EncryptedEmailField, EncryptedTextField

FAQ_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]


class FrequentQuestion(TimeStampedModel):
    """One question citizens often ask before filing a 민원, with the district's answer."""

    question = models.CharField(_("질문"), max_length=300)
    answer = RichTextField(_("답변"), features=FAQ_FEATURES)
    field = models.ForeignKey(
        "complaints.ComplaintField",
        verbose_name=_("민원 분야"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frequent_questions",
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("담당 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frequent_questions",
    )
    keywords = models.TextField(
        _("검색어"),
        blank=True,
        help_text=_("질문과 답변에 없지만 시민이 찾을 만한 낱말을 한 줄에 하나씩 적습니다."),
    )
    is_published = models.BooleanField(_("공개"), default=True)
    view_count = models.PositiveIntegerField(_("조회수"), default=0, editable=False)
    search_terms = models.TextField(_("검색 색인"), blank=True, editable=False)

    class Meta:
        verbose_name = _("자주 묻는 질문")
        verbose_name_plural = _("자주 묻는 질문")
        ordering = ["-view_count", "question"]
        indexes = [models.Index(fields=["is_published", "field"])]

    def __str__(self) -> str:
        return self.question


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("월요일")
    TUESDAY = 1, _("화요일")
    WEDNESDAY = 2, _("수요일")
    THURSDAY = 3, _("목요일")
    FRIDAY = 4, _("금요일")
    SATURDAY = 5, _("토요일")
    SUNDAY = 6, _("일요일")


class Counsellor(TimeStampedModel, ClusterableModel):
    """A 분야별 민원상담관 (조례 제10조): a member of staff who answers counselling requests of
    one 민원 분야 during the shifts listed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("직원 계정"),
        on_delete=models.PROTECT,
        related_name="counsellor_roles",
        limit_choices_to={"is_staff": True},
    )
    field = models.ForeignKey(
        "complaints.ComplaintField",
        verbose_name=_("민원 분야"),
        on_delete=models.PROTECT,
        related_name="counsellors",
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("소속 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counsellors",
    )
    display_name = models.CharField(
        _("공개 이름·직함"), max_length=100, help_text=_("예: 주차 분야 민원상담관")
    )
    phone = models.CharField(_("사무실 전화번호"), max_length=20, blank=True)
    is_active = models.BooleanField(_("활동 중"), default=True)

    class Meta:
        verbose_name = _("민원상담관")
        verbose_name_plural = _("민원상담관 명단")
        ordering = ["field__name", "display_name"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.field})"


class CounsellorShift(models.Model):
    """One weekly working window of a counsellor. Shifts on a public holiday do not run."""

    counsellor = ParentalKey(Counsellor, on_delete=models.CASCADE, related_name="shifts")
    weekday = models.PositiveSmallIntegerField(_("요일"), choices=Weekday.choices)
    start = models.TimeField(_("시작 시각"))
    end = models.TimeField(_("끝 시각"))

    class Meta:
        verbose_name = _("근무 시간")
        verbose_name_plural = _("근무 시간")
        ordering = ["weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class PreferredTime(models.TextChoices):
    ANY = "any", _("아무 때나")
    MORNING = "morning", _("오전 (09:00~12:00)")
    AFTERNOON = "afternoon", _("오후 (13:00~18:00)")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("접수")
    ANSWERED = "answered", _("상담 완료")
    CONVERTED = "converted", _("민원으로 접수")


class CounsellingRequest(TimeStampedModel):
    """A citizen's request for counselling before (or instead of) filing a 민원."""

    field = models.ForeignKey(
        "complaints.ComplaintField",
        verbose_name=_("민원 분야"),
        on_delete=models.PROTECT,
        related_name="counselling_requests",
    )
    counsellor = models.ForeignKey(
        Counsellor,
        verbose_name=_("민원상담관"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    contact_from = models.DateTimeField(_("연락 예정 시각"), null=True, blank=True)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("신청인 계정"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counselling_requests",
    )
    name = EncryptedCharField(_("이름"), max_length=50)
    phone = EncryptedCharField(_("전화번호"), max_length=20, blank=True)
    email = EncryptedEmailField(_("전자우편"), blank=True)
    question = EncryptedTextField(_("상담 내용"))
    preferred_time = models.CharField(
        _("연락받기 좋은 시간"), max_length=16, choices=PreferredTime.choices
    )
    consent_given_at = models.DateTimeField(_("개인정보 수집·이용 동의 일시"))
    consent_notice = models.TextField(_("동의한 안내문"), blank=True)
    status = models.CharField(
        _("상태"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    staff_note = models.TextField(_("상담 내용 기록"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("상담한 직원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("상담 완료 일시"), null=True, blank=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("접수한 민원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("상담 신청")
        verbose_name_plural = _("상담 신청")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["counsellor", "status"])]

    def __str__(self) -> str:
        return _("상담 신청 %(number)s") % {"number": self.reference}

    @property
    def reference(self) -> str:
        return f"{self.created_at:%Y%m%d}-{self.pk:05d}" if self.pk and self.created_at else ""
