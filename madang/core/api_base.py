"""What every API router shares: token authentication, scopes, the error body, pagination.

Errors always come back as {"code": "<machine code>", "message": "<Korean sentence>",
"details": [...]} so that integrators handle one shape.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer, SessionAuth

from madang.accounts.selectors import api_token_authenticate


class ErrorOut(Schema):
    code: str = Field(..., examples=["not_found"])
    message: str = Field(..., examples=["요청한 자료를 찾을 수 없습니다."])
    details: list[Any] = Field(default_factory=list)


class ApiError(HttpError):
    """An API failure with a machine code and a Korean message."""

    def __init__(self, status_code: int, code: str, message: str, details: list | None = None):
        super().__init__(status_code, message)
        self.code = code
        self.details = details or []


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer mdg_...` with a token from manage.py create_api_token."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str):
        api_token = api_token_authenticate(raw=token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token
        return api_token


class StaffSessionAuth(SessionAuth):
    """A signed-in staff member's browser session (CSRF-protected for writes)."""

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user is not None and user.is_staff:
            request.api_token = None
            return user
        return None


STAFF_AUTH = [ApiTokenAuth(), StaffSessionAuth()]


def require_scope(request: HttpRequest, scope: str) -> None:
    """Refuse with 403 when a token lacks `scope`; staff sessions act with their permissions."""
    token = getattr(request, "api_token", None)
    if token is not None and not token.has_scope(scope):
        raise ApiError(
            403,
            "insufficient_scope",
            _("이 토큰에는 '%(scope)s' 권한이 없습니다. 관리자에게 권한 범위를 요청하세요.")
            % {"scope": scope},
        )


class MadangPagination(PageNumberPagination):
    """?page=N&page_size=M (at most 100); answers {items, count, page, page_size}."""

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    def __init__(self, **kwargs):
        super().__init__(page_size=20, max_page_size=100, **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        page_size = self._get_page_size(pagination.page_size)
        result = super().paginate_queryset(queryset, pagination, request, **params)
        return {**result, "page": pagination.page, "page_size": page_size}
