"""Tables of the 전자민원창구: 민원, their attachments, the per-year receipt counter, the
법정민원 처리기준표, staff holiday overrides, guest identity checks and filing drafts."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel
from madang.privacy.fields import (
    BlindIndexField,
    BlindIndexQuerySet,
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedTextField,
)

from . import deadlines
from .choices import (
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    HolidayChange,
    InquirySubkind,
    ReplyChannel,
    VerificationChannel,
)


def validate_period(value: str) -> None:
    try:
        deadlines.parse_period(value)
    except (TypeError, ValueError):
        raise ValidationError(
            _("처리기간 형식이 올바르지 않습니다. 예: 3h(근무시간), 7d, 20d(일), 즉시"),
            code="invalid_period",
        ) from None


class StatutoryComplaintType(TimeStampedModel):
    """A row of the 민원처리기준표: a 법정민원 type and its period (법 제17조, 제36조)."""

    name = models.CharField(_("민원 사무명"), max_length=200, unique=True)
    period = models.CharField(
        _("처리기간"),
        max_length=16,
        validators=[validate_period],
        help_text=_("예: 3d(3일, 근무시간으로 계산), 7d, 20d, 3h(근무시간), 즉시"),
    )
    legal_basis = models.CharField(_("근거 법령"), max_length=300, blank=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("처리 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statutory_complaint_types",
    )
    is_active = models.BooleanField(_("사용 중"), default=True)

    class Meta:
        verbose_name = _("법정민원 처리기준")
        verbose_name_plural = _("법정민원 처리기준표")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"


class HolidayOverride(TimeStampedModel):
    """A day staff add to or remove from the public holidays that periods skip (법 제19조):
    a new 임시공휴일 or 선거일 the `holidays` package does not know yet, or a wrong entry."""

    date = models.DateField(_("날짜"), unique=True)
    change = models.CharField(_("구분"), max_length=16, choices=HolidayChange.choices)
    reason = models.CharField(_("사유"), max_length=200, help_text=_("예: 임시공휴일 지정"))
    source = models.CharField(
        _("근거"), max_length=300, blank=True, help_text=_("예: 관보 제20000호, 인사혁신처 공고")
    )

    class Meta:
        verbose_name = _("공휴일 조정")
        verbose_name_plural = _("공휴일 조정")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_change_display()}"


class ReceiptCounter(models.Model):
    """The last 접수번호 sequence issued in a year; locked (SELECT ... FOR UPDATE) by the intake
    service in the transaction that inserts the 민원, so numbers are unique and gap-free."""

    year = models.PositiveIntegerField(_("연도"), primary_key=True)
    last = models.PositiveIntegerField(_("마지막 일련번호"), default=0)

    class Meta:
        verbose_name = _("접수번호 발급 현황")
        verbose_name_plural = _("접수번호 발급 현황")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Complaint(TimeStampedModel):
    """A 민원 as received, recorded in order of receipt (민원 처리부, 시행령 제6조②)."""

    # Not content: Wagtail's reference index would enqueue a task on every intake.
    wagtail_reference_index_ignore = True

    # Null only inside the intake transaction, between the INSERT and the numbering UPDATE
    # (complaint_submit); never committed empty.
    receipt_number = models.CharField(
        _("접수번호"), max_length=16, unique=True, null=True, editable=False
    )
    receipt_year = models.PositiveIntegerField(_("접수연도"), null=True, editable=False)
    receipt_sequence = models.PositiveIntegerField(_("연도별 일련번호"), null=True, editable=False)
    kind = models.CharField(_("민원 종류"), max_length=16, choices=ComplaintKind.choices)
    inquiry_subkind = models.CharField(
        _("질의 구분"), max_length=16, choices=InquirySubkind.choices, blank=True
    )
    statutory_type = models.ForeignKey(
        StatutoryComplaintType,
        verbose_name=_("법정민원 사무"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    title = models.CharField(_("제목"), max_length=200)
    body = models.TextField(_("내용"))
    place_address = EncryptedTextField(_("발생 장소"), blank=True)
    latitude = models.DecimalField(_("위도"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("경도"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    reply_channel = models.CharField(
        _("답변 받을 방법"), max_length=8, choices=ReplyChannel.choices, default=ReplyChannel.WEB
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("신청인 계정"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("접수 처리자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints_submitted",
        help_text=_("신청인 본인 또는 대신 입력한 직원·연동 시스템"),
    )
    complainant_name = EncryptedCharField(_("신청인 이름"), max_length=50)
    complainant_phone = EncryptedCharField(_("신청인 전화번호"), max_length=20, blank=True)
    complainant_phone_bidx = BlindIndexField(
        _("전화번호 검색용 색인"), source="complainant_phone", normalizer="phone"
    )
    complainant_email = EncryptedEmailField(_("신청인 전자우편"), blank=True)
    complainant_email_bidx = BlindIndexField(
        _("전자우편 검색용 색인"), source="complainant_email", normalizer="email"
    )
    complainant_address = EncryptedTextField(_("신청인 주소"), blank=True)
    identity_verified_by = models.CharField(
        _("본인 확인 방법"),
        max_length=16,
        blank=True,
        help_text=_("account(로그인), email, sms, staff(직원 입력)"),
    )
    consent_given_at = models.DateTimeField(_("개인정보 수집·이용 동의 일시"))
    consent_notice = models.TextField(_("동의한 안내문"), blank=True)
    received_at = models.DateTimeField(_("접수일시"), db_index=True)
    period = models.CharField(_("처리기간"), max_length=16)
    due_at = models.DateTimeField(_("처리기한"), db_index=True)
    status = models.CharField(
        _("처리 상태"),
        max_length=16,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    channel = models.CharField(
        _("접수 경로"), max_length=8, choices=ComplaintChannel.choices, default=ComplaintChannel.WEB
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("처리 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    source_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("원 게시물 유형"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_object_id = models.CharField(_("원 게시물 번호"), max_length=64, blank=True)
    source_label = models.CharField(_("원 게시판"), max_length=100, blank=True)
    source_url = models.CharField(_("원 게시물 주소"), max_length=500, blank=True)

    objects = BlindIndexQuerySet.as_manager()

    class Meta:
        verbose_name = _("민원")
        verbose_name_plural = _("민원")
        ordering = ["-received_at", "-receipt_sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_year", "receipt_sequence"], name="complaint_receipt_year_seq"
            ),
        ]

    def __str__(self) -> str:
        # No personal data: this string reaches audit rows and logs.
        return f"{self.receipt_number or '-'} {self.get_kind_display()}"


def attachment_upload_to(instance: "ComplaintAttachment", filename: str) -> str:
    # Never the citizen's file name on disk: it may hold personal data or path tricks.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"complaints/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{ext}"


class ComplaintDraft(TimeStampedModel):
    """What a citizen typed, kept between the 작성 and 확인 steps so that nothing is lost
    (including uploaded attachments). The form data holds personal data, so it is encrypted."""

    # Not content: Wagtail's reference index would enqueue a task on every intake.
    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session_key = models.CharField(max_length=64, db_index=True)
    data = EncryptedTextField(_("작성 내용"))

    class Meta:
        verbose_name = _("민원 작성 중 자료")
        verbose_name_plural = _("민원 작성 중 자료")

    def __str__(self) -> str:
        return f"ComplaintDraft({self.pk})"


class ComplaintAttachment(TimeStampedModel):
    """A file the citizen attached; checked by extension and content (magic bytes)."""

    # Not content: Wagtail's reference index would enqueue a task on every intake.
    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("민원"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    draft = models.ForeignKey(
        ComplaintDraft, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(_("파일"), upload_to=attachment_upload_to, max_length=300)
    original_name = models.CharField(_("원래 파일 이름"), max_length=255)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))
    content_type = models.CharField(_("형식"), max_length=100)

    class Meta:
        verbose_name = _("민원 첨부파일")
        verbose_name_plural = _("민원 첨부파일")

    def __str__(self) -> str:
        return self.original_name


class GuestVerification(TimeStampedModel):
    """A 6-digit code sent to a guest's e-mail (or, later, phone) to confirm identity before
    filing without an account. The code is stored only as a keyed hash."""

    # Not content: Wagtail's reference index would enqueue a task on every intake.
    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.CharField(max_length=8, choices=VerificationChannel.choices)
    target = EncryptedCharField(_("받는 곳"), max_length=254)
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("비회원 본인 확인")
        verbose_name_plural = _("비회원 본인 확인")

    def __str__(self) -> str:
        return f"GuestVerification({self.pk}, {self.channel})"
