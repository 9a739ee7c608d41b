"""상담 신청: the citizen's form, the hand-over to the counsellor, staff answer and
convert-to-민원, the per-IP rate limit."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from madang.complaints.deadlines import SEOUL
from madang.complaints.models import Complaint
from madang.core.models import AuditLog
from madang.counselling import services
from madang.counselling.models import CounsellingRequest, RequestStatus
from madang.notifications.models import Notification

from .conftest import make_staff

pytestmark = pytest.mark.django_db

THURSDAY_NOON = datetime(2026, 12, 3, 12, 30, tzinfo=SEOUL)


def _submit(field, **extra):
    data = {
        "citizen": None,
        "field": field,
        "name": "홍길동",
        "phone": "010-1234-5678",
        "question": "견인된 차를 어디서 찾나요?",
        "preferred_time": "any",
        "consent_given": True,
        "ip": "203.0.113.5",
        "now": THURSDAY_NOON,
    } | extra
    return services.counselling_request_submit(**data)


def test_request_goes_to_next_shift_with_message_and_mail(counsellor, parking):
    req = _submit(parking)
    assert req.counsellor == counsellor
    assert req.contact_from == datetime(2026, 12, 4, 9, 0, tzinfo=SEOUL)
    assert (
        services.contact_message(req) == "주차 분야 민원상담관이 12월 4일 09:00부터 연락드립니다."
    )
    note = Notification.objects.get(purpose="counselling.request")
    assert note.recipient == counsellor.user.email
    assert "홍길동" not in note.body and "010-1234-5678" not in note.body
    assert AuditLog.objects.filter(action="counselling.request_submit").count() == 1
    stored = CounsellingRequest.objects.get(pk=req.pk)
    assert stored.phone == "010-1234-5678" and stored.consent_notice


def test_request_on_duty_and_without_counsellor(counsellor, parking, cleaning):
    req = _submit(parking, now=datetime(2026, 12, 3, 10, 0, tzinfo=SEOUL))
    assert "지금 근무 중" in services.contact_message(req)
    nobody = _submit(cleaning)
    assert nobody.counsellor is None
    assert "청소 분야 담당 부서" in services.contact_message(nobody)


def test_service_refuses_missing_contact_and_consent(parking):
    with pytest.raises(ValidationError) as exc:
        _submit(parking, phone="", consent_given=False)
    assert {"phone", "consent"} <= set(exc.value.error_dict)


def test_web_form_keeps_input_on_error_and_shows_receipt(client, counsellor, parking):
    url = reverse("counselling:request")
    assert client.get(url).status_code == 200
    post = {
        "field": parking.pk,
        "question": "거주자우선주차 대기 순번을 알고 싶습니다.",
        "preferred_time": "morning",
        "name": "김시민",
        "phone": "",
        "email": "",
    }
    response = client.post(url, post)
    body = response.content.decode()
    assert response.status_code == 200
    assert "연락받을 전화번호나 전자우편 중 하나는 입력하세요." in body
    assert "개인정보 수집·이용에 동의해야 온라인 상담을 신청할 수 있습니다." in body
    assert "거주자우선주차 대기 순번을 알고 싶습니다." in body
    assert 'value="김시민"' in body
    assert 'value="morning" checked' in body
    response = client.post(url, post | {"email": "kim@example.com", "consent": "on"}, follow=True)
    req = CounsellingRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("counselling:done", args=[req.pk])
    body = response.content.decode()
    assert req.reference in body and "주차 분야 민원상담관" in body
    # Another browser cannot see the receipt.
    client.cookies.clear()
    assert client.get(reverse("counselling:done", args=[req.pk])).status_code == 404


@override_settings(COUNSELLING_RATE_LIMIT_PER_IP=2)
def test_rate_limit_per_ip_keeps_what_was_typed(client, parking):
    url = reverse("counselling:request")
    post = {
        "field": parking.pk,
        "question": "질문입니다",
        "preferred_time": "any",
        "name": "이름",
        "phone": "010-2222-3333",
        "consent": "on",
    }
    for _ in range(2):
        assert client.post(url, post).status_code == 302
    response = client.post(url, post | {"question": "세 번째 질문"})
    assert response.status_code == 429
    body = response.content.decode()
    assert "짧은 시간에 상담 신청이 너무 많았습니다" in body
    assert "세 번째 질문" in body
    assert CounsellingRequest.objects.count() == 2
    other = client.post(url, post, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_staff_answer_and_permissions(client, counsellor, parking):
    req = _submit(parking)
    stranger = make_staff("stranger")
    with pytest.raises(ValidationError):
        services.counselling_request_answer(acting_user=stranger, request_id=req.pk, note="x")
    client.force_login(counsellor.user)
    listing = client.get(reverse("counselling_admin:list"))
    assert req.reference in listing.content.decode()
    url = reverse("counselling_admin:detail", args=[req.pk])
    detail = client.get(url)
    assert "010-1234-5678" in detail.content.decode()
    response = client.post(url, {"action": "answer", "answer-note": ""})
    assert "상담한 내용을 간단히 적어 주세요." in response.content.decode()
    response = client.post(url, {"action": "answer", "answer-note": "견인보관소 위치 안내"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.ANSWERED and req.answered_by == counsellor.user
    assert AuditLog.objects.filter(action="counselling.request_answer", object_id=str(req.pk))
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_staff_turns_request_into_a_complaint(client, counsellor, parking):
    req = _submit(parking, email="hong@example.com")
    client.force_login(counsellor.user)
    url = reverse("counselling_admin:detail", args=[req.pk])
    response = client.post(
        url,
        {"action": "convert", "convert-kind": "inquiry", "convert-title": "", "convert-note": ""},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    complaint = Complaint.objects.get()
    assert req.status == RequestStatus.CONVERTED and req.complaint == complaint
    assert complaint.field == parking and complaint.kind == "inquiry"
    assert complaint.body == "견인된 차를 어디서 찾나요?"
    assert complaint.complainant_name == "홍길동"
    assert complaint.source_object_id == str(req.pk)
    assert complaint.source_label == "민원상담 신청"
    assert AuditLog.objects.filter(action="counselling.request_convert").exists()
    with pytest.raises(ValidationError):
        services.counselling_request_convert(acting_user=counsellor.user, request_id=req.pk)
