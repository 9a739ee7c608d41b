"""Kakao and Naver sign-in through django-allauth against a local fake OAuth 2.0 provider:
the consent step before the account exists, nothing personal left in SocialAccount.extra_data,
e-mail only in PersonalProfile (encrypted), buttons only when configured."""

from urllib.parse import urlparse

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialToken
from allauth.socialaccount.providers.kakao.views import KakaoOAuth2Adapter
from allauth.socialaccount.providers.naver.views import NaverOAuth2Adapter
from django.urls import reverse

from madang.accounts.models import User
from madang.privacy.models import ConsentRecord, PersonalProfile
from madang.privacy.testing import assert_no_plaintext_in_database

from .test_signup import notices  # noqa: F401  (fixture)
from .test_social_fake_provider import FakeOAuthProvider

KAKAO_EMAIL = "kakao.user@example.kr"
KAKAO_NICKNAME = "동작구민라이언"
NAVER_EMAIL = "naver.user@example.kr"
NAVER_PHONE = "010-8765-4321"
NAVER_NAME = "네이버홍길동"

KAKAO_PROFILE = {
    "id": 4012345678,
    "connected_at": "2026-11-25T06:00:00Z",
    "properties": {"nickname": KAKAO_NICKNAME},
    "kakao_account": {
        "profile": {"nickname": KAKAO_NICKNAME},
        "email": KAKAO_EMAIL,
        "is_email_valid": True,
        "is_email_verified": True,
        "age_range": "30~39",
    },
}
NAVER_PROFILE = {
    "id": "naver-uid-32chars-abcdefghijklmno",
    "email": NAVER_EMAIL,
    "nickname": "naverNick",
    "name": NAVER_NAME,
    "mobile": NAVER_PHONE,
    "birthyear": "1990",
}


def configure(settings, monkeypatch, fake, provider):
    settings.SOCIALACCOUNT_PROVIDERS = {
        provider: {"APPS": [{"client_id": fake.client_id, "secret": fake.client_secret, "key": ""}]}
    }
    adapter = {"kakao": KakaoOAuth2Adapter, "naver": NaverOAuth2Adapter}[provider]
    monkeypatch.setattr(adapter, "authorize_url", fake.authorize_url)
    monkeypatch.setattr(adapter, "access_token_url", fake.token_url)
    monkeypatch.setattr(adapter, "profile_url", fake.profile_url)


@pytest.fixture
def kakao(settings, monkeypatch):
    with FakeOAuthProvider(
        client_id="kakao-client", client_secret="kakao-secret", profile=KAKAO_PROFILE
    ) as fake:
        configure(settings, monkeypatch, fake, "kakao")
        yield fake


@pytest.fixture
def naver(settings, monkeypatch):
    with FakeOAuthProvider(
        client_id="naver-client", client_secret="naver-secret", profile=NAVER_PROFILE, kind="naver"
    ) as fake:
        configure(settings, monkeypatch, fake, "naver")
        yield fake


