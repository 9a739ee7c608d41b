"""내 정보: see, download, correct, withdraw optional consents, delete the account
(개인정보 보호법 제21조, 제35~38조)."""

import json

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from madang.accounts import services as account_services
from madang.accounts.models import User
from madang.core.models import AuditLog
from madang.privacy.consent_services import consent_states_for_user
from madang.privacy.models import ConsentAction, ConsentRecord, PersonalProfile
from madang.privacy.testing import assert_no_plaintext_in_database

from .test_signup import EMAIL, PASSWORD, notices, signup_data  # noqa: F401


@pytest.fixture
def signed_up(client, notices):  # noqa: F811
    optional = notices["news-optional"]
    response = client.post(
        reverse("account_signup"), signup_data(notices, **{f"consent_{optional.pk}": "on"})
    )
    assert response.status_code == 302
    return User.objects.get(username="citizen1")


def test_me_requires_sign_in(client, db):
    response = client.get(reverse("accounts_me"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_me_shows_everything_held(client, signed_up, notices, django_assert_max_num_queries):  # noqa: F811
    with django_assert_max_num_queries(25):
        html = client.get(reverse("accounts_me")).content.decode()
    assert "citizen1" in html and EMAIL in html and "01023456789" in html
    assert notices["signup-required"].title in html and notices["news-optional"].title in html
    assert "공공기록물 관리에 관한 법률" in html


def test_download_json(client, signed_up):
    response = client.get(reverse("accounts_me_download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["username"] == "citizen1"
    assert data["personal_profile"]["email"] == EMAIL
    assert {c["kind"] for c in data["consents"]} == {"signup-required", "news-optional"}
    assert all(c["version"] == 1 for c in data["consents"])
    assert AuditLog.objects.filter(action="accounts.my_data.download").count() == 1
    # the audit row names no personal data
    assert_no_plaintext_in_database([EMAIL])


def test_correct_personal_data(client, signed_up):
    response = client.post(
        reverse("accounts_me_edit"),
        {
            "name": "김동작",
            "contact_email": "new@example.com",
            "contact_phone": "",
            "address": "서울 동작구 장승배기로 161",
        },
    )
    assert response.status_code == 302
    profile = PersonalProfile.objects.get(user=signed_up)
    assert (profile.name, profile.email, profile.phone) == ("김동작", "new@example.com", "")
    assert_no_plaintext_in_database(["김동작", "new@example.com", "장승배기로 161"])


def test_correction_keeps_input_on_error(client, signed_up):
    response = client.post(
        reverse("accounts_me_edit"),
        {"name": "김동작", "contact_email": "not-an-email", "contact_phone": "", "address": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "전자우편 형식이 올바르지 않습니다" in html
    assert 'value="김동작"' in html and 'value="not-an-email"' in html
    response = client.post(
        reverse("accounts_me_edit"),
        {"name": "", "contact_email": "", "contact_phone": "", "address": ""},
    )
    assert "전자우편과 휴대전화번호 중 하나는 남겨 주세요" in response.content.decode()
    assert PersonalProfile.objects.get(user=signed_up).email == EMAIL


def test_withdraw_and_regrant_optional_consent(client, signed_up):
    page = client.get(reverse("accounts_me_consents")).content.decode()
    assert "동의 철회" in page
    response = client.post(
        reverse("accounts_me_consents"), {"kind": "news-optional", "action": "withdraw"}
    )
    assert response.status_code == 302
    states = {s.kind: s.granted for s in consent_states_for_user(user=signed_up)}
    assert states == {"signup-required": True, "news-optional": False}
    withdrawal = ConsentRecord.objects.filter(user=signed_up, action=ConsentAction.WITHDRAW).get()
    assert withdrawal.ip_address == "127.0.0.1"
    assert AuditLog.objects.filter(action="privacy.consent.withdraw").exists()
    client.post(reverse("accounts_me_consents"), {"kind": "news-optional", "action": "grant"})
    assert {s.kind: s.granted for s in consent_states_for_user(user=signed_up)}["news-optional"]
    # a required consent cannot be withdrawn here
    response = client.post(
        reverse("accounts_me_consents"),
        {"kind": "signup-required", "action": "withdraw"},
        follow=True,
    )
    assert "필수 동의는 철회할 수 없습니다" in response.content.decode()


@pytest.fixture
def handler_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(account_services, "_ACCOUNT_DELETION_HANDLERS", {})
    account_services.account_deletion_handler_register(
        "boards",
        lambda *, user, delete_posts: calls.append((user.pk, delete_posts)) or {"posts": 2},
    )
    return calls


@pytest.mark.parametrize(("choice", "delete_posts"), [("keep", False), ("delete", True)])
def test_delete_account_anonymises(client, signed_up, handler_calls, choice, delete_posts):
    SocialAccount.objects.create(
        user=signed_up, provider="kakao", uid="123", extra_data={"id": 123}
    )
    page = client.get(reverse("accounts_me_delete")).content.decode()
    assert "탈퇴한 회원" in page and "공공기록물 관리에 관한 법률" in page
    response = client.post(
        reverse("accounts_me_delete"), {"posts": choice, "password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts_me_deleted")
    user = User.objects.get(pk=signed_up.pk)  # the row stays
    assert user.username.startswith("deleted-") and not user.is_active
    assert not user.has_usable_password()
    profile = PersonalProfile.objects.get(user=user)
    assert (profile.name, profile.email, profile.phone, profile.address) == ("", "", "", "")
    assert not SocialAccount.objects.filter(user=user).exists()
    assert handler_calls == [(user.pk, delete_posts)]
    assert not any(s.granted for s in consent_states_for_user(user=user))
    audit = AuditLog.objects.get(action="accounts.citizen.delete")
    assert audit.changes["delete_posts"] is delete_posts
    assert audit.changes["handlers"] == {"boards": {"posts": 2}}
    # (the old 아이디 stays only in audit and sign-in logs, which are kept for their own period)
    assert_no_plaintext_in_database([EMAIL, "01023456789"])
    # signed out, and cannot sign in again
    assert client.get(reverse("accounts_me")).status_code == 302
    login = client.post(reverse("account_login"), {"login": "citizen1", "password": PASSWORD})
    assert login.status_code != 302 or login["Location"] != "/accounts/me/"


def test_delete_needs_password_and_confirmation(client, signed_up, handler_calls):
    response = client.post(reverse("accounts_me_delete"), {"posts": "keep", "password": "wrong"})
    html = response.content.decode()
    assert "비밀번호가 맞지 않습니다" in html
    assert "탈퇴하려면 안내를 읽고 확인란을 선택해 주세요." in html
    assert User.objects.get(pk=signed_up.pk).is_active
    assert handler_calls == []


def test_staff_cannot_delete_themselves_here(staff_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        account_services.account_delete(user=staff_user, delete_posts=False)


def test_allauth_email_page_is_replaced_by_my_data(client, signed_up):
    from allauth.account.models import EmailAddress

    for path in ("/accounts/email/", "/accounts/phone/change/"):
        page = client.get(path)
        assert page.status_code == 200
        assert reverse("accounts_me_edit") in page.content.decode()
        response = client.post(path, {"email": "leak@example.com", "action_add": "1"})
        assert response.status_code == 200
    assert not EmailAddress.objects.exists()
    assert_no_plaintext_in_database(["leak@example.com"])


def test_staff_keep_allauth_email_page(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/accounts/email/")
    assert response.status_code == 200
    assert "contact_elsewhere" not in [t.name for t in response.templates]
