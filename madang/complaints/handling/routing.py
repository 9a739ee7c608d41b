"""Routing (부서 지정), assignment (담당자 배정) and 이송, and the routing rules themselves.

시행령 제13조: the 민원실 passes a 민원 to the competent department within 1 근무시간 (3 where
the offices are far apart); a department that is not competent passes it on within 3 근무시간;
another agency's 민원 goes to that agency within 8 근무시간 and the citizen is told.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core.audit import audit_log_record, model_snapshot, snapshot_diff

from .. import notices
from ..choices import ComplaintEventKind, ComplaintStatus
from ..models import Complaint, ComplaintField, ComplaintTransfer
from . import clock
from .access import is_complaint_manager, is_staff_member
from .common import (
    end_running_pause,
    locked,
    record,
    require_handler,
    require_open,
    start_if_assigned,
    text_required,
)

FIELD_FIELDS = ("name", "department", "keywords", "is_active")


# --- the rules (snippet) ----------------------------------------------------------------------


@transaction.atomic
def complaint_field_create(*, acting_user, **fields) -> ComplaintField:
    """Add a 민원 분야 and the department that handles it (조례 제9-10조: 분야별 상담·처리)."""
    if unknown := set(fields) - set(FIELD_FIELDS):
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    row = ComplaintField(**fields)
    row.full_clean()
    row.save()
    audit_log_record(
        acting_user=acting_user,
        action="complaint_field.create",
        obj=row,
        changes=model_snapshot(row, FIELD_FIELDS),
    )
    return row


@transaction.atomic
def complaint_field_update(*, acting_user, field: ComplaintField, **fields) -> ComplaintField:
    """Change a routing rule; 민원 already routed keep their department."""
    if unknown := set(fields) - set(FIELD_FIELDS):
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = model_snapshot(
        ComplaintField.objects.select_for_update().get(pk=field.pk), FIELD_FIELDS
    )
    for name, value in fields.items():
        setattr(field, name, value)
    field.full_clean()
    field.save()
    changes = snapshot_diff(before, model_snapshot(field, FIELD_FIELDS))
    if changes:
        audit_log_record(
            acting_user=acting_user, action="complaint_field.update", obj=field, changes=changes
        )
    return field


@transaction.atomic
def complaint_field_delete(*, acting_user, field: ComplaintField) -> None:
    """Delete a routing rule; its 민원 keep their department and lose only the field label."""
    audit_log_record(
        acting_user=acting_user,
        action="complaint_field.delete",
        obj=field,
        changes=model_snapshot(field, FIELD_FIELDS),
    )
    field.delete()


def field_for_text(text: str) -> ComplaintField | None:
    """The active field whose keywords occur most often in `text` (ties: by name)."""
    text = (text or "").casefold()
    best, best_hits = None, 0
    for field in ComplaintField.objects.filter(is_active=True).select_related("department"):
        hits = sum(text.count(word.casefold()) for word in field.keyword_list)
        if hits > best_hits:
            best, best_hits = field, hits
    return best


# --- routing ----------------------------------------------------------------------------------


def complaint_route_by_rules(*, complaint: Complaint) -> ComplaintField | None:
    """At intake: a 민원 whose field the citizen chose (an Open311 service) keeps it; any other
    gets the field whose keywords its title and text hold, and that field's department unless
    the 처리기준표 already named one. Runs inside the intake transaction (`complaint_submit`);
    writes nothing when no rule matches."""
    chosen = complaint.field_id is not None
    field = complaint.field if chosen else field_for_text(f"{complaint.title}\n{complaint.body}")
    if field is None:
        return None
    updates = []
    if not chosen:
        complaint.field = field
        updates.append("field")
    if complaint.department_id is None:
        complaint.department = field.department
        updates.append("department")
    if updates:
        complaint.save(update_fields=updates)
    if chosen:
        note = _("신청인이 고른 %(field)s 분야")
    else:
        note = _("배정 규칙에 따라 %(field)s 분야로 지정")
    record(
        complaint,
        kind=ComplaintEventKind.ROUTED,
        acting_user=None,
        action="complaint.route",
        note=note % {"field": field.name},
        data={"field": field.pk, "department": complaint.department_id, "auto": not chosen},
        visible=True,
        changes={"field": field.pk, "department": complaint.department_id, "auto": not chosen},
    )
    return field


@transaction.atomic
def complaint_route(
    *, complaint: Complaint, acting_user, field: ComplaintField | None = None, department=None
) -> Complaint:
    """부서 지정 by the 민원실: the field's department (or the one given). Only while no
    department holds the 민원 or to set its field; moving it from a department is a 이송
    (`complaint_transfer`), which keeps the 시행령 제13조 record."""
    complaint = locked(complaint)
    if not is_complaint_manager(acting_user):
        raise ValidationError(_("부서 지정은 민원 총괄 담당자만 할 수 있습니다."), code="forbidden")
    require_open(complaint)
    if field is None and department is None:
        raise ValidationError({"field": [_("민원 분야나 처리 부서를 고르세요.")]})
    target = department or field.department
    if complaint.department_id is not None and complaint.department_id != target.pk:
        raise ValidationError(
            {
                "department": [
                    _("이미 %(dept)s에서 맡고 있습니다. 다른 부서로 보내려면 이송하세요.")
                    % {"dept": complaint.department.name_ko}
                ]
            }
        )
    now = timezone.now()
    deadline = clock.transfer_deadline(complaint, to_agency=False)
    complaint.field = field or complaint.field
    complaint.department = target
    complaint.save(update_fields=["field", "department", "updated_at"])
    record(
        complaint,
        kind=ComplaintEventKind.ROUTED,
        acting_user=acting_user,
        action="complaint.route",
        note=_("%(dept)s에 배정") % {"dept": target.name_ko},
        data={
            "field": complaint.field_id,
            "department": target.pk,
            "deadline": deadline.isoformat(),
            "on_time": now <= deadline,
        },
        visible=True,
        at=now,
        changes={"field": complaint.field_id, "department": target.pk, "on_time": now <= deadline},
    )
    return complaint


@transaction.atomic
def complaint_assign(*, complaint: Complaint, official, acting_user) -> Complaint:
    """담당 공무원 배정: a staff member of the 처리 부서 (the official's department becomes the
    처리 부서 when none was set). The official is told by e-mail."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_open(complaint)
    if not is_staff_member(official):
        raise ValidationError({"official": [_("담당자는 재직 중인 직원 계정이어야 합니다.")]})
    if complaint.department_id is None:
        if official.department_id is None:
            raise ValidationError(
                {"official": [_("담당자의 소속 부서가 없습니다. 먼저 처리 부서를 지정하세요.")]}
            )
        if not is_complaint_manager(acting_user):
            raise ValidationError(_("부서 지정은 민원 총괄 담당자만 할 수 있습니다."))
        complaint.department_id = official.department_id
    elif official.department_id != complaint.department_id:
        raise ValidationError(
            {
                "official": [
                    _(
                        "담당자는 처리 부서(%(dept)s) 소속이어야 합니다. 다른 부서가 맡아야 "
                        "하면 이송하세요."
                    )
                    % {"dept": complaint.department.name_ko}
                ]
            }
        )
    previous = complaint.assigned_to_id
    now = timezone.now()
    complaint.assigned_to = official
    complaint.assigned_at = now
    if complaint.status == ComplaintStatus.RECEIVED:
        complaint.status = ComplaintStatus.ASSIGNED
    complaint.save(
        update_fields=["assigned_to", "assigned_at", "department", "status", "updated_at"]
    )
    record(
        complaint,
        kind=ComplaintEventKind.ASSIGNED,
        acting_user=acting_user,
        action="complaint.assign",
        note=_("담당자 배정: %(name)s") % {"name": notices.official_display_name(official)},
        data={"official": official.pk, "previous": previous},
        visible=False,
        at=now,
        changes={"assigned_to": [previous, official.pk]},
    )
    notices.official_notice(
        complaint, official=official, purpose="complaint.assigned", what=_("민원이 배정되었습니다")
    )
    return complaint


