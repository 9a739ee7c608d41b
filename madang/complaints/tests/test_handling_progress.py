# ruff: noqa: F811  (pytest fixtures imported from handling_helpers)
"""배정 → 처리 중 on the assigned official's first action, and the 민원조정위원회 referral
(법 제34조, 시행령 제26조·제38조·제39조)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from madang.complaints import handling
from madang.complaints.choices import (
    CommitteeOutcome,
    CommitteeReason,
    ComplaintEventKind,
    ComplaintStatus,
)
from madang.complaints.models import ComplaintCommitteeReview
from madang.core.models import AuditLog
from madang.notifications.models import Notification

from .handling_helpers import clock, depts, file_complaint, people, seoul  # noqa: F401

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


def _kinds(complaint):
    return list(complaint.events.order_by("at", "pk").values_list("kind", flat=True))


# --- 배정 → 처리 중 --------------------------------------------------------------------------


ACTIONS = {
    "supplement": lambda c, u: handling.complaint_request_supplement(
        complaint=c, acting_user=u, request_text="사진"
    ),
    "extend": lambda c, u: handling.complaint_extend(
        complaint=c, acting_user=u, added_period="7d", reason="관계 기관 협의"
    ),
    "progress": lambda c, u: handling.complaint_progress_notice(complaint=c, acting_user=u),
    "answer": lambda c, u: handling.complaint_answer(complaint=c, acting_user=u, body="보수함"),
    "committee": lambda c, u: handling.complaint_committee_refer(
        complaint=c, acting_user=u, reason=CommitteeReason.REPEATED_OR_MULTI
    ),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_the_assigned_officials_first_action_starts_the_handling(people, assigned, clock, action):
    assert assigned.status == ComplaintStatus.ASSIGNED
    clock.set(2026, 3, 4, 11, 0)
    ACTIONS[action](assigned, people["roads"])
    assigned.refresh_from_db()
    kinds = _kinds(assigned)
    assert kinds.count(ComplaintEventKind.STARTED) == 1
    started = assigned.events.get(kind=ComplaintEventKind.STARTED)
    # First on the timeline, before the action's own line, at the action's moment.
    assert kinds.index(ComplaintEventKind.STARTED) == len(kinds) - 2
    assert started.at == seoul(2026, 3, 4, 11, 0)
    assert started.visible_to_citizen and started.actor == people["roads"]
    log = AuditLog.objects.get(action="complaint.start")
    assert log.actor == people["roads"]
    assert log.changes["status"] == ["assigned", "in_progress"]


def test_the_status_reads_in_progress_while_open(people, assigned):
    handling.complaint_extend(
        complaint=assigned, acting_user=people["roads"], added_period="7d", reason="협의"
    )
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.IN_PROGRESS
    # The second action does not start it again.
    handling.complaint_progress_notice(complaint=assigned, acting_user=people["roads"])
    assert _kinds(assigned).count(ComplaintEventKind.STARTED) == 1
    assert AuditLog.objects.filter(action="complaint.start").count() == 1


def test_only_the_assigned_official_starts_it(people, assigned):
    # A colleague of the department, the 민원실 and the daily job leave it in 배정.
    handling.complaint_progress_notice(complaint=assigned, acting_user=people["roads2"])
    handling.complaint_progress_notice(complaint=assigned, acting_user=people["manager"])
    handling.complaint_progress_notice(complaint=assigned, acting_user=None)
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.ASSIGNED
    assert ComplaintEventKind.STARTED not in _kinds(assigned)


def test_a_refused_action_does_not_start_it(people, assigned):
    with pytest.raises(ValidationError):
        handling.complaint_extend(
            complaint=assigned, acting_user=people["roads"], added_period="30d", reason="길게"
        )
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.ASSIGNED
    assert not AuditLog.objects.filter(action="complaint.start").exists()


def test_the_citizen_sees_the_start_on_the_timeline(client, people, assigned):
    client.force_login(people["roads"])
    response = client.post(
        reverse("complaints_handling:detail", args=[assigned.pk]),
        {"action": "progress"},
    )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.IN_PROGRESS
    client.force_login(people["citizen"])
    html = client.get(reverse("complaints:detail", args=[assigned.receipt_number])).content
    html = html.decode()
    assert "처리 시작" in html and "담당자가 민원 처리를 시작했습니다." in html
    assert "처리 중" in html


# --- 민원조정위원회 ---------------------------------------------------------------------------


def _notices(complaint, purpose):
    return list(Notification.objects.filter(related_object_id=str(complaint.pk), purpose=purpose))


def test_referral_meeting_and_decision_are_recorded_audited_and_told(people, assigned, clock):
    review = handling.complaint_committee_refer(
        complaint=assigned,
        acting_user=people["roads"],
        reason=CommitteeReason.REPEATED_OR_MULTI,
        detail="같은 구역 주민 12명이 같은 요구",
    )
    assert review.referred_by == people["roads"] and not review.is_decided
    event = assigned.events.get(kind=ComplaintEventKind.COMMITTEE_REFERRED)
    assert event.visible_to_citizen and "반복·다수인관련민원" in event.note
    assert "주민 12명" not in event.note  # the staff detail stays internal
    assert AuditLog.objects.get(action="complaint.committee_refer").changes["reason"] == (
        "repeated_multi"
    )
    assert not _notices(assigned, "complaint.committee_meeting")

    meeting = seoul(2026, 3, 10, 14, 0)
    handling.complaint_committee_schedule(
        complaint=assigned, acting_user=people["roads"], meeting_at=meeting, place="구청 3층 회의실"
    )
    review.refresh_from_db()
    assert review.meeting_at == meeting and review.meeting_place == "구청 3층 회의실"
    (notice,) = _notices(assigned, "complaint.committee_meeting")
    assert notice.recipient == "jumin@example.com"
    assert "2026-03-10 14:00" in notice.body and "구청 3층 회의실" in notice.body
    assert "서면" in notice.body and "시행령 제38조⑤" in notice.body
    assert "도로과" in notice.body and "02-820-1111" in notice.body  # 시행령 제31조
    scheduled = assigned.events.get(kind=ComplaintEventKind.COMMITTEE_SCHEDULED)
    assert scheduled.visible_to_citizen and "2026-03-10 14:00" in scheduled.note

    clock.set(2026, 3, 10, 17, 0)
    handling.complaint_committee_decide(
        complaint=assigned,
        acting_user=people["roads"],
        outcome=CommitteeOutcome.ADJUSTED,
        summary="보도 전 구간을 다음 달까지 정비하기로 함",
    )
    review.refresh_from_db()
    assert review.is_decided and review.outcome == "adjusted"
    assert review.decided_by == people["roads"]
    decided = assigned.events.get(kind=ComplaintEventKind.COMMITTEE_DECIDED)
    assert decided.visible_to_citizen and "다음 달까지 정비" in decided.note
    (notice,) = _notices(assigned, "complaint.committee_decision")
    assert "조정" in notice.body and "다음 달까지 정비" in notice.body
    assert AuditLog.objects.filter(action__startswith="complaint.committee_").count() == 3
    # The referral does not change the status beyond 처리 중, nor the clock.
    assigned.refresh_from_db()
    assert assigned.status == ComplaintStatus.IN_PROGRESS


def test_committee_rules(people, assigned, clock):
    with pytest.raises(ValidationError) as exc:
        handling.complaint_committee_schedule(
            complaint=assigned, acting_user=people["roads"], meeting_at=seoul(2026, 3, 10, 14, 0)
        )
    assert exc.value.code == "not_referred"
    # A 거부처분 이의신청 needs a refusal on record (법 제35조①).
    with pytest.raises(ValidationError) as exc:
        handling.complaint_committee_refer(
            complaint=assigned, acting_user=people["roads"], reason=CommitteeReason.OBJECTION
        )
    assert "reason" in exc.value.message_dict
    handling.complaint_committee_refer(
        complaint=assigned, acting_user=people["roads"], reason=CommitteeReason.LEGAL_REVIEW
    )
    with pytest.raises(ValidationError):  # one referral at a time
        handling.complaint_committee_refer(
            complaint=assigned, acting_user=people["roads"], reason=CommitteeReason.OTHER
        )
    with pytest.raises(ValidationError) as exc:  # the meeting is told in advance
        handling.complaint_committee_schedule(
            complaint=assigned,
            acting_user=people["roads"],
            meeting_at=clock.now - timedelta(hours=1),
        )
    assert "meeting_date" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        handling.complaint_committee_decide(
            complaint=assigned, acting_user=people["roads"], outcome="accepted", summary=" "
        )
    assert "summary" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # not handling it
        handling.complaint_committee_decide(
            complaint=assigned, acting_user=people["parks"], outcome="accepted", summary="x"
        )
    assert exc.value.code == "forbidden"
    assert ComplaintCommitteeReview.objects.get().outcome == ""


def test_an_objection_to_a_refusal_goes_to_the_committee_after_closing(
    client, people, assigned, clock
):
    handling.complaint_refuse(
        complaint=assigned,
        acting_user=people["roads"],
        body="할 수 없습니다",
        refusal_reasons="사유지",
        remedies="행정심판",
    )
    url = reverse("complaints_handling:detail", args=[assigned.pk])
    client.force_login(people["roads"])
    html = client.get(url).content.decode()
    assert "민원조정위원회 회부" in html and "민원 다시 열기" in html
    response = client.post(
        url, {"action": "committee_refer", "committee-reason": "objection", "committee-detail": ""}
    )
    assert response.status_code == 302
    review = ComplaintCommitteeReview.objects.get()
    assert review.reason == CommitteeReason.OBJECTION
    response = client.post(
        url,
        {
            "action": "committee_schedule",
            "committee_schedule-meeting_date": "2026-03-12",
            "committee_schedule-meeting_time": "10:00",
            "committee_schedule-place": "",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.meeting_at == seoul(2026, 3, 12, 10, 0)
    # A refused form keeps what was typed.
    response = client.post(
        url,
        {
            "action": "committee_decide",
            "committee_decide-outcome": "",
            "committee_decide-summary": "원처분 유지",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "원처분 유지" in html
    response = client.post(
        url,
        {
            "action": "committee_decide",
            "committee_decide-outcome": "dismissed",
            "committee_decide-summary": "원처분 유지",
        },
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "기각·불수용" in html and "원처분 유지" in html
    # The citizen's page shows the steps as 처리 진행 lines.
    client.force_login(people["citizen"])
    html = client.get(reverse("complaints:detail", args=[assigned.receipt_number])).content
    html = html.decode()
    assert "민원조정위원회 회부" in html and "민원조정위원회 심의 결과" in html
    assert "원처분 유지" in html


def test_the_citizen_page_announces_the_meeting(client, people, assigned, clock):
    handling.complaint_committee_refer(
        complaint=assigned, acting_user=people["roads"], reason=CommitteeReason.REPEATED_OR_MULTI
    )
    handling.complaint_committee_schedule(
        complaint=assigned,
        acting_user=people["roads"],
        meeting_at=seoul(2026, 3, 10, 14, 0),
        place="구청 3층 회의실",
    )
    client.force_login(people["citizen"])
    html = client.get(reverse("complaints:detail", args=[assigned.receipt_number])).content
    html = html.decode()
    assert "민원조정위원회 회의" in html and "구청 3층 회의실" in html
    assert "서면으로 의견을" in html


def test_a_withdrawn_complaint_is_not_referred(people, assigned):
    handling.complaint_withdraw(complaint=assigned, acting_user=people["citizen"])
    with pytest.raises(ValidationError) as exc:
        handling.complaint_committee_refer(
            complaint=assigned, acting_user=people["roads"], reason=CommitteeReason.OTHER
        )
    assert exc.value.code == "not_referable"
