"""Notices to the citizen (and to the official) while a 민원 is handled.

Every notice goes through `madang.notifications.services.notification_send`, inside the
service's transaction: the rows commit with the change and are delivered after commit.

- 시행령 제31조: every 연장, 보완, 중간 and 결과 notice names the 담당자's department, name and
  contact.
- 법 제27조②, 시행령 제29조②: a 민원 filed through the 전자민원창구 is answered electronically;
  e-mail when the citizen gave an address, a short phone notice too when they asked for SMS or
  verified themselves by phone: by 카카오 알림톡 when the district configured an approved
  template for the notice (madang.notifications.alimtalk), by SMS otherwise.
- Notices are written in Korean (the source language), whatever language the staff screen was
  in, since the citizen reads them outside any request.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import deadlines
from .choices import ReplyChannel
from .handling.links import citizen_url, staff_url
from .models import Complaint, ComplaintAnswer

DATE_FORMAT = "%Y-%m-%d %H:%M"


def _when(value) -> str:
    return timezone.localtime(value, deadlines.SEOUL).strftime(DATE_FORMAT) if value else "-"


def _site() -> str:
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Madang"


def official_lines(*, official=None, department=None, answer: ComplaintAnswer | None = None):
    """The 담당자 block of 시행령 제31조: department, name, contact."""
    if answer is not None:
        dept, name, contact = answer.department_name, answer.official_name, answer.official_contact
    else:
        dept = ""
        if official is not None and official.department_id:
            dept = official.department.name_ko
        elif department is not None:
            dept = department.name_ko
        name = official_display_name(official) if official is not None else ""
        contact = official_contact(official, department)
    return _("담당 부서: %(dept)s\n담당자: %(name)s\n연락처: %(contact)s") % {
        "dept": dept or "-",
        "name": name or "-",
        "contact": contact or "-",
    }


def official_display_name(official) -> str:
    full = f"{official.last_name}{official.first_name}".strip()
    return full or official.get_username()


def official_contact(official, department=None) -> str:
    if official is not None and official.office_phone:
        return official.office_phone
    dept = official.department if official is not None and official.department_id else department
    if dept is not None:
        return dept.phone or dept.email
    return ""


def _to_phone(complaint: Complaint) -> str:
    """The number notices go to: the citizen's when they asked for the answer by 문자메시지,
    or when they proved who they are with that phone (a guest has no other way back to the
    민원, as an e-mail guest has their mail)."""
    from .verification import IDENTITY_PHONE

    wants = (
        complaint.reply_channel == ReplyChannel.SMS
        or complaint.identity_verified_by == IDENTITY_PHONE
    )
    return complaint.complainant_phone if wants else ""


def _send(
    complaint: Complaint,
    *,
    purpose: str,
    subject: str,
    body: str,
    sms: str,
    values: dict | None = None,
) -> None:
    """E-mail `body` when the citizen gave an address; to their phone (`_to_phone`) the short
    `sms`, or — when the district configured an approved 알림톡 template for `purpose` — that
    template filled from `values` plus the site name, the 접수번호 and the link."""
    from madang.notifications.services import notification_send, phone_notice_send

    link = citizen_url(complaint)
    email = complaint.complainant_email
    if email:
        notification_send(
            purpose=purpose,
            subject=f"[{_site()}] {subject}",
            body=f"{body}\n\n{_('민원 보기')}: {link}",
            to_email=email,
            channels=("email",),
            related=complaint,
        )
    if phone := _to_phone(complaint):
        phone_notice_send(
            purpose=purpose,
            subject=subject,
            sms_body=f"[{_site()}] {sms} {link}",
            values={
                "site": _site(),
                "no": complaint.receipt_number,
                "link": link,
                **(values or {}),
            },
            to_phone=phone,
            related=complaint,
        )


def _head(complaint: Complaint) -> str:
    return _("접수번호: %(no)s\n제목: %(title)s") % {
        "no": complaint.receipt_number,
        "title": complaint.title,
    }


def _korean(func):
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    wrapper.__doc__ = func.__doc__
    wrapper.__name__ = func.__name__
    return wrapper


@_korean
def transfer_notice(complaint: Complaint, *, to_agency: str, reason: str, official) -> None:
    """이송 to another agency, told to the citizen (시행령 제13조③)."""
    _send(
        complaint,
        purpose="complaint.transferred",
        subject=_("민원을 다른 기관으로 이송했습니다 (접수번호 %(no)s)")
        % {"no": complaint.receipt_number},
        body=_(
            "%(head)s\n\n신청하신 민원은 %(agency)s 소관이어서 그 기관으로 이송했습니다.\n"
            "이송 사유: %(reason)s\n이후 처리 결과는 %(agency)s에서 알려 드립니다.\n\n%(official)s"
        )
        % {
            "head": _head(complaint),
            "agency": to_agency,
            "reason": reason,
            "official": official_lines(official=official, department=complaint.department),
        },
        sms=_("민원(%(no)s)을 %(agency)s(으)로 이송했습니다.")
        % {"no": complaint.receipt_number, "agency": to_agency},
        values={"agency": to_agency},
    )


@_korean
def supplement_notice(complaint: Complaint, *, pause, official) -> None:
    """보완 요청 (법 제22조, 시행령 제24조): what to add, by when; the clock stops meanwhile."""
    _send(
        complaint,
        purpose="complaint.supplement_requested",
        subject=_("민원 보완을 요청합니다 (접수번호 %(no)s)") % {"no": complaint.receipt_number},
        body=_(
            "%(head)s\n\n민원을 처리하려면 다음 내용의 보완이 필요합니다.\n\n%(request)s\n\n"
            "보완 기한: %(by)s\n아래 주소에서 보완 내용을 제출해 주세요. 보완하는 동안의 기간은 "
            "처리기간에 들어가지 않습니다(민원 처리에 관한 법률 시행령 제20조).\n\n%(official)s"
        )
        % {
            "head": _head(complaint),
            "request": pause.request_text,
            "by": _when(pause.reply_by),
            "official": official_lines(official=official, department=complaint.department),
        },
        sms=_("민원(%(no)s) 보완 요청이 있습니다. 기한 %(by)s.")
        % {"no": complaint.receipt_number, "by": _when(pause.reply_by)},
        values={"by": _when(pause.reply_by)},
    )


@_korean
def extension_notice(complaint: Complaint, *, extension, official) -> None:
    """처리기간 연장 (시행령 제21조②): the reason and the 처리완료 예정일, without delay."""
    _send(
        complaint,
        purpose="complaint.extended",
        subject=_("민원 처리기간을 연장합니다 (접수번호 %(no)s)")
        % {"no": complaint.receipt_number},
        body=_(
            "%(head)s\n\n부득이한 사유로 처리기간을 연장합니다.\n연장 사유: %(reason)s\n"
            "종전 처리기한: %(before)s\n처리완료 예정일: %(after)s\n\n%(official)s"
        )
        % {
            "head": _head(complaint),
            "reason": extension.reason,
            "before": _when(extension.previous_due_at),
            "after": _when(extension.new_due_at),
            "official": official_lines(official=official, department=complaint.department),
        },
        sms=_("민원(%(no)s) 처리기간을 %(after)s까지 연장했습니다.")
        % {"no": complaint.receipt_number, "after": _when(extension.new_due_at)},
        values={"after": _when(extension.new_due_at)},
    )


@_korean
def progress_notice(complaint: Complaint, *, official) -> None:
    """중간 통지 (시행령 제23조): progress and the 처리완료 예정일."""
    _send(
        complaint,
        purpose="complaint.progress_notice",
        subject=_("민원 처리 진행 상황을 알려 드립니다 (접수번호 %(no)s)")
        % {"no": complaint.receipt_number},
        body=_(
            "%(head)s\n\n접수일시: %(received)s\n처리 상태: %(status)s\n"
            "처리완료 예정일: %(due)s\n\n%(official)s"
        )
        % {
            "head": _head(complaint),
            "received": _when(complaint.received_at),
            "status": complaint.get_status_display(),
            "due": _when(complaint.due_at),
            "official": official_lines(official=official, department=complaint.department),
        },
        sms=_("민원(%(no)s) 처리 중입니다. 처리완료 예정일 %(due)s.")
        % {"no": complaint.receipt_number, "due": _when(complaint.due_at)},
        values={"due": _when(complaint.due_at)},
    )


@_korean
def answer_notice(complaint: Complaint, *, answer: ComplaintAnswer) -> None:
    """결과 통지 (법 제27조); a refusal states the reasons and the remedies (법 제27조③)."""
    if answer.is_refusal:
        body = _(
            "%(head)s\n\n신청하신 민원은 처리할 수 없습니다.\n\n%(body)s\n\n"
            "거부 이유: %(reasons)s\n"
            "구제 절차: %(remedies)s\n\n%(official)s"
        ) % {
            "head": _head(complaint),
            "body": answer.body,
            "reasons": answer.refusal_reasons,
            "remedies": answer.remedies,
            "official": official_lines(answer=answer),
        }
        subject = _("민원 처리 결과(처리 불가)를 알려 드립니다 (접수번호 %(no)s)")
    else:
        body = _("%(head)s\n\n%(body)s\n\n%(official)s") % {
            "head": _head(complaint),
            "body": answer.body,
            "official": official_lines(answer=answer),
        }
        subject = _("민원 처리 결과를 알려 드립니다 (접수번호 %(no)s)")
    _send(
        complaint,
        purpose="complaint.answered",
        subject=subject % {"no": complaint.receipt_number},
        body=body
        + "\n\n"
        + _("답변에 만족하시는지 민원 보기 화면에서 평가해 주시면 업무 개선에 반영합니다."),
        sms=_("민원(%(no)s) 처리 결과가 등록되었습니다.") % {"no": complaint.receipt_number},
    )


@_korean
def closed_repeated_notice(complaint: Complaint, *, reason: str, official) -> None:
    """반복민원 종결 (법 제23조①): the same content filed 3 or more times after 2 answers."""
    _send(
        complaint,
        purpose="complaint.closed_repeated",
        subject=_("반복 민원으로 종결 처리합니다 (접수번호 %(no)s)")
        % {"no": complaint.receipt_number},
        body=_(
            "%(head)s\n\n같은 내용의 민원을 세 번 이상 제출하셨고 두 번 이상 처리 결과를 알려 "
            "드렸으므로, 민원 처리에 관한 법률 제23조제1항에 따라 이 민원을 종결 처리합니다.\n"
            "사유: %(reason)s\n\n%(official)s"
        )
        % {
            "head": _head(complaint),
            "reason": reason,
            "official": official_lines(official=official, department=complaint.department),
        },
        sms=_("민원(%(no)s)을 반복 민원으로 종결했습니다(법 제23조).")
        % {"no": complaint.receipt_number},
    )


@_korean
def withdrawn_notice(complaint: Complaint) -> None:
    """The citizen withdrew (법 제22조②): a confirmation."""
    _send(
        complaint,
        purpose="complaint.withdrawn",
        subject=_("민원 취하가 처리되었습니다 (접수번호 %(no)s)")
        % {"no": complaint.receipt_number},
        body=_("%(head)s\n\n요청하신 대로 민원을 취하했습니다. 취하일시: %(at)s")
        % {"head": _head(complaint), "at": _when(complaint.closed_at)},
        sms=_("민원(%(no)s)을 취하했습니다.") % {"no": complaint.receipt_number},
    )


@_korean
def official_notice(complaint: Complaint, *, official, purpose: str, what: str) -> None:
    """Tell the assigned official something happened to their 민원 (assignment, the citizen's
    보완 answer, a withdrawal). No personal data in the message: the link opens the staff page."""
    from madang.notifications.services import notification_send

    if official is None or not official.email:
        return
    notification_send(
        purpose=purpose,
        subject=f"[{_site()}] {what} ({complaint.receipt_number})",
        body=_("%(what)s\n\n접수번호: %(no)s\n처리기한: %(due)s\n%(link)s")
        % {
            "what": what,
            "no": complaint.receipt_number,
            "due": _when(complaint.due_at),
            "link": staff_url(complaint),
        },
        to_email=official.email,
        channels=("email",),
        related=complaint,
    )
