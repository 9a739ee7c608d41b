"""Moderation shared by boards and (later) social media: screening policy, the nine statutory
reasons of 제8조, the public deletion marker and blocking (제8조, 제15조③).

Nothing here knows about a board view; social-media comment intake calls the same functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record

from .choices import ScreeningAction
from .models import Block
from .screening import DeletionReason, Finding, screen_text


@dataclass(frozen=True)
class ScreeningDecision:
    """What to do with a text after screening: publish, hold or refuse, and why."""

    action: str
    findings: list[Finding] = field(default_factory=list)
    refusal_reason: DeletionReason | None = None

    @property
    def refusal_message(self) -> str:
        if self.refusal_reason is None:
            return ""
        return _(
            "「%(ordinance)s」 %(citation)s(%(label)s)에 해당하는 내용이 있어 등록할 수 "
            "없습니다. 해당 부분을 고친 뒤 다시 등록해 주세요."
        ) % {
            "ordinance": settings.MADANG_ORDINANCE_NAME,
            "citation": self.refusal_reason.citation,
            "label": self.refusal_reason.label,
        }


def findings_as_json(findings: Iterable[Finding]) -> list[dict]:
    return [
        {
            "reason": int(f.reason),
            "matched": f.matched[:200],
            "confidence": f.confidence,
            "explanation": f.explanation,
            "rule": f.rule,
        }
        for f in findings
    ]


def screening_decide(
    *,
    text: str,
    previous_signatures: Sequence[Sequence[int]] = (),
    policy_for: Callable[[DeletionReason], str],
) -> ScreeningDecision:
    """Screen `text` (제8조 제4·5·6·8호) and apply the policy: the strictest action among the
    findings wins (refuse > hold > publish). Screening suggests; the policy decides whether a
    suggestion blocks publication, and a person decides any deletion."""
    findings = screen_text(
        text,
        previous_texts=[list(s) for s in previous_signatures],
        duplicate_threshold=settings.BOARD_REPEAT_SIMILARITY,
    )
    rank = {ScreeningAction.PUBLISH: 0, ScreeningAction.HOLD: 1, ScreeningAction.REFUSE: 2}
    action, refusal = ScreeningAction.PUBLISH, None
    for finding in findings:
        wanted = policy_for(finding.reason)
        if rank[wanted] > rank[action]:
            action = wanted
            if wanted == ScreeningAction.REFUSE:
                refusal = finding.reason
    return ScreeningDecision(action=str(action), findings=findings, refusal_reason=refusal)


def validate_deletion_reason(reason, note: str) -> DeletionReason:
    """Exactly one of the nine reasons of 제8조; 제9호 (catch-all) needs a note saying why."""
    try:
        parsed = DeletionReason(int(reason))
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("제8조 제1호부터 제9호 가운데 하나를 고르세요.")) from exc
    if parsed == DeletionReason.OTHER_PUBLIC_INTEREST and not (note or "").strip():
        raise ValidationError(
            _(
                "제8조 제9호로 삭제할 때에는 어떤 점이 공익을 해치거나 운영 취지에 맞지 않는지 "
                "메모에 적어야 합니다."
            )
        )
    return parsed


def deletion_marker(reason: DeletionReason, deleted_at: datetime) -> str:
    """The public marker that replaces a deleted post or comment (제8조 후단: 삭제 이유 공개)."""
    return _(
        "이 게시물은 「%(ordinance)s」 %(citation)s(%(label)s)에 따라 %(date)s에 삭제되었습니다."
    ) % {
        "ordinance": settings.MADANG_ORDINANCE_NAME,
        "citation": reason.citation,
        "label": reason.label,
        "date": timezone.localtime(deleted_at).strftime("%Y-%m-%d"),
    }


def purge_after_from(now: datetime) -> datetime:
    return now + timedelta(days=settings.BOARD_DELETED_RETENTION_DAYS)


# --- blocking (제8조, 제15조③) ------------------------------------------------------------


def active_block_for(user, *, now: datetime | None = None) -> Block | None:
    """The block in force for `user` (the one ending last), or None."""
    if user is None or not user.is_authenticated:
        return None
    now = now or timezone.now()
    return (
        Block.objects.filter(user=user, lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
        .order_by("-ends_at")
        .first()
    )


def block_message(block: Block) -> str:
    reason = DeletionReason(block.reason)
    return _(
        "%(until)s까지 게시판 이용이 제한되었습니다. 사유: %(citation)s(%(label)s). "
        "이의가 있으면 홈페이지 담당 부서에 문의해 주세요."
    ) % {
        "until": timezone.localtime(block.ends_at).strftime("%Y-%m-%d %H:%M"),
        "citation": reason.citation,
        "label": reason.label,
    }


def block_create(*, acting_user, user, reason, days: int, note: str = "") -> Block:
    """Block `user` from posting and commenting for `days` days for a 제8조 reason
    (제15조③ lets the 구청장 cut off a user's access; boards apply the same rule)."""
    parsed = validate_deletion_reason(reason, note)
    if days < 1:
        raise ValidationError(_("차단 기간은 1일 이상이어야 합니다."))
    now = timezone.now()
    with transaction.atomic():
        block = Block.objects.create(
            user=user,
            reason=int(parsed),
            note=note,
            starts_at=now,
            ends_at=now + timedelta(days=days),
            created_by=acting_user,
        )
        audit_log_record(
            acting_user=acting_user,
            action="boards.block_create",
            obj=block,
            changes={"user": user.pk, "reason": int(parsed), "days": days},
        )
    return block


def block_lift(*, acting_user, block: Block) -> Block:
    """Lift a block early; the row stays for the record."""
    with transaction.atomic():
        block.lifted_at = timezone.now()
        block.save(update_fields=["lifted_at", "updated_at"])
        audit_log_record(acting_user=acting_user, action="boards.block_lift", obj=block)
    return block


def blocks_active(*, now: datetime | None = None):
    now = now or timezone.now()
    return Block.objects.filter(
        Q(lifted_at__isnull=True), starts_at__lte=now, ends_at__gt=now
    ).select_related("user")
