"""Madang's native API under /api/v1/, with its OpenAPI 3 schema at /api/v1/openapi.json."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from madang.boards.api import router as boards_router
from madang.complaints.api import router as complaints_router
from madang.core.api import router as audit_router
from madang.core.api_base import ApiError
from madang.departments.api import router as departments_router

api = NinjaAPI(
    title="Madang API",
    version="1",
    description=(
        "마당 API. 모든 오류는 {code, message, details} 형식으로 응답합니다. "
        "직원·연동 시스템은 `Authorization: Bearer <토큰>`으로 인증합니다."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _error(request, status: int, code: str, message: str, details=None):
    return api.create_response(
        request, {"code": code, "message": message, "details": details or []}, status=status
    )


@api.exception_handler(ApiError)
def on_api_error(request, exc: ApiError):
    return _error(request, exc.status_code, exc.code, str(exc), exc.details)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    details = [
        {"field": ".".join(str(p) for p in err.get("loc", [])), "message": err.get("msg", "")}
        for err in exc.errors
    ]
    return _error(
        request, 422, "invalid", _("요청 형식이 올바르지 않습니다. details를 확인하세요."), details
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(
        request,
        401,
        "unauthorized",
        _("인증이 필요합니다. 유효한 API 토큰을 Authorization: Bearer 헤더로 보내세요."),
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "not_found", _("요청한 자료를 찾을 수 없습니다."))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return _error(request, 403, "forbidden", _("이 작업을 할 권한이 없습니다."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _error(request, exc.status_code, "error", str(exc))


api.add_router("", departments_router)
api.add_router("", audit_router)
api.add_router("", complaints_router)
api.add_router("", boards_router)
