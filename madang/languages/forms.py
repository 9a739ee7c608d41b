"""The opinion form of a foreign-language site (parsing only; the service decides)."""

from django import forms
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX = 200
MESSAGE_MAX = 2000


class OpinionForm(forms.Form):
    subject = forms.CharField(
        label=_("제목"),
        max_length=SUBJECT_MAX,
        error_messages={
            "required": _("제목을 적어 주세요."),
            "max_length": _("제목은 %(limit_value)d자 이내로 적어 주세요."),
        },
    )
    message = forms.CharField(
        label=_("내용"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("의견 내용을 적어 주세요."),
            "max_length": _("내용은 %(limit_value)d자 이내로 적어 주세요."),
        },
    )
    name = forms.CharField(
        label=_("이름(선택)"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("이름은 %(limit_value)d자 이내로 적어 주세요.")},
    )
    email = forms.EmailField(
        label=_("답변 받을 이메일(선택)"),
        required=False,
        error_messages={"invalid": _("이메일 주소 형식이 아닙니다. 예: name@example.com")},
    )
    consent = forms.BooleanField(
        label=_("개인정보 수집·이용에 동의합니다."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if (data.get("name") or data.get("email")) and not data.get("consent"):
            self.add_error(
                "consent",
                _("이름이나 이메일을 적으셨다면 개인정보 수집·이용에 동의해 주세요."),
            )
        return data
