"""Writes of the Open311 interface: client keys, and filing a 민원 from a GeoReport POST.

A POST is filed through `complaint_submit`, the one intake service of every channel (channel
"api"), so numbering, the legal deadline, consent, encryption of the requester's personal data
and the receipt notice are the same as in the 전자민원창구.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madang.complaints.choices import ComplaintChannel, ComplaintKind, ReplyChannel
from madang.complaints.models import Complaint, StatutoryComplaintType
from madang.complaints.services import Complainant, complaint_submit
from madang.core.audit import audit_log_record

from .models import Open311Client, Open311Request
from .selectors import CONSENT_AGREE, Service, hash_key, service_attributes

KEY_PREFIX = "o311_"
DESCRIPTION_MAX = 4000  # GeoReport v2: "free form text limited to 4,000 characters"
TITLE_FROM_BODY_MAX = 60


@transaction.atomic
def open311_client_create(*, acting_user, name: str) -> tuple[Open311Client, str]:
    """Make a client and its key. Returns (client, raw key); the raw key is not stored and
    cannot be shown again (안전성 확보조치 기준 제7조)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("클라이언트 이름을 입력하세요.")]})
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    client = Open311Client(name=name, key_prefix=raw[:12], key_hash=hash_key(raw))
    client.full_clean()
    client.save()
    audit_log_record(
        acting_user=acting_user,
        action="open311_client.create",
        obj=client,
        changes={"name": name, "key_prefix": client.key_prefix},
    )
    return client, raw


@transaction.atomic
def open311_client_deactivate(*, acting_user, client: Open311Client) -> Open311Client:
    """Stop a key from working (its requests stay)."""
    if client.is_active:
        client.is_active = False
        client.save(update_fields=["is_active", "updated_at"])
        audit_log_record(
            acting_user=acting_user,
            action="open311_client.deactivate",
            obj=client,
            changes={"is_active": [True, False]},
        )
    return client


@dataclass
class PostedRequest:
    """What a GeoReport POST requests carried (already split from the form)."""

    jurisdiction_id: str = ""
    lat: str = ""
    long: str = ""
    address_string: str = ""
    address_id: str = ""
    email: str = ""
    device_id: str = ""
    account_id: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    description: str = ""
    media_url: str = ""
    attributes: dict[str, list[str]] = field(default_factory=dict)


def _name(first: str, last: str) -> str:
    """GeoReport splits names the Western way; a Korean name is family name first, no space."""
    first, last = first.strip(), last.strip()
    if first and last and _is_hangul(first + last):
        return last + first
    return " ".join(p for p in (first, last) if p)


def _is_hangul(text: str) -> bool:
    return all("\uac00" <= ch <= "\ud7a3" for ch in text)


def _decimal(value: str, name: str, errors: dict) -> Decimal | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        errors.setdefault(name, []).append(
            _("%(name)s 값은 숫자(WGS84 도 단위)여야 합니다. 예: 37.5124") % {"name": name}
        )
        return None
    if not number.is_finite():
        errors.setdefault(name, []).append(_("%(name)s 값이 올바르지 않습니다.") % {"name": name})
        return None
    return number


def _single(attributes: dict[str, list[str]], code: str) -> str:
    values = attributes.get(code) or []
    return values[0].strip() if values else ""


def _title(attributes, description: str) -> str:
    title = _single(attributes, "title")
    if title:
        return title
    first_line = next((line.strip() for line in description.splitlines() if line.strip()), "")
    if len(first_line) > TITLE_FROM_BODY_MAX:
        first_line = first_line[: TITLE_FROM_BODY_MAX - 1] + "…"
    return first_line


def _check_attributes(service: Service, attributes: dict[str, list[str]], errors: dict) -> None:
    """Required attributes present; list values among the definition's keys."""
    for attr in service_attributes(service):
        if not attr.variable:
            continue
        given = [v for v in attributes.get(attr.code, []) if v.strip()]
        if attr.required and not given:
            errors.setdefault(f"attribute[{attr.code}]", []).append(
                _("%(code)s 항목은 꼭 보내야 합니다. %(description)s")
                % {"code": attr.code, "description": attr.description}
            )
            continue
        if attr.datatype in ("singlevaluelist", "multivaluelist") and given:
            keys = {key for key, _name in attr.values}
            wrong = [v for v in given if v.strip() not in keys]
            if wrong or (attr.datatype == "singlevaluelist" and len(given) > 1):
                errors.setdefault(f"attribute[{attr.code}]", []).append(
                    _("%(code)s 항목의 값은 다음 중 하나여야 합니다: %(keys)s")
                    % {"code": attr.code, "keys": ", ".join(sorted(keys))}
                )


