"""Forms for the second factor. Django 5.2 links errors and help to the input
(aria-describedby "<id>_helptext <id>_error", aria-invalid); the templates use those ids."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class TOTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("인증번호 6자리"),
        help_text=_("인증 앱(Google Authenticator, Microsoft Authenticator 등)에 표시된 숫자"),
        min_length=6,
        max_length=7,  # tolerates one space in "123 456" as apps display it
        strip=True,
        validators=[
            RegexValidator(r"^\d{3} ?\d{3}$", _("인증번호는 숫자 6자리입니다. 다시 확인하세요."))
        ],
        error_messages={
            "required": _("인증번호 6자리를 입력하세요."),
            "min_length": _("인증번호는 숫자 6자리입니다. 다시 확인하세요."),
            "max_length": _("인증번호는 숫자 6자리입니다. 다시 확인하세요."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"[0-9 ]*",
                "maxlength": "7",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("복구 코드"),
        help_text=_("인증 앱을 등록할 때 받은 복구 코드 중 하나 (예: abcd-efgh-jkmn-pqrs)"),
        max_length=40,
        strip=True,
        error_messages={"required": _("복구 코드를 입력하세요.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )
