"""Reads of the Open311 interface: the service catalogue, the request queries, key look-up.

Services are the kinds of 민원 (법 제2조제1호; codes "inquiry", "suggestion", "other",
"grievance", "statutory") and, when staff have set up 민원 분야 (ComplaintField, the routing
rules), one service per active field (code "field-<id>"). A 민원 shows the service of its field
when it has one, else that of its kind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from madang.complaints.choices import (
    CLOSED_STATUSES,
    ComplaintKind,
    InquirySubkind,
    ReplyChannel,
)
from madang.complaints.models import (
    Complaint,
    ComplaintAnswer,
    ComplaintEvent,
    ComplaintField,
    StatutoryComplaintType,
)
from madang.complaints.services import default_privacy_notice

from .models import Open311Client

FIELD_PREFIX = "field-"
KIND_CODES = (
    ComplaintKind.OTHER,
    ComplaintKind.SUGGESTION,
    ComplaintKind.INQUIRY,
    ComplaintKind.GRIEVANCE,
    ComplaintKind.STATUTORY,
)
CONSENT_AGREE = "agree"
LAST_USED_RESOLUTION_SECONDS = 60


def jurisdiction_id() -> str:
    """The one jurisdiction this endpoint serves. GeoReport suggests the site's domain without
    "www": OPEN311_JURISDICTION_ID, else the host of WAGTAILADMIN_BASE_URL."""
    configured = getattr(settings, "OPEN311_JURISDICTION_ID", "")
    if configured:
        return configured
    host = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "")).hostname or "localhost"
    return host.removeprefix("www.")


def changeset() -> str:
    """When the service list or a definition last changed (discovery's "changeset": clients
    refresh their cached copies when it moves)."""
    stamps = [
        ComplaintField.objects.aggregate(m=Max("updated_at"))["m"],
        StatutoryComplaintType.objects.aggregate(m=Max("updated_at"))["m"],
    ]
    stamps = [s for s in stamps if s is not None]
    if not stamps:
        return "2026-12-02 00:00"  # the interface's first release
    return timezone.localtime(max(stamps)).strftime("%Y-%m-%d %H:%M")


def request_limit() -> int:
    return int(getattr(settings, "OPEN311_MAX_REQUESTS", 1000))


def default_span() -> timedelta:
    return timedelta(days=int(getattr(settings, "OPEN311_MAX_SPAN_DAYS", 90)))


# --- services ---------------------------------------------------------------------------------


@dataclass
class Attribute:
    """A GeoReport service-definition attribute."""

    code: str
    datatype: str  # string number datetime text singlevaluelist multivaluelist
    description: str
    order: int
    required: bool = False
    variable: bool = True
    datatype_description: str = ""
    values: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Service:
    code: str
    name: str
    description: str
    group: str
    keywords: list[str]
    kind: str = ""  # fixed kind, or "" when the citizen picks it (field services)
    complaint_field: ComplaintField | None = None


def _kind_texts() -> dict[str, tuple[str, list[str]]]:
    return {
        ComplaintKind.OTHER: (
            _(
                "간단한 절차 상담이나 생활 불편 신고(가로등 고장, 불법 투기 등). "
                "즉시(3근무시간) 처리"
            ),
            [_("생활 불편"), _("신고"), _("가로등"), _("쓰레기"), _("도로")],
        ),
        ComplaintKind.SUGGESTION: (
            _("행정제도나 운영의 개선 요구. 14일 이내 처리"),
            [_("건의"), _("개선"), _("제안")],
        ),
        ComplaintKind.INQUIRY: (
            _("법령·제도·절차에 대한 설명이나 해석 요청. 법령 14일, 그 밖의 제도·절차 7일"),
            [_("질의"), _("문의"), _("해석")],
        ),
        ComplaintKind.GRIEVANCE: (
            _("위법·부당하거나 소극적인 처분, 불합리한 제도에 대한 고충. 7일 이내 처리"),
            [_("고충"), _("부당"), _("처분")],
        ),
        ComplaintKind.STATUTORY: (
            _("법령에 따른 인가·허가·등록·신고 등 신청. 처리기간은 민원처리기준표에 따름"),
            [_("법정민원"), _("신청"), _("허가")],
        ),
    }


def service_list() -> list[Service]:
    """Every service, kinds first, then the active 민원 분야 by name."""
    texts = _kind_texts()
    group_kinds = _("민원 종류")
    services = [
        Service(
            code=str(kind),
            name=str(ComplaintKind(kind).label),
            description=texts[kind][0],
            group=group_kinds,
            keywords=[str(k) for k in texts[kind][1]],
            kind=str(kind),
        )
        for kind in KIND_CODES
    ]
    for row in ComplaintField.objects.filter(is_active=True).select_related("department"):
        services.append(_field_service(row))
    return services


def _field_service(row: ComplaintField) -> Service:
    return Service(
        code=f"{FIELD_PREFIX}{row.pk}",
        name=row.name,
        description=_("%(field)s 분야 민원 (처리 부서: %(dept)s)")
        % {"field": row.name, "dept": row.department.display_name},
        group=_("민원 분야"),
        keywords=row.keyword_list,
        complaint_field=row,
    )


def service_get(code: str) -> Service | None:
    """The service with `code`, or None (unknown, or a field no longer in use)."""
    code = (code or "").strip()
    if code in [str(k) for k in KIND_CODES]:
        return next(s for s in service_list() if s.code == code)
    if code.startswith(FIELD_PREFIX) and code[len(FIELD_PREFIX) :].isdigit():
        row = (
            ComplaintField.objects.filter(pk=int(code[len(FIELD_PREFIX) :]), is_active=True)
            .select_related("department")
            .first()
        )
        return _field_service(row) if row is not None else None
    return None


def service_attributes(service: Service) -> list[Attribute]:
    """The service definition: consent (개인정보 보호법 제15조), the title, the kind where the
    citizen picks it, the sub-kind of a 질의민원, the 법정민원 type, and how to reply."""
    attrs = [
        Attribute(
            code="privacy_notice",
            datatype="text",
            variable=False,
            order=1,
            description=default_privacy_notice(),
        ),
        Attribute(
            code="consent",
            datatype="singlevaluelist",
            required=True,
            order=2,
            description=_(
                "위 개인정보 수집·이용에 동의합니까? 동의해야 민원을 신청할 수 있습니다."
            ),
            values=[(CONSENT_AGREE, _("동의합니다"))],
        ),
        Attribute(
            code="title",
            datatype="string",
            order=3,
            description=_("민원 제목 (200자 이내). 비워 두면 내용의 첫 줄을 씁니다."),
            datatype_description=_("200자 이내"),
        ),
    ]
    order = 4
    if not service.kind:
        attrs.append(
            Attribute(
                code="kind",
                datatype="singlevaluelist",
                order=order,
                description=_("민원 종류. 비워 두면 기타민원(생활 불편 신고)으로 접수합니다."),
                values=[
                    (str(k), str(ComplaintKind(k).label))
                    for k in KIND_CODES
                    if k != ComplaintKind.STATUTORY
                ],
            )
        )
        order += 1
    if service.kind in ("", ComplaintKind.INQUIRY):
        attrs.append(
            Attribute(
                code="inquiry_subkind",
                datatype="singlevaluelist",
                order=order,
                description=_("질의민원의 구분: 법령 해석(14일) 또는 제도·절차(7일)"),
                values=[(str(v), str(InquirySubkind(v).label)) for v in InquirySubkind.values],
            )
        )
        order += 1
    if service.kind == ComplaintKind.STATUTORY:
        attrs.append(
            Attribute(
                code="statutory_type",
                datatype="singlevaluelist",
                required=True,
                order=order,
                description=_("신청할 법정민원 사무 (민원처리기준표)"),
                values=[
                    (str(row.pk), f"{row.name}")
                    for row in StatutoryComplaintType.objects.filter(is_active=True).order_by(
                        "name"
                    )
                ],
            )
        )
        order += 1
    attrs.append(
        Attribute(
            code="reply_channel",
            datatype="singlevaluelist",
            order=order,
            description=_(
                "결과를 받을 방법. 비워 두면 전자우편이 있으면 전자우편, 없으면 "
                "전화번호가 있으면 문자메시지로 보냅니다."
            ),
            values=[(str(v), str(ReplyChannel(v).label)) for v in ReplyChannel.values],
        )
    )
    return attrs


def service_code_of(complaint: Complaint) -> str:
    if complaint.field_id is not None:
        return f"{FIELD_PREFIX}{complaint.field_id}"
    return str(complaint.kind)


def is_closed(complaint: Complaint) -> bool:
    return complaint.status in CLOSED_STATUSES


# --- keys -------------------------------------------------------------------------------------


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def client_authenticate(*, raw: str) -> Open311Client | None:
    """The active client whose key is `raw`, or None. Marks its use at most once a minute."""
    if not raw:
        return None
    client = Open311Client.objects.filter(key_hash=hash_key(raw), is_active=True).first()
    if client is None:
        return None
    now = timezone.now()
    if (
        client.last_used_at is None
        or (now - client.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS
    ):
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


# --- requests ---------------------------------------------------------------------------------


PERSONAL_COLUMNS = (
    "complainant_name",
    "complainant_phone",
    "complainant_email",
    "complainant_address",
    "consent_notice",
    "open311__account_id",
    "open311__device_id",
)


def _base_queryset(*, client: Open311Client | None) -> QuerySet[Complaint]:
    # The applicant's personal data is never shown here: not even decrypted.
    qs = (
        Complaint.objects.filter(receipt_number__isnull=False)
        .select_related("department", "field", "open311")
        .defer(*PERSONAL_COLUMNS)
    )
    if client is None:
        return qs.defer("body", "place_address", "title")  # content is not public
    # Details (answers, the timeline) are shown only for the client's own requests; both
    # prefetches are limited to those.
    own = Complaint.objects.filter(open311__client=client).values("pk")
    return qs.prefetch_related(
        Prefetch(
            "answers",
            queryset=ComplaintAnswer.objects.filter(complaint__in=own).order_by(
                "-answered_at", "-pk"
            ),
            to_attr="open311_answers",
        ),
        Prefetch(
            "events",
            queryset=ComplaintEvent.objects.filter(
                complaint__in=own, visible_to_citizen=True
            ).order_by("-at", "-pk"),
            to_attr="open311_events",
        ),
    )


@dataclass(frozen=True)
class RequestQuery:
    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: tuple[str, ...] = ()  # "open" / "closed"


def request_list(*, query: RequestQuery, client: Open311Client | None) -> list[Complaint]:
    """GET requests: by ids (which override every other argument), else by service, status and
    requested_datetime range (default and widest: the last 90 days), newest first, at most
    OPEN311_MAX_REQUESTS (1000)."""
    qs = _base_queryset(client=client)
    if query.ids:
        qs = qs.filter(receipt_number__in=query.ids)
    else:
        if query.service_codes:
            kinds = [c for c in query.service_codes if not c.startswith(FIELD_PREFIX)]
            fields = [
                int(c[len(FIELD_PREFIX) :])
                for c in query.service_codes
                if c.startswith(FIELD_PREFIX)
            ]
            qs = qs.filter(Q(field__isnull=True, kind__in=kinds) | Q(field_id__in=fields))
        if query.statuses and set(query.statuses) != {"open", "closed"}:
            closed = [str(s) for s in CLOSED_STATUSES]
            if "closed" in query.statuses:
                qs = qs.filter(status__in=closed)
            else:
                qs = qs.exclude(status__in=closed)
        if query.start is not None:
            qs = qs.filter(received_at__gte=query.start)
        if query.end is not None:
            qs = qs.filter(received_at__lte=query.end)
    return list(qs.order_by("-received_at", "-receipt_sequence")[: request_limit()])


def request_get(*, service_request_id: str, client: Open311Client | None) -> Complaint | None:
    return _base_queryset(client=client).filter(receipt_number=service_request_id).first()
