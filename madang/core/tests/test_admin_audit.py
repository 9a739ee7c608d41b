import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from madang.core.audit import audit_log_record
from madang.core.models import AuditLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def row():
    with transaction.atomic():
        return audit_log_record(
            acting_user=None, action="department.update", object_type="departments.department",
            object_id="1", object_repr="주차관리과", changes={"phone": ["1", "2"]},
        )  # fmt: skip


def test_superuser_can_list_and_inspect(client, superuser, row):
    client.force_login(superuser)
    listing = client.get(reverse("audit_log:index"))
    assert listing.status_code == 200
    assert "주차관리과" in listing.content.decode()
    detail = client.get(reverse("audit_log:inspect", args=[row.pk]))
    assert detail.status_code == 200
    assert "phone" in detail.content.decode()


@pytest.mark.parametrize("name", ["add", "edit", "delete"])
def test_no_admin_url_changes_an_audit_row(name):
    with pytest.raises(NoReverseMatch):
        reverse(f"audit_log:{name}", args=[] if name == "add" else [1])


@pytest.mark.parametrize("path", ["new/", "edit/{pk}/", "delete/{pk}/"])
def test_posting_to_would_be_change_urls_finds_nothing(client, superuser, row, path):
    client.force_login(superuser)
    url = reverse("audit_log:index") + path.format(pk=row.pk)
    assert client.post(url, {"action": "x"}).status_code == 404
    assert AuditLog.objects.get(pk=row.pk).action == "department.update"


def test_staff_without_view_permission_is_kept_out(client, staff_user, row):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff_user)
    response = client.get(reverse("audit_log:index"))
    assert response.status_code in (302, 403)
