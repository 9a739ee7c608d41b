from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from madang.accounts.choices import ApiScope

from .api_base import STAFF_AUTH, ApiError, MadangPagination, require_scope
from .models import AuditLog

router = Router(tags=["audit"])


class AuditLogOut(Schema):
    id: int
    created_at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict[str, Any]
    ip_address: str | None

    @staticmethod
    def resolve_actor(obj: AuditLog) -> str:
        return obj.actor_repr


@router.get("/audit-log", response=list[AuditLogOut], auth=STAFF_AUTH)
@paginate(MadangPagination)
def list_audit_log(request, action: str = "", object_type: str = "", object_id: str = ""):
    """Audit rows, newest first. Read-only: there is no endpoint that changes or deletes one."""
    require_scope(request, ApiScope.AUDIT_READ)
    if not request.user.has_perm("core.view_auditlog"):
        raise ApiError(403, "forbidden", _("감사 기록을 볼 권한이 없습니다."))
    qs = AuditLog.objects.all()
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    return qs
