"""Staff action forms of the 민원 처리 page. They parse input only; the rules live in the
services, whose ValidationError is put back on the form that was sent."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils.translation import gettext_lazy as _

from madang.departments.models import Department

from .. import deadlines
from ..choices import CommitteeOutcome, CommitteeReason
from ..forms import MultipleFileField, SupplementReplyForm
from ..models import ComplaintField
from .closing import default_remedies, repeat_candidates


def _text(label, *, rows=5, required=True, help_text="", initial=None):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        initial=initial,
    )


class RouteForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("민원 분야"),
        queryset=ComplaintField.objects.filter(is_active=True).select_related("department"),
        required=False,
        empty_label=_("선택하세요"),
    )
    department = forms.ModelChoiceField(
        label=_("처리 부서"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("분야의 부서"),
        help_text=_("비워 두면 분야에 정한 부서로 보냅니다."),
    )


class AssignForm(forms.Form):
    official = forms.ModelChoiceField(
        label=_("담당 공무원"), queryset=None, empty_label=_("선택하세요")
    )

    def __init__(self, *args, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
        self.fields["official"].label_from_instance = lambda u: (
            f"{(u.last_name + u.first_name).strip() or u.get_username()}"
            + (f" ({u.department.name_ko})" if u.department_id else "")
        )


class TransferForm(forms.Form):
    to_department = forms.ModelChoiceField(
        label=_("이송할 부서 (구청 안)"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("선택하세요"),
    )
    to_agency = forms.CharField(
        label=_("이송할 기관 (다른 기관)"),
        max_length=200,
        required=False,
        help_text=_(
            "예: 서울특별시 도시교통실. 기관으로 이송하면 이 민원은 종결되고 신청인에게 알립니다."
        ),
    )
    reason = _text(_("이송 사유"), rows=3)


class SupplementForm(forms.Form):
    request_text = _text(_("보완할 내용"), help_text=_("무엇을, 왜 보완해야 하는지 적습니다."))
    reply_by = forms.DateField(
        label=_("보완 기한"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("비워 두면 7일(근무일) 뒤로 정합니다."),
    )

    def reply_by_moment(self) -> datetime | None:
        day = self.cleaned_data.get("reply_by")
        if day is None:
            return None
        return datetime.combine(day, time(18, 0), tzinfo=deadlines.SEOUL)


class InspectionStartForm(forms.Form):
    reason = _text(_("현장조사 내용"), rows=3)
    days = forms.IntegerField(
        label=_("조사 기간(일)"),
        min_value=1,
        max_value=14,
        initial=14,
        help_text=_("14일 이내 (시행령 제17조④). 이 기간은 처리기간에 들어가지 않습니다."),
    )


class InspectionExtendForm(forms.Form):
    days = forms.IntegerField(
        label=_("연장할 조사 기간(일)"),
        min_value=1,
        max_value=7,
        initial=7,
        help_text=_("한 번, 7일 이내 (시행령 제17조⑤)."),
    )
    reason = _text(_("연장 사유"), rows=3)


class InspectionEndForm(forms.Form):
    note = _text(_("조사 결과 메모"), rows=3, required=False)


class ExtendForm(forms.Form):
    amount = forms.IntegerField(label=_("연장할 기간"), min_value=1)
    reason = _text(_("연장 사유"), rows=3, help_text=_("신청인에게 그대로 통지됩니다."))
    citizen_consented = forms.BooleanField(
        label=_("신청인이 두 번째 연장에 동의했습니다"), required=False
    )

    def __init__(self, *args, unit_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _(
            "단위: %(unit)s. 원래 처리기간보다 길게 연장할 수 없습니다 (시행령 제21조)."
        ) % {"unit": unit_label}


class AnswerForm(forms.Form):
    body = _text(_("답변 내용"), rows=10)


class RefuseForm(forms.Form):
    body = _text(_("통지 내용"), rows=6)
    refusal_reasons = _text(_("처리할 수 없는 이유"), rows=4)
    remedies = _text(_("구제 절차"), rows=4, initial=default_remedies)


class CloseRepeatedForm(forms.Form):
    previous = forms.ModelMultipleChoiceField(
        label=_("같은 내용의 앞선 민원"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("같은 신청인이 낸 민원입니다. 내용이 같은 것만 고르세요 (법 제23조③)."),
    )
    reason = _text(_("종결 사유"), rows=3)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = repeat_candidates(complaint)[:50] if complaint else None
        self.fields["previous"].label_from_instance = lambda c: (
            f"{c.receipt_number} {c.title} ({c.get_status_display()})"
        )


class ReasonForm(forms.Form):
    reason = _text(_("사유"), rows=3)


class PiiRevealForm(forms.Form):
    reason = forms.CharField(
        label=_("열람 사유"),
        max_length=200,
        initial=_("민원 처리"),
        help_text=_("개인정보 접속기록에 남습니다."),
    )


class CommitteeReferForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("회부 사유"),
        choices=[("", _("선택하세요")), *CommitteeReason.choices],
        help_text=_("민원 처리에 관한 법률 제34조①, 시행령 제26조·제38조①. 신청인에게 보입니다."),
    )
    detail = _text(
        _("회부 내용 (직원용)"),
        rows=3,
        required=False,
        help_text=_("심의를 요청하는 쟁점. 신청인에게는 보이지 않습니다."),
    )


class CommitteeScheduleForm(forms.Form):
    meeting_date = forms.DateField(
        label=_("회의 날짜"), widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting_time = forms.TimeField(
        label=_("회의 시각"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("회의 장소"), max_length=200, required=False)

    def meeting_moment(self) -> datetime | None:
        day = self.cleaned_data.get("meeting_date")
        at = self.cleaned_data.get("meeting_time")
        if day is None or at is None:
            return None
        return datetime.combine(day, at, tzinfo=deadlines.SEOUL)


class CommitteeDecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("심의 결과"), choices=[("", _("선택하세요")), *CommitteeOutcome.choices]
    )
    summary = _text(
        _("심의 결과 요지"),
        rows=4,
        help_text=_("신청인에게 그대로 보이고 통지됩니다. 개인정보를 적지 마세요."),
    )


class AttachmentDownloadForm(PiiRevealForm):
    """The reason a file is downloaded: written to the 개인정보 접속기록 (다운로드)."""

    reason = forms.CharField(
        label=_("내려받는 사유"),
        max_length=200,
        initial=_("민원 처리"),
        help_text=_("첨부파일에는 개인정보가 있을 수 있어 내려받을 때마다 접속기록에 남습니다."),
    )


class SupplementReplyWithFilesForm(SupplementReplyForm):
    """The citizen's 보완 with files (법 제22조); the files are checked by the service exactly
    as at filing (extension and content, size, count)."""

    attachments = MultipleFileField(label=_("첨부파일(선택)"), required=False)
