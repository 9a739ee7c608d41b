import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from madang.core.models import AuditLog
from madang.departments.models import Department
from madang.departments.services import department_create, department_update

pytestmark = pytest.mark.django_db


def make(code="civil", **kw):
    return department_create(acting_user=None, code=code, name_ko=kw.pop("name_ko", "민원과"), **kw)


def test_create_writes_department_and_audit_row(staff_user):
    dept = department_create(
        acting_user=staff_user, code="parking", name_ko="주차관리과", phone="02-820-9771"
    )
    row = AuditLog.objects.get(action="department.create")
    assert row.actor == staff_user
    assert row.object_id == str(dept.pk)
    assert row.changes["name_ko"] == "주차관리과"


def test_update_records_old_and_new_values_only_for_changes(staff_user):
    dept = make(phone="02-1")
    department_update(acting_user=staff_user, department=dept, phone="02-2", name_ko="민원과")
    row = AuditLog.objects.get(action="department.update")
    assert row.changes == {"phone": ["02-1", "02-2"]}


def test_update_without_change_writes_no_row(staff_user):
    dept = make()
    department_update(acting_user=staff_user, department=dept, name_ko="민원과")
    assert not AuditLog.objects.filter(action="department.update").exists()


def test_invalid_department_is_refused_and_nothing_is_written(staff_user):
    with pytest.raises(ValidationError) as exc:
        department_create(acting_user=staff_user, code="bad code!", name_ko="")
    assert set(exc.value.message_dict) >= {"code", "name_ko"}
    assert not Department.objects.exists()
    assert not AuditLog.objects.exists()


def test_cycle_in_parents_is_refused(staff_user):
    top = make("top")
    child = make("child", parent=top)
    with pytest.raises(ValidationError, match="하위 부서"):
        department_update(acting_user=staff_user, department=top, parent=child)
    top.refresh_from_db()
    assert top.parent is None


def test_unknown_field_is_a_programming_error():
    with pytest.raises(TypeError):
        department_create(acting_user=None, code="x", name_ko="x", budget=1)


def test_display_name_follows_language():
    from django.utils import translation

    dept = Department(name_ko="주차관리과", name_en="Parking Division")
    with translation.override("en"):
        assert str(dept) == "Parking Division"
    with translation.override("ko"):
        assert str(dept) == "주차관리과"


class TestAdmin:
    def test_create_from_admin_goes_through_the_service(self, client, superuser):
        client.force_login(superuser)
        url = reverse("wagtailsnippets_departments_department:add")
        response = client.post(
            url,
            {
                "name_ko": "공원녹지과",
                "name_en": "Parks Division",
                "code": "parks",
                "phone": "02-820-1838",
                "email": "",
                "location": "",
                "duties": "",
                "sort_order": "0",
                "is_active": "on",
            },
        )
        assert response.status_code == 302, response.content[:2000]
        dept = Department.objects.get(code="parks")
        row = AuditLog.objects.get(action="department.create")
        assert (row.actor, row.object_id) == (superuser, str(dept.pk))
        assert row.ip_address == "127.0.0.1"

    def test_edit_from_admin_records_the_change(self, client, superuser):
        dept = make("parks", name_ko="공원과")
        client.force_login(superuser)
        url = reverse("wagtailsnippets_departments_department:edit", args=[dept.pk])
        response = client.post(
            url,
            {
                "name_ko": "공원녹지과",
                "name_en": "",
                "code": "parks",
                "phone": "",
                "email": "",
                "location": "",
                "duties": "",
                "sort_order": "0",
                "is_active": "on",
            },
        )
        assert response.status_code == 302
        row = AuditLog.objects.get(action="department.update")
        assert row.changes == {"name_ko": ["공원과", "공원녹지과"]}
        assert row.actor == superuser

    def test_admin_shows_service_validation_errors_and_keeps_input(self, client, superuser):
        top = make("top", name_ko="상위과")
        child = make("child", name_ko="하위과", parent=top)
        client.force_login(superuser)
        url = reverse("wagtailsnippets_departments_department:edit", args=[top.pk])
        response = client.post(
            url,
            {
                "name_ko": "상위과 수정",
                "code": "top",
                "parent": str(child.pk),
                "sort_order": "0",
                "is_active": "on",
            },
        )
        assert response.status_code == 200
        assert "하위 부서" in response.content.decode()
        assert "상위과 수정" in response.content.decode()
        top.refresh_from_db()
        assert top.name_ko == "상위과"

    def test_delete_is_refused(self, client, superuser):
        dept = make()
        client.force_login(superuser)
        url = reverse("wagtailsnippets_departments_department:delete", args=[dept.pk])
        response = client.post(url)
        assert response.status_code == 302
        assert Department.objects.filter(pk=dept.pk).exists()
