"""Consent: reads of the notices in force and writes of grants and withdrawals.

개인정보 보호법 제22조① (each consent separately and clearly), ④ (refusing an optional consent is
never a reason to refuse the service) and 제15조② (what each notice shows). Every grant and every
withdrawal is a new ConsentRecord pointing at the exact notice version shown; nothing is updated
in place, so the record proves what the person agreed to and when.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record
from madang.core.request_context import current_client_ip

from .models import ConsentAction, ConsentNotice, ConsentRecord

# ---------------------------------------------------------------------------
# Selectors


def consent_notices_current(*, now=None) -> list[ConsentNotice]:
    """The version in force of every kind of notice: the highest version whose effective time
    has come. Required notices first, then by display order."""
    now = now or timezone.now()
    latest: dict[str, ConsentNotice] = {}
    for notice in ConsentNotice.objects.filter(effective_at__lte=now).order_by("kind", "-version"):
        latest.setdefault(notice.kind, notice)
    return sorted(latest.values(), key=lambda n: (not n.required, n.display_order, n.kind))


@dataclass(frozen=True)
class ConsentState:
    kind: str
    notice: ConsentNotice  # the version last answered
    granted: bool
    at: object
    current: ConsentNotice | None  # the version in force now (may be newer)


def consent_states_for_user(*, user) -> list[ConsentState]:
    """The latest answer of `user` to each kind of notice."""
    current = {n.kind: n for n in consent_notices_current()}
    seen: dict[str, ConsentState] = {}
    for record in ConsentRecord.objects.filter(user=user).select_related("notice"):
        kind = record.notice.kind
        if kind not in seen:  # newest first (Meta.ordering)
            seen[kind] = ConsentState(
                kind=kind,
                notice=record.notice,
                granted=record.action == ConsentAction.GRANT,
                at=record.created_at,
                current=current.get(kind),
            )
    return sorted(seen.values(), key=lambda s: (not s.notice.required, s.notice.display_order))


def consent_history_for_user(*, user) -> list[ConsentRecord]:
    return list(ConsentRecord.objects.filter(user=user).select_related("notice"))


def user_has_required_consents(*, user) -> bool:
    """True when `user` has granted every required notice kind in force (any version)."""
    states = {s.kind: s for s in consent_states_for_user(user=user)}
    return all(
        states.get(n.kind) is not None and states[n.kind].granted
        for n in consent_notices_current()
        if n.required
    )


# ---------------------------------------------------------------------------
# Services


def _ip(ip_address):
    return ip_address if ip_address is not None else current_client_ip()


@transaction.atomic
def consent_answers_record(
    *,
    acting_user,
    user,
    shown: Iterable[ConsentNotice],
    granted_ids: Iterable[int],
    ip_address: str | None = None,
) -> list[ConsentRecord]:
    """Record the answers to the notices `shown` at sign-up: a grant for each ticked one.

    Refuses when a required notice was not granted (제22조①: the required consent is what the
    service needs); an unticked optional notice is simply not granted (제22조④: never a reason
    to refuse sign-up) and leaves no row, since nothing was consented to.
    """
    shown = list(shown)
    granted_ids = set(granted_ids)
    missing = [n for n in shown if n.required and n.pk not in granted_ids]
    if missing:
        raise ValidationError(
            _("필수 동의 항목에 동의해야 가입할 수 있습니다: %(titles)s")
            % {"titles": ", ".join(n.title for n in missing)},
            code="required_consent_missing",
        )
    ip = _ip(ip_address)
    records = [
        ConsentRecord.objects.create(user=user, notice=n, action=ConsentAction.GRANT, ip_address=ip)
        for n in shown
        if n.pk in granted_ids
    ]
    audit_log_record(
        acting_user=acting_user,
        action="privacy.consent.grant",
        object_type=ConsentRecord._meta.label_lower,
        object_repr=f"user #{user.pk}",
        changes={"notices": [f"{r.notice.kind} v{r.notice.version}" for r in records]},
    )
    return records


@transaction.atomic
def consent_grant(*, acting_user, user, notice: ConsentNotice, ip_address=None) -> ConsentRecord:
    """Grant one (optional) consent later, e.g. from 내 정보, against the version shown."""
    record = ConsentRecord.objects.create(
        user=user, notice=notice, action=ConsentAction.GRANT, ip_address=_ip(ip_address)
    )
    audit_log_record(
        acting_user=acting_user,
        action="privacy.consent.grant",
        obj=record,
        object_repr=f"user #{user.pk}",
        changes={"notice": f"{notice.kind} v{notice.version}"},
    )
    return record


@transaction.atomic
def consent_withdraw(*, acting_user, user, kind: str, ip_address=None) -> ConsentRecord:
    """Withdraw an optional consent (개인정보 보호법 제37조: the data subject may ask to stop
    processing; the request must be no harder than giving consent, 제38조④). Required consents
    are withdrawn by deleting the account, since the account cannot exist without them."""
    state = next((s for s in consent_states_for_user(user=user) if s.kind == kind), None)
    if state is None or not state.granted:
        raise ValidationError(_("동의한 적이 없거나 이미 철회한 항목입니다."), code="not_granted")
    if state.notice.required:
        raise ValidationError(
            _("필수 동의는 철회할 수 없습니다. 필수 동의를 철회하려면 회원 탈퇴를 해 주세요."),
            code="required_consent",
        )
    record = ConsentRecord.objects.create(
        user=user, notice=state.notice, action=ConsentAction.WITHDRAW, ip_address=_ip(ip_address)
    )
    audit_log_record(
        acting_user=acting_user,
        action="privacy.consent.withdraw",
        obj=record,
        object_repr=f"user #{user.pk}",
        changes={"notice": f"{state.notice.kind} v{state.notice.version}"},
    )
    return record


@transaction.atomic
def consent_withdraw_all(*, acting_user, user, ip_address=None) -> list[ConsentRecord]:
    """On account deletion: a withdrawal row for every consent still granted, required ones
    included, so the history shows when processing on that basis ended."""
    ip = _ip(ip_address)
    records = [
        ConsentRecord.objects.create(
            user=user, notice=s.notice, action=ConsentAction.WITHDRAW, ip_address=ip
        )
        for s in consent_states_for_user(user=user)
        if s.granted
    ]
    if records:
        audit_log_record(
            acting_user=acting_user,
            action="privacy.consent.withdraw_all",
            object_type=ConsentRecord._meta.label_lower,
            object_repr=f"user #{user.pk}",
            changes={"notices": [f"{r.notice.kind} v{r.notice.version}" for r in records]},
        )
    return records
