"""Writes of the 전자민원창구. Each service runs in one transaction with an audit row; mail goes
out on commit (ARCHITECTURE.md "How data flows").

The law: 민원 처리에 관한 법률 (법) and its 시행령. Intake may not be refused or held back
(법 제9조①); every 민원 gets a 접수번호 and 접수일시 and is recorded in order of receipt
(시행령 제6조②); the citizen is told the expected processing time at intake (시행령 제6조④).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record, model_snapshot, snapshot_diff
from madang.core.request_context import current_client_ip

from . import deadlines
from . import verification as verification_limits
from .attachments import attachments_check
from .choices import ComplaintChannel, ComplaintKind, InquirySubkind, ReplyChannel
from .models import (
    Complaint,
    ComplaintAttachment,
    ComplaintDraft,
    ComplaintField,
    GuestVerification,
    HolidayOverride,
    ReceiptCounter,
    StatutoryComplaintType,
)
from .selectors import complaint_period, holiday_override_cache_clear, period_label
from .verification import verifier_for

RECEIPT_NUMBER_DIGITS = 6


@dataclass(frozen=True)
class Complainant:
    """The citizen's personal data for this 민원; stored only in encrypted fields."""

    name: str
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class ComplaintSource:
    """Where a 민원 came from when it was not filed in the window itself, e.g. a post on the
    구청장과의 대화방 (조례 제11조②). `content_type` may be None for an external system."""

    label: str
    object_id: str
    url: str = ""
    content_type: ContentType | None = None


def default_privacy_notice() -> str:
    """The 개인정보 수집·이용 동의 notice (개인정보 보호법 제15조②: purpose, items, retention,
    the right to refuse and what refusing means)."""
    configured = getattr(settings, "COMPLAINT_PRIVACY_NOTICE", "")
    if configured:
        return configured
    return _(
        "수집·이용 목적: 민원 접수·처리 및 결과 통지(민원 처리에 관한 법률)\n"
        "수집 항목: 이름, 전화번호, 전자우편, 주소(선택), 민원 내용\n"
        "보유·이용 기간: 민원 처리 완료 후 관계 법령에 따른 보존기간(민원 사무 기록 10년)\n"
        "동의를 거부할 권리가 있으며, 거부하면 전자민원을 신청할 수 없습니다. "
        "방문·우편·전화로 신청할 수 있습니다."
    )


# --- receipt numbers --------------------------------------------------------------------------


def receipt_number_format(year: int, sequence: int) -> str:
    """2026-000123: the year and the sequence within it."""
    return f"{year}-{sequence:0{RECEIPT_NUMBER_DIGITS}d}"


