"""Writes of the 민원상담 app (조례 제10조). Each runs in one transaction with an audit row;
mail to the counsellor goes through the notification outbox and leaves after commit."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from madang.complaints.choices import ComplaintChannel, ComplaintKind
from madang.complaints.services import Complainant, ComplaintSource, complaint_submit
from madang.core import ratelimit
from madang.core.audit import audit_log_record
from madang.search.analysis import document_terms

from .models import (
    CounsellingRequest,
    Counsellor,
    FrequentQuestion,
    PreferredTime,
    RequestStatus,
)
from .selectors import counsellor_for_field

FAQ_FIELDS = ("question", "answer", "field", "department", "keywords", "is_published")


def counselling_privacy_notice() -> str:
    """The 개인정보 수집·이용 동의 notice of a counselling request (개인정보 보호법 제15조②)."""
    configured = getattr(settings, "COUNSELLING_PRIVACY_NOTICE", "")
    if configured:
        return configured
    return _(
        "수집·이용 목적: 민원상담 연락 및 상담 기록(동작구 인터넷 홈페이지 운영 조례 제10조). "
        "상담 중 민원으로 접수하면 민원 처리에도 이용합니다.\n"
        "수집 항목: 이름, 전화번호, 전자우편, 상담 내용\n"
        "보유·이용 기간: 상담 완료 후 3년(민원으로 접수하면 민원 사무 기록 보존기간)\n"
        "동의를 거부할 권리가 있으며, 거부하면 온라인 상담을 신청할 수 없습니다. "
        "민원실 방문이나 전화(02-820-1312)로 상담받을 수 있습니다."
    )


# --- 자주 묻는 질문 ----------------------------------------------------------------------------


def _faq_index(faq: FrequentQuestion) -> str:
    text = "\n".join([faq.question, strip_tags(faq.answer or ""), faq.keywords or ""])
    return f" {document_terms(text)} "


@transaction.atomic
def faq_save(*, acting_user, faq: FrequentQuestion, changed: list[str] | None = None):
    """Create or update a question; its search index is rebuilt from question, answer and
    keywords."""
    if not (faq.question or "").strip():
        raise ValidationError({"question": _("질문을 입력하세요.")})
    if not strip_tags(faq.answer or "").strip():
        raise ValidationError({"answer": _("답변을 입력하세요.")})
    created = faq.pk is None
    faq.search_terms = _faq_index(faq)
    faq.save()
    audit_log_record(
        acting_user=acting_user,
        action="counselling.faq_create" if created else "counselling.faq_update",
        obj=faq,
        changes={"fields": sorted(changed or FAQ_FIELDS)},
    )
    return faq


@transaction.atomic
def faq_delete(*, acting_user, faq: FrequentQuestion) -> None:
    audit_log_record(acting_user=acting_user, action="counselling.faq_delete", obj=faq)
    faq.delete()


def faq_view_count(*, faq: FrequentQuestion) -> None:
    """Count one view (not audited: no personal data, no staff action)."""
    from django.db.models import F

    FrequentQuestion.objects.filter(pk=faq.pk).update(view_count=F("view_count") + 1)


# --- 민원상담관 명단 ---------------------------------------------------------------------------


@transaction.atomic
def counsellor_save(*, acting_user, counsellor: Counsellor) -> Counsellor:
    """Create or update a counsellor and their shifts (the form's inline rows)."""
    errors = {}
    if not counsellor.user_id or not counsellor.user.is_staff:
        errors["user"] = _("민원상담관은 직원 계정이어야 합니다.")
    for shift in counsellor.shifts.all():
        if shift.start >= shift.end:
            errors[None] = _("근무 시간의 끝 시각은 시작 시각보다 늦어야 합니다. 예: 09:00~12:00")
    if errors:
        raise ValidationError(errors)
    created = counsellor.pk is None
    counsellor.save()
    audit_log_record(
        acting_user=acting_user,
        action="counselling.counsellor_create" if created else "counselling.counsellor_update",
        obj=counsellor,
        changes={
            "field": str(counsellor.field),
            "is_active": counsellor.is_active,
            "shifts": [str(s) for s in counsellor.shifts.all()],
        },
    )
    return counsellor


@transaction.atomic
def counsellor_delete(*, acting_user, counsellor: Counsellor) -> None:
    audit_log_record(
        acting_user=acting_user, action="counselling.counsellor_delete", obj=counsellor
    )
    counsellor.delete()


# --- 상담 신청 -------------------------------------------------------------------------------


REQUEST_RULE = ratelimit.Rule(
    name="counselling.request",
    window=ratelimit.Setting("COUNSELLING_RATE_LIMIT_WINDOW_SECONDS", 3600),
    limits={"ip": ratelimit.Setting("COUNSELLING_RATE_LIMIT_PER_IP", 5)},
)


def request_rate_limited(*, ip: str | None) -> bool:
    return ratelimit.blocked_until(REQUEST_RULE, ip=ip) is not None


def _rate_count(ip: str | None) -> None:
    ratelimit.hit(REQUEST_RULE, ip=ip)


def _format_moment(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return _("%(month)d월 %(day)d일 %(time)s") % {
        "month": local.month,
        "day": local.day,
        "time": local.strftime("%H:%M"),
    }


def contact_message(req: CounsellingRequest) -> str:
    """What the citizen is told about who calls back and when."""
    if req.counsellor is None:
        return _("%(field)s 분야 담당 부서에서 근무시간에 연락드립니다.") % {
            "field": req.field.name
        }
    if req.contact_from is None or req.contact_from <= req.created_at:
        return _("%(name)s이 지금 근무 중입니다. 곧 연락드립니다.") % {
            "name": req.counsellor.display_name
        }
    return _("%(name)s이 %(when)s부터 연락드립니다.") % {
        "name": req.counsellor.display_name,
        "when": _format_moment(req.contact_from),
    }


def _notify_counsellor(req: CounsellingRequest) -> None:
    from madang.notifications.services import notification_send

    if req.counsellor is None or not req.counsellor.user.email:
        return
    values = {
        "site": getattr(settings, "WAGTAIL_SITE_NAME", ""),
        "ref": req.reference,
        "field": req.field.name,
        "time": req.get_preferred_time_display(),
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("counselling_admin:detail", args=[req.pk]),
    }
    notification_send(
        purpose="counselling.request",
        subject=_("[%(site)s] 민원상담 신청 %(ref)s (%(field)s)") % values,
        body=_(
            "%(field)s 분야 민원상담 신청이 들어왔습니다.\n\n"
            "신청번호: %(ref)s\n연락받기 좋은 시간: %(time)s\n\n"
            "신청인 연락처와 상담 내용은 관리자 화면에서 확인하세요.\n%(url)s"
        )
        % values,
        to_email=req.counsellor.user.email,
        related=req,
    )


@transaction.atomic
def counselling_request_submit(
    *,
    citizen,
    field,
    name: str,
    question: str,
    preferred_time: str,
    consent_given: bool,
    phone: str = "",
    email: str = "",
    ip: str | None = None,
    now: datetime | None = None,
) -> CounsellingRequest:
    """Receive a counselling request and hand it to the 분야's counsellor on duty, or to the
    one whose shift starts first (조례 제10조). Refused, with what to fix, when the consent is
    missing, no way to reach the citizen was given, or the address sent too many requests."""
    errors: dict[str, str] = {}
    if request_rate_limited(ip=ip):
        raise ValidationError(
            _(
                "짧은 시간에 상담 신청이 너무 많았습니다. 한 시간 뒤에 다시 신청하거나 "
                "전화(02-820-1312)로 문의하세요."
            ),
            code="rate_limited",
        )
    if field is None or not field.is_active:
        errors["field"] = _("상담받을 분야를 고르세요.")
    if not (name or "").strip():
        errors["name"] = _("이름을 입력하세요.")
    if not (question or "").strip():
        errors["question"] = _("상담받을 내용을 입력하세요.")
    if not (phone or "").strip() and not (email or "").strip():
        errors["phone"] = _("연락받을 전화번호나 전자우편 중 하나는 입력하세요.")
    if preferred_time not in PreferredTime.values:
        errors["preferred_time"] = _("연락받기 좋은 시간을 고르세요.")
    if not consent_given:
        errors["consent"] = _("개인정보 수집·이용에 동의해야 온라인 상담을 신청할 수 있습니다.")
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    assignment = counsellor_for_field(field=field, now=now)
    req = CounsellingRequest.objects.create(
        field=field,
        counsellor=assignment.counsellor,
        contact_from=assignment.starts_at,
        citizen=citizen if citizen is not None and citizen.is_authenticated else None,
        name=name.strip(),
        phone=(phone or "").strip(),
        email=(email or "").strip(),
        question=question.strip(),
        preferred_time=preferred_time,
        consent_given_at=now,
        consent_notice=counselling_privacy_notice(),
    )
    # auto_now_add ignores the given time; keep the request's own clock for the message.
    CounsellingRequest.objects.filter(pk=req.pk).update(created_at=now)
    req.created_at = now
    audit_log_record(
        acting_user=req.citizen,
        action="counselling.request_submit",
        obj=req,
        changes={
            "field": field.name,
            "counsellor": req.counsellor_id,
            "on_duty": assignment.on_duty,
        },
        ip_address=ip,
    )
    _rate_count(ip)
    _notify_counsellor(req)
    return req


def _check_can_handle(acting_user, req: CounsellingRequest) -> None:
    own = req.counsellor is not None and req.counsellor.user_id == acting_user.pk
    if not (own or acting_user.is_superuser) and not acting_user.has_perm(
        "counselling.change_counsellingrequest"
    ):
        raise ValidationError(_("이 상담 신청을 처리할 권한이 없습니다."), code="forbidden")
    if req.status != RequestStatus.RECEIVED:
        raise ValidationError(
            _("이미 %(status)s 처리된 상담 신청입니다.") % {"status": req.get_status_display()},
            code="closed",
        )


@transaction.atomic
def counselling_request_answer(*, acting_user, request_id: int, note: str) -> CounsellingRequest:
    """Record the counselling given (전화·메일 상담 결과) and close the request."""
    req = CounsellingRequest.objects.select_for_update().get(pk=request_id)
    _check_can_handle(acting_user, req)
    if not (note or "").strip():
        raise ValidationError({"note": _("상담한 내용을 간단히 적어 주세요.")})
    req.staff_note = note.strip()
    req.status = RequestStatus.ANSWERED
    req.answered_by = acting_user
    req.answered_at = timezone.now()
    req.save(update_fields=["staff_note", "status", "answered_by", "answered_at", "updated_at"])
    audit_log_record(acting_user=acting_user, action="counselling.request_answer", obj=req)
    return req


@transaction.atomic
def counselling_request_convert(
    *,
    acting_user,
    request_id: int,
    kind: str = ComplaintKind.OTHER,
    title: str = "",
    note: str = "",
):
    """Turn a counselling request into a 민원 through the one intake service; the 민원 links
    back to the request (its 접수 경로 names the 상담 신청). Returns the 민원."""
    req = (
        CounsellingRequest.objects.select_for_update(of=("self",))
        .select_related("field", "citizen")
        .get(pk=request_id)
    )
    _check_can_handle(acting_user, req)
    if kind not in (
        ComplaintKind.INQUIRY,
        ComplaintKind.SUGGESTION,
        ComplaintKind.OTHER,
        ComplaintKind.GRIEVANCE,
    ):
        raise ValidationError({"kind": _("민원 종류를 고르세요.")})
    default_title = _("[상담 신청 %(ref)s] %(field)s 분야 민원") % {
        "ref": req.reference,
        "field": req.field.name,
    }
    complaint = complaint_submit(
        acting_user=acting_user,
        citizen=req.citizen,
        kind=kind,
        inquiry_subkind="other" if kind == ComplaintKind.INQUIRY else "",
        title=(title or "").strip()[:200] or default_title,
        body=req.question,
        complainant=Complainant(name=req.name, phone=req.phone, email=req.email),
        consent_given=True,
        consent_notice=req.consent_notice,
        identity_verified_by="account" if req.citizen_id else "",
        channel=ComplaintChannel.WEB,
        source=ComplaintSource(
            label=_("민원상담 신청"),
            object_id=str(req.pk),
            url=reverse("counselling_admin:detail", args=[req.pk]),
            content_type=ContentType.objects.get_for_model(CounsellingRequest),
        ),
        field=req.field,
    )
    req.complaint = complaint
    req.status = RequestStatus.CONVERTED
    req.answered_by = acting_user
    req.answered_at = timezone.now()
    req.staff_note = (note or "").strip()
    req.save(
        update_fields=[
            "complaint",
            "status",
            "answered_by",
            "answered_at",
            "staff_note",
            "updated_at",
        ]
    )
    audit_log_record(
        acting_user=acting_user,
        action="counselling.request_convert",
        obj=req,
        changes={"complaint": complaint.receipt_number},
    )
    return complaint
