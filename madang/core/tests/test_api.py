import pytest
from django.utils import timezone

from madang.accounts.choices import ApiScope
from madang.accounts.services import api_token_create
from madang.core.models import AuditLog
from madang.departments.models import Department
from madang.departments.services import department_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments():
    parent = department_create(acting_user=None, code="traffic", name_ko="교통행정과")
    for i in range(25):
        department_create(
            acting_user=None, code=f"d{i:02}", name_ko=f"부서{i:02}", sort_order=i, parent=parent
        )


def bearer(user, *scopes, **kw):
    _, raw = api_token_create(acting_user=None, user=user, name="t", scopes=list(scopes), **kw)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_openapi_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/departments" in schema["paths"]
    assert "/api/v1/audit-log" in schema["paths"]
    assert set(schema["paths"]["/api/v1/audit-log"]) == {"get"}


def test_list_is_paginated(client, departments):
    body = client.get("/api/v1/departments?page=2&page_size=10").json()
    assert (body["count"], body["page"], body["page_size"]) == (26, 2, 10)
    assert [d["code"] for d in body["items"]][:2] == ["d09", "d10"]
    assert body["items"][0]["parent_code"] == "traffic"


def test_page_size_is_capped(client, departments):
    assert client.get("/api/v1/departments?page_size=1000").json()["page_size"] == 100


def test_list_query_count_is_fixed(client, departments, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/api/v1/departments?page_size=100")


def test_errors_share_one_shape(client):
    not_found = client.get("/api/v1/departments/nope")
    assert not_found.status_code == 404
    assert not_found.json() == {
        "code": "not_found",
        "message": "요청한 자료를 찾을 수 없습니다.",
        "details": [],
    }
    unauth = client.get("/api/v1/audit-log")
    assert unauth.status_code == 401
    assert unauth.json()["code"] == "unauthorized"
    invalid = client.get("/api/v1/departments?page=0")
    assert invalid.status_code == 422
    body = invalid.json()
    assert body["code"] == "invalid" and body["details"][0]["field"].endswith("page")


def test_create_with_scoped_token_leaves_audit_row(client, superuser):
    headers = bearer(superuser, ApiScope.DEPARTMENTS_WRITE)
    response = client.post(
        "/api/v1/departments",
        {"code": "parks", "name_ko": "공원녹지과"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    row = AuditLog.objects.get(action="department.create")
    assert row.actor == superuser


def test_token_without_scope_is_refused(client, superuser):
    response = client.post(
        "/api/v1/departments",
        {"code": "parks", "name_ko": "공원녹지과"},
        content_type="application/json",
        **bearer(superuser, ApiScope.READ),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert not Department.objects.filter(code="parks").exists()


def test_staff_without_permission_is_refused(client, staff_user):
    response = client.post(
        "/api/v1/departments",
        {"code": "parks", "name_ko": "공원녹지과"},
        content_type="application/json",
        **bearer(staff_user, ApiScope.DEPARTMENTS_WRITE),
    )
    assert response.status_code == 403


def test_validation_error_names_the_field(client, superuser):
    response = client.post(
        "/api/v1/departments",
        {"code": "bad code", "name_ko": "가"},
        content_type="application/json",
        **bearer(superuser, ApiScope.DEPARTMENTS_WRITE),
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "code"


def test_patch_records_change(client, superuser, departments):
    response = client.patch(
        "/api/v1/departments/d01",
        {"phone": "02-820-0000"},
        content_type="application/json",
        **bearer(superuser, ApiScope.DEPARTMENTS_WRITE),
    )
    assert response.status_code == 200
    assert AuditLog.objects.get(action="department.update").changes == {
        "phone": ["", "02-820-0000"]
    }


def test_audit_log_is_read_only_over_the_api(client, superuser, departments):
    headers = bearer(superuser, ApiScope.AUDIT_READ)
    body = client.get("/api/v1/audit-log?action=department.create&page_size=5", **headers).json()
    assert body["count"] == 26
    assert body["items"][0]["action"] == "department.create"
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/audit-log", **headers)
        assert response.status_code == 405


def test_revoked_and_expired_tokens_fail(client, superuser):
    from madang.accounts.models import ApiToken
    from madang.accounts.services import api_token_revoke

    headers = bearer(superuser, ApiScope.AUDIT_READ)
    token = ApiToken.objects.get()
    api_token_revoke(acting_user=superuser, token=token)
    assert client.get("/api/v1/audit-log", **headers).status_code == 401
    expired = bearer(
        superuser, ApiScope.AUDIT_READ, expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert client.get("/api/v1/audit-log", **expired).status_code == 401


def test_staff_session_can_read(client, superuser):
    client.force_login(superuser)
    assert client.get("/api/v1/audit-log").status_code == 200
