"""Writes of the foreign-language homepages (조례 제6조): the operating department of each
language site, and the opinions readers send. Each runs in one transaction with its audit row;
e-mail goes out after commit, through a task."""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.core import ratelimit
from madang.core.audit import audit_log_record, model_snapshot, snapshot_diff
from madang.privacy.masking import mask_personal_data

from .choices import OpinionStatus
from .models import LanguageSite, Opinion, foreign_language_choices

SITE_FIELDS = (
    "language_code", "institution_name", "operating_department", "department_name", "contact_phone",
    "contact_email", "intro",
)  # fmt: skip
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


class OpinionRejected(Exception):
    """An opinion that is not stored, with a message (in the reader's language) saying why."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@transaction.atomic
def language_site_create(*, acting_user, **fields: Any) -> LanguageSite:
    """Name the operating department of a foreign-language site (조례 제6조③)."""
    unknown = set(fields) - set(SITE_FIELDS)
    if unknown:
        raise TypeError(f"unknown language site fields: {sorted(unknown)}")
    site = LanguageSite(**fields)
    site.full_clean()
    site.save()
    audit_log_record(
        acting_user=acting_user,
        action="language_site.create",
        obj=site,
        changes=model_snapshot(site, SITE_FIELDS),
    )
    return site


@transaction.atomic
def language_site_update(*, acting_user, site: LanguageSite, **fields: Any) -> LanguageSite:
    """Change a language site's operating department, contact or foot text (조례 제6조③);
    the audit row holds each old and new value."""
    unknown = set(fields) - set(SITE_FIELDS)
    if unknown:
        raise TypeError(f"unknown language site fields: {sorted(unknown)}")
    before = model_snapshot(LanguageSite.objects.select_for_update().get(pk=site.pk), SITE_FIELDS)
    for name, value in fields.items():
        setattr(site, name, value)
    site.full_clean()
    site.save()
    changes = snapshot_diff(before, model_snapshot(site, SITE_FIELDS))
    if changes:
        audit_log_record(
            acting_user=acting_user, action="language_site.update", obj=site, changes=changes
        )
    return site


OPINION_RULE = ratelimit.Rule(
    name="languages.opinion",
    window=3600,
    limits={"ip": ratelimit.Setting("MADANG_OPINION_PER_IP_PER_HOUR", 5)},
)


def _over_ip_limit(ip: str | None) -> bool:
    """Count this opinion for the address; True when it is over the hourly limit."""
    return ratelimit.take(OPINION_RULE, ip=ip) is not None


def _receipt_number(language_code: str) -> str:
    prefix = language_code.split("-")[0].upper()
    suffix = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))
    return f"{prefix}-{timezone.localdate():%Y%m%d}-{suffix}"


def opinion_submit(
    *,
    language_code: str,
    subject: str,
    message: str,
    name: str = "",
    email: str = "",
    consent: bool = False,
    ip_address: str | None = None,
) -> Opinion:
    """Receive an opinion from a foreign-language site's form (조례 제6조②) for that site's
    operating department (제6조③); without one, the homepage operating department.

    Personal data in the subject and message is masked before anything is stored (제22조①);
    a name or e-mail address for the reply is kept only with consent (개인정보 보호법 제15조①1)
    and encrypted (제22조②). At most MADANG_OPINION_PER_IP_PER_HOUR per address. The
    department is e-mailed after commit."""
    if language_code not in dict(foreign_language_choices()):
        raise ValidationError({"language_code": _("이 언어의 홈페이지가 없습니다.")})
    name, email = (name or "").strip(), (email or "").strip()
    if (name or email) and not consent:
        raise ValidationError(
            {"consent": _("이름이나 이메일을 적으셨다면 개인정보 수집·이용에 동의해 주세요.")}
        )
    if _over_ip_limit(ip_address):
        raise OpinionRejected(
            _("짧은 시간에 의견을 너무 많이 보내셨습니다. 한 시간 뒤에 다시 보내 주세요."),
            code="rate",
        )
    subject, message = subject.strip(), message.strip()
    masked_subject, masked_message = mask_personal_data(subject), mask_personal_data(message)
    site = (
        LanguageSite.objects.select_related("operating_department")
        .filter(language_code=language_code)
        .first()
    )
    if site is not None:
        department = site.operating_department
    else:
        from madang.pages.services import homepage_department

        department = homepage_department()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                opinion = Opinion(
                    receipt_number=_receipt_number(language_code),
                    language_code=language_code,
                    department=department,
                    subject=masked_subject,
                    message=masked_message,
                    was_masked=(masked_subject, masked_message) != (subject, message),
                    name=name if consent else "",
                    email=email if consent else "",
                    consented_at=timezone.now() if consent and (name or email) else None,
                )
                opinion.full_clean()
                opinion.save()
                audit_log_record(
                    acting_user=None,
                    action="opinion.submit",
                    obj=opinion,
                    changes={
                        "language_code": language_code,
                        "department": department.pk if department else None,
                        "wants_reply": bool(opinion.email),
                        "was_masked": opinion.was_masked,
                    },
                )
                from .tasks import opinion_notify

                transaction.on_commit(partial(opinion_notify.enqueue, opinion.pk))
            return opinion
        except IntegrityError:
            continue  # the random receipt number was taken: draw again
    raise RuntimeError("could not draw a free receipt number")


@transaction.atomic
def opinion_mark_answered(*, acting_user, opinion: Opinion) -> Opinion:
    """Record that the operating department has dealt with an opinion (조례 제6조②)."""
    locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if locked.status == OpinionStatus.ANSWERED:
        return locked
    locked.status = OpinionStatus.ANSWERED
    locked.answered_at = timezone.now()
    locked.answered_by = acting_user
    locked.save(update_fields=["status", "answered_at", "answered_by", "updated_at"])
    audit_log_record(
        acting_user=acting_user,
        action="opinion.answer",
        obj=locked,
        changes={"status": [OpinionStatus.RECEIVED, OpinionStatus.ANSWERED]},
    )
    return locked


@transaction.atomic
def opinion_mark_notified(*, opinion_id: int) -> bool:
    """Claim the department e-mail of an opinion; False when it was already sent (the task
    may run twice)."""
    updated = Opinion.objects.filter(pk=opinion_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    return bool(updated)


@transaction.atomic
def opinion_contacts_erase(*, now=None) -> int:
    """Erase the name and e-mail address of opinions older than
    MADANG_OPINION_CONTACT_RETENTION_DAYS (개인정보 보호법 제21조①: destroy personal data once
    the purpose, here the reply, no longer needs it). Returns how many opinions were touched."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MADANG_OPINION_CONTACT_RETENTION_DAYS)
    ids = list(
        Opinion.objects.filter(created_at__lt=cutoff, contact_erased_at__isnull=True)
        .exclude(name="", email="")
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    Opinion.objects.filter(pk__in=ids).update(name="", email="", contact_erased_at=now)
    audit_log_record(
        acting_user=None,
        action="opinion.contact_erase",
        object_type="languages.opinion",
        changes={"opinions": ids, "cutoff": cutoff.isoformat()},
    )
    return len(ids)
