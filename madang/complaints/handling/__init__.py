"""Handling of a 민원 after intake (민원 처리에 관한 법률 and 시행령): routing, assignment,
이송, 보완 (with the citizen's files), 현장조사, 연장, 중간 통지, answers and refusals, 반복민원
종결, withdrawal, reopening, the satisfaction survey and 민원조정위원회 referrals.

Every service is keyword-only, runs in one transaction, locks the 민원 row, adds a line to the
timeline (ComplaintEvent), writes an audit row and, where the law requires, a notice to the
citizen (madang.complaints.notices → madang.notifications), delivered after commit.
"""

from .access import (
    access_complaint_for_staff,
    assignable_officials,
    can_handle,
    complaints_handled_by,
    is_complaint_manager,
)
from .citizen import complaint_rate, complaint_supplement_answer, complaint_withdraw
from .clock import complaint_due_at, transfer_deadline
from .clock_services import (
    complaint_extend,
    complaint_inspection_end,
    complaint_inspection_extend,
    complaint_inspection_start,
    complaint_progress_notice,
    complaint_request_supplement,
    progress_notices_send,
)
from .closing import (
    complaint_answer,
    complaint_close_repeated,
    complaint_refuse,
    complaint_reopen,
    default_remedies,
    repeat_candidates,
)
from .committee import (
    complaint_committee_decide,
    complaint_committee_refer,
    complaint_committee_schedule,
)
from .routing import (
    complaint_assign,
    complaint_field_create,
    complaint_field_delete,
    complaint_field_update,
    complaint_route,
    complaint_route_by_rules,
    complaint_transfer,
)

__all__ = [
    "access_complaint_for_staff",
    "assignable_officials",
    "can_handle",
    "complaint_answer",
    "complaint_assign",
    "complaint_close_repeated",
    "complaint_committee_decide",
    "complaint_committee_refer",
    "complaint_committee_schedule",
    "complaint_due_at",
    "complaint_extend",
    "complaint_field_create",
    "complaint_field_delete",
    "complaint_field_update",
    "complaint_inspection_end",
    "complaint_inspection_extend",
    "complaint_inspection_start",
    "complaint_progress_notice",
    "complaint_rate",
    "complaint_refuse",
    "complaint_reopen",
    "complaint_request_supplement",
    "complaint_route",
    "complaint_route_by_rules",
    "complaint_supplement_answer",
    "complaint_transfer",
    "complaint_withdraw",
    "complaints_handled_by",
    "default_remedies",
    "is_complaint_manager",
    "progress_notices_send",
    "repeat_candidates",
    "transfer_deadline",
]