@transaction.atomic
def open311_request_submit(
    *, client: Open311Client, service: Service, posted: PostedRequest
) -> Complaint:
    """File a 민원 from a GeoReport POST requests (realtime: the 접수번호 is the
    service_request_id). Raises ValidationError keyed by the GeoReport argument name.

    The requester's name, phone and e-mail are stored only in the 민원's encrypted fields;
    `account_id` and `device_id` encrypted on the Open311 row. `media_url` is kept as given and
    never fetched by the server.
    """
    errors: dict[str, list[str]] = {}
    attributes = posted.attributes
    _check_attributes(service, attributes, errors)
    description = (posted.description or "").strip()
    if not description:
        errors.setdefault("description", []).append(
            _("민원 내용(description)을 보내세요. 줄바꿈은 되지만 HTML은 쓸 수 없습니다.")
        )
    elif len(description) > DESCRIPTION_MAX:
        errors.setdefault("description", []).append(
            _("description은 %(n)d자 이내여야 합니다. 지금 %(len)d자입니다.")
            % {"n": DESCRIPTION_MAX, "len": len(description)}
        )
    lat = _decimal(posted.lat, "lat", errors)
    long = _decimal(posted.long, "long", errors)
    name = _name(posted.first_name, posted.last_name)
    if not name:
        errors.setdefault("first_name", []).append(
            _(
                "신청인의 이름(first_name, last_name)을 보내야 합니다. "
                "민원은 신청인을 확인할 수 있어야 접수됩니다."
            )
        )
    if errors:
        raise ValidationError(errors)

    kind = service.kind or _single(attributes, "kind") or ComplaintKind.OTHER
    statutory_type = None
    if kind == ComplaintKind.STATUTORY:
        statutory_type = StatutoryComplaintType.objects.filter(
            pk=int(_single(attributes, "statutory_type")), is_active=True
        ).first()
    email, phone = posted.email.strip(), posted.phone.strip()
    reply_channel = _single(attributes, "reply_channel") or (
        ReplyChannel.EMAIL if email else ReplyChannel.SMS if phone else ReplyChannel.WEB
    )
    place = posted.address_string.strip()
    try:
        complaint = complaint_submit(
            acting_user=None,
            citizen=None,
            kind=kind,
            inquiry_subkind=_single(attributes, "inquiry_subkind")
            if kind == ComplaintKind.INQUIRY
            else "",
            statutory_type=statutory_type,
            title=_title(attributes, description),
            body=description,
            complainant=Complainant(name=name, phone=phone, email=email),
            consent_given=_single(attributes, "consent") == CONSENT_AGREE,
            place_address=place,
            latitude=lat,
            longitude=long,
            reply_channel=reply_channel,
            identity_verified_by="open311",
            channel=ComplaintChannel.API,
            field=service.complaint_field,
        )
    except ValidationError as exc:
        raise ValidationError(_georeport_names(exc)) from None
    link = Open311Request(
        complaint=complaint,
        client=client,
        service_code=service.code,
        jurisdiction_id=posted.jurisdiction_id.strip()[:100],
        account_id=posted.account_id.strip()[:100],
        device_id=posted.device_id.strip()[:100],
        address_id=posted.address_id.strip()[:100],
        media_url=posted.media_url.strip()[:500],
        attributes={
            k: v for k, v in attributes.items() if k not in ("consent", "title", "privacy_notice")
        },
    )
    try:
        link.full_clean(exclude=["complaint", "client"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    link.save()
    audit_log_record(
        acting_user=None,
        action="open311.request_submit",
        obj=complaint,
        changes={"client": client.pk, "client_name": client.name, "service_code": service.code},
    )
    return complaint


# complaint_submit's field names → the GeoReport argument a client sent.
_ARGUMENT_NAMES = {
    "title": "attribute[title]",
    "body": "description",
    "name": "first_name",
    "consent": "attribute[consent]",
    "latitude": "lat",
    "longitude": "long",
    "kind": "attribute[kind]",
    "inquiry_subkind": "attribute[inquiry_subkind]",
    "reply_channel": "attribute[reply_channel]",
}


def _georeport_names(exc: ValidationError) -> dict[str, list[str]]:
    if not hasattr(exc, "error_dict"):
        return {"__all__": exc.messages}
    return {
        _ARGUMENT_NAMES.get(name, name): [str(m) for m in messages]
        for name, messages in exc.message_dict.items()
    }