@transaction.atomic
def complaint_transfer(
    *,
    complaint: Complaint,
    acting_user,
    to_department=None,
    to_agency: str = "",
    reason: str,
) -> ComplaintTransfer:
    """이송 (시행령 제13조). To another department of the district: it must reach the competent
    department within 1 근무시간 of receipt (3 from a wrong department); the new department
    assigns its own official. To another agency (법 제16조): within 8 근무시간, the 민원 is closed
    here and the citizen is told where it went and why. Whether the move was within its limit
    is kept on the timeline for the monthly check (시행령 제22조)."""
    complaint = locked(complaint)
    require_handler(acting_user, complaint)
    require_open(complaint)
    to_agency = (to_agency or "").strip()
    if (to_department is None) == (not to_agency):
        raise ValidationError(
            {"to_department": [_("이송할 부서나 기관 중 하나만 정하세요.")]}, code="target"
        )
    if to_department is not None and to_department.pk == complaint.department_id:
        raise ValidationError({"to_department": [_("지금 맡고 있는 부서입니다.")]})
    if len(to_agency) > 200:
        raise ValidationError({"to_agency": [_("기관 이름은 200자 이내로 적어 주세요.")]})
    reason = text_required(reason, "reason", _("이송 사유를 적어 주세요."))
    now = timezone.now()
    start_if_assigned(complaint, acting_user, now=now)
    deadline = clock.transfer_deadline(complaint, to_agency=bool(to_agency))
    transfer = ComplaintTransfer.objects.create(
        complaint=complaint,
        from_department=complaint.department,
        to_department=to_department,
        to_agency=to_agency,
        reason=reason,
        created_by=acting_user,
        created_at=now,
    )
    previous_department = complaint.department_id
    if to_agency:
        end_running_pause(complaint, now)
        complaint.status = ComplaintStatus.TRANSFERRED
        complaint.closed_at = now
        complaint.paused_since = None
        note = _("%(agency)s(으)로 이송") % {"agency": to_agency}
    else:
        complaint.department = to_department
        complaint.assigned_to = None
        complaint.assigned_at = None
        if complaint.status in (ComplaintStatus.ASSIGNED, ComplaintStatus.IN_PROGRESS):
            complaint.status = ComplaintStatus.RECEIVED
        note = _("처리 부서를 %(dept)s(으)로 이송") % {"dept": to_department.name_ko}
    complaint.save(
        update_fields=[
            "department",
            "assigned_to",
            "assigned_at",
            "status",
            "closed_at",
            "paused_since",
            "updated_at",
        ]
    )
    record(
        complaint,
        kind=ComplaintEventKind.TRANSFERRED,
        acting_user=acting_user,
        action="complaint.transfer",
        note=note,
        data={
            "transfer": transfer.pk,
            "to_agency": to_agency,
            "to_department": to_department.pk if to_department else None,
            "deadline": deadline.isoformat(),
            "on_time": now <= deadline,
        },
        visible=True,
        at=now,
        changes={
            "department": [previous_department, complaint.department_id],
            "to_agency": to_agency,
            "on_time": now <= deadline,
        },
    )
    if to_agency:
        notices.transfer_notice(complaint, to_agency=to_agency, reason=reason, official=acting_user)
    return transfer
