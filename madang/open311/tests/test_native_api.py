"""The native complaints API (/api/v1/) sits beside Open311: its endpoints are in the OpenAPI
schema, and the owner reads a 민원 by 접수번호."""

import pytest

from madang.accounts.models import User
from madang.complaints.choices import ComplaintKind
from madang.complaints.services import Complainant, complaint_submit


@pytest.mark.django_db
def test_complaint_endpoints_in_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "post" in paths["/api/v1/complaints"]
    read = paths["/api/v1/complaints/{receipt_number}"]["get"]
    assert {p["name"] for p in read["parameters"]} == {"receipt_number"}
    assert {"200", "404"} <= set(read["responses"])
    assert "/open311/v2/" not in str(paths)  # GeoReport has its own spec, not this schema


@pytest.mark.django_db
def test_owner_reads_own_complaint_by_receipt_number(client):
    owner = User.objects.create_user(username="owner", password="pw-Long-enough-1!")
    other = User.objects.create_user(username="other", password="pw-Long-enough-1!")
    complaint = complaint_submit(
        acting_user=owner,
        citizen=owner,
        kind=ComplaintKind.INQUIRY,
        title="질의",
        body="내용",
        complainant=Complainant(name="홍길동"),
        consent_given=True,
    )
    url = f"/api/v1/complaints/{complaint.receipt_number}"
    assert client.get(url).status_code == 401
    client.force_login(owner)
    body = client.get(url).json()
    assert body["receipt_number"] == complaint.receipt_number and body["status"] == "received"
    client.force_login(other)
    response = client.get(url)
    assert response.status_code == 404 and response.json()["code"] == "not_found"
