"""Writing audit rows: the one function every service calls inside its transaction."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction

from .models import AuditLog
from .request_context import current_client_ip


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def model_snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `instance`, in a form fit for AuditLog.changes."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


def snapshot_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def audit_log_record(
    *,
    acting_user,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: Mapping[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditLog:
    """Append one audit row. Must run inside the service's transaction.

    `acting_user` is None only for the system itself (a scheduled job, a migration).
    The IP address defaults to the current request's client address.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log_record must be called inside the service's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    actor = acting_user if acting_user is not None and acting_user.is_authenticated else None
    return AuditLog.objects.create(
        actor=actor,
        actor_repr=(actor.get_username() if actor else "system")[:255],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        changes=dict(changes or {}),
        ip_address=ip_address or current_client_ip(),
    )
