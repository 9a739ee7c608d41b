"""The filing steps, guest verification, receipt, my complaints and the API."""

import re
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.urls import reverse

from madang.complaints import views
from madang.complaints.choices import ComplaintKind
from madang.complaints.models import Complaint, ComplaintDraft, GuestVerification
from madang.complaints.services import Complainant, complaint_submit

from .conftest import PNG

FORM = {
    "kind": "suggestion",
    "title": "공원 벤치 설치 건의",
    "body": "보라매공원 산책로에 벤치를 더 놓아 주세요. 연락처 010-9876-5432",
    "name": "이시민",
    "phone": "010-9876-5432",
    "email": "lee@example.com",
    "reply_channel": "web",
    "consent": "on",
}


def _file(client, data=None, files=()):
    payload = {**FORM, **(data or {})}
    if files:
        payload["attachments"] = list(files)
    response = client.post(reverse("complaints:write"), payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    confirm_url = response["Location"]
    page = client.get(confirm_url)
    assert page.status_code == 200
    return confirm_url, page


@pytest.mark.django_db
def test_signed_in_citizen_files_and_sees_receipt(
    client, citizen, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    start = client.get(reverse("complaints:start"))
    assert "질의민원" in start.content.decode() and "krds-step-wrap" in start.content.decode()
    step = client.get(reverse("complaints:start"), {"kind": "suggestion"})
    assert step["Location"].startswith(reverse("complaints:write"))
    assert client.get(step["Location"]).status_code == 200
    confirm_url, page = _file(client, files=[SimpleUploadedFile("사진.png", PNG)])
    html = page.content.decode()
    assert "처리기한은" in html and "14일" in html and "사진.png" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url)
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:receipt", args=[complaint.receipt_number])
    receipt = client.get(response["Location"]).content.decode()
    assert complaint.receipt_number in receipt
    assert re.fullmatch(r"\d{4}-\d{6}", complaint.receipt_number)
    assert "010-9876-5432" not in receipt  # the body is masked on screen
    assert complaint.citizen == citizen and complaint.attachments.count() == 1
    assert not ComplaintDraft.objects.exists()
    assert mail.outbox[-1].to == ["lee@example.com"]
    mine = client.get(reverse("complaints:mine")).content.decode()
    assert complaint.receipt_number in mine


@pytest.mark.django_db
def test_invalid_form_keeps_everything_typed(client, citizen):
    client.force_login(citizen)
    data = {**FORM, "title": "", "consent": ""}
    data["attachments"] = [SimpleUploadedFile("a.png", PNG)]
    response = client.post(reverse("complaints:write"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "제목을 입력하세요." in html and "동의해야" in html
    assert "보라매공원 산책로에 벤치를" in html and 'value="이시민"' in html
    assert "첨부파일은 다시 선택해야" in html
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_back_from_confirm_keeps_draft_and_attachments(client, citizen):
    client.force_login(citizen)
    confirm_url, _ = _file(client, files=[SimpleUploadedFile("a.png", PNG)])
    draft = ComplaintDraft.objects.get()
    edit = client.get(reverse("complaints:write") + f"?draft={draft.pk}").content.decode()
    assert "보라매공원" in edit and "a.png" in edit
    other = client.__class__()
    assert other.get(confirm_url).status_code in (302, 404)


@pytest.mark.django_db
def test_deadline_preview_fragment(client):
    html = client.get(reverse("complaints:deadline"), {"kind": "other"}).content.decode()
    assert "3근무시간" in html
    html = client.get(
        reverse("complaints:deadline"), {"kind": "inquiry", "inquiry_subkind": "law"}
    ).content.decode()
    assert "14일" in html
    assert "고르면" in client.get(reverse("complaints:deadline")).content.decode()


@pytest.mark.django_db
def test_guest_verifies_email_then_files(client, django_capture_on_commit_callbacks):
    write = client.get(reverse("complaints:write") + "?kind=other")
    assert write["Location"].startswith(reverse("complaints:verify"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("complaints:verify"), {"action": "send", "email": "Guest@Example.com"})
    assert len(mail.outbox) == 1
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    wrong = "000000" if code != "000000" else "111111"
    bad = client.post(reverse("complaints:verify"), {"action": "confirm", "code": wrong})
    assert "맞지 않습니다" in bad.content.decode()
    assert GuestVerification.objects.get().attempts == 1
    ok = client.post(
        reverse("complaints:verify") + "?kind=other", {"action": "confirm", "code": code}
    )
    assert ok["Location"].startswith(reverse("complaints:write"))
    confirm_url, _ = _file(client, {"kind": "other", "email": "someone@else.com"})
    response = client.post(confirm_url)
    complaint = Complaint.objects.get()
    assert complaint.complainant_email == "guest@example.com"  # the verified address
    assert complaint.identity_verified_by == "email" and complaint.citizen is None
    assert client.get(response["Location"]).status_code == 200
    # another browser cannot read the receipt
    assert client.__class__().get(response["Location"]).status_code == 404


@pytest.mark.django_db
def test_verification_locks_after_max_attempts(
    client, settings, django_capture_on_commit_callbacks
):
    settings.COMPLAINT_VERIFICATION_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("complaints:verify"), {"action": "send", "email": "g@example.com"})
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(2):
        client.post(reverse("complaints:verify"), {"action": "confirm", "code": wrong})
    last = client.post(reverse("complaints:verify"), {"action": "confirm", "code": code})
    assert "새 번호를 요청하세요" in last.content.decode()


@pytest.mark.django_db(transaction=True)
def test_complaint_is_committed_before_the_response(client, citizen, monkeypatch):
    """The row is visible from another connection while the view still builds its response:
    a crash right after the response cannot lose it."""
    seen = []
    real = views.complaint_submit

    def spy(**kwargs):
        complaint = real(**kwargs)

        def look():
            try:
                seen.append(Complaint.objects.filter(pk=complaint.pk).exists())
            except Exception as exc:  # noqa: BLE001
                seen.append(repr(exc))
            finally:
                connections.close_all()

        t = threading.Thread(target=look)
        t.start()
        t.join()
        return complaint

    monkeypatch.setattr(views, "complaint_submit", spy)
    client.force_login(citizen)
    confirm_url, _ = _file(client)
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert seen == [True]


@pytest.mark.django_db
def test_my_complaints_query_count(client, citizen, django_assert_max_num_queries):
    for i in range(15):
        complaint_submit(
            acting_user=citizen,
            citizen=citizen,
            kind=ComplaintKind.OTHER,
            title=f"민원 {i}",
            body="내용",
            complainant=Complainant(name="x"),
            consent_given=True,
        )
    client.force_login(citizen)
    with django_assert_max_num_queries(16):  # the site chrome; does not grow per row
        response = client.get(reverse("complaints:mine"))
    assert response.content.decode().count("민원 1") >= 6


@pytest.mark.django_db
def test_my_complaints_needs_sign_in(client):
    assert client.get(reverse("complaints:mine")).status_code == 302


@pytest.mark.django_db
def test_api_create_and_read_own(client, citizen, staff_user):
    from madang.accounts.models import ApiToken, hash_token

    payload = {
        "kind": "inquiry",
        "inquiry_subkind": "law",
        "title": "질의",
        "body": "법 해석",
        "name": "박민원",
        "email": "park@example.com",
        "consent": True,
    }
    assert (
        client.post("/api/v1/complaints", payload, content_type="application/json").status_code
        == 401
    )
    raw = ApiToken.generate_raw()
    ApiToken.objects.create(
        user=staff_user,
        name="t",
        prefix=raw[:12],
        token_hash=hash_token(raw),
        scopes=["complaints:write"],
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = client.post("/api/v1/complaints", payload, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["period"] == "14d" and re.fullmatch(r"\d{4}-\d{6}", body["receipt_number"])
    read = client.get(f"/api/v1/complaints/{body['receipt_number']}", **auth)
    assert read.status_code == 200 and read.json()["title"] == "질의"
    bad = client.post(
        "/api/v1/complaints", {**payload, "consent": False}, content_type="application/json", **auth
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid"
    # a citizen cannot read someone else's
    client.force_login(citizen)
    assert client.get(f"/api/v1/complaints/{body['receipt_number']}").status_code == 404
    raw2 = ApiToken.generate_raw()
    ApiToken.objects.create(
        user=staff_user, name="r", prefix=raw2[:12], token_hash=hash_token(raw2), scopes=["read"]
    )
    denied = client.post(
        "/api/v1/complaints",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw2}",
    )
    assert denied.status_code == 403


@pytest.mark.django_db
def test_removing_a_kept_attachment_keeps_the_typed_text(client, citizen):
    client.force_login(citizen)
    _file(client, files=[SimpleUploadedFile("a.png", PNG)])
    draft = ComplaintDraft.objects.get()
    attachment = draft.attachments.get()
    url = reverse("complaints:write") + f"?draft={draft.pk}"
    response = client.post(url, {**FORM, "title": "바뀐 제목", "remove_attachment": attachment.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="바뀐 제목"' in html and "a.png" not in html
    assert not draft.attachments.exists()
