"""Writes for the privacy app: citizens' personal data and the PII access log.

Each service runs in one transaction and writes its AuditLog row there (ARCHITECTURE.md "How
data flows"). Personal data never goes into an audit row: only which fields changed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from madang.core.audit import audit_log_record
from madang.core.request_context import current_client_ip

from .access_log import PruneResult, append_entries, prune_before, subject_display_for
from .models import PersonalProfile, PIIAccessAction, PIIAccessLog

PROFILE_FIELDS = frozenset({"name", "phone", "email", "address"})
REASON_MAX = 500


def _actor_repr(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    return actor.get_username()[:150]


def _entry(*, actor, subject_user, action, obj, reason) -> PIIAccessLog:
    action = PIIAccessAction(action)  # ValueError on anything but the five tasks of 제2조
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return PIIAccessLog(
        actor_id=actor.pk if authenticated else None,
        actor_repr=_actor_repr(actor),
        ip_address=current_client_ip() or "",
        subject_user_id=subject_user.pk if subject_user is not None else None,
        subject_display=subject_display_for(subject_user),
        action=action.value,
        reason=(reason or "").strip()[:REASON_MAX],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )


@transaction.atomic
def pii_access_record(
    *, actor, subject_user, action: str, obj: models.Model | None = None, reason: str = ""
) -> PIIAccessLog:
    """Record one staff access to a citizen's personal data (안전성 확보조치 기준 제8조).

    Call it whenever staff view, edit, delete, download or export a citizen's personal data:
    account, time, IP (the current request's), the data subject (shown masked), the task, the
    stated reason and the object. Inside a service it joins the service's transaction, so an
    edit and its record commit together; from a read-only view it commits on its own.
    """
    (entry,) = append_entries(
        [_entry(actor=actor, subject_user=subject_user, action=action, obj=obj, reason=reason)]
    )
    return entry


@transaction.atomic
def pii_access_record_many(
    *,
    actor,
    subject_users: Iterable,
    action: str,
    obj: models.Model | None = None,
    reason: str = "",
) -> list[PIIAccessLog]:
    """One record per data subject for a list, export or download of many citizens at once
    (제8조: the record names the data subject processed)."""
    return append_entries(
        [
            _entry(actor=actor, subject_user=user, action=action, obj=obj, reason=reason)
            for user in subject_users
        ]
    )


def pii_access_logged(
    action: str, *, subject: Callable[..., Any], reason_param: str = "reason"
) -> Callable:
    """Decorator for a staff view that shows or hands out one citizen's personal data.

    `subject(request, *args, **kwargs)` returns the data subject (a User). The access is
    recorded only when the view answers successfully (status below 400), with the reason
    taken from the GET or POST parameter `reason_param`.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code < 400:
                reason = request.POST.get(reason_param) or request.GET.get(reason_param, "")
                pii_access_record(
                    actor=request.user,
                    subject_user=subject(request, *args, **kwargs),
                    action=action,
                    reason=reason,
                )
            return response

        return wrapper

    return decorate


@transaction.atomic
def personal_profile_update(
    *, acting_user, user, reason: str = "", **fields: Any
) -> PersonalProfile:
    """Create or change a citizen's encrypted name, phone, e-mail and address.

    The audit row lists which fields changed, never their values (개인정보 보호법 제29조: the
    audit log must not become a second, unencrypted copy). When staff change someone else's
    data, the change is also recorded in the PII access log as 수정 (안전성 확보조치 기준 제8조).
    """
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"unknown personal profile fields: {sorted(unknown)}")
    profile = PersonalProfile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    if created:
        profile = PersonalProfile(user=user)
    changed = []
    for name, value in fields.items():
        value = "" if value is None else str(value).strip()
        if getattr(profile, name) != value:
            changed.append(name)
        setattr(profile, name, value)
    if not created and not changed:
        return profile
    profile.full_clean()
    profile.save()
    audit_log_record(
        acting_user=acting_user,
        action="privacy.personal_profile." + ("create" if created else "update"),
        obj=profile,
        object_repr=f"user #{user.pk}",
        changes={"changed_fields": sorted(changed)},
    )
    if acting_user is not None and acting_user.pk != user.pk:
        pii_access_record(
            actor=acting_user,
            subject_user=user,
            action=PIIAccessAction.UPDATE,
            obj=profile,
            reason=reason,
        )
    return profile


@transaction.atomic
def pii_access_log_prune(*, now=None) -> PruneResult:
    """Delete access records older than PII_ACCESS_LOG_RETENTION_DAYS (제8조①: two years),
    leaving a checkpoint so the retained chain still verifies, and audit the prune."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PII_ACCESS_LOG_RETENTION_DAYS)
    result = prune_before(cutoff)
    if result.deleted:
        audit_log_record(
            acting_user=None,
            action="privacy.pii_access_log.prune",
            object_type=PIIAccessLog._meta.label_lower,
            changes={
                "deleted": result.deleted,
                "cutoff": cutoff.isoformat(),
                "through_seq": result.through_seq,
                "checkpoint_hash": result.checkpoint_hash,
            },
        )
    return result
