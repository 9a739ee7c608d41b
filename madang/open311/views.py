"""Open311 GeoReport v2 endpoints (http://wiki.open311.org/GeoReport_v2) under /open311/v2/.

Thin views: parse the GeoReport arguments, call one selector or service, render XML or JSON.
Errors are GeoReport errors ({code, description} list) with 404 for what does not exist, 403
for a missing or wrong api_key, 429 over the rate limit and 400 for anything else.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from madang.complaints.choices import ComplaintEventKind, ComplaintKind, ComplaintStatus
from madang.complaints.deadlines import SEOUL
from madang.complaints.models import Complaint
from madang.complaints.selectors import period_label
from madang.core.request_context import client_ip_from_request
from madang.privacy.masking import mask_personal_data

from . import ratelimit, selectors
from .models import Open311Client
from .render import FORMATS, errors_response, respond, w3_datetime
from .services import PostedRequest, open311_request_submit

SPEC = "http://wiki.open311.org/GeoReport_v2"
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
_W3_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
_W3_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[a-z]+$|^field-\d+$")


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str):
        super().__init__(descriptions[0] if descriptions else "")
        self.status = status
        self.descriptions = list(descriptions)


def _endpoint(view):
    """Common handling: the format, jurisdiction_id, rate limits, GeoReport errors."""

    def wrapper(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
        fmt = (fmt or "").lower()
        if fmt not in FORMATS:
            return errors_response(
                "xml",
                400,
                [_("응답 형식은 .xml 또는 .json이어야 합니다. 예: services.xml")],
            )
        # /open311/v2/ has no language prefix, so LocaleMiddleware answers in Korean; an app
        # asking for English (Accept-Language, or the site's language cookie) gets English.
        language = translation.get_language_from_request(request)
        with translation.override(language):
            try:
                _check_jurisdiction(request)
                response = view(request, fmt, **kwargs)
            except Open311Error as exc:
                response = errors_response(fmt, exc.status, exc.descriptions)
                if exc.status == 429:
                    response["Retry-After"] = str(getattr(exc, "retry_after", 60))
        response["Content-Language"] = language
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return csrf_exempt(wrapper)


def _param(request: HttpRequest, name: str) -> str:
    source = request.POST if request.method == "POST" else request.GET
    return (source.get(name) or "").strip()


def _check_jurisdiction(request: HttpRequest) -> None:
    given = _param(request, "jurisdiction_id")
    if given and given.lower() != selectors.jurisdiction_id().lower():
        raise Open311Error(
            404,
            _(
                "jurisdiction_id '%(given)s'을(를) 찾을 수 없습니다. 이 엔드포인트는 '%(ours)s'만 "
                "다룹니다(생략해도 됩니다)."
            )
            % {"given": given[:100], "ours": selectors.jurisdiction_id()},
        )


def _client(request: HttpRequest, *, required: bool) -> Open311Client | None:
    raw = _param(request, "api_key") or (request.GET.get("api_key") or "").strip()
    if not raw:
        if required:
            raise Open311Error(
                403,
                _("api_key가 없습니다. 민원을 접수하려면 구청에서 발급받은 api_key를 보내세요."),
            )
        return None
    client = selectors.client_authenticate(raw=raw)
    if client is None:
        raise Open311Error(
            403,
            _("api_key가 올바르지 않거나 사용이 중지되었습니다. 구청에 새 키를 요청하세요."),
        )
    return client


def _throttle(request: HttpRequest, action: str, client: Open311Client | None) -> None:
    who = f"key:{client.pk}" if client else f"ip:{client_ip_from_request(request) or '-'}"
    wait = ratelimit.rate_take(action, who=who)
    if wait is not None:
        error = Open311Error(
            429,
            _("요청이 너무 많습니다. %(seconds)d초 뒤에 다시 시도하세요.") % {"seconds": wait},
        )
        error.retry_after = wait
        raise error


def _method(request: HttpRequest, *allowed: str) -> None:
    if request.method not in allowed:
        raise Open311Error(
            400,
            _("이 주소는 %(methods)s 요청만 받습니다.") % {"methods": ", ".join(allowed)},
        )


# --- discovery and services -------------------------------------------------------------------


@_endpoint
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Service Discovery (http://wiki.open311.org/Service_Discovery)."""
    _method(request, "GET")
    _throttle(request, ratelimit.READ, None)
    base = request.build_absolute_uri(reverse("open311:root"))
    changeset = selectors.changeset()
    return respond(
        fmt,
        "discovery",
        {
            "changeset": changeset,
            "contact": getattr(settings, "OPEN311_CONTACT", "")
            or _("%(site)s 민원 담당 부서로 문의하세요.")
            % {"site": getattr(settings, "WAGTAIL_SITE_NAME", "")},
            "key_service": getattr(settings, "OPEN311_KEY_SERVICE", "")
            or _("민원을 접수하려면 구청 민원 담당 부서에 api_key 발급을 신청하세요."),
            "endpoints": [
                {
                    "specification": SPEC,
                    "url": base.rstrip("/"),
                    "changeset": changeset,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


def _service_out(service: selectors.Service) -> dict:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": True,  # every service asks for consent (개인정보 보호법 제15조)
        "type": "realtime",
        "keywords": ", ".join(service.keywords),
        "group": service.group,
    }


@_endpoint
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET Service List."""
    _method(request, "GET")
    _throttle(request, ratelimit.READ, _client(request, required=False))
    return respond(fmt, "services", [_service_out(s) for s in selectors.service_list()])


@_endpoint
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    """GET Service Definition."""
    _method(request, "GET")
    _throttle(request, ratelimit.READ, _client(request, required=False))
    service = selectors.service_get(service_code)
    if service is None:
        raise Open311Error(404, _unknown_service(service_code))
    attributes = [
        {
            "variable": a.variable,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": a.datatype_description or None,
            "order": a.order,
            "description": a.description,
            "values": [{"key": key, "name": name} for key, name in a.values],
        }
        for a in selectors.service_attributes(service)
    ]
    return respond(
        fmt, "service_definition", {"service_code": service.code, "attributes": attributes}
    )


def _unknown_service(code: str) -> str:
    return _(
        "service_code '%(code)s'을(를) 찾을 수 없습니다. services.xml 목록의 코드를 쓰세요."
    ) % {"code": code[:64]}


# --- requests ---------------------------------------------------------------------------------


@_endpoint
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET Service Requests, or POST Service Request."""
    _method(request, "GET", "POST")
    if request.method == "POST":
        return _post_request(request, fmt)
    client = _client(request, required=False)
    _throttle(request, ratelimit.READ, client)
    query = _parse_query(request)
    rows = selectors.request_list(query=query, client=client)
    words = _Words()
    return respond(fmt, "service_requests", [_request_out(c, client, words) for c in rows])


@_endpoint
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    """GET Service Request."""
    _method(request, "GET")
    client = _client(request, required=False)
    _throttle(request, ratelimit.READ, client)
    complaint = selectors.request_get(service_request_id=service_request_id, client=client)
    if complaint is None:
        raise Open311Error(
            404,
            _("service_request_id '%(id)s'인 요청을 찾을 수 없습니다. 접수번호를 확인하세요.")
            % {"id": service_request_id[:32]},
        )
    return respond(fmt, "service_requests", [_request_out(complaint, client, _Words())])


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    client = _client(request, required=True)
    _throttle(request, ratelimit.WRITE, client)
    code = _param(request, "service_code")
    if not code:
        raise Open311Error(400, _("service_code를 보내세요. services.xml 목록에 있습니다."))
    service = selectors.service_get(code)
    if service is None:
        raise Open311Error(404, _unknown_service(code))
    attributes: dict[str, list[str]] = {}
    for key in request.POST:
        match = _ATTRIBUTE.match(key)
        if match:
            attributes.setdefault(match.group(1), []).extend(request.POST.getlist(key))
    posted = PostedRequest(
        attributes=attributes,
        **{
            name: _param(request, name)
            for name in (
                "jurisdiction_id",
                "lat",
                "long",
                "address_string",
                "address_id",
                "email",
                "device_id",
                "account_id",
                "first_name",
                "last_name",
                "phone",
                "description",
                "media_url",
            )
        },
    )
    try:
        complaint = open311_request_submit(client=client, service=service, posted=posted)
    except ValidationError as exc:
        descriptions = []
        for name, messages in exc.message_dict.items():
            for message in messages:
                descriptions.append(message if name == "__all__" else f"{name}: {message}")
        raise Open311Error(400, *descriptions) from None
    return respond(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": complaint.receipt_number,
                "service_notice": _service_notice(complaint, _Words()),
                "account_id": posted.account_id or None,
            }
        ],
    )


def _parse_datetime(value: str, name: str, *, end: bool) -> datetime:
    if _W3_DATE.match(value):
        day = datetime.fromisoformat(value).date()
        return datetime.combine(day, time.max if end else time.min, tzinfo=SEOUL)
    if not _W3_DATETIME.match(value):
        raise Open311Error(
            400,
            _(
                "%(name)s는 W3C 날짜·시각 형식이어야 하며 시간대를 포함해야 합니다. "
                "예: 2026-01-01T00:00:00Z 또는 2026-01-01T09:00:00+09:00"
            )
            % {"name": name},
        )
    try:
        return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(
            400, _("%(name)s의 날짜나 시각이 올바르지 않습니다.") % {"name": name}
        ) from None


def _list_param(request: HttpRequest, name: str) -> list[str]:
    values = []
    for raw in request.GET.getlist(name):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    return values


def _parse_query(request: HttpRequest) -> selectors.RequestQuery:
    ids = _list_param(request, "service_request_id")
    if ids:
        return selectors.RequestQuery(ids=tuple(ids[: selectors.request_limit()]))
    codes = _list_param(request, "service_code")
    bad_codes = [c for c in codes if not _CODE.match(c)]
    if bad_codes:
        raise Open311Error(400, *[_unknown_service(c) for c in bad_codes])
    statuses = [s.lower() for s in _list_param(request, "status")]
    bad = [s for s in statuses if s not in ("open", "closed")]
    if bad:
        raise Open311Error(
            400,
            _("status는 open 또는 closed여야 합니다 (받은 값: %(value)s).")
            % {"value": ", ".join(bad)[:100]},
        )
    span = selectors.default_span()
    start_raw, end_raw = _param(request, "start_date"), _param(request, "end_date")
    start = _parse_datetime(start_raw, "start_date", end=False) if start_raw else None
    end = _parse_datetime(end_raw, "end_date", end=True) if end_raw else None
    if start and end:
        if end < start:
            raise Open311Error(400, _("end_date가 start_date보다 앞섭니다."))
        if end - start > span:
            raise Open311Error(
                400,
                _("start_date와 end_date 사이는 %(days)d일을 넘을 수 없습니다.")
                % {"days": span.days},
            )
    elif start:
        end = start + span
    elif end:
        start = end - span
    else:
        end = timezone.now()
        start = end - span
    return selectors.RequestQuery(
        service_codes=tuple(codes), start=start, end=end, statuses=tuple(statuses)
    )


# --- one request out --------------------------------------------------------------------------


class _Words:
    """Translated labels looked up once per response, not once per request row (a list holds
    up to 1,000 rows, and each gettext walks the merged catalogues)."""

    def __init__(self):
        self.status = {value: str(label) for value, label in ComplaintStatus.choices}
        self.kind = {value: str(label) for value, label in ComplaintKind.choices}
        self.event = {value: str(label) for value, label in ComplaintEventKind.choices}
        self.notice = _(
            "접수번호 %(no)s. 처리기간 %(period)s, 처리기한 %(due)s (민원 처리에 관한 법률 "
            "제19조: 토요일·공휴일 제외, 보완·현장조사 기간 불산입)."
        )
        self._periods: dict[str, str] = {}

    def period(self, period: str) -> str:
        if period not in self._periods:
            self._periods[period] = period_label(period)
        return self._periods[period]


def _service_notice(complaint: Complaint, words: _Words) -> str:
    return words.notice % {
        "no": complaint.receipt_number,
        "period": words.period(complaint.period),
        "due": timezone.localtime(complaint.due_at, SEOUL).strftime("%Y-%m-%d %H:%M"),
    }


def _own(complaint: Complaint, client: Open311Client | None) -> bool:
    """Whether `client` filed this 민원 (the Open311 row comes with select_related)."""
    if client is None:
        return False
    try:
        link = complaint.open311
    except Complaint.open311.RelatedObjectDoesNotExist:
        return False
    return link.client_id == client.pk


def _status_notes(complaint: Complaint, *, own: bool, words: _Words) -> str:
    """Own requests: the latest answer, else the latest line of the timeline the citizen may
    see, masked (조례 제22조①). Others: only the Korean status (민원 content and answers are
    not public, 민원 처리에 관한 법률 제7조)."""
    label = words.status.get(complaint.status, complaint.status)
    if not own:
        return label
    answers = getattr(complaint, "open311_answers", None) or []
    if answers:
        return mask_personal_data(answers[0].body)
    events = getattr(complaint, "open311_events", None) or []
    if events:
        event = events[0]
        text = words.event.get(event.kind, event.kind)
        if event.note:
            text = f"{text}: {event.note}"
        return mask_personal_data(text)
    return label


def _agency(complaint: Complaint) -> str | None:
    if complaint.department is not None:
        return complaint.department.display_name
    return None


def _updated(complaint: Complaint):
    if selectors.is_closed(complaint) and complaint.closed_at is not None:
        return complaint.closed_at
    return complaint.updated_at


def _request_out(complaint: Complaint, client: Open311Client | None, words: _Words) -> dict:
    own = _own(complaint, client)
    link = complaint.open311 if own else None
    return {
        "service_request_id": complaint.receipt_number,
        "status": "closed" if selectors.is_closed(complaint) else "open",
        "status_notes": _status_notes(complaint, own=own, words=words),
        "service_name": complaint.field.name
        if complaint.field_id is not None and complaint.field is not None
        else words.kind.get(complaint.kind, complaint.kind),
        "service_code": selectors.service_code_of(complaint),
        "description": mask_personal_data(complaint.body) if own else None,
        "agency_responsible": _agency(complaint),
        "service_notice": _service_notice(complaint, words),
        "requested_datetime": w3_datetime(complaint.received_at),
        "updated_datetime": w3_datetime(_updated(complaint)),
        "expected_datetime": w3_datetime(complaint.due_at),
        "address": (complaint.place_address or None) if own else None,
        "address_id": (link.address_id or None) if link else None,
        "zipcode": None,
        "lat": complaint.latitude if own else None,
        "long": complaint.longitude if own else None,
        "media_url": (link.media_url or None) if link else None,
    }