def _receipt_sequence_next(year: int) -> int:
    """Lock the year's counter row and take the next number. Must run inside the transaction
    that inserts the 민원: a rollback gives the number back, so numbers have no gaps, and the
    row lock makes concurrent intakes wait for each other only for the few statements left.

    One statement both locks and increments (UPDATE … RETURNING, on PostgreSQL and on SQLite
    ≥ 3.35, where the IMMEDIATE write transaction already serialises intakes): every round
    trip to the database made while the lock is held is one that every other intake waits
    for, so the lock is held for this UPDATE, the 민원's numbering UPDATE and the commit."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("receipt numbers must be taken inside the intake transaction")
    qn = connection.ops.quote_name
    opts = ReceiptCounter._meta
    last = qn(opts.get_field("last").column)
    bump = (
        f"UPDATE {qn(opts.db_table)} SET {last} = {last} + 1 "  # noqa: S608 (quoted model names)
        f"WHERE {qn(opts.get_field('year').column)} = %s RETURNING {last}"
    )
    with connection.cursor() as cursor:
        cursor.execute(bump, [year])
        row = cursor.fetchone()
        if row is None:
            # The first 민원 of a year creates the row; concurrent first intakes must not
            # fail, so the insert ignores a conflict and everyone then locks the one row.
            ReceiptCounter.objects.bulk_create(
                [ReceiptCounter(year=year, last=0)], ignore_conflicts=True
            )
            cursor.execute(bump, [year])
            row = cursor.fetchone()
    return int(row[0])


# --- intake -----------------------------------------------------------------------------------


def _clean_intake(
    *,
    kind,
    inquiry_subkind,
    statutory_type,
    title,
    body,
    complainant: Complainant,
    reply_channel,
    consent_given,
    latitude,
    longitude,
) -> dict:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if kind not in ComplaintKind.values:
        add("kind", _("민원 종류를 고르세요."))
    if kind == ComplaintKind.INQUIRY:
        if inquiry_subkind and inquiry_subkind not in InquirySubkind.values:
            add("inquiry_subkind", _("질의 구분을 고르세요."))
    elif inquiry_subkind:
        inquiry_subkind = ""
    if kind != ComplaintKind.STATUTORY:
        statutory_type = None
    title = (title or "").strip()
    body = (body or "").strip()
    if not title:
        add("title", _("제목을 입력하세요."))
    elif len(title) > 200:
        add("title", _("제목은 200자 이내로 줄여 주세요."))
    if not body:
        add("body", _("민원 내용을 입력하세요."))
    if not (complainant.name or "").strip():
        add("name", _("신청인 이름을 입력하세요."))
    if reply_channel not in ReplyChannel.values:
        add("reply_channel", _("답변 받을 방법을 고르세요."))
    if reply_channel == ReplyChannel.EMAIL and not complainant.email:
        add("email", _("전자우편으로 답변을 받으려면 전자우편 주소를 입력하세요."))
    if reply_channel == ReplyChannel.SMS and not complainant.phone:
        add("phone", _("문자메시지로 답변을 받으려면 휴대전화번호를 입력하세요."))
    if not consent_given:
        add("consent", _("개인정보 수집·이용에 동의해야 전자민원을 신청할 수 있습니다."))
    if (latitude is None) != (longitude is None):
        add("latitude", _("지도 위치는 위도와 경도를 함께 입력하세요."))
    if latitude is not None and not (-90 <= Decimal(str(latitude)) <= 90):
        add("latitude", _("위도는 -90에서 90 사이여야 합니다."))
    if longitude is not None and not (-180 <= Decimal(str(longitude)) <= 180):
        add("longitude", _("경도는 -180에서 180 사이여야 합니다."))
    if errors:
        raise ValidationError(errors)
    return {
        "inquiry_subkind": inquiry_subkind,
        "statutory_type": statutory_type,
        "title": title,
        "body": body,
    }


def _receipt_notify(complaint: Complaint) -> None:
    """Tell the citizen the 접수번호, 접수일시 and 처리기한 (시행령 제6조②④): by e-mail when
    they gave an address, and to their phone when they asked for the answer by 문자메시지 or
    proved who they are with that phone (a guest verified by phone). The phone notice goes by
    카카오 알림톡 when the district configured an approved template for "complaint.receipt",
    by SMS otherwise (`phone_notice_send`). Recorded in the outbox inside the intake
    transaction, sent after commit (madang.notifications)."""
    from madang.notifications.services import notification_send, phone_notice_send

    from .verification import IDENTITY_PHONE

    email = complaint.complainant_email
    by_phone = (
        complaint.reply_channel == ReplyChannel.SMS
        or complaint.identity_verified_by == IDENTITY_PHONE
    )
    phone = complaint.complainant_phone if by_phone else ""
    if not (email or phone):
        return
    site = getattr(settings, "WAGTAIL_SITE_NAME", "")
    local = timezone.localtime
    values = {
        "site": site,
        "no": complaint.receipt_number,
        "received": local(complaint.received_at).strftime("%Y-%m-%d %H:%M"),
        "period": period_label(complaint.period),
        "due": local(complaint.due_at).strftime("%Y-%m-%d %H:%M"),
        "title": complaint.title,
    }
    subject = _("[%(site)s] 민원이 접수되었습니다 (접수번호 %(no)s)") % values
    if email:
        notification_send(
            purpose="complaint.receipt",
            subject=subject,
            body=_(
                "민원이 접수되었습니다.\n\n"
                "접수번호: %(no)s\n접수일시: %(received)s\n처리기간: %(period)s\n"
                "처리기한: %(due)s\n제목: %(title)s\n\n"
                "처리기한은 민원 처리에 관한 법률 제19조에 따라 토요일과 공휴일을 빼고 "
                "계산했습니다. 보완 요청이나 현장조사 기간은 처리기간에 들어가지 않습니다."
            )
            % values,
            to_email=email,
            related=complaint,
        )
    if phone:
        phone_notice_send(
            purpose="complaint.receipt",
            subject=subject,
            sms_body=_("[%(site)s] 민원 접수번호 %(no)s, 처리기한 %(due)s") % values,
            values=values,
            to_phone=phone,
            related=complaint,
        )


@transaction.atomic
def complaint_submit(
    *,
    acting_user,
    citizen,
    kind: str,
    title: str,
    body: str,
    complainant: Complainant,
    consent_given: bool,
    inquiry_subkind: str = "",
    statutory_type: StatutoryComplaintType | None = None,
    place_address: str = "",
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    reply_channel: str = ReplyChannel.WEB,
    consent_notice: str | None = None,
    attachments=(),
    draft: ComplaintDraft | None = None,
    identity_verified_by: str = "",
    channel: str = ComplaintChannel.WEB,
    source: ComplaintSource | None = None,
    field: ComplaintField | None = None,
) -> Complaint:
    """Receive one 민원: the one intake service of every channel (window, API, boards).

    Intake cannot be refused (법 제9조①): only missing essentials are refused with a message
    saying what to add. The 민원 gets a 접수번호 "YYYY-NNNNNN", unique and gap-free within the
    year, the 접수일시 and the deadline computed by `deadlines.due_at` from the kind's period
    (시행령 제6조②④, 제14-17조, 제19조), all in one transaction with the audit row, so a 민원
    the server acknowledged is committed. The receipt e-mail goes out after commit.
    `attachments` are uploaded files (checked by extension and content); `draft` brings the
    attachments already uploaded at the 작성 step and is deleted on success. `field` is a 민원
    분야 the citizen chose (an Open311 service); its department handles the 민원 unless the
    처리기준표 names one, and routing by keywords need not guess it.
    """
    cleaned = _clean_intake(
        kind=kind,
        inquiry_subkind=inquiry_subkind,
        statutory_type=statutory_type,
        title=title,
        body=body,
        complainant=complainant,
        reply_channel=reply_channel,
        consent_given=consent_given,
        latitude=latitude,
        longitude=longitude,
    )
    draft_files = list(draft.attachments.all()) if draft is not None else []
    checked = attachments_check(attachments, already=len(draft_files))
    period = complaint_period(
        kind=kind,
        inquiry_subkind=cleaned["inquiry_subkind"],
        statutory_type=cleaned["statutory_type"],
    )
    calendar = deadlines.default_calendar()
    department = cleaned["statutory_type"].department if cleaned["statutory_type"] else None
    if department is None and field is not None:
        department = field.department
    complaint = Complaint(
        kind=kind,
        inquiry_subkind=cleaned["inquiry_subkind"],
        statutory_type=cleaned["statutory_type"],
        title=cleaned["title"],
        body=cleaned["body"],
        place_address=(place_address or "").strip(),
        latitude=Decimal(str(latitude)).quantize(Decimal("0.000001"))
        if latitude is not None
        else None,
        longitude=Decimal(str(longitude)).quantize(Decimal("0.000001"))
        if longitude is not None
        else None,
        reply_channel=reply_channel,
        citizen=citizen if citizen is not None and citizen.is_authenticated else None,
        submitted_by=acting_user
        if acting_user is not None and acting_user.is_authenticated
        else None,
        complainant_name=complainant.name.strip(),
        complainant_phone=(complainant.phone or "").strip(),
        complainant_email=(complainant.email or "").strip(),
        complainant_address=(complainant.address or "").strip(),
        identity_verified_by=identity_verified_by,
        consent_notice=default_privacy_notice() if consent_notice is None else consent_notice,
        period=period,
        channel=channel,
        department=department,
        field=field,
    )
    if source is not None:
        complaint.source_label = source.label[:100]
        complaint.source_object_id = str(source.object_id)[:64]
        complaint.source_url = (source.url or "")[:500]
        complaint.source_content_type = source.content_type

    # The row, its files and the audit row are written first; the year's counter row is locked
    # last, so that concurrent intakes wait only for the numbering UPDATEs and the commit.
    provisional = timezone.now()
    complaint.received_at = complaint.consent_given_at = provisional
    complaint.due_at = deadlines.due_at(provisional, period, calendar=calendar)
    complaint.save(force_insert=True)
    for upload, info in zip(attachments, checked, strict=True):
        attachment = ComplaintAttachment(
            complaint=complaint,
            original_name=info.name,
            size=info.size,
            content_type=info.content_type,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    if draft_files:
        ComplaintAttachment.objects.filter(pk__in=[a.pk for a in draft_files]).update(
            complaint=complaint, draft=None
        )
    if draft is not None:
        draft.delete()
    audit_log_record(
        acting_user=acting_user,
        action="complaint.submit",
        obj=complaint,
        object_repr=str(ComplaintKind(kind).label),
        changes={
            "kind": kind,
            "period": period,
            "channel": channel,
            "attachments": len(checked) + len(draft_files),
            "source": asdict(source) | {"content_type": str(source.content_type)}
            if source
            else None,
        },
    )

    # 민원 분야 and 처리 부서 by the routing rules staff edit (madang.complaints.handling),
    # unless the citizen chose the field themself.
    from .handling.routing import complaint_route_by_rules

    if field is None:
        complaint_route_by_rules(complaint=complaint)

    # From here to commit the counter row is locked. The 접수일시 is taken under the lock, so
    # the order of 접수번호 is the order of 접수일시 (민원 처리부, 시행령 제6조②).
    sequence_year = timezone.localtime(timezone.now(), deadlines.SEOUL).year
    sequence = _receipt_sequence_next(sequence_year)
    received_at = timezone.now()
    complaint.receipt_year = sequence_year
    complaint.receipt_sequence = sequence
    complaint.receipt_number = receipt_number_format(sequence_year, sequence)
    complaint.received_at = complaint.consent_given_at = received_at
    complaint.due_at = deadlines.due_at(received_at, period, calendar=calendar)
    complaint.save(
        update_fields=[
            "receipt_year",
            "receipt_sequence",
            "receipt_number",
            "received_at",
            "consent_given_at",
            "due_at",
        ]
    )
    _receipt_notify(complaint)
    return complaint


def complaint_from_board_post(
    *,
    acting_user,
    post_type_label: str,
    post_id,
    post_url: str,
    author,
    title: str,
    body: str,
    kind: str = ComplaintKind.SUGGESTION,
    source_object=None,
) -> Complaint:
    """Receive a post of the 구청장과의 대화방 (or another board) as a 민원 when an answer is
    needed (조례 제11조②: "민원사무에 준하여 접수·처리"). The boards engine calls this; the
    민원 links back to the post (content type, id, URL).

    The author's name and contacts come from their encrypted PersonalProfile. Consent is that
    of the board's terms, under which the author posted; the notice records that basis.
    """
    profile = getattr(author, "personal_profile", None) if author is not None else None
    complainant = Complainant(
        name=(profile.name if profile and profile.name else author.get_username()),
        phone=profile.phone if profile else "",
        email=profile.email if profile else "",
        address=profile.address if profile else "",
    )
    content_type = (
        ContentType.objects.get_for_model(source_object) if source_object is not None else None
    )
    return complaint_submit(
        acting_user=acting_user,
        citizen=author,
        kind=kind,
        title=title,
        body=body,
        complainant=complainant,
        consent_given=True,
        consent_notice=_(
            "게시판 이용 시 동의한 개인정보 수집·이용에 따라 민원으로 접수함 (조례 제11조②)"
        ),
        reply_channel=ReplyChannel.EMAIL if complainant.email else ReplyChannel.WEB,
        identity_verified_by="account",
        channel=ComplaintChannel.BOARD,
        source=ComplaintSource(
            label=post_type_label, object_id=str(post_id), url=post_url, content_type=content_type
        ),
    )


# --- drafts (nothing typed is lost between 작성 and 확인) -----------------------------------


@transaction.atomic
def complaint_draft_save(
    *, session_key: str, data: dict, uploads=(), draft: ComplaintDraft | None = None
) -> ComplaintDraft:
    """Keep what the citizen typed, and their checked attachments, until they confirm.
    The data holds personal data and is stored encrypted. Raises ValidationError for bad files
    (the typed data is saved first, so it survives)."""
    if draft is None:
        draft = ComplaintDraft(session_key=session_key)
    draft.data = json.dumps(data, ensure_ascii=False, default=str)
    draft.save()
    uploads = list(uploads)
    if uploads:
        already = draft.attachments.count()
        checked = attachments_check(uploads, already=already)
        for upload, info in zip(uploads, checked, strict=True):
            attachment = ComplaintAttachment(
                draft=draft, original_name=info.name, size=info.size, content_type=info.content_type
            )
            attachment.file.save(upload.name, upload, save=False)
            attachment.save()
    audit_log_record(acting_user=None, action="complaint_draft.save", obj=draft)
    return draft


@transaction.atomic
def complaint_draft_attachment_remove(*, draft: ComplaintDraft, attachment_id: int) -> None:
    """Remove one attachment from a draft (the citizen changed their mind)."""
    attachment = draft.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        return
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    audit_log_record(acting_user=None, action="complaint_draft.attachment_remove", obj=draft)
    transaction.on_commit(lambda: storage.delete(name))


DRAFT_PURGE_BATCH = 500


def _files_delete(names: list[str]) -> None:
    storage = ComplaintAttachment._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def complaint_drafts_purge_abandoned(*, now: datetime | None = None) -> int:
    """Delete filing drafts nobody confirmed within COMPLAINT_DRAFT_RETENTION_DAYS (default 7),
    with their uploaded files, and files left without a draft or a 민원. A draft holds personal
    data typed for one purpose; kept no longer than needed (개인정보 보호법 제21조①).

    Works in batches, each its own transaction with one audit row; files are deleted after
    the batch commits, so a rollback never leaves a row pointing at a deleted file. Safe to
    run again: a second run finds nothing older than the cutoff. Returns the drafts deleted.
    """
    days = int(getattr(settings, "COMPLAINT_DRAFT_RETENTION_DAYS", 7))
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted = 0
    while True:
        with transaction.atomic():
            ids = list(
                ComplaintDraft.objects.filter(updated_at__lt=cutoff)
                .order_by("updated_at")
                .values_list("pk", flat=True)[:DRAFT_PURGE_BATCH]
            )
            unfiled = ComplaintAttachment.objects.filter(complaint__isnull=True)
            rows = list(unfiled.filter(draft__in=ids).values_list("pk", "file"))
            # Files whose draft is already gone (e.g. deleted by hand) are orphans.
            rows += list(
                unfiled.filter(draft__isnull=True, created_at__lt=cutoff).values_list("pk", "file")[
                    :DRAFT_PURGE_BATCH
                ]
            )
            if not ids and not rows:
                return deleted
            ComplaintAttachment.objects.filter(pk__in=[pk for pk, _name in rows]).delete()
            ComplaintDraft.objects.filter(pk__in=ids).delete()
            audit_log_record(
                acting_user=None,
                action="complaint_draft.purge",
                object_type="complaints.complaintdraft",
                changes={"drafts": len(ids), "files": len(rows), "older_than_days": days},
            )
            names = [name for _pk, name in rows if name]
            transaction.on_commit(lambda names=names: _files_delete(names))
        deleted += len(ids)


# --- guest identity check -------------------------------------------------------------------


def _code_hash(verification_id, code: str) -> str:
    return salted_hmac("madang.complaints.guest", f"{verification_id}:{code}").hexdigest()


@transaction.atomic
def guest_verification_start(*, channel: str, target: str) -> GuestVerification:
    """Send a 6-digit code to a guest's e-mail, or by SMS when the SMS gateway is configured
    (`verification.SmsVerifier`), through the notification outbox. The code is kept only as a
    keyed hash and expires after COMPLAINT_VERIFICATION_CODE_MINUTES.

    Requests are limited per client address and per target (시행령 제11조의2); over the limit
    the ValidationError says when to ask again."""
    try:
        verifier = verifier_for(channel)
        normalised = verifier.normalise(target)
    except ValueError as exc:
        raise ValidationError({"target": [str(exc)]}) from None
    ip = current_client_ip()
    until = verification_limits.verification_blocked_until(
        verification_limits.SEND, ip=ip, target=normalised
    )
    if until is not None:
        message = verification_limits.verification_wait_message(verification_limits.SEND, until)
        raise ValidationError({"target": [ValidationError(message, code="rate_limited")]})
    verification_limits.verification_count(verification_limits.SEND, ip=ip, target=normalised)
    minutes = getattr(settings, "COMPLAINT_VERIFICATION_CODE_MINUTES", 10)
    code = f"{secrets.randbelow(1_000_000):06d}"
    verification = GuestVerification(
        channel=channel,
        target=normalised,
        code_hash="",
        expires_at=timezone.now() + timedelta(minutes=minutes),
    )
    verification.code_hash = _code_hash(verification.pk, code)
    verification.save(force_insert=True)
    audit_log_record(
        acting_user=None, action="complaint.guest_verification_start", obj=verification
    )
    transaction.on_commit(lambda: verifier.send(target=normalised, code=code, minutes=minutes))
    return verification


def guest_verification_confirm(*, verification_id, code: str) -> GuestVerification:
    """Check the code; after COMPLAINT_VERIFICATION_MAX_ATTEMPTS wrong tries or expiry the
    citizen must ask for a new one. Raises ValidationError with a Korean message. The attempt
    is committed before a wrong code is reported, so retries cannot escape the count. Wrong
    codes are also counted per client address and per target across codes (시행령 제11조의2),
    so asking for new codes does not give unlimited guesses."""
    max_attempts = getattr(settings, "COMPLAINT_VERIFICATION_MAX_ATTEMPTS", 5)
    ip = current_client_ip()
    with transaction.atomic():
        verification = (
            GuestVerification.objects.select_for_update().filter(pk=verification_id).first()
        )
        if verification is None:
            raise ValidationError({"code": [_("확인 번호를 먼저 요청하세요.")]})
        if verification.verified_at is not None:
            return verification
        target = verification.target
        until = verification_limits.verification_blocked_until(
            verification_limits.FAILURE, ip=ip, target=target
        )
        if until is not None:
            message = verification_limits.verification_wait_message(
                verification_limits.FAILURE, until
            )
            raise ValidationError({"code": [ValidationError(message, code="rate_limited")]})
        if verification.expires_at < timezone.now() or verification.attempts >= max_attempts:
            raise ValidationError(
                {
                    "code": [
                        _("확인 번호가 만료되었거나 너무 많이 틀렸습니다. 새 번호를 요청하세요.")
                    ]
                }
            )
        verification.attempts += 1
        ok = constant_time_compare(
            _code_hash(verification.pk, (code or "").strip()), verification.code_hash
        )
        if ok:
            verification.verified_at = timezone.now()
        verification.save(update_fields=["attempts", "verified_at", "updated_at"])
        audit_log_record(
            acting_user=None,
            action="complaint.guest_verification_confirm",
            obj=verification,
            changes={"ok": ok, "attempts": verification.attempts},
        )
    if not ok:
        verification_limits.verification_count(verification_limits.FAILURE, ip=ip, target=target)
        left = max(max_attempts - verification.attempts, 0)
        raise ValidationError(
            {"code": [_("확인 번호가 맞지 않습니다. 남은 횟수: %(n)d회") % {"n": left}]}
        )
    return verification


# --- 처리기준표 and holiday overrides (staff) -----------------------------------------------

STATUTORY_FIELDS = ("name", "period", "legal_basis", "department", "is_active")
HOLIDAY_FIELDS = ("date", "change", "reason", "source")


@transaction.atomic
def statutory_type_create(*, acting_user, **fields) -> StatutoryComplaintType:
    """Add a 법정민원 type to the 처리기준표 with its published period (법 제17조, 제36조)."""
    if unknown := set(fields) - set(STATUTORY_FIELDS):
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    row = StatutoryComplaintType(**fields)
    row.full_clean()
    row.save()
    audit_log_record(
        acting_user=acting_user,
        action="statutory_complaint_type.create",
        obj=row,
        changes=model_snapshot(row, STATUTORY_FIELDS),
    )
    return row


@transaction.atomic
def statutory_type_update(
    *, acting_user, statutory_type: StatutoryComplaintType, **fields
) -> StatutoryComplaintType:
    """Change a 처리기준표 row. 민원 already received keep the period they were given."""
    if unknown := set(fields) - set(STATUTORY_FIELDS):
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = model_snapshot(
        StatutoryComplaintType.objects.select_for_update().get(pk=statutory_type.pk),
        STATUTORY_FIELDS,
    )
    for name, value in fields.items():
        setattr(statutory_type, name, value)
    statutory_type.full_clean()
    statutory_type.save()
    changes = snapshot_diff(before, model_snapshot(statutory_type, STATUTORY_FIELDS))
    if changes:
        audit_log_record(
            acting_user=acting_user,
            action="statutory_complaint_type.update",
            obj=statutory_type,
            changes=changes,
        )
    return statutory_type


def _holiday_changed() -> None:
    holiday_override_cache_clear()
    transaction.on_commit(holiday_override_cache_clear)


@transaction.atomic
def holiday_override_create(*, acting_user, **fields) -> HolidayOverride:
    """Add or remove a holiday for period counting (법 제19조; 공휴일에 관한 법률: 임시공휴일,
    선거일). Deadlines computed from now on use it; 민원 already received keep theirs."""
    if unknown := set(fields) - set(HOLIDAY_FIELDS):
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    row = HolidayOverride(**fields)
    row.full_clean()
    row.save()
    audit_log_record(
        acting_user=acting_user,
        action="holiday_override.create",
        obj=row,
        changes=model_snapshot(row, HOLIDAY_FIELDS),
    )
    _holiday_changed()
    return row


@transaction.atomic
def holiday_override_update(*, acting_user, override: HolidayOverride, **fields) -> HolidayOverride:
    """Change a holiday override; the audit row holds old and new values."""
    if unknown := set(fields) - set(HOLIDAY_FIELDS):
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = model_snapshot(
        HolidayOverride.objects.select_for_update().get(pk=override.pk), HOLIDAY_FIELDS
    )
    for name, value in fields.items():
        setattr(override, name, value)
    override.full_clean()
    override.save()
    changes = snapshot_diff(before, model_snapshot(override, HOLIDAY_FIELDS))
    if changes:
        audit_log_record(
            acting_user=acting_user, action="holiday_override.update", obj=override, changes=changes
        )
    _holiday_changed()
    return override


@transaction.atomic
def holiday_override_delete(*, acting_user, override: HolidayOverride) -> None:
    """Delete a holiday override (the package's own list applies again to that day)."""
    snapshot = model_snapshot(override, HOLIDAY_FIELDS)
    audit_log_record(
        acting_user=acting_user, action="holiday_override.delete", obj=override, changes=snapshot
    )
    override.delete()
    _holiday_changed()


def expected_deadline_text(period: str, due: datetime) -> str:
    return _("%(period)s, %(due)s까지") % {
        "period": period_label(period),
        "due": timezone.localtime(due, deadlines.SEOUL).strftime("%Y-%m-%d %H:%M"),
    }