def oauth_round_trip(client, provider):
    """Press the button, let the fake provider authorise, come back to the callback."""
    response = client.post(f"/accounts/{provider}/login/")
    assert response.status_code == 302, response
    authorize = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert authorize.status_code == 302, authorize.text
    back = urlparse(authorize.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def social_signup_data(notices, **extra):  # noqa: F811
    data = {
        "username": "kakaouser",
        "age_confirmed": "on",
        f"consent_{notices['signup-required'].pk}": "on",
    }
    data.update(extra)
    return data


def test_buttons_only_when_configured(client, settings, notices):  # noqa: F811
    settings.SOCIALACCOUNT_PROVIDERS = {}
    html = client.get(reverse("account_login")).content.decode()
    assert "카카오로 계속하기" not in html and "네이버로 계속하기" not in html
    settings.SOCIALACCOUNT_PROVIDERS = {
        "kakao": {"APPS": [{"client_id": "x", "secret": "y", "key": ""}]}
    }
    html = client.get(reverse("account_login")).content.decode()
    assert "카카오로 계속하기" in html and "네이버로 계속하기" not in html
    assert "카카오로 계속하기" in client.get(reverse("account_signup")).content.decode()


def test_kakao_sign_up_goes_through_consent_and_keeps_no_plaintext(client, kakao, notices):  # noqa: F811
    response = oauth_round_trip(client, "kakao")
    assert response.status_code == 302
    assert response["Location"] == reverse("socialaccount_signup")
    # Not usable before consent: no account exists and nobody is signed in.
    assert not User.objects.exists() or not SocialAccount.objects.exists()
    assert client.get(reverse("accounts_me")).status_code == 302
    assert ("POST", "/oauth/token") in kakao.requests
    assert ("GET", "/v2/user/me") in kakao.requests

    page = client.get(reverse("socialaccount_signup")).content.decode()
    assert "회원가입 마무리" in page
    assert f'value="{KAKAO_EMAIL}"' in page  # offered, not stored yet
    assert KAKAO_NICKNAME not in page  # the nickname is not used as 아이디

    # Refusing the required consent keeps the account from existing.
    refused = client.post(
        reverse("socialaccount_signup"),
        social_signup_data(
            notices,
            contact_email=KAKAO_EMAIL,
            **{f"consent_{notices['signup-required'].pk}": ""},
        ),
    )
    assert refused.status_code == 200
    assert "에 동의해야 가입할 수 있습니다." in refused.content.decode()
    assert not SocialAccount.objects.exists()

    response = client.post(
        reverse("socialaccount_signup"), social_signup_data(notices, contact_email=KAKAO_EMAIL)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="kakaouser")
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "kakao"
    assert account.uid == "4012345678"
    assert set(account.extra_data) <= {"id", "connected_at"}
    assert not user.has_usable_password()
    assert user.email == "" and user.first_name == ""
    assert not EmailAddress.objects.exists()
    assert not SocialToken.objects.exists()
    assert PersonalProfile.objects.get(user=user).email == KAKAO_EMAIL
    assert ConsentRecord.objects.filter(user=user).count() == 1
    assert_no_plaintext_in_database([KAKAO_EMAIL, KAKAO_NICKNAME])
    assert client.get(reverse("accounts_me")).status_code == 200

    # Signing in again: straight in, and the stored profile stays stripped.
    client.logout()
    response = oauth_round_trip(client, "kakao")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
    account.refresh_from_db()
    assert set(account.extra_data) <= {"id", "connected_at"}
    assert_no_plaintext_in_database([KAKAO_EMAIL, KAKAO_NICKNAME])


def test_naver_sign_up_moves_phone_and_email_into_profile(client, naver, notices):  # noqa: F811
    response = oauth_round_trip(client, "naver")
    assert response["Location"] == reverse("socialaccount_signup")
    response = client.post(
        reverse("socialaccount_signup"),
        social_signup_data(
            notices, username="naveruser", contact_email=NAVER_EMAIL, contact_phone=NAVER_PHONE
        ),
    )
    assert response.status_code == 302
    user = User.objects.get(username="naveruser")
    profile = PersonalProfile.objects.get(user=user)
    assert (profile.email, profile.phone) == (NAVER_EMAIL, "01087654321")
    assert SocialAccount.objects.get(user=user).extra_data == {"id": NAVER_PROFILE["id"]}
    assert user.first_name == "" and user.last_name == ""
    assert_no_plaintext_in_database([NAVER_EMAIL, NAVER_PHONE, "01087654321", NAVER_NAME])


def test_wrong_client_secret_fails_without_an_account(client, kakao, notices, settings):  # noqa: F811
    settings.SOCIALACCOUNT_PROVIDERS = {
        "kakao": {"APPS": [{"client_id": "kakao-client", "secret": "wrong", "key": ""}]}
    }
    response = oauth_round_trip(client, "kakao")
    assert response.status_code == 401
    assert "다른 계정으로 로그인하지 못했습니다" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert ("POST", "/oauth/token") in kakao.requests


def test_tampered_state_is_refused(client, kakao, notices):  # noqa: F811
    response = client.post("/accounts/kakao/login/")
    authorize = requests.get(response["Location"], allow_redirects=False, timeout=5)
    back = urlparse(authorize.headers["Location"])
    query = back.query.replace("state=", "state=x")
    response = client.get(f"{back.path}?{query}")
    assert response.status_code == 401
    assert not SocialAccount.objects.exists()
    assert ("POST", "/oauth/token") not in kakao.requests


def test_fake_provider_checks_client_id(kakao):
    bad = requests.get(
        kakao.authorize_url,
        params={
            "client_id": "other",
            "redirect_uri": "http://x/",
            "response_type": "code",
            "state": "s",
        },
        allow_redirects=False,
        timeout=5,
    )
    assert bad.status_code == 400
    profile = requests.get(kakao.profile_url, headers={"Authorization": "Bearer nope"}, timeout=5)
    assert profile.status_code == 401
