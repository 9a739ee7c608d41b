"""Tables of the 전자민원창구: 민원, their attachments, the per-year receipt counter, the
법정민원 처리기준표, staff holiday overrides, guest identity checks and filing drafts."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel
from madang.core.storage import PrivateStorage
from madang.privacy.fields import (
    BlindIndexField,
    BlindIndexQuerySet,
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedTextField,
)

from . import deadlines
from .choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    PAUSED_STATUSES,
    CommitteeOutcome,
    CommitteeReason,
    ComplaintChannel,
    ComplaintEventKind,
    ComplaintKind,
    ComplaintStatus,
    HolidayChange,
    InquirySubkind,
    PauseKind,
    ReplyChannel,
    SatisfactionScore,
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


class ComplaintField(TimeStampedModel):
    """A 민원 분야 and the 부서 that handles it: the routing rules staff edit (snippet).

    A new 민원 whose title or text holds one of the keywords goes to the department; staff
    can always route by hand. Edited only through madang.complaints.handling (audited)."""

    name = models.CharField(_("분야 이름"), max_length=100, unique=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("처리 부서"),
        on_delete=models.PROTECT,
        related_name="complaint_fields",
    )
    keywords = models.TextField(
        _("자동 배정 낱말"),
        blank=True,
        help_text=_("한 줄에 하나씩 적습니다. 제목이나 내용에 이 낱말이 있으면 이 분야로 봅니다."),
    )
    is_active = models.BooleanField(_("사용 중"), default=True)

    class Meta:
        verbose_name = _("민원 분야")
        verbose_name_plural = _("민원 분야(배정 규칙)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


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
        help_text=_(
            "account(로그인), email(전자우편 확인), phone(휴대전화 확인), staff(직원 입력), "
            "open311(연동 시스템)"
        ),
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
    # Handling (madang.complaints.handling)
    field = models.ForeignKey(
        ComplaintField,
        verbose_name=_("민원 분야"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("담당 공무원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints_assigned",
    )
    assigned_at = models.DateTimeField(_("배정일시"), null=True, blank=True)
    answered_at = models.DateTimeField(_("답변일시"), null=True, blank=True)
    closed_at = models.DateTimeField(_("종결일시"), null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField(_("처리기간 연장 횟수"), default=0)
    paused_since = models.DateTimeField(
        _("처리기간 정지 시작"),
        null=True,
        blank=True,
        help_text=_("보완 요청이나 현장조사로 처리기간이 멈춘 때"),
    )
    last_progress_notice_at = models.DateTimeField(_("마지막 중간 통지"), null=True, blank=True)

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
        indexes = [
            models.Index(fields=["status", "due_at"], name="complaint_status_due"),
            models.Index(
                fields=["department", "status", "due_at"], name="complaint_dept_status_due"
            ),
            models.Index(
                fields=["assigned_to", "status", "due_at"], name="complaint_assignee_status_due"
            ),
        ]

    def __str__(self) -> str:
        # No personal data: this string reaches audit rows and logs.
        return f"{self.receipt_number or '-'} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.status in PAUSED_STATUSES

    @property
    def latest_answer(self) -> "ComplaintAnswer | None":
        return self.answers.order_by("-answered_at", "-pk").first()

    @property
    def open_committee_review(self) -> "ComplaintCommitteeReview | None":
        """The 민원조정위원회 referral still waiting for its decision, if any."""
        return self.committee_reviews.filter(decided_at__isnull=True).order_by("-pk").first()


class ComplaintAttachmentStorage(PrivateStorage):
    """Under COMPLAINT_ATTACHMENT_ROOT, never MEDIA_ROOT: a 민원's files hold personal data and
    are served only through the views that check who may read them."""

    setting_name = "COMPLAINT_ATTACHMENT_ROOT"


def attachment_storage():
    return ComplaintAttachmentStorage()


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
    # Set for a file the citizen sent with a 보완 (법 제22조); empty for the filing's files.
    pause = models.ForeignKey(
        "ComplaintPause",
        verbose_name=_("보완 요청"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("파일"), upload_to=attachment_upload_to, storage=attachment_storage, max_length=300
    )
    original_name = models.CharField(_("원래 파일 이름"), max_length=255)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))
    content_type = models.CharField(_("형식"), max_length=100)

    class Meta:
        verbose_name = _("민원 첨부파일")
        verbose_name_plural = _("민원 첨부파일")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_supplement(self) -> bool:
        return self.pause_id is not None


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


class ComplaintEvent(models.Model):
    """A line of the 민원's timeline. `visible_to_citizen` lines are shown to the citizen."""

    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("민원"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("구분"), max_length=24, choices=ComplaintEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("처리자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("일시"), db_index=True)
    note = models.TextField(_("내용"), blank=True)
    data = models.JSONField(_("자료"), default=dict, blank=True)
    visible_to_citizen = models.BooleanField(_("신청인에게 보임"), default=False)

    class Meta:
        verbose_name = _("민원 처리 경과")
        verbose_name_plural = _("민원 처리 경과")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class ComplaintPause(models.Model):
    """A time the period stood still: a 보완 request until the citizen answers (시행령 제20조),
    or a 현장조사 (시행령 제21조). `ended_at` is empty while it runs."""

    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("민원"), on_delete=models.CASCADE, related_name="pauses"
    )
    kind = models.CharField(_("구분"), max_length=16, choices=PauseKind.choices)
    started_at = models.DateTimeField(_("시작"))
    ended_at = models.DateTimeField(_("끝"), null=True, blank=True)
    reason = models.TextField(_("사유"), blank=True)
    request_text = models.TextField(_("요청 내용"), blank=True)
    reply_by = models.DateTimeField(_("보완 기한"), null=True, blank=True)
    citizen_reply = EncryptedTextField(_("신청인 답변"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("요청자"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("처리기간 정지")
        verbose_name_plural = _("처리기간 정지")
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.started_at:%Y-%m-%d}"


class ComplaintExtension(models.Model):
    """A 처리기간 연장 (법 제21조, 시행령 제21조): once within the original length; a second
    time only with the citizen's consent."""

    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("민원"), on_delete=models.CASCADE, related_name="extensions"
    )
    reason = models.TextField(_("연장 사유"))
    previous_due_at = models.DateTimeField(_("종전 처리기한"))
    new_due_at = models.DateTimeField(_("새 처리기한"))
    added_period = models.CharField(_("연장 기간"), max_length=16, blank=True)
    citizen_consented = models.BooleanField(_("신청인 동의"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("연장한 직원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("연장일시"))

    class Meta:
        verbose_name = _("처리기간 연장")
        verbose_name_plural = _("처리기간 연장")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.new_due_at:%Y-%m-%d}"


class ComplaintTransfer(models.Model):
    """A 이송: to another 부서 of the district (시행령 제7조) or another 기관 (법 제16조)."""

    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("민원"), on_delete=models.CASCADE, related_name="transfers"
    )
    from_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("보낸 부서"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("받은 부서"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_agency = models.CharField(_("이송 기관"), max_length=200, blank=True)
    reason = models.TextField(_("이송 사유"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("이송한 직원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("이송일시"))

    class Meta:
        verbose_name = _("민원 이송")
        verbose_name_plural = _("민원 이송")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} → {self.to_agency or self.to_department_id}"


class ComplaintAnswer(models.Model):
    """The result told to the citizen (법 제27조). The official's 부서, name and contact are
    copied when answering, so the answer reads the same after staff move (시행령 제29조)."""

    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("민원"), on_delete=models.CASCADE, related_name="answers"
    )
    body = models.TextField(_("답변 내용"))
    is_refusal = models.BooleanField(_("처리 불가(거부)"), default=False)
    refusal_reasons = models.TextField(_("거부 이유"), blank=True)
    remedies = models.TextField(_("구제 절차"), blank=True)
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("답변한 공무원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    official_name = models.CharField(_("담당자 이름"), max_length=100)
    department_name = models.CharField(_("담당 부서"), max_length=200)
    official_contact = models.CharField(_("담당자 연락처"), max_length=100)
    answered_at = models.DateTimeField(_("답변일시"))

    class Meta:
        verbose_name = _("민원 답변")
        verbose_name_plural = _("민원 답변")
        ordering = ["answered_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.answered_at:%Y-%m-%d}"


class ComplaintSatisfaction(models.Model):
    """The citizen's rating of the answer: five levels and a comment (personal data masked)."""

    wagtail_reference_index_ignore = True

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("민원"), on_delete=models.CASCADE, related_name="satisfaction"
    )
    score = models.PositiveSmallIntegerField(_("만족도"), choices=SatisfactionScore.choices)
    comment = models.TextField(_("의견"), blank=True)
    created_at = models.DateTimeField(_("평가일시"))

    class Meta:
        verbose_name = _("민원 만족도")
        verbose_name_plural = _("민원 만족도")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1) & models.Q(score__lte=5),
                name="complaint_satisfaction_score_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.score}"


class ComplaintCommitteeReview(models.Model):
    """A referral of the 민원 to the 민원조정위원회 (법 제34조, 시행령 제26조·제38조): why, the
    meeting (the 민원인 is told of it in advance and may attend or state an opinion in writing,
    시행령 제38조⑤) and what the committee decided (respected by the head, 시행령 제39조).
    Each step is also a line of the timeline the citizen sees."""

    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("민원"),
        on_delete=models.CASCADE,
        related_name="committee_reviews",
    )
    reason = models.CharField(_("회부 사유"), max_length=16, choices=CommitteeReason.choices)
    reason_detail = models.TextField(_("회부 내용 (직원용)"), blank=True)
    referred_at = models.DateTimeField(_("회부일시"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("회부한 직원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting_at = models.DateTimeField(_("회의 일시"), null=True, blank=True)
    meeting_place = models.CharField(_("회의 장소"), max_length=200, blank=True)
    outcome = models.CharField(
        _("심의 결과"), max_length=16, choices=CommitteeOutcome.choices, blank=True
    )
    outcome_summary = models.TextField(_("심의 결과 요지"), blank=True)
    decided_at = models.DateTimeField(_("결과 등록일시"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("결과를 등록한 직원"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("민원조정위원회 회부")
        verbose_name_plural = _("민원조정위원회 회부")
        ordering = ["referred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.reason} {self.referred_at:%Y-%m-%d}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None
