"""Forms of the 민원상담 pages: they parse input only; rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from madang.complaints.choices import ComplaintKind
from madang.complaints.models import ComplaintField

from .models import PreferredTime


def _fields():
    return ComplaintField.objects.filter(is_active=True).order_by("name")


class FaqSearchForm(forms.Form):
    q = forms.CharField(label=_("검색어"), max_length=100, required=False)
    field = forms.ModelChoiceField(
        label=_("분야"), queryset=_fields(), required=False, empty_label=_("모든 분야")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = _fields()


class CounsellingRequestForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("상담 분야"),
        queryset=_fields(),
        empty_label=_("선택하세요"),
        error_messages={
            "required": _("상담받을 분야를 고르세요."),
            "invalid_choice": _("목록에 있는 분야를 고르세요."),
        },
    )
    question = forms.CharField(
        label=_("상담 내용"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("상담받을 내용을 입력하세요."),
            "max_length": _("상담 내용은 4,000자 이내로 줄여 주세요."),
        },
    )
    preferred_time = forms.ChoiceField(
        label=_("연락받기 좋은 시간"),
        choices=PreferredTime.choices,
        initial=PreferredTime.ANY,
        widget=forms.RadioSelect,
        error_messages={"required": _("연락받기 좋은 시간을 고르세요.")},
    )
    name = forms.CharField(
        label=_("이름"), max_length=50, error_messages={"required": _("이름을 입력하세요.")}
    )
    phone = forms.RegexField(
        label=_("전화번호"),
        regex=r"^\s*0[0-9]{1,2}-?[0-9]{3,4}-?[0-9]{4}\s*$",
        max_length=20,
        required=False,
        help_text=_("예: 010-1234-5678. 전화번호나 전자우편 중 하나는 꼭 적어 주세요."),
        error_messages={"invalid": _("전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678")},
    )
    email = forms.EmailField(
        label=_("전자우편"),
        required=False,
        error_messages={
            "invalid": _("전자우편 주소 형식이 올바르지 않습니다. 예: hong@example.com")
        },
    )
    consent = forms.BooleanField(
        label=_("개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={
            "required": _("개인정보 수집·이용에 동의해야 온라인 상담을 신청할 수 있습니다.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = _fields()

    def clean(self):
        data = super().clean()
        given = data.get("phone") or data.get("email")
        if not given and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", _("연락받을 전화번호나 전자우편 중 하나는 입력하세요."))
        return data


class AnswerForm(forms.Form):
    note = forms.CharField(
        label=_("상담한 내용"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("상담한 내용을 간단히 적어 주세요.")},
    )


class ConvertForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("민원 종류"),
        choices=[c for c in ComplaintKind.choices if c[0] != ComplaintKind.STATUTORY],
        initial=ComplaintKind.OTHER,
    )
    title = forms.CharField(label=_("민원 제목(선택)"), max_length=200, required=False)
    note = forms.CharField(
        label=_("상담 기록(선택)"), max_length=10000, required=False, widget=forms.Textarea
    )
