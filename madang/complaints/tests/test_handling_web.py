# ruff: noqa: F811  (pytest fixtures imported from handling_helpers)
"""The staff 민원 처리 page (/admin/complaints/<pk>/) and the citizen's 민원 page."""

import pytest
from django.urls import reverse

from madang.complaints import handling
from madang.complaints.choices import ComplaintStatus
from madang.complaints.handling.links import access_token
from madang.complaints.models import Complaint, ComplaintField
from madang.core.models import AuditLog
from madang.privacy.models import PIIAccessLog

from .handling_helpers import clock, depts, file_complaint, people  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(people, depts, clock):
    complaint = file_complaint(people["citizen"])
    handling.complaint_route(
        complaint=complaint, acting_user=people["manager"], department=depts[0]
    )
    return handling.complaint_assign(
        complaint=complaint, official=people["roads"], acting_user=people["manager"]
    )


def _url(complaint):
    return reverse("complaints_handling:detail", args=[complaint.pk])


# --- staff -----------------------------------------------------------------------------------


def test_only_those_handling_it_reach_the_page(client, people, assigned):
    for outsider in (people["parks"], people["citizen"]):
        client.force_login(outsider)
        assert client.get(_url(assigned)).status_code in (302, 404)
    client.force_login(people["parks"])
    assert client.get(_url(assigned)).status_code == 404
    assert client.get(reverse("complaints_handling:detail", args=[99999])).status_code == 404
    for handler in (people["roads"], people["roads2"], people["manager"]):
        client.force_login(handler)
        assert client.get(_url(assigned)).status_code == 200


