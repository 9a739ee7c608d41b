# ruff: noqa: F811  (pytest fixtures imported from handling_helpers)
"""The handling services: routing, assignment, 이송, 보완, 현장조사, 연장, 중간 통지, answers,
refusals, 반복민원 종결, withdrawal, reopening and the satisfaction survey."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from madang.complaints import deadlines, handling
from madang.complaints.choices import ComplaintEventKind, ComplaintStatus
from madang.complaints.handling.clock_services import progress_notices_due, progress_notices_send
from madang.complaints.models import Complaint, ComplaintEvent, ComplaintField
from madang.core.models import AuditLog
from madang.notifications.models import Notification

from .handling_helpers import clock, depts, file_complaint, people, seoul  # noqa: F401

pytestmark = pytest.mark.django_db


def _notices(complaint, purpose):
    return list(Notification.objects.filter(related_object_id=str(complaint.pk), purpose=purpose))


def _assigned(people, depts, clock, **kw):
    roads, _parks = depts
    complaint = file_complaint(people["citizen"], **kw)
    if complaint.department_id is None:
        handling.complaint_route(
            complaint=complaint, acting_user=people["manager"], department=roads
        )
    return handling.complaint_assign(
        complaint=complaint, official=people["roads"], acting_user=people["manager"]
    )


# --- routing ---------------------------------------------------------------------------------


def test_intake_routes_by_the_field_keywords(people, depts, clock):
    roads, parks = depts
    handling.complaint_field_create(
        acting_user=people["manager"], name="도로·보도", department=roads, keywords="보도블록\n도로"
    )
    handling.complaint_field_create(
        acting_user=people["manager"], name="공원", department=parks, keywords="공원\n벤치"
    )
    complaint = file_complaint(people["citizen"])
    assert complaint.field.name == "도로·보도" and complaint.department == roads
    event = complaint.events.get()
    assert event.kind == ComplaintEventKind.ROUTED and event.data["auto"] is True
    assert AuditLog.objects.filter(action="complaint_field.create").count() == 2

    other = file_complaint(people["citizen"], title="민원", body="아무 낱말도 맞지 않음")
    assert other.field is None and other.department is None and not other.events.exists()


def test_a_field_the_citizen_chose_is_kept(people, depts, clock):
    roads, parks = depts
    park = ComplaintField.objects.create(name="공원", department=parks, keywords="공원")
    ComplaintField.objects.create(name="도로", department=roads, keywords="보도블록")
    complaint = file_complaint(people["citizen"], field=park)
    assert complaint.field == park and complaint.department == parks
    # The keywords ("보도블록" in the text) do not override the citizen's choice.
    assert not complaint.events.filter(data__auto=True).exists()


def test_routing_needs_the_manager_and_records_the_one_hour_limit(people, depts, clock):
    roads, parks = depts
    complaint = file_complaint(people["citizen"], title="t", body="b")
    with pytest.raises(ValidationError):
        handling.complaint_route(complaint=complaint, acting_user=people["roads"], department=roads)
    clock.set(2026, 3, 3, 11, 30)  # 1.5 working hours after receipt: late (시행령 제13조①)
    handling.complaint_route(complaint=complaint, acting_user=people["manager"], department=roads)
    complaint.refresh_from_db()
    assert complaint.department == roads
    event = complaint.events.get(kind=ComplaintEventKind.ROUTED)
    assert event.data["on_time"] is False
    assert event.data["deadline"] == seoul(2026, 3, 3, 11, 0).isoformat()
    # Moving it from a department is a 이송, not routing.
    with pytest.raises(ValidationError) as exc:
        handling.complaint_route(
            complaint=complaint, acting_user=people["manager"], department=parks
        )
    assert "이송" in str(exc.value)


def test_assignment_stays_inside_the_department(people, depts, clock):
    roads, _ = depts
    complaint = file_complaint(people["citizen"], title="t", body="b")
    handling.complaint_route(complaint=complaint, acting_user=people["manager"], department=roads)
    with pytest.raises(ValidationError) as exc:
        handling.complaint_assign(
            complaint=complaint, official=people["parks"], acting_user=people["manager"]
        )
    assert "도로과" in str(exc.value)
    with pytest.raises(ValidationError):  # not handling this 민원
        handling.complaint_assign(
            complaint=complaint, official=people["roads"], acting_user=people["parks"]
        )
    complaint = handling.complaint_assign(
        complaint=complaint, official=people["roads"], acting_user=people["roads2"]
    )
    assert complaint.status == ComplaintStatus.ASSIGNED
    assert complaint.assigned_to == people["roads"]
    (notice,) = _notices(complaint, "complaint.assigned")
    assert notice.recipient == "roadsman@dongjak.go.kr"
    assert "홍길동" not in notice.body  # no personal data to the official's mailbox
    assert AuditLog.objects.filter(action="complaint.assign", object_id=str(complaint.pk)).exists()


def test_internal_transfer_moves_the_complaint_and_clears_the_official(people, depts, clock):
    roads, parks = depts
    complaint = _assigned(people, depts, clock)
    clock.set(2026, 3, 3, 13, 30)
    transfer = handling.complaint_transfer(
        complaint=complaint, acting_user=people["roads"], to_department=parks, reason="공원 소관"
    )
    complaint.refresh_from_db()
    assert complaint.department == parks and complaint.assigned_to is None
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.is_open
    assert transfer.from_department == roads
    event = complaint.events.get(kind=ComplaintEventKind.TRANSFERRED)
    assert event.data["on_time"] is True  # within 3 working hours of reaching 도로과
    assert not _notices(complaint, "complaint.transferred")
    # The old department no longer sees it; the new one does.
    with pytest.raises(Complaint.DoesNotExist):
        handling.access_complaint_for_staff(user=people["roads2"], complaint_id=complaint.pk)
    assert handling.access_complaint_for_staff(user=people["parks"], complaint_id=complaint.pk)


def test_transfer_to_another_agency_closes_and_tells_the_citizen(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    with pytest.raises(ValidationError):
        handling.complaint_transfer(
            complaint=complaint, acting_user=people["roads"], to_agency="", reason="x"
        )
    with pytest.raises(ValidationError):
        handling.complaint_transfer(
            complaint=complaint, acting_user=people["roads"], to_agency="서울시", reason=" "
        )
    clock.set(2026, 3, 4, 11, 0)  # 8 working hours after 10:00 on the 3rd is 10:00 on the 4th
    handling.complaint_transfer(
        complaint=complaint,
        acting_user=people["roads"],
        to_agency="서울특별시 도시교통실",
        reason="시 도로 소관",
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.TRANSFERRED and complaint.closed_at == clock.now
    assert complaint.events.get(kind="transferred").data["on_time"] is False
    (notice,) = _notices(complaint, "complaint.transferred")
    assert notice.recipient == "jumin@example.com"
    assert "서울특별시 도시교통실" in notice.body and "시 도로 소관" in notice.body
    assert "도로과" in notice.body and "02-820-1111" in notice.body  # 시행령 제31조


# --- the clock -------------------------------------------------------------------------------


def test_supplement_pauses_the_clock_until_the_citizen_answers(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    received, first_due = complaint.received_at, complaint.due_at
    assert first_due == deadlines.due_at(received, "14d")
    clock.set(2026, 3, 5, 10, 0)
    pause = handling.complaint_request_supplement(
        complaint=complaint, acting_user=people["roads"], request_text="사진을 보내 주세요."
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.SUPPLEMENT and complaint.paused_since == clock.now
    assert pause.reply_by == deadlines.due_at(clock.now, "7d")
    (notice,) = _notices(complaint, "complaint.supplement_requested")
    assert "사진을 보내 주세요." in notice.body and "02-820-1111" in notice.body
    # Nothing else can run the clock meanwhile.
    with pytest.raises(ValidationError):
        handling.complaint_request_supplement(
            complaint=complaint, acting_user=people["roads"], request_text="또"
        )

    clock.set(2026, 3, 10, 10, 0)
    handling.complaint_supplement_answer(
        complaint=complaint, acting_user=people["citizen"], reply="사진 첨부합니다. 010-2222-3333"
    )
    complaint.refresh_from_db()
    pause.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_PROGRESS and complaint.paused_since is None
    assert pause.ended_at == clock.now and pause.citizen_reply.startswith("사진 첨부")
    # Thursday 5th to Tuesday 10th touch four working days; none of them counts (법 제19조②).
    expected = deadlines.due_at(received, "14d", pauses=[(seoul(2026, 3, 5, 10), clock.now)])
    assert complaint.due_at == expected
    assert [d.date() for d in (first_due, expected)] == [
        seoul(2026, 3, 20).date(),
        seoul(2026, 3, 26).date(),
    ]
    assert _notices(complaint, "complaint.supplement_answered")[0].recipient.startswith("roadsman")
    with pytest.raises(ValidationError):
        handling.complaint_supplement_answer(
            complaint=complaint, acting_user=people["citizen"], reply="again"
        )


def test_inspection_is_for_grievances_and_is_not_counted(people, depts, clock):
    suggestion = _assigned(people, depts, clock)
    with pytest.raises(ValidationError):
        handling.complaint_inspection_start(
            complaint=suggestion, acting_user=people["roads"], reason="현장 확인"
        )
    grievance = _assigned(people, depts, clock, kind="grievance")
    with pytest.raises(ValidationError):
        handling.complaint_inspection_start(
            complaint=grievance, acting_user=people["roads"], reason="현장 확인", days=15
        )
    clock.set(2026, 3, 4, 9, 0)
    pause = handling.complaint_inspection_start(
        complaint=grievance, acting_user=people["roads"], reason="현장 확인"
    )
    assert pause.reply_by == deadlines.due_at(clock.now, "14d")
    grievance.refresh_from_db()
    assert grievance.status == ComplaintStatus.INSPECTION
    clock.set(2026, 3, 6, 18, 0)
    handling.complaint_inspection_end(
        complaint=grievance, acting_user=people["roads"], note="확인함"
    )
    grievance.refresh_from_db()
    assert grievance.status == ComplaintStatus.IN_PROGRESS
    assert grievance.due_at == deadlines.due_at(
        grievance.received_at, "7d", pauses=[(seoul(2026, 3, 4, 9), seoul(2026, 3, 6, 18))]
    )
    assert grievance.due_at.date() == seoul(2026, 3, 16).date()  # 3 days later than the 11th


def test_an_inspection_is_extended_once_by_at_most_seven_days(people, depts, clock):
    grievance = _assigned(people, depts, clock, kind="grievance")
    pause = handling.complaint_inspection_start(
        complaint=grievance, acting_user=people["roads"], reason="현장 확인"
    )
    assert pause.reply_by == seoul(2026, 3, 20, 18, 0)  # 14 working days from Tuesday the 3rd
    with pytest.raises(ValidationError):
        handling.complaint_inspection_extend(
            complaint=grievance, acting_user=people["roads"], days=8, reason="날씨"
        )
    pause = handling.complaint_inspection_extend(
        complaint=grievance, acting_user=people["roads"], days=7, reason="우천"
    )
    # 7 more working days from Monday the 23rd.
    assert pause.reply_by == seoul(2026, 3, 31, 18, 0)
    with pytest.raises(ValidationError) as exc:
        handling.complaint_inspection_extend(
            complaint=grievance, acting_user=people["roads"], days=1, reason="또"
        )
    assert "한 번만" in str(exc.value)
    grievance.refresh_from_db()
    assert grievance.status == ComplaintStatus.INSPECTION


def test_extension_once_within_the_original_then_only_with_consent(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    first_due = complaint.due_at
    with pytest.raises(ValidationError) as exc:
        handling.complaint_extend(
            complaint=complaint, acting_user=people["roads"], added_period="15d", reason="예산"
        )
    assert "14일" in str(exc.value)
    with pytest.raises(ValidationError):
        handling.complaint_extend(
            complaint=complaint, acting_user=people["roads"], added_period="7d", reason=""
        )
    assert not complaint.events.filter(kind="extended").exists()  # a refused call writes nothing
    ext = handling.complaint_extend(
        complaint=complaint, acting_user=people["roads"], added_period="7d", reason="관계 기관 협의"
    )
    complaint.refresh_from_db()
    assert ext.previous_due_at == first_due
    assert complaint.due_at == ext.new_due_at == deadlines.due_at(complaint.received_at, "21d")
    (notice,) = _notices(complaint, "complaint.extended")
    assert "관계 기관 협의" in notice.body
    assert complaint.due_at.astimezone(deadlines.SEOUL).strftime("%Y-%m-%d") in notice.body
    with pytest.raises(ValidationError) as exc:
        handling.complaint_extend(
            complaint=complaint, acting_user=people["roads"], added_period="7d", reason="또"
        )
    assert "동의" in str(exc.value)
    handling.complaint_extend(
        complaint=complaint,
        acting_user=people["roads"],
        added_period="14d",
        reason="현장 공사 지연",
        citizen_consented=True,
    )
    complaint.refresh_from_db()
    assert complaint.due_at == deadlines.due_at(complaint.received_at, "35d")
    with pytest.raises(ValidationError):
        handling.complaint_extend(
            complaint=complaint,
            acting_user=people["roads"],
            added_period="1d",
            reason="x",
            citizen_consented=True,
        )


def test_hour_counted_periods_extend_in_working_hours(people, depts, clock):
    complaint = _assigned(people, depts, clock, kind="other")  # 즉시 = 3 working hours
    assert complaint.due_at == seoul(2026, 3, 3, 14, 0)
    with pytest.raises(ValidationError):
        handling.complaint_extend(
            complaint=complaint, acting_user=people["roads"], added_period="4h", reason="x"
        )
    handling.complaint_extend(
        complaint=complaint, acting_user=people["roads"], added_period="3h", reason="부품 대기"
    )
    complaint.refresh_from_db()
    assert complaint.due_at == seoul(2026, 3, 3, 17, 0)


def test_progress_notices_every_thirty_days(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    done = file_complaint(people["citizen"], title="t2", body="b2")
    Complaint.objects.filter(pk=done.pk).update(status=ComplaintStatus.ANSWERED)
    clock.set(2026, 4, 1, 9, 0)
    assert list(progress_notices_due()) == []
    clock.set(2026, 4, 2, 10, 0)
    assert progress_notices_send() == 1
    complaint.refresh_from_db()
    assert complaint.last_progress_notice_at == clock.now
    (notice,) = _notices(complaint, "complaint.progress_notice")
    assert "처리완료 예정일" in notice.body and "도로과" in notice.body
    clock.set(2026, 4, 20, 10, 0)
    assert progress_notices_send() == 0
    clock.set(2026, 5, 2, 10, 0)
    assert progress_notices_send() == 1
    assert complaint.events.filter(kind="progress_notice", actor=None).count() == 2


# --- closing ---------------------------------------------------------------------------------


def test_answer_names_the_official_and_closes(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    clock.set(2026, 3, 5, 10, 0)
    with pytest.raises(ValidationError):
        handling.complaint_answer(complaint=complaint, acting_user=people["roads"], body="  ")
    answer = handling.complaint_answer(
        complaint=complaint, acting_user=people["roads"], body="내일 보수하겠습니다."
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    assert complaint.answered_at == complaint.closed_at == clock.now
    assert complaint.latest_answer == answer
    assert (answer.department_name, answer.official_name, answer.official_contact) == (
        "도로과",
        "김roadsman",
        "02-820-1111",
    )
    (notice,) = _notices(complaint, "complaint.answered")
    assert "내일 보수하겠습니다." in notice.body and "담당자: 김roadsman" in notice.body
    assert "/complaints/status/" in notice.body
    assert complaint.events.get(kind="answered").data["on_time"] is True
    with pytest.raises(ValidationError):
        handling.complaint_answer(complaint=complaint, acting_user=people["roads"], body="또")


def test_answer_falls_back_to_the_department_phone(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    answer = handling.complaint_answer(
        complaint=complaint, acting_user=people["roads2"], body="답변"
    )
    assert answer.official_contact == "02-820-2000"


def test_refusal_states_reasons_and_remedies(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    with pytest.raises(ValidationError) as exc:
        handling.complaint_refuse(
            complaint=complaint,
            acting_user=people["roads"],
            body="처리할 수 없습니다.",
            refusal_reasons="",
            remedies="",
        )
    assert set(exc.value.message_dict) == {"refusal_reasons"}
    handling.complaint_refuse(
        complaint=complaint,
        acting_user=people["roads"],
        body="처리할 수 없습니다.",
        refusal_reasons="사인 간 분쟁입니다 (법 제21조).",
        remedies=handling.default_remedies(),
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REFUSED
    (notice,) = _notices(complaint, "complaint.answered")
    assert "사인 간 분쟁" in notice.body and "행정심판" in notice.body


def test_repeated_complaints_close_after_two_answers(people, depts, clock):
    first = _assigned(people, depts, clock)
    handling.complaint_answer(complaint=first, acting_user=people["roads"], body="답변 1")
    clock.set(2026, 3, 10, 10, 0)
    second = _assigned(people, depts, clock)
    clock.set(2026, 3, 17, 10, 0)
    third = _assigned(people, depts, clock)
    with pytest.raises(ValidationError) as exc:  # only one answered so far
        handling.complaint_close_repeated(
            complaint=third, acting_user=people["roads"], previous=[first, second], reason="같음"
        )
    assert "두 번 이상" in str(exc.value)
    handling.complaint_answer(complaint=second, acting_user=people["roads"], body="답변 2")
    stranger = file_complaint(None, email="other@example.com", phone="010-9999-0000")
    with pytest.raises(ValidationError):
        handling.complaint_close_repeated(
            complaint=third, acting_user=people["roads"], previous=[first, stranger], reason="같음"
        )
    handling.complaint_close_repeated(
        complaint=third,
        acting_user=people["roads"],
        previous=[first, second],
        reason="같은 보도블록 보수 요구",
    )
    third.refresh_from_db()
    assert third.status == ComplaintStatus.CLOSED_REPEATED and third.closed_at
    (notice,) = _notices(third, "complaint.closed_repeated")
    assert "제23조" in notice.body
    event = third.events.get(kind="closed_repeated")
    assert event.data["previous"] == [second.receipt_number, first.receipt_number]


def test_statutory_complaints_cannot_be_closed_as_repeated(people, depts, clock):
    complaint = _assigned(people, depts, clock, kind="statutory")
    with pytest.raises(ValidationError) as exc:
        handling.complaint_close_repeated(
            complaint=complaint, acting_user=people["roads"], previous=[], reason="x"
        )
    assert "법정민원" in str(exc.value)


def test_withdraw_ends_a_running_pause_and_reopen_brings_it_back(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    handling.complaint_request_supplement(
        complaint=complaint, acting_user=people["roads"], request_text="주소를 알려 주세요"
    )
    clock.set(2026, 3, 4, 10, 0)
    handling.complaint_withdraw(
        complaint=complaint, acting_user=people["citizen"], reason="해결됨 010-2222-3333"
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.WITHDRAWN and complaint.paused_since is None
    assert complaint.pauses.get().ended_at == clock.now
    assert "010-2222-3333" not in complaint.events.get(kind="withdrawn").note
    assert _notices(complaint, "complaint.withdrawn")
    with pytest.raises(ValidationError):
        handling.complaint_withdraw(complaint=complaint, acting_user=people["citizen"])

    with pytest.raises(ValidationError):
        handling.complaint_reopen(complaint=complaint, acting_user=people["roads"], reason="")
    handling.complaint_reopen(
        complaint=complaint, acting_user=people["roads"], reason="취하 의사 확인 결과 착오"
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_PROGRESS and complaint.closed_at is None
    log = AuditLog.objects.get(action="complaint.reopen")
    assert log.actor == people["roads"] and log.changes["status"] == ["withdrawn", "in_progress"]
    with pytest.raises(ValidationError):  # an open one cannot be reopened
        handling.complaint_reopen(complaint=complaint, acting_user=people["roads"], reason="x")


def test_rating_after_the_answer_once_with_a_masked_comment(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    with pytest.raises(ValidationError):
        handling.complaint_rate(complaint=complaint, acting_user=people["citizen"], score=5)
    handling.complaint_answer(complaint=complaint, acting_user=people["roads"], body="답변")
    with pytest.raises(ValidationError):
        handling.complaint_rate(complaint=complaint, acting_user=people["citizen"], score=6)
    rating = handling.complaint_rate(
        complaint=complaint,
        acting_user=people["citizen"],
        score=4,
        comment="빨리 해 주셨어요. 연락은 010-2222-3333",
    )
    assert rating.score == 4 and "010-2222-3333" not in rating.comment
    with pytest.raises(ValidationError):
        handling.complaint_rate(complaint=complaint, acting_user=people["citizen"], score=5)


def test_every_step_leaves_an_event_and_an_audit_row(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    handling.complaint_progress_notice(complaint=complaint, acting_user=people["roads"])
    handling.complaint_answer(complaint=complaint, acting_user=people["roads"], body="답변")
    actions = set(
        AuditLog.objects.filter(
            object_id=str(complaint.pk), object_type="complaints.complaint"
        ).values_list("action", flat=True)
    )
    assert {"complaint.route", "complaint.assign", "complaint.progress_notice"} <= actions
    assert {"complaint.start", "complaint.answer"} <= actions
    kinds = list(ComplaintEvent.objects.filter(complaint=complaint).values_list("kind", flat=True))
    # The assigned official's first action (the 중간 통지) moved it from 배정 to 처리 중.
    assert kinds == ["routed", "assigned", "started", "progress_notice", "answered"]


def test_staff_outside_the_complaint_cannot_act(people, depts, clock):
    complaint = _assigned(people, depts, clock)
    for service, kwargs in [
        (handling.complaint_answer, {"body": "x"}),
        (handling.complaint_request_supplement, {"request_text": "x"}),
        (handling.complaint_extend, {"added_period": "1d", "reason": "x"}),
        (handling.complaint_progress_notice, {}),
    ]:
        with pytest.raises(ValidationError):
            service(complaint=complaint, acting_user=people["parks"], **kwargs)
    with pytest.raises(Complaint.DoesNotExist):
        handling.access_complaint_for_staff(user=people["parks"], complaint_id=complaint.pk)
    with pytest.raises(Complaint.DoesNotExist):
        handling.access_complaint_for_staff(user=people["citizen"], complaint_id=complaint.pk)


def test_supplement_rolls_back_with_its_notice(people, depts, clock, monkeypatch):
    complaint = _assigned(people, depts, clock)
    from madang.complaints import notices

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(notices, "_send", boom)
    with pytest.raises(RuntimeError):
        handling.complaint_request_supplement(
            complaint=complaint, acting_user=people["roads"], request_text="x"
        )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ASSIGNED and not complaint.pauses.exists()
    assert not AuditLog.objects.filter(action="complaint.request_supplement").exists()


def test_transfer_deadline_rules(people, depts, clock):
    complaint = file_complaint(people["citizen"], title="t", body="b")
    assert handling.transfer_deadline(complaint, to_agency=False) == seoul(2026, 3, 3, 11)
    assert handling.transfer_deadline(complaint, to_agency=True) == seoul(2026, 3, 4, 10)
    clock.set(2026, 3, 3, 16, 30)
    handling.complaint_route(
        complaint=complaint, acting_user=people["manager"], department=depts[0]
    )
    complaint.refresh_from_db()
    # From the wrong department: 3 working hours from its arrival (16:30 + 1.5h, next day 10:30).
    assert handling.transfer_deadline(complaint, to_agency=False) == seoul(2026, 3, 4, 10, 30)
    assert timedelta(0) < complaint.due_at - complaint.received_at
