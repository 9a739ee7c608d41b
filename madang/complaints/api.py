"""Complaints in the API (/api/v1/complaints): file a 민원 and read one's own by 접수번호.

Who may call: a signed-in citizen's session (CSRF-protected) or a staff/integration token with
the scope "complaints:write" (e.g. a counter or a relay from another channel filing on a
citizen's behalf). Every filing goes through `complaint_submit`, the one intake service.
"""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import SessionAuth

from madang.accounts.choices import ApiScope
from madang.accounts.selectors import api_token_authenticate
from madang.core.api_base import ApiError, ApiTokenAuth, ErrorOut, require_scope

from .choices import ComplaintChannel, ReplyChannel
from .models import Complaint
from .selectors import complaint_get_for_owner, statutory_types_active
from .services import Complainant, complaint_submit

router = Router(tags=["complaints"])
SCOPE_WRITE = ApiScope.COMPLAINTS_WRITE


class CitizenSessionAuth(SessionAuth):
    """Any signed-in person's browser session (CSRF-protected for writes)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.api_token = None
        return user


class ComplaintTokenAuth(ApiTokenAuth):
    """The staff/integration token, without making the request look signed in: the idle
    sign-out middleware would otherwise write a session row for every API call. The acting
    user is `request.api_token.user`."""

    def authenticate(self, request, token):
        api_token = api_token_authenticate(raw=token)
        if api_token is None:
            return None
        request.api_token = api_token
        return api_token


def _actor(request):
    token = getattr(request, "api_token", None)
    return token.user if token is not None else request.user


AUTH = [ComplaintTokenAuth(), CitizenSessionAuth()]


class ComplaintIn(Schema):
    kind: str
    inquiry_subkind: str = ""
    statutory_type_id: int | None = None
    title: str
    body: str
    place_address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    reply_channel: str = ReplyChannel.WEB
    consent: bool


class ComplaintOut(Schema):
    receipt_number: str
    kind: str
    inquiry_subkind: str
    title: str
    status: str
    received_at: datetime
    period: str
    due_at: datetime


def _invalid(exc: ValidationError) -> ApiError:
    details = [
        {"field": field, "messages": [str(m) for m in messages]}
        for field, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items()
    ]
    return ApiError(422, "invalid", _("입력값을 확인하세요: ") + " ".join(exc.messages), details)


@router.post("/complaints", response={201: ComplaintOut, 422: ErrorOut}, auth=AUTH)
def complaint_create(request, payload: ComplaintIn):
    """민원 접수. 응답의 receipt_number(접수번호)와 due_at(처리기한)을 신청인에게 알리세요."""
    require_scope(request, SCOPE_WRITE)
    token = getattr(request, "api_token", None)
    statutory_type = None
    if payload.statutory_type_id is not None:
        statutory_type = statutory_types_active().filter(pk=payload.statutory_type_id).first()
        if statutory_type is None:
            raise ApiError(422, "invalid", _("법정민원 사무 번호를 찾을 수 없습니다."))
    try:
        complaint = complaint_submit(
            acting_user=_actor(request),
            # A token files for someone else (the staff member is the actor, not the citizen).
            citizen=None if token is not None else request.user,
            kind=payload.kind,
            inquiry_subkind=payload.inquiry_subkind,
            statutory_type=statutory_type,
            title=payload.title,
            body=payload.body,
            place_address=payload.place_address,
            latitude=payload.latitude,
            longitude=payload.longitude,
            reply_channel=payload.reply_channel,
            consent_given=payload.consent,
            complainant=Complainant(
                name=payload.name,
                phone=payload.phone,
                email=payload.email,
                address=payload.address,
            ),
            identity_verified_by="staff" if token is not None else "account",
            channel=ComplaintChannel.API,
        )
    except ValidationError as exc:
        raise _invalid(exc) from None
    return Status(201, complaint)


@router.get("/complaints/{receipt_number}", response={200: ComplaintOut, 404: ErrorOut}, auth=AUTH)
def complaint_read(request, receipt_number: str):
    """자신이 신청한 민원을 접수번호로 조회합니다 (토큰은 그 토큰 사용자가 접수한 것)."""
    try:
        if getattr(request, "api_token", None) is not None:
            return Complaint.objects.get(
                receipt_number=receipt_number, submitted_by=_actor(request)
            )
        return complaint_get_for_owner(receipt_number=receipt_number, user=request.user)
    except Complaint.DoesNotExist:
        raise ApiError(404, "not_found", _("해당 접수번호의 민원을 찾을 수 없습니다.")) from None
