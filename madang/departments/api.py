from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from madang.accounts.choices import ApiScope
from madang.core.api_base import STAFF_AUTH, ApiError, ErrorOut, MadangPagination, require_scope

from .models import Department
from .selectors import department_list
from .services import department_create, department_update

router = Router(tags=["departments"])


class DepartmentOut(Schema):
    code: str
    name_ko: str
    name_en: str
    parent_code: str | None
    phone: str
    email: str
    location: str
    duties: str

    @staticmethod
    def resolve_parent_code(obj: Department) -> str | None:
        return obj.parent.code if obj.parent_id else None


class DepartmentIn(Schema):
    code: str
    name_ko: str
    name_en: str = ""
    parent_code: str | None = None
    phone: str = ""
    email: str = ""
    location: str = ""
    duties: str = ""
    sort_order: int = 0


class DepartmentPatch(Schema):
    name_ko: str | None = None
    name_en: str | None = None
    parent_code: str | None = None
    phone: str | None = None
    email: str | None = None
    location: str | None = None
    duties: str | None = None
    sort_order: int | None = None
    is_active: bool | None = None


def _validation_error(exc: ValidationError) -> ApiError:
    details = [
        {"field": field, "messages": [str(m) for m in messages]}
        for field, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items()
    ]
    return ApiError(422, "invalid", _("입력값을 확인하세요: ") + " ".join(exc.messages), details)


def _resolve_parent(code: str | None) -> Department | None:
    if not code:
        return None
    parent = Department.objects.filter(code=code).first()
    if parent is None:
        raise ApiError(
            422,
            "invalid",
            _("상위 부서 코드 '%(code)s'를 찾을 수 없습니다. 부서 목록의 code를 쓰세요.")
            % {"code": code},
        )
    return parent


@router.get("/departments", response=list[DepartmentOut], auth=None)
@paginate(MadangPagination)
def list_departments(request, q: str = ""):
    """The district's active departments in display order (public: the 조직도 is public)."""
    qs = department_list()
    if q:
        qs = qs.filter(Q(name_ko__icontains=q) | Q(name_en__icontains=q) | Q(duties__icontains=q))
    return qs


@router.get("/departments/{code}", response={200: DepartmentOut, 404: ErrorOut}, auth=None)
def get_department(request, code: str):
    return get_object_or_404(department_list(), code=code)


@router.post(
    "/departments", response={201: DepartmentOut, 403: ErrorOut, 422: ErrorOut}, auth=STAFF_AUTH
)
def create_department(request, payload: DepartmentIn):
    """Create a department. Needs the `departments:write` scope; leaves an audit row."""
    require_scope(request, ApiScope.DEPARTMENTS_WRITE)
    if not request.user.has_perm("departments.add_department"):
        raise ApiError(403, "forbidden", _("부서를 만들 권한이 없습니다."))
    data = payload.dict()
    data["parent"] = _resolve_parent(data.pop("parent_code"))
    try:
        department = department_create(acting_user=request.user, **data)
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    return Status(201, department)


@router.patch(
    "/departments/{code}",
    response={200: DepartmentOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=STAFF_AUTH,
)
def update_department(request, code: str, payload: DepartmentPatch):
    """Change some fields of a department. Needs `departments:write`; leaves an audit row."""
    require_scope(request, ApiScope.DEPARTMENTS_WRITE)
    if not request.user.has_perm("departments.change_department"):
        raise ApiError(403, "forbidden", _("부서 정보를 바꿀 권한이 없습니다."))
    department = get_object_or_404(Department, code=code)
    data = payload.dict(exclude_unset=True)
    if "parent_code" in data:
        data["parent"] = _resolve_parent(data.pop("parent_code"))
    try:
        department = department_update(acting_user=request.user, department=department, **data)
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    return department
