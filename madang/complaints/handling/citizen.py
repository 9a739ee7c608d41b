"""What the citizen does on their own 민원: answer a 보완 request, withdraw, rate the answer.

`acting_user` is the signed-in citizen or None for a guest who opened the 민원 from their
notice link; the views check ownership (`complaint_get_for_owner`) before calling these.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.privacy.masking import mask_personal_data

from .. import notices
from ..attachments import attachments_check
from ..choices import ComplaintEventKind, ComplaintStatus, PauseKind, SatisfactionScore
from ..models import Complaint, ComplaintAttachment, ComplaintSatisfaction
from .clock_services import resume_after_supplement
from .common import end_running_pause, locked, record, require_open, text_required

COMMENT_MAX = 1000


@transaction.atomic
def complaint_supplement_answer(
    *, complaint: Complaint, acting_user, reply: str, attachments=()
) -> Complaint:
    """The citizen's 보완 (법 제22조): their reply is stored encrypted, the clock restarts at once
    and the deadline moves by the paused time (시행령 제20조); the official is told.

    `attachments` are uploaded files, checked exactly as at filing (`attachments.py`: the
    extension and the leading magic bytes must agree, size and count limits) before anything
    is written; they are stored with the 민원 and linked to the 보완 request they answer
    (`ComplaintAttachment.pause`), and their ids are on the timeline line."""
    complaint = locked(complaint)
    if complaint.status != ComplaintStatus.SUPPLEMENT:
        raise ValidationError(_("보완 요청을 받은 민원이 아닙니다."), code="not_paused")
    reply = text_required(reply, "reply", _("보완할 내용을 입력하세요."), limit=10000)
    uploads = list(attachments or ())
    try:
        checked = attachments_check(uploads)
    except ValidationError as exc:
        raise ValidationError({"attachments": exc.messages}) from None
    now = timezone.now()
    pause = complaint.pauses.filter(kind=PauseKind.SUPPLEMENT, ended_at__isnull=True).first()
    if pause is not None:
        pause.ended_at = now
        pause.citizen_reply = reply
        pause.save(update_fields=["ended_at", "citizen_reply"])
    stored = []
    for upload, info in zip(uploads, checked, strict=True):
        attachment = ComplaintAttachment(
            complaint=complaint,
            pause=pause,
            original_name=info.name,
            size=info.size,
            content_type=info.content_type,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        stored.append(attachment.pk)
    resume_after_supplement(
        complaint, acting_user=acting_user, now=now, pause=pause, attachments=stored
    )
    notices.official_notice(
        complaint,
        official=complaint.assigned_to,
        purpose="complaint.supplement_answered",
        what=_("민원인이 보완 내용을 제출했습니다"),
    )
    return complaint


@transaction.atomic
def complaint_withdraw(*, complaint: Complaint, acting_user, reason: str = "") -> Complaint:
    """취하 (법 제22조②): the citizen may withdraw until the 민원 is closed."""
    complaint = locked(complaint)
    require_open(complaint)
    now = timezone.now()
    end_running_pause(complaint, now)
    complaint.status = ComplaintStatus.WITHDRAWN
    complaint.closed_at = now
    complaint.save(update_fields=["status", "closed_at", "paused_since", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.WITHDRAWN,
        acting_user=acting_user,
        action="complaint.withdraw",
        note=mask_personal_data((reason or "").strip()[:COMMENT_MAX]),
        visible=True,
        at=now,
    )
    notices.withdrawn_notice(complaint)
    notices.official_notice(
        complaint,
        official=complaint.assigned_to,
        purpose="complaint.withdrawn",
        what=_("민원인이 민원을 취하했습니다"),
    )
    return complaint


@transaction.atomic
def complaint_rate(
    *, complaint: Complaint, acting_user, score: int, comment: str = ""
) -> ComplaintSatisfaction:
    """만족도 평가 (법 제26조 처리민원의 사후관리): five levels and a comment, once per 민원,
    after the answer. Personal data typed into the comment is masked before it is stored, since
    staff read the comments in the statistics."""
    complaint = locked(complaint)
    if complaint.status not in (ComplaintStatus.ANSWERED, ComplaintStatus.REFUSED):
        raise ValidationError(_("답변을 받은 뒤에 평가할 수 있습니다."), code="not_answered")
    if ComplaintSatisfaction.objects.filter(complaint=complaint).exists():
        raise ValidationError(_("이미 평가하셨습니다. 감사합니다."), code="already")
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if score not in SatisfactionScore.values:
        raise ValidationError({"score": [_("만족도를 다섯 단계 중에서 고르세요.")]})
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {"comment": [_("의견은 %(n)d자 이내로 적어 주세요.") % {"n": COMMENT_MAX}]}
        )
    now = timezone.now()
    rating = ComplaintSatisfaction.objects.create(
        complaint=complaint, score=score, comment=mask_personal_data(comment), created_at=now
    )
    record(
        complaint,
        kind=ComplaintEventKind.SATISFACTION,
        acting_user=acting_user,
        action="complaint.rate",
        note=SatisfactionScore(score).label,
        data={"score": score},
        visible=True,
        at=now,
        changes={"score": score},
    )
    return rating
