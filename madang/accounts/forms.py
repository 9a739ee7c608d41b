"""Citizen sign-up forms (password and Kakao/Naver) and the 내 정보 forms.

The forms parse and check input; madang.accounts.signup_services does the writing. Only the
minimum is asked (개인정보 보호법 제16조①): 아이디, password, and an e-mail address or mobile
number for account recovery and notices. Consents are separate checkboxes, none pre-ticked
(제22조①④); the age confirmation decides the under-14 path (docs/decisions/0007-under-14.md).
"""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from madang.core.request_context import current_client_ip
from madang.privacy.consent_services import consent_notices_current
from madang.privacy.crypto import normalise_phone
from madang.privacy.models.profile import validate_phone_number

CONSENT_PREFIX = "consent_"
_TEXT_WIDGETS = (
    forms.TextInput,
    forms.EmailInput,
    forms.PasswordInput,
    forms.NumberInput,
    forms.Textarea,
)


def krds_widgets(form: forms.BaseForm) -> None:
    """Give text inputs KRDS's input class (the look of node_modules/krds-uiux text_input)."""
    for field in form.fields.values():
        if isinstance(field.widget, _TEXT_WIDGETS):
            field.widget.attrs["class"] = "krds-input"


def _mobile(value: str) -> str:
    validate_phone_number(value)
    digits = normalise_phone(value)
    if not digits.startswith("01"):
        raise forms.ValidationError(
            _("휴대전화번호를 입력해 주세요(01로 시작). 예: 010-1234-5678"), code="not_mobile"
        )
    return digits


class CitizenSignupMixin:
    """Fields and checks shared by the password and the social sign-up forms."""

    def _add_citizen_fields(self) -> None:
        self.fields["contact_email"] = forms.EmailField(
            label=_("전자우편"),
            required=False,
            help_text=_(
                "전자우편과 휴대전화번호 중 하나 이상을 입력하세요. 계정 찾기와 안내에 씁니다."
            ),
            error_messages={
                "invalid": _("전자우편 형식이 올바르지 않습니다. 예: hong@example.com")
            },
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )
        self.fields["contact_phone"] = forms.CharField(
            label=_("휴대전화번호"),
            required=False,
            max_length=20,
            help_text=_("숫자만 또는 010-1234-5678 형식으로 입력하세요."),
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        )
        self.fields["age_confirmed"] = forms.BooleanField(
            label=_("[필수] 만 14세 이상입니다."),
            required=True,
            error_messages={
                "required": _(
                    "만 14세 이상만 직접 가입할 수 있습니다. 만 14세 미만이라면 아래 안내를 "
                    "읽어 주세요."
                )
            },
        )
        self.consent_notices = consent_notices_current()
        for notice in self.consent_notices:
            marker = _("필수") if notice.required else _("선택")
            field = forms.BooleanField(
                label=f"[{marker}] {notice.title}",
                required=notice.required,
                initial=False,
                error_messages={
                    "required": _("[필수] %(title)s에 동의해야 가입할 수 있습니다.")
                    % {"title": notice.title}
                },
            )
            field.notice = notice
            self.fields[f"{CONSENT_PREFIX}{notice.pk}"] = field

    def consent_fields(self):
        return [self[f"{CONSENT_PREFIX}{n.pk}"] for n in self.consent_notices]

    def clean_contact_phone(self):
        value = (self.cleaned_data.get("contact_phone") or "").strip()
        return _mobile(value) if value else ""

    def _clean_contact(self) -> None:
        email = self.cleaned_data.get("contact_email")
        phone = self.cleaned_data.get("contact_phone")
        if not (email or phone or "contact_email" in self.errors or "contact_phone" in self.errors):
            self.add_error(
                "contact_email",
                forms.ValidationError(
                    _(
                        "전자우편과 휴대전화번호 중 하나 이상을 입력해 주세요. "
                        "계정을 잃어버렸을 때 찾는 데 씁니다."
                    ),
                    code="contact_required",
                ),
            )

    def granted_notice_ids(self) -> list[int]:
        return [
            n.pk for n in self.consent_notices if self.cleaned_data.get(f"{CONSENT_PREFIX}{n.pk}")
        ]


class CitizenLoginForm(AllauthLoginForm):
    """ACCOUNT_FORMS["login"]: allauth's form with Korean labels and KRDS inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("아이디")
        self.fields["password"].label = _("비밀번호")
        for name in ("login", "password"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("로그인 상태 유지")
        krds_widgets(self)


class CitizenSignupForm(CitizenSignupMixin, AllauthSignupForm):
    """ACCOUNT_FORMS["signup"]: 아이디 + 비밀번호 + 연락처 + 동의."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("아이디")
        self.fields["username"].widget.attrs.pop("placeholder", None)
        self.fields["username"].help_text = _(
            "영문, 숫자와 @ . + - _ 만 쓸 수 있습니다. 다른 사람이 쓰는 아이디는 쓸 수 없습니다."
        )
        for name, label in (("password1", _("비밀번호")), ("password2", _("비밀번호 확인"))):
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["password2"].help_text = _("같은 비밀번호를 한 번 더 입력하세요.")
        self._add_citizen_fields()
        krds_widgets(self)

    def clean(self):
        cleaned = super().clean()
        self._clean_contact()
        if (
            "password2" in self.errors
            and self.cleaned_data.get("password1")
            and self.data.get("password1") != self.data.get("password2")
        ):
            self.errors["password2"] = self.error_class(
                [_("비밀번호 확인이 비밀번호와 다릅니다. 같은 비밀번호를 두 번 입력해 주세요.")]
            )
        return cleaned

    def save(self, request):
        from .signup_services import citizen_signup

        return citizen_signup(
            username=self.cleaned_data["username"],
            password=self.cleaned_data["password1"],
            contact_email=self.cleaned_data.get("contact_email") or "",
            contact_phone=self.cleaned_data.get("contact_phone") or "",
            shown_notices=self.consent_notices,
            granted_notice_ids=self.granted_notice_ids(),
            ip_address=current_client_ip(),
        )