def test_personal_data_is_masked_until_revealed_and_each_view_is_logged(client, people, assigned):
    client.force_login(people["roads"])
    html = client.get(_url(assigned)).content.decode()
    assert "홍*동" in html and "홍길동" not in html
    assert "010-2222-3333" not in html and "jumin@example.com" not in html
    assert not PIIAccessLog.objects.exists()

    response = client.post(_url(assigned), {"action": "reveal_pii", "pii-reason": "답변 전화"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "홍길동" in html and "010-2222-3333" in html and "jumin@example.com" in html
    (entry,) = PIIAccessLog.objects.all()
    assert entry.actor_id == people["roads"].pk and entry.action == "view"
    assert entry.reason == "답변 전화" and entry.object_id == str(assigned.pk)
    assert entry.subject_user_id == people["citizen"].pk
    # The next plain view is masked again; another reveal is another record.
    assert "홍길동" not in client.get(_url(assigned)).content.decode()
    client.post(_url(assigned), {"action": "reveal_pii", "pii-reason": "확인"})
    assert PIIAccessLog.objects.count() == 2


def test_answer_from_the_page(client, people, assigned):
    client.force_login(people["roads"])
    response = client.post(_url(assigned), {"action": "answer", "answer-body": ""})
    assert response.status_code == 200
    assert "답변 내용" in response.content.decode()
    response = client.post(_url(assigned), {"action": "answer", "answer-body": "보수했습니다."})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.ANSWERED
    html = client.get(_url(assigned)).content.decode()
    assert "보수했습니다." in html and "민원 다시 열기" in html and "답변 등록" not in html


def test_a_refused_action_keeps_what_was_typed(client, people, assigned):
    client.force_login(people["roads"])
    response = client.post(
        _url(assigned),
        {"action": "extend", "extend-amount": "30", "extend-reason": "관계 기관 협의가 길어짐"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "원래 처리기간(14일)보다 길게" in html and "관계 기관 협의가 길어짐" in html
    assigned.refresh_from_db()
    assert assigned.extension_count == 0


def test_an_action_the_state_does_not_allow_is_refused(client, people, assigned):
    client.force_login(people["roads"])
    response = client.post(_url(assigned), {"action": "reopen", "reopen-reason": "x"}, follow=True)
    assert "지금 할 수 없는 처리입니다" in response.content.decode()
    assert not AuditLog.objects.filter(action="complaint.reopen").exists()


def test_supplement_and_transfer_through_the_page(client, people, depts, assigned):
    client.force_login(people["roads"])
    response = client.post(
        _url(assigned),
        {"action": "supplement", "supplement-request_text": "위치 사진", "supplement-reply_by": ""},
    )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.SUPPLEMENT
    response = client.post(
        _url(assigned),
        {"action": "transfer", "transfer-to_department": depts[1].pk, "transfer-reason": "공원"},
    )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.department == depts[1]
    # No longer theirs: the page answers "not found".
    assert client.get(_url(assigned)).status_code == 404


def test_routing_rules_snippet_saves_through_the_service(client, people, depts):
    admin = people["manager"]
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    url = reverse("wagtailsnippets_complaints_complaintfield:add")
    response = client.post(
        url,
        {
            "name": "가로등",
            "department": depts[0].pk,
            "keywords": "가로등\n보안등",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    field = ComplaintField.objects.get()
    assert field.keyword_list == ["가로등", "보안등"]
    assert AuditLog.objects.filter(action="complaint_field.create", object_id=str(field.pk))


# --- citizen ---------------------------------------------------------------------------------


def test_citizen_reads_the_answer_timeline_and_rates(client, people, assigned):
    handling.complaint_answer(complaint=assigned, acting_user=people["roads"], body="보수 완료")
    url = reverse("complaints:detail", args=[assigned.receipt_number])
    client.force_login(people["parks"])  # someone else's 민원
    assert client.get(url).status_code == 404
    client.force_login(people["citizen"])
    html = client.get(url).content.decode()
    assert (
        "보수 완료" in html and "도로과" in html and "김roadsman" in html and "02-820-1111" in html
    )
    assert "담당자 배정" not in html  # internal steps stay internal
    assert "만족도 평가" in html
    response = client.post(url, {"action": "rate", "rate-comment": "좋아요"})
    assert "만족도를 다섯 단계 중에서 고르세요." in response.content.decode()
    assert "좋아요" in response.content.decode()
    response = client.post(url, {"action": "rate", "rate-score": "5", "rate-comment": "좋아요"})
    assert response.status_code == 302
    assert assigned.satisfaction.score == 5
    html = client.get(url).content.decode()
    assert "평가해 주셨습니다" in html


def test_mine_detail_redirects_to_the_status_page(client, people, assigned):
    client.force_login(people["citizen"])
    response = client.get(reverse("complaints:mine_detail", args=[assigned.receipt_number]))
    assert response["Location"] == reverse("complaints:detail", args=[assigned.receipt_number])


def test_guest_opens_the_complaint_from_the_notice_link(client, people, clock):
    complaint = file_complaint(None, email="guest@example.com")
    url = reverse("complaints:detail", args=[complaint.receipt_number])
    assert client.get(url).status_code == 404
    bad = client.get(reverse("complaints:access", args=["nonsense"]))
    assert bad.status_code == 404 and "링크가 잘못되었거나" in bad.content.decode()
    response = client.get(
        reverse("complaints:access", args=[access_token(complaint.receipt_number)])
    )
    assert response["Location"] == url
    html = client.get(url).content.decode()
    assert complaint.receipt_number in html
    assert "010-2222-3333" not in html  # a guest's own text is shown masked


def test_citizen_answers_a_supplement_request_and_withdraws(client, people, assigned):
    handling.complaint_request_supplement(
        complaint=assigned, acting_user=people["roads"], request_text="정확한 번지를 알려 주세요"
    )
    url = reverse("complaints:detail", args=[assigned.receipt_number])
    client.force_login(people["citizen"])
    html = client.get(url).content.decode()
    assert "정확한 번지를 알려 주세요" in html and "보완 내용 제출" in html
    response = client.post(url, {"action": "supplement", "supplement-reply": ""})
    assert "보완할 내용을 입력하세요." in response.content.decode()
    response = client.post(url, {"action": "supplement", "supplement-reply": "상도로 123"})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.IN_PROGRESS
    assert assigned.pauses.get().citizen_reply == "상도로 123"

    response = client.post(url, {"action": "withdraw", "withdraw-reason": "해결됨"})
    html = response.content.decode()
    assert "취하하려면 확인란을 선택하세요." in html and "해결됨" in html
    response = client.post(
        url, {"action": "withdraw", "withdraw-reason": "해결됨", "withdraw-confirm": "on"}
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=assigned.pk).status == ComplaintStatus.WITHDRAWN
    assert (
        "민원 취하"
        not in client.get(url).content.decode().split("</h1>", 1)[1].split("처리 경과")[0]
    )


def test_staff_page_query_count_is_bounded(client, people, assigned, django_assert_max_num_queries):
    for _n in range(5):
        handling.complaint_progress_notice(complaint=assigned, acting_user=people["roads"])
    client.force_login(people["roads"])
    with django_assert_max_num_queries(30):  # 28 measured, the same with 1 or 10 events
        assert client.get(_url(assigned)).status_code == 200
