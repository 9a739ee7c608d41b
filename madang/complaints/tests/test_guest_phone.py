"""A guest verifies by phone (SMS code) or by e-mail on the same page, when the SMS gateway is
configured: the choice, the messages, the limits, and what the 민원 keeps of the number. The
SMS goes through the notification outbox to the local fake of NHN Cloud."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from madang.complaints.models import Complaint, GuestVerification
from madang.notifications.choices import NotificationChannel, NotificationStatus
from madang.notifications.models import Notification
from madang.notifications.tests.test_nhncloud import nhn  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

VERIFY = reverse("complaints:verify")
FORM = {
    "kind": "suggestion",
    "title": "공원 벤치 설치 건의",
    "body": "보라매공원 산책로에 벤치를 더 놓아 주세요.",
    "name": "이손님",
    "address": "",
    "reply_channel": "web",
    "consent": "on",
}


def _sms_code(nhn) -> str:  # noqa: F811
    request = [r for r in nhn.requests if r["path"].endswith(("/sender/sms", "/sender/mms"))][-1]
    return re.search(r"\b(\d{6})\b", request["body"]["body"]).group(1)


def _verify_by_phone(client, nhn, django_capture_on_commit_callbacks, number="010-2345-6789"):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            VERIFY + "?kind=suggestion", {"action": "send", "channel": "sms", "phone": number}
        )
    assert sent.status_code == 200
    assert "휴대전화로 확인 번호 6자리를 문자메시지로 보냈습니다" in sent.content.decode()
    ok = client.post(VERIFY + "?kind=suggestion", {"action": "confirm", "code": _sms_code(nhn)})
    assert ok.status_code == 302 and ok["Location"].startswith(reverse("complaints:write"))
    return ok


def _file(client, data=None):
    response = client.post(reverse("complaints:write"), {**FORM, **(data or {})})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


def test_page_offers_phone_and_email_as_a_radio_group(client, nhn):  # noqa: F811
    html = client.get(VERIFY).content.decode()
    fieldset = re.search(r"<fieldset.*?</fieldset>", html, re.S).group(0)
    assert "<legend" in fieldset and "확인 방법" in fieldset
    assert 'type="radio" name="channel"' in fieldset
    assert "휴대전화 문자메시지로 확인" in fieldset and "전자우편으로 확인" in fieldset
    # The phone is offered first and chosen by default; each field has its own label.
    assert re.search(r'value="sms" checked', fieldset)
    assert '<label for="id_phone">' in html and '<label for="id_email">' in html
    assert 'type="tel"' in html and 'autocomplete="tel"' in html


@override_settings(NHN_SMS_APP_KEY="")
def test_without_the_sms_gateway_the_page_is_the_email_page(client):
    html = client.get(VERIFY).content.decode()
    assert 'name="channel"' in html and 'type="radio"' not in html
    assert 'id="id_phone"' not in html
    assert "전자우편으로 본인 확인을 해 주세요" in html
    # A forged choice of SMS is refused with a message saying what to do.
    response = client.post(VERIFY, {"action": "send", "channel": "sms", "phone": "01023456789"})
    assert "전자우편을 이용하세요" in response.content.decode()
    assert not GuestVerification.objects.exists()


def test_guest_verified_by_phone_files_with_that_number_and_gets_the_receipt_by_sms(
    client,
    nhn,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _verify_by_phone(client, nhn, django_capture_on_commit_callbacks)
    verification = GuestVerification.objects.get()
    assert verification.channel == "sms" and verification.verified_at is not None

    write = client.get(reverse("complaints:write") + "?kind=suggestion").content.decode()
    # The verified number is shown, not typed again; the answer by SMS is pre-selected.
    assert re.search(r'id="id_phone"[^>]*value="010-2345-6789"[^>]*readonly', write)
    assert "본인 확인에 쓴 휴대전화번호입니다." in write
    assert re.search(r'value="sms" checked', write)

    # Whatever the browser posts for the phone, the verified number is kept.
    confirm_url = _file(client, {"phone": "010-9999-0000", "reply_channel": "web"})
    confirm = client.get(confirm_url).content.decode()
    assert "010-2345-6789" in confirm and "010-9999-0000" not in confirm
    nhn.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url)
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:receipt", args=[complaint.receipt_number])
    assert complaint.complainant_phone == "010-2345-6789"
    assert complaint.complainant_email == ""
    assert complaint.identity_verified_by == "phone"
    assert complaint.citizen is None

    # The receipt goes to the verified phone by SMS (reply channel "web" notwithstanding).
    receipt = Notification.objects.get(purpose="complaint.receipt")
    assert receipt.channel == NotificationChannel.SMS
    assert receipt.recipient == "01023456789"
    assert receipt.status == NotificationStatus.SENT
    (request,) = nhn.requests
    assert request["body"]["recipientList"] == [{"recipientNo": "01023456789"}]
    assert complaint.receipt_number in request["body"]["body"]
    assert client.get(response["Location"]).status_code == 200


def test_phone_guest_may_add_an_email_for_the_answer(
    client,
    nhn,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _verify_by_phone(client, nhn, django_capture_on_commit_callbacks)
    confirm_url = _file(client, {"email": "me@example.com", "reply_channel": "email"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url)
    complaint = Complaint.objects.get()
    assert (complaint.complainant_email, complaint.complainant_phone) == (
        "me@example.com",
        "010-2345-6789",
    )
    channels = sorted(
        Notification.objects.filter(purpose="complaint.receipt").values_list("channel", flat=True)
    )
    assert channels == ["email", "sms"]
    assert any(complaint.receipt_number in m.subject for m in mail.outbox)


def test_bad_number_is_refused_in_korean_and_kept(client, nhn):  # noqa: F811
    response = client.post(VERIFY, {"action": "send", "channel": "sms", "phone": "02-820-1234"})
    html = response.content.decode()
    assert "휴대전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678" in html
    assert re.search(r'id="id_phone"[^>]*value="02-820-1234"', html)
    assert re.search(r'id="id_phone"[^>]*aria-invalid="true"', html)
    assert re.search(r'value="sms" checked', html)  # the choice is kept too
    empty = client.post(VERIFY, {"action": "send", "channel": "sms", "phone": ""})
    assert "확인 번호를 받을 휴대전화번호를 입력하세요." in empty.content.decode()
    assert not GuestVerification.objects.exists() and nhn.requests == []


def test_wrong_sms_code_counts_and_says_so(
    client,
    nhn,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(VERIFY, {"action": "send", "channel": "sms", "phone": "01023456789"})
    code = _sms_code(nhn)
    wrong = "000000" if code != "000000" else "111111"
    bad = client.post(VERIFY, {"action": "confirm", "code": wrong}).content.decode()
    assert "확인 번호가 맞지 않습니다" in bad
    empty = client.post(VERIFY, {"action": "confirm", "code": ""}).content.decode()
    assert "문자메시지로 받은 확인 번호 6자리를 입력하세요." in empty
    assert GuestVerification.objects.get().attempts == 1


def test_phone_codes_have_the_same_request_limit(
    client,
    settings,
    nhn,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    settings.COMPLAINT_VERIFICATION_SENDS_PER_TARGET = 1
    data = {"action": "send", "channel": "sms", "phone": "010-2345-6789"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(VERIFY, data)
    # The same number written differently is the same target.
    again = client.post(VERIFY, {**data, "phone": "01023456789"}).content.decode()
    assert "너무 자주 요청했습니다" in again
    assert 'value="01023456789"' in again
    assert GuestVerification.objects.count() == 1
    assert len([r for r in nhn.requests if "/sender/" in r["path"]]) == 1


def test_email_still_works_when_phone_is_offered(
    client,
    nhn,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            VERIFY, {"action": "send", "channel": "email", "email": "Guest@Example.com"}
        )
    assert "전자우편으로 확인 번호 6자리를 보냈습니다" in sent.content.decode()
    assert nhn.requests == []
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    client.post(VERIFY, {"action": "confirm", "code": code})
    confirm_url = _file(client, {"phone": "010-5555-6666", "email": "other@example.com"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url)
    complaint = Complaint.objects.get()
    assert complaint.identity_verified_by == "email"
    assert complaint.complainant_email == "guest@example.com"
    assert complaint.complainant_phone == "010-5555-6666"  # typed, not verified
    # reply by web, verified by e-mail: the receipt goes by e-mail only
    receipts = Notification.objects.filter(purpose="complaint.receipt")
    assert list(receipts.values_list("channel", flat=True)) == ["email"]
    missing = client.__class__()
    page = missing.post(VERIFY, {"action": "send", "channel": "email", "email": ""})
    assert "전자우편 주소를 입력하세요." in page.content.decode()


def test_post_without_a_channel_means_email(
    client,
    nhn,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Forms cached in browsers from before phones were offered post no `channel`."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(VERIFY, {"action": "send", "email": "old@example.com"})
    assert GuestVerification.objects.get().channel == "email"
    assert mail.outbox[-1].to == ["old@example.com"]
