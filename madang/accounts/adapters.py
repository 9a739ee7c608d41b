"""django-allauth adapters: citizens sign up without e-mail in allauth's tables, and a Kakao or
Naver profile never reaches the database in the clear."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.utils.translation import gettext as _

from .signup_services import social_extra_data_strip

RESERVED_USERNAME_PREFIXES = ("deleted-",)  # anonymised accounts (account_delete)


class MadangAccountAdapter(DefaultAccountAdapter):
    def clean_username(self, username: str, shallow: bool = False) -> str:
        if username.lower().startswith(RESERVED_USERNAME_PREFIXES):
            raise forms.ValidationError(
                _("'deleted-'로 시작하는 아이디는 쓸 수 없습니다. 다른 아이디를 입력해 주세요."),
                code="username_reserved",
            )
        return super().clean_username(username, shallow=shallow)

    def get_login_redirect_url(self, request):
        # Citizens land on 내 정보 after sign-in unless `next` says otherwise.
        return (
            "/accounts/me/"
            if not request.user.is_staff
            else super().get_login_redirect_url(request)
        )

    def get_signup_redirect_url(self, request):
        return "/accounts/me/"


class MadangSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Kakao/Naver: the provider profile is stripped before anything is stored or looked up.

    allauth calls populate_user right after building the SocialLogin from the provider's
    answer and before it looks up an existing account (which would save extra_data), so this is
    the one place where the profile can be cut down before any write. E-mail stays only on the
    in-memory SocialLogin (for pre-filling the consent step) and goes into PersonalProfile,
    encrypted, when the citizen completes sign-up.
    """

    def populate_user(self, request, sociallogin, data):
        user = sociallogin.user
        user.username = ""
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        sociallogin.account.extra_data = social_extra_data_strip(sociallogin.account.extra_data)
        sociallogin.phone = None
        return user

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        # Every new social user sees the consent step (개인정보 보호법 제22조).
        return False

    def get_signup_form_initial_data(self, sociallogin) -> dict:
        email = sociallogin.email_addresses[0].email if sociallogin.email_addresses else ""
        return {"username": "", "email": "", "contact_email": email}

    def save_user(self, request, sociallogin, form=None):
        if form is None:  # pragma: no cover - auto sign-up is off
            raise RuntimeError("social sign-up needs the consent form")
        return form.save(request)