class CitizenSocialSignupForm(CitizenSignupMixin, AllauthSocialSignupForm):
    """SOCIALACCOUNT_FORMS["signup"]: the consent step every new Kakao/Naver user goes
    through before the account exists (SOCIALACCOUNT_AUTO_SIGNUP = False)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("아이디")
        self.fields["username"].widget.attrs.pop("placeholder", None)
        self.fields["username"].help_text = _(
            "이 사이트에서 쓸 아이디입니다. 영문, 숫자와 @ . + - _ 만 쓸 수 있습니다."
        )
        self._add_citizen_fields()
        krds_widgets(self)
        if not self.is_bound:
            self.initial["contact_email"] = self._provider_email()

    def _get_signup_fields(self, kwargs) -> dict:
        # allauth's social form always passes email_required, which it only accepts when e-mail
        # is a sign-up field; ours is not (contact details are our own encrypted fields).
        kwargs.pop("email_required", None)
        return super()._get_signup_fields(kwargs)

    def _provider_email(self) -> str:
        for address in self.sociallogin.email_addresses:
            try:
                validate_email(address.email)
            except forms.ValidationError:
                continue
            return address.email
        return ""

    def clean(self):
        cleaned = super().clean()
        self._clean_contact()
        return cleaned

    def save(self, request):
        from .signup_services import citizen_signup

        return citizen_signup(
            username=self.cleaned_data["username"],
            password=None,
            contact_email=self.cleaned_data.get("contact_email") or "",
            contact_phone=self.cleaned_data.get("contact_phone") or "",
            shown_notices=self.consent_notices,
            granted_notice_ids=self.granted_notice_ids(),
            ip_address=current_client_ip(),
            sociallogin=self.sociallogin,
        )


# ---------------------------------------------------------------------------
# 내 정보


class ProfileCorrectionForm(forms.Form):
    """Correct my personal data (개인정보 보호법 제36조)."""

    name = forms.CharField(label=_("이름"), required=False, max_length=50)
    contact_email = forms.EmailField(
        label=_("전자우편"),
        required=False,
        error_messages={"invalid": _("전자우편 형식이 올바르지 않습니다. 예: hong@example.com")},
    )
    contact_phone = forms.CharField(label=_("휴대전화번호"), required=False, max_length=20)
    address = forms.CharField(
        label=_("주소"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        krds_widgets(self)

    def clean_contact_phone(self):
        value = (self.cleaned_data.get("contact_phone") or "").strip()
        return _mobile(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("contact_email")
            and not cleaned.get("contact_phone")
            and not self.has_error("contact_email")
            and not self.has_error("contact_phone")
        ):
            self.add_error(
                "contact_email",
                _(
                    "전자우편과 휴대전화번호 중 하나는 남겨 주세요. 계정 찾기에 필요합니다. "
                    "모두 지우려면 회원 탈퇴를 해 주세요."
                ),
            )
        return cleaned


class AccountDeleteForm(forms.Form):
    """Confirm account deletion and choose what happens to my posts."""

    POSTS_KEEP = "keep"
    POSTS_DELETE = "delete"

    posts = forms.ChoiceField(
        label=_("내가 쓴 게시글"),
        choices=[
            (POSTS_KEEP, _("남겨 두기 (작성자는 '탈퇴한 회원'으로 표시)")),
            (POSTS_DELETE, _("모두 삭제하기")),
        ],
        initial=POSTS_KEEP,
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label=_("비밀번호"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("위 안내를 읽었으며 회원 탈퇴에 동의합니다."),
        error_messages={"required": _("탈퇴하려면 안내를 읽고 확인란을 선택해 주세요.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"].required = True
            self.fields["password"].error_messages["required"] = _(
                "본인 확인을 위해 지금 쓰는 비밀번호를 입력해 주세요."
            )
        else:
            del self.fields["password"]
        krds_widgets(self)

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password and not self.user.check_password(password):
            raise forms.ValidationError(
                _("비밀번호가 맞지 않습니다. 지금 쓰는 비밀번호를 입력해 주세요."),
                code="wrong_password",
            )
        return password


class CitizenResetPasswordForm(AllauthResetPasswordForm):
    """ACCOUNT_FORMS["reset_password"]: find the account by the e-mail address kept encrypted
    in PersonalProfile (citizens give allauth none), as well as by User.email (staff).

    The look-up is exact through the blind index; whether an address belongs to an account is
    never revealed on the page (allauth's enumeration prevention), and the mail goes only to the
    address typed, which is the one on file.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("가입할 때 적은 전자우편 주소")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        krds_widgets(self)

    def clean_email(self) -> str:
        from madang.privacy.models.profile import PersonalProfile

        email = super().clean_email()
        known = {user.pk for user in self.users}
        profiles = PersonalProfile.objects.blind_filter(email=email).select_related("user")
        self.users = [
            *self.users,
            *(p.user for p in profiles if p.user.is_active and p.user.pk not in known),
        ]
        return email
