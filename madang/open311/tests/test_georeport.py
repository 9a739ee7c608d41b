"""Open311 GeoReport v2 at /open311/v2/: every endpoint in XML and JSON, keys, errors, filters
and a round trip (POST, then the staff answer shows up in GET)."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from madang.accounts.models import User
from madang.complaints.choices import ComplaintChannel, ComplaintKind, ComplaintStatus
from madang.complaints.models import Complaint, ComplaintAnswer, ComplaintField
from madang.complaints.services import Complainant, complaint_submit
from madang.core.models import AuditLog
from madang.departments.models import Department
from madang.open311.models import Open311Client, Open311Request
from madang.open311.selectors import hash_key
from madang.open311.services import open311_client_create, open311_client_deactivate
from madang.privacy.testing import assert_no_plaintext_in_database

BASE = "/open311/v2/"
JURISDICTION = "test.go.kr"


@pytest.fixture(autouse=True)
def _setup(settings):
    cache.clear()
    settings.OPEN311_JURISDICTION_ID = JURISDICTION
    settings.OPEN311_RATE_LIMIT_READS = 1000
    settings.OPEN311_RATE_LIMIT_WRITES = 1000
    yield
    cache.clear()


@pytest.fixture
def key(db):
    _client, raw = open311_client_create(acting_user=None, name="생활불편 앱")
    return raw


@pytest.fixture
def department(db):
    return Department.objects.create(
        code="roads", name_ko="도로과", name_en="Roads Division", phone="02-820-1234"
    )


@pytest.fixture
def road_field(department):
    return ComplaintField.objects.create(name="도로·보도", department=department, keywords="도로")


def xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)  # noqa: S314  (our own response)


def js(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def post_data(**overrides):
    data = {
        "service_code": "other",
        "lat": "37.5124",
        "long": "126.9393",
        "address_string": "서울 동작구 상도로 1",
        "description": "가로등이 꺼져 있습니다.\n밤에 어둡습니다. 연락처 010-2345-6789",
        "first_name": "길동",
        "last_name": "홍",
        "email": "hong@example.com",
        "phone": "010-2345-6789",
        "account_id": "app-user-77",
        "device_id": "device-xyz",
        "media_url": "https://photos.example.com/1.jpg",
        "attribute[consent]": "agree",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def file_request(client, key, fmt="json", **overrides):
    return client.post(f"{BASE}requests.{fmt}", post_data(api_key=key, **overrides))


# --- discovery and services -------------------------------------------------------------------


@pytest.mark.django_db
def test_discovery_both_formats(client):
    data = js(client.get(f"{BASE}discovery.json"))
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["url"].endswith("/open311/v2")
    root = xml(client.get(f"{BASE}discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == [
        "text/xml",
        "application/json",
    ]
    assert root.find("key_service").text
    assert data["changeset"] == "2026-12-02 00:00"  # nothing configured yet


@pytest.mark.django_db
def test_discovery_changeset_moves_when_services_change(client, road_field):
    before = js(client.get(f"{BASE}discovery.json"))["changeset"]
    ComplaintField.objects.filter(pk=road_field.pk).update(
        updated_at=timezone.now() + timedelta(minutes=5)
    )
    after = js(client.get(f"{BASE}discovery.json"))["changeset"]
    assert after > before


@pytest.mark.django_db
def test_services_list_kinds_and_fields(client, road_field):
    data = js(client.get(f"{BASE}services.json"))
    codes = [s["service_code"] for s in data]
    assert codes[:5] == ["other", "suggestion", "inquiry", "grievance", "statutory"]
    assert f"field-{road_field.pk}" in codes
    road = next(s for s in data if s["service_code"] == f"field-{road_field.pk}")
    assert road["service_name"] == "도로·보도"
    assert road["type"] == "realtime" and road["metadata"] is True
    assert road["keywords"] == "도로" and road["group"] == "민원 분야"
    assert set(road) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }

    root = xml(client.get(f"{BASE}services.xml", {"jurisdiction_id": JURISDICTION}))
    assert root.tag == "services"
    assert all(child.tag == "service" for child in root)
    first = root[0]
    assert first.find("service_code").text == "other"
    assert first.find("service_name").text == "기타민원"
    assert first.find("metadata").text == "true"
    assert first.find("type").text == "realtime"


@pytest.mark.django_db
def test_inactive_field_is_not_a_service(client, road_field):
    road_field.is_active = False
    road_field.save()
    codes = [s["service_code"] for s in js(client.get(f"{BASE}services.json"))]
    assert f"field-{road_field.pk}" not in codes
    assert client.get(f"{BASE}services/field-{road_field.pk}.json").status_code == 404


@pytest.mark.django_db
def test_service_definition_json_and_xml(client, road_field):
    data = js(client.get(f"{BASE}services/field-{road_field.pk}.json"))
    assert data["service_code"] == f"field-{road_field.pk}"
    by_code = {a["code"]: a for a in data["attributes"]}
    assert list(by_code) == [
        "privacy_notice",
        "consent",
        "title",
        "kind",
        "inquiry_subkind",
        "reply_channel",
    ]
    assert [a["order"] for a in data["attributes"]] == [1, 2, 3, 4, 5, 6]
    assert by_code["privacy_notice"]["variable"] is False
    assert "수집·이용 목적" in by_code["privacy_notice"]["description"]
    consent = by_code["consent"]
    assert consent["required"] is True and consent["datatype"] == "singlevaluelist"
    assert consent["values"] == [{"key": "agree", "name": "동의합니다"}]
    assert set(consent) == {
        "variable",
        "code",
        "datatype",
        "required",
        "datatype_description",
        "order",
        "description",
        "values",
    }

    root = xml(client.get(f"{BASE}services/other.xml"))
    assert root.tag == "service_definition"
    assert root.find("service_code").text == "other"
    attrs = root.find("attributes")
    assert all(a.tag == "attribute" for a in attrs)
    consent = next(a for a in attrs if a.find("code").text == "consent")
    assert consent.find("required").text == "true"
    value = consent.find("values/value")
    assert value.find("key").text == "agree" and value.find("name").text == "동의합니다"
    # A kind service has no "kind" attribute; only inquiries ask for the sub-kind.
    assert "kind" not in [a.find("code").text for a in attrs]
    assert "inquiry_subkind" not in [a.find("code").text for a in attrs]


@pytest.mark.django_db
def test_unknown_service_definition_is_404_in_both_formats(client):
    response = client.get(f"{BASE}services/potholes.json")
    assert response.status_code == 404
    errors = js(response)
    assert errors[0]["code"] == 404 and "potholes" in errors[0]["description"]
    root = xml(client.get(f"{BASE}services/potholes.xml"))
    assert root.tag == "errors" and root[0].tag == "error"
    assert root.find("error/code").text == "404"


@pytest.mark.django_db
def test_wrong_jurisdiction_is_404_everywhere(client, key):
    for url in ("services.json", "services/other.json", "requests.json", "discovery.json"):
        response = client.get(BASE + url, {"jurisdiction_id": "sfgov.org"})
        assert response.status_code == 404, url
        assert "sfgov.org" in js(response)[0]["description"]
    response = client.post(
        f"{BASE}requests.xml", post_data(api_key=key, jurisdiction_id="sfgov.org")
    )
    assert response.status_code == 404
    assert xml(response).find("error/code").text == "404"
    assert not Complaint.objects.exists()
    # empty = not given (GeoReport "optional arguments")
    assert client.get(f"{BASE}services.json", {"jurisdiction_id": ""}).status_code == 200


@pytest.mark.django_db
def test_unknown_format(client):
    response = client.get(f"{BASE}services.csv")
    assert response.status_code == 400
    assert xml(response).tag == "errors"


# --- POST requests ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_post_files_a_complaint_json(client, key, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = file_request(client, key)
    assert response.status_code == 200
    body = js(response)
    assert isinstance(body, list) and len(body) == 1
    out = body[0]
    complaint = Complaint.objects.get()
    assert out["service_request_id"] == complaint.receipt_number
    assert out["account_id"] == "app-user-77"
    assert "token" not in out  # realtime: service_request_id, never a token
    assert complaint.receipt_number in out["service_notice"]
    assert "처리기한" in out["service_notice"]
    # One intake path: channel API, the kind's period, consent recorded, the name Korean-style
    assert complaint.channel == ComplaintChannel.API
    assert complaint.kind == ComplaintKind.OTHER and complaint.period == "즉시"
    assert complaint.complainant_name == "홍길동"
    assert complaint.title == "가로등이 꺼져 있습니다."
    assert complaint.reply_channel == "email"
    assert complaint.identity_verified_by == "open311"
    assert complaint.latitude is not None and complaint.place_address == "서울 동작구 상도로 1"
    link = Open311Request.objects.get()
    assert link.complaint == complaint and link.service_code == "other"
    assert link.media_url == "https://photos.example.com/1.jpg"
    assert AuditLog.objects.filter(action="complaint.submit", object_id=str(complaint.pk)).exists()
    audit = AuditLog.objects.get(action="open311.request_submit")
    assert audit.changes["client_name"] == "생활불편 앱"
    # personal data encrypted, as in the web flow
    assert_no_plaintext_in_database(["홍길동", "hong@example.com", "app-user-77", "device-xyz"])


@pytest.mark.django_db
def test_post_xml_response(client, key):
    response = file_request(client, key, fmt="xml")
    assert response.status_code == 200
    root = xml(response)
    assert root.tag == "service_requests" and root[0].tag == "request"
    request = root[0]
    assert request.find("service_request_id").text == Complaint.objects.get().receipt_number
    assert request.find("service_notice").text
    assert request.find("account_id").text == "app-user-77"
    assert request.find("token") is None


@pytest.mark.django_db
def test_post_to_a_field_routes_to_its_department(client, key, road_field, department):
    response = file_request(
        client,
        key,
        service_code=f"field-{road_field.pk}",
        **{"attribute[kind]": "suggestion", "attribute[title]": "보도 정비 건의"},
    )
    assert response.status_code == 200, response.content
    complaint = Complaint.objects.get()
    assert complaint.field == road_field and complaint.department == department
    assert complaint.kind == ComplaintKind.SUGGESTION and complaint.period == "14d"
    assert complaint.title == "보도 정비 건의"


@pytest.mark.django_db
def test_chosen_field_wins_over_keyword_routing(client, key, road_field):
    lights_dept = Department.objects.create(code="lights", name_ko="가로등팀", phone="02-1")
    ComplaintField.objects.create(name="가로등", department=lights_dept, keywords="가로등")
    response = file_request(client, key, service_code=f"field-{road_field.pk}")
    assert response.status_code == 200
    complaint = Complaint.objects.get()  # the text says 가로등, the citizen chose 도로·보도
    assert complaint.field == road_field and complaint.department == road_field.department
    # the same text through a kind service is routed by the keywords
    file_request(client, key)
    routed = Complaint.objects.exclude(pk=complaint.pk).get()
    assert routed.field.name == "가로등" and routed.department == lights_dept


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_without_key_or_with_bad_key_is_403(client, fmt, key):
    data = post_data()
    response = client.post(f"{BASE}requests.{fmt}", data)
    assert response.status_code == 403
    response = client.post(f"{BASE}requests.{fmt}", {**data, "api_key": "o311_nope"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "api_key" in text
    client_row = Open311Client.objects.get()
    open311_client_deactivate(acting_user=None, client=client_row)
    assert client.post(f"{BASE}requests.{fmt}", {**data, "api_key": key}).status_code == 403
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_post_missing_fields_400_with_each_error(client, key):
    response = file_request(
        client,
        key,
        description="",
        first_name="",
        last_name="",
        **{"attribute[consent]": None},
    )
    assert response.status_code == 400
    errors = js(response)
    assert all(e["code"] == 400 for e in errors)
    text = " ".join(e["description"] for e in errors)
    assert "attribute[consent]" in text
    assert "first_name" in text
    assert not Complaint.objects.exists()

    response = file_request(client, key, description="", fmt="xml")
    assert response.status_code == 400
    root = xml(response)
    assert [e.find("description").text.split(":")[0] for e in root] == ["description"]


@pytest.mark.django_db
def test_post_bad_values(client, key):
    response = file_request(client, key, lat="north", **{"attribute[consent]": "yes"})
    assert response.status_code == 400
    text = " ".join(e["description"] for e in js(response))
    assert "lat" in text and "agree" in text
    response = file_request(client, key, description="가" * 4001)
    assert response.status_code == 400
    assert "4000" in js(response)[0]["description"]


@pytest.mark.django_db
def test_post_missing_or_unknown_service(client, key):
    response = file_request(client, key, service_code=None)
    assert response.status_code == 400
    response = file_request(client, key, service_code="potholes")
    assert response.status_code == 404
    assert "potholes" in js(response)[0]["description"]


@pytest.mark.django_db
def test_post_statutory_needs_its_type(client, key):
    from madang.complaints.models import StatutoryComplaintType

    row = StatutoryComplaintType.objects.create(name="옥외광고물 신고", period="5d")
    response = file_request(client, key, service_code="statutory")
    assert response.status_code == 400
    response = file_request(
        client, key, service_code="statutory", **{"attribute[statutory_type]": str(row.pk)}
    )
    assert response.status_code == 200
    assert Complaint.objects.get().statutory_type == row


@pytest.mark.django_db
def test_get_is_not_a_post_and_other_methods_refused(client):
    assert client.put(f"{BASE}requests.json").status_code == 400
    assert client.post(f"{BASE}services.json").status_code == 400


# --- GET requests -----------------------------------------------------------------------------


def _web_complaint(**fields) -> Complaint:
    return complaint_submit(
        acting_user=None,
        citizen=None,
        kind=fields.pop("kind", ComplaintKind.SUGGESTION),
        title="웹 민원",
        body="비밀 내용 010-9999-8888",
        complainant=Complainant(name="김철수", email="kim@example.com"),
        consent_given=True,
        place_address="상도동 123",
        **fields,
    )


@pytest.mark.django_db
def test_get_requests_public_view_hides_content(client):
    complaint = _web_complaint()
    data = js(client.get(f"{BASE}requests.json"))
    assert [r["service_request_id"] for r in data] == [complaint.receipt_number]
    row = data[0]
    assert row["status"] == "open" and row["status_notes"] == "접수"
    assert row["service_code"] == "suggestion" and row["service_name"] == "건의민원"
    assert row["description"] is None and row["address"] is None and row["lat"] is None
    assert row["requested_datetime"].endswith("+09:00")
    assert row["expected_datetime"] == timezone.localtime(complaint.due_at).isoformat(
        timespec="seconds"
    )
    assert "김철수" not in client.get(f"{BASE}requests.xml").content.decode()
    assert "비밀" not in client.get(f"{BASE}requests.xml").content.decode()
    assert set(row) == {
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    }


@pytest.mark.django_db
def test_get_requests_xml(client):
    complaint = _web_complaint()
    root = xml(client.get(f"{BASE}requests.xml"))
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request.find("service_request_id").text == complaint.receipt_number
    assert request.find("status").text == "open"
    assert request.find("description").text is None  # empty element


@pytest.mark.django_db
def test_get_request_by_id_both_formats_and_404(client):
    complaint = _web_complaint()
    data = js(client.get(f"{BASE}requests/{complaint.receipt_number}.json"))
    assert len(data) == 1 and data[0]["service_request_id"] == complaint.receipt_number
    root = xml(client.get(f"{BASE}requests/{complaint.receipt_number}.xml"))
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == complaint.receipt_number
    missing = client.get(f"{BASE}requests/2000-000001.xml")
    assert missing.status_code == 404 and xml(missing).find("error/code").text == "404"


@pytest.mark.django_db
def test_status_maps_to_open_and_closed(client):
    answered = _web_complaint()
    refused = _web_complaint()
    paused = _web_complaint()
    Complaint.objects.filter(pk=answered.pk).update(
        status=ComplaintStatus.ANSWERED, closed_at=timezone.now()
    )
    Complaint.objects.filter(pk=refused.pk).update(status=ComplaintStatus.REFUSED)
    Complaint.objects.filter(pk=paused.pk).update(status=ComplaintStatus.SUPPLEMENT)
    by_id = {r["service_request_id"]: r for r in js(client.get(f"{BASE}requests.json"))}
    assert by_id[answered.receipt_number]["status"] == "closed"
    assert by_id[refused.receipt_number]["status"] == "closed"
    assert by_id[paused.receipt_number]["status"] == "open"
    assert by_id[paused.receipt_number]["status_notes"] == "보완 요청 중"
    closed = js(client.get(f"{BASE}requests.json", {"status": "closed"}))
    assert {r["service_request_id"] for r in closed} == {
        answered.receipt_number,
        refused.receipt_number,
    }
    opened = js(client.get(f"{BASE}requests.json", {"status": "open"}))
    assert [r["service_request_id"] for r in opened] == [paused.receipt_number]
    both = js(client.get(f"{BASE}requests.json", {"status": "open,closed"}))
    assert len(both) == 3
    assert client.get(f"{BASE}requests.json", {"status": "pending"}).status_code == 400


@pytest.mark.django_db
def test_filters_by_service_code_and_ids(client, road_field):
    a = _web_complaint(kind=ComplaintKind.INQUIRY)
    b = _web_complaint(kind=ComplaintKind.SUGGESTION)
    c = _web_complaint(field=road_field)
    got = js(client.get(f"{BASE}requests.json", {"service_code": "inquiry"}))
    assert [r["service_request_id"] for r in got] == [a.receipt_number]
    got = js(
        client.get(f"{BASE}requests.json", {"service_code": f"suggestion,field-{road_field.pk}"})
    )
    assert {r["service_request_id"] for r in got} == {b.receipt_number, c.receipt_number}
    road = next(r for r in got if r["service_request_id"] == c.receipt_number)
    assert road["service_code"] == f"field-{road_field.pk}"
    assert road["agency_responsible"] == "도로과"
    # service_request_id overrides every other argument
    got = js(
        client.get(
            f"{BASE}requests.json",
            {
                "service_request_id": f"{a.receipt_number},{c.receipt_number}",
                "service_code": "grievance",
                "status": "closed",
            },
        )
    )
    assert {r["service_request_id"] for r in got} == {a.receipt_number, c.receipt_number}
    assert client.get(f"{BASE}requests.json", {"service_code": "<x>"}).status_code == 400


@pytest.mark.django_db
def test_date_filters(client):
    old, recent = _web_complaint(), _web_complaint()
    now = timezone.now()
    Complaint.objects.filter(pk=old.pk).update(received_at=now - timedelta(days=120))
    Complaint.objects.filter(pk=recent.pk).update(received_at=now - timedelta(days=10))

    def ids(**params):
        response = client.get(f"{BASE}requests.json", params)
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in js(response)]

    # default: the last 90 days
    assert ids() == [recent.receipt_number]
    start = (now - timedelta(days=130)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now - timedelta(days=100)).astimezone(timezone.get_fixed_timezone(540))
    assert ids(start_date=start, end_date=end.isoformat(timespec="seconds")) == [old.receipt_number]
    # only start_date: 90 days from it
    assert ids(start_date=start) == [old.receipt_number]
    # only end_date: the 90 days before it
    assert ids(end_date=now.strftime("%Y-%m-%dT%H:%M:%SZ")) == [recent.receipt_number]
    # a plain date is a whole day in Asia/Seoul
    day = timezone.localtime(now - timedelta(days=10)).date().isoformat()
    assert ids(start_date=day, end_date=day) == [recent.receipt_number]

    def error(**params):
        response = client.get(f"{BASE}requests.xml", params)
        assert response.status_code == 400
        return xml(response).find("error/description").text

    assert "90" in error(start_date=start, end_date=now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert "시간대" in error(start_date="2026-01-01T00:00:00")  # no time zone
    assert error(start_date="yesterday")
    assert error(start_date="2026-02-30T00:00:00Z")
    assert "앞섭니다" in error(start_date="2026-03-01T00:00:00Z", end_date="2026-02-01T00:00:00Z")


@pytest.mark.django_db
def test_at_most_1000_results(client, settings):
    settings.OPEN311_MAX_REQUESTS = 2
    for _ in range(3):
        _web_complaint()
    assert len(js(client.get(f"{BASE}requests.json"))) == 2


@pytest.mark.django_db
def test_list_query_count_is_fixed(client, key, django_assert_max_num_queries):
    for _ in range(3):
        file_request(client, key)
    _web_complaint()
    with django_assert_max_num_queries(6):
        assert len(js(client.get(f"{BASE}requests.json", {"api_key": key}))) == 4
    for _ in range(3):
        file_request(client, key)
    with django_assert_max_num_queries(6):
        assert len(js(client.get(f"{BASE}requests.json", {"api_key": key}))) == 7
    with django_assert_max_num_queries(2):  # public: content columns not even loaded
        assert len(js(client.get(f"{BASE}requests.json"))) == 7


@pytest.mark.django_db
def test_get_with_bad_key_is_403(client):
    response = client.get(f"{BASE}requests.json", {"api_key": "o311_wrong"})
    assert response.status_code == 403


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_round_trip_post_answer_get(client, key, department):
    """A client files, staff answer, the client sees the answer as status_notes; another
    client and the public see only the status."""
    from madang.complaints.handling import complaint_answer

    response = file_request(client, key)
    service_request_id = js(response)[0]["service_request_id"]
    complaint = Complaint.objects.get(receipt_number=service_request_id)

    own = js(client.get(f"{BASE}requests/{service_request_id}.json", {"api_key": key}))[0]
    assert own["status"] == "open"
    assert own["description"].startswith("가로등이 꺼져 있습니다.")
    assert "010-2345-6789" not in own["description"]  # masked, even for the client
    assert own["address"] == "서울 동작구 상도로 1"
    assert own["lat"] == pytest.approx(37.5124) and own["long"] == pytest.approx(126.9393)
    assert own["media_url"] == "https://photos.example.com/1.jpg"

    manager = User.objects.create_user(
        username="manager", password="x-Long-enough-1!", is_staff=True, is_superuser=True
    )
    Complaint.objects.filter(pk=complaint.pk).update(department=department)
    manager.department = department
    manager.save()
    complaint.refresh_from_db()
    complaint_answer(
        complaint=complaint,
        acting_user=manager,
        body="가로등을 고쳤습니다. 문의: 도로과 02-820-1234",
    )
    complaint.refresh_from_db()
    assert ComplaintAnswer.objects.filter(complaint=complaint).exists()

    own = js(client.get(f"{BASE}requests/{service_request_id}.json", {"api_key": key}))[0]
    assert own["status"] == "closed"
    assert own["status_notes"].startswith("가로등을 고쳤습니다.")
    assert own["agency_responsible"] == "도로과"
    assert own["updated_datetime"] == timezone.localtime(complaint.closed_at).isoformat(
        timespec="seconds"
    )

    public = js(client.get(f"{BASE}requests/{service_request_id}.json"))[0]
    assert public["status"] == "closed" and public["status_notes"] == "처리 완료"
    assert public["description"] is None

    _other, other_key = open311_client_create(acting_user=None, name="다른 앱")
    other = js(client.get(f"{BASE}requests/{service_request_id}.json", {"api_key": other_key}))
    assert other[0]["status_notes"] == "처리 완료" and other[0]["description"] is None


# --- keys and limits --------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_open311_key_command_prints_key_once():
    out, err = StringIO(), StringIO()
    call_command("create_open311_key", "동네 앱", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("o311_") and len(raw) > 40
    row = Open311Client.objects.get()
    assert row.name == "동네 앱" and row.is_active
    assert row.key_hash == hash_key(raw) and raw not in row.key_hash
    assert "not shown again" in err.getvalue()
    assert AuditLog.objects.filter(action="open311_client.create").exists()


@pytest.mark.django_db
def test_deactivate_command(key):
    out = StringIO()
    call_command("deactivate_open311_key", key[:12], stdout=out)
    assert not Open311Client.objects.get().is_active


@pytest.mark.django_db
def test_rate_limit_per_key(client, key, settings):
    settings.OPEN311_RATE_LIMIT_WRITES = 2
    assert file_request(client, key).status_code == 200
    assert file_request(client, key).status_code == 200
    response = file_request(client, key)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "다시 시도" in js(response)[0]["description"]
    assert Complaint.objects.count() == 2
    # another key has its own budget
    _c, other = open311_client_create(acting_user=None, name="다른 앱")
    assert file_request(client, other).status_code == 200


@pytest.mark.django_db
def test_rate_limit_reads_per_address(client, settings):
    settings.OPEN311_RATE_LIMIT_READS = 2
    assert client.get(f"{BASE}services.json").status_code == 200
    assert client.get(f"{BASE}services.json").status_code == 200
    assert client.get(f"{BASE}services.xml").status_code == 429


@pytest.mark.django_db
def test_xml_escapes_and_drops_illegal_characters(client, key):
    text = "<b>&amp; \"따옴표\" 'x'</b>\x01 끝"
    response = file_request(client, key, description=text, **{"attribute[title]": "제목"})
    assert response.status_code == 200
    rid = js(response)[0]["service_request_id"]
    root = xml(client.get(f"{BASE}requests/{rid}.xml", {"api_key": key}))
    assert root.find("request/description").text == "<b>&amp; \"따옴표\" 'x'</b> 끝"


@pytest.mark.django_db
def test_english_when_the_client_asks_for_it(client, key):
    services = js(client.get(f"{BASE}services.json", HTTP_ACCEPT_LANGUAGE="en"))
    assert services[0]["service_name"] != "기타민원" and services[0]["service_name"].isascii()
    response = client.post(
        f"{BASE}requests.json",
        post_data(api_key=key, service_code="nope"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 404
    assert "was not found" in js(response)[0]["description"]
    korean = client.get(f"{BASE}services.json")
    assert js(korean)[0]["service_name"] == "기타민원"
    assert korean["Content-Language"] == "ko"
