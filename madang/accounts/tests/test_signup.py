"""Sign-up with consent (개인정보 보호법 제15조②, 제16조①, 제22조①④), the consent notice
admin rules and the consent services."""

import importlib
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from madang.accounts.consent_admin import ConsentNoticeForm, ConsentNoticeViewSet
from madang.accounts.models import User
from madang.core.models import AuditLog
from madang.privacy.consent_services import (
    consent_notices_current,
    consent_states_for_user,
    consent_withdraw,
    user_has_required_consents,
)
from madang.privacy.models import ConsentAction, ConsentNotice, ConsentRecord, PersonalProfile
from madang.privacy.testing import assert_no_plaintext_in_database

PASSWORD = "Dongjak!Madang#2026"
EMAIL = "citizen.kim@example.com"
PHONE = "010-2345-6789"


def seed_notices():
    """The migration's first notice versions (transactional tests flush them)."""
    module = importlib.import_module("madang.privacy.migrations.0005_seed_consent_notices")
    module.seed(django_apps, None)
    return {n.kind: n for n in consent_notices_current()}


@pytest.fixture
def notices(db):
    # allauth's rate limits (sign-up: 20 a minute per IP) live in the cache, which tests share.
    cache.clear()
    return seed_notices()


def signup_data(notices, **overrides):
    data = {
        "username": "citizen1",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "contact_email": EMAIL,
        "contact_phone": PHONE,
        "age_confirmed": "on",
        f"consent_{notices['signup-required'].pk}": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_signup_page_shows_separate_consents_none_ticked(client, notices):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = response.content.decode()
    required, optional = notices["signup-required"], notices["news-optional"]
    assert f"[필수] {required.title}" in html
    assert f"[선택] {optional.title}" in html
    for notice in (required, optional):
        for text in (notice.purpose, notice.items, notice.retention, notice.refusal_consequence):
            assert escape(text) in html
    for name in (f"consent_{required.pk}", f"consent_{optional.pk}", "age_confirmed"):
        tag = html.split(f'name="{name}"')[1].split(">")[0]
        assert "checked" not in tag
    assert 'name="email"' not in html  # allauth's own e-mail field is not used
    assert "만 14세" in html


def test_signup_with_required_consent_only_succeeds(client, notices):
    response = client.post(reverse("account_signup"), signup_data(notices))
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="citizen1")
    assert user.kind == "citizen"
    assert user.email == ""
    assert not EmailAddress.objects.filter(user=user).exists()
    assert user.check_password(PASSWORD)
    profile = PersonalProfile.objects.get(user=user)
    assert profile.email == EMAIL
    assert profile.phone == "01023456789"
    assert PersonalProfile.objects.blind_filter(email=EMAIL).get() == profile
    records = list(ConsentRecord.objects.filter(user=user))
    assert [(r.notice, r.action) for r in records] == [
        (notices["signup-required"], ConsentAction.GRANT)
    ]
    assert records[0].ip_address == "127.0.0.1"
    assert user_has_required_consents(user=user)
    assert AuditLog.objects.filter(action="accounts.citizen.signup", object_id=str(user.pk))
    assert_no_plaintext_in_database([EMAIL, "01023456789", PHONE])
    # signed in straight away, and sent to 내 정보
    assert response["Location"] == "/accounts/me/"
    assert client.get("/accounts/me/").status_code == 200


def test_signup_with_optional_consent_records_it(client, notices):
    optional = notices["news-optional"]
    client.post(reverse("account_signup"), signup_data(notices, **{f"consent_{optional.pk}": "on"}))
    user = User.objects.get(username="citizen1")
    assert set(ConsentRecord.objects.filter(user=user).values_list("notice__kind", flat=True)) == {
        "signup-required",
        "news-optional",
    }


def test_missing_required_consent_gives_korean_error_and_keeps_input(client, notices):
    required = notices["signup-required"]
    response = client.post(
        reverse("account_signup"), signup_data(notices, **{f"consent_{required.pk}": None})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"[필수] {required.title}에 동의해야 가입할 수 있습니다." in html
    assert "입력한 내용을 확인해 주세요." in html
    assert 'value="citizen1"' in html
    assert f'value="{EMAIL}"' in html
    assert f'value="{PHONE}"' in html
    assert PASSWORD not in html
    assert not User.objects.filter(username="citizen1").exists()
    assert not ConsentRecord.objects.exists()


def test_under_14_cannot_sign_up_and_is_pointed_to_guidance(client, notices):
    response = client.post(reverse("account_signup"), signup_data(notices, age_confirmed=None))
    html = response.content.decode()
    assert "만 14세 이상만 직접 가입할 수 있습니다." in html
    assert reverse("accounts_under_14") in html
    assert not User.objects.exists() or not User.objects.filter(username="citizen1").exists()
    guidance = client.get(reverse("accounts_under_14")).content.decode()
    assert "법정대리인" in guidance


def test_email_or_phone_is_required(client, notices):
    response = client.post(
        reverse("account_signup"), signup_data(notices, contact_email="", contact_phone="")
    )
    assert "전자우편과 휴대전화번호 중 하나 이상을 입력해 주세요." in response.content.decode()
    assert not User.objects.filter(username="citizen1").exists()


@pytest.mark.parametrize(("email", "phone"), [(EMAIL, ""), ("", PHONE)])
def test_either_contact_is_enough(client, notices, email, phone):
    response = client.post(
        reverse("account_signup"), signup_data(notices, contact_email=email, contact_phone=phone)
    )
    assert response.status_code == 302
    profile = PersonalProfile.objects.get(user__username="citizen1")
    assert (profile.email, profile.phone) == (email, phone.replace("-", ""))


def test_landline_or_bad_phone_is_refused_in_korean(client, notices):
    response = client.post(
        reverse("account_signup"), signup_data(notices, contact_phone="02-820-1234")
    )
    assert "휴대전화번호를 입력해 주세요" in response.content.decode()
    response = client.post(reverse("account_signup"), signup_data(notices, contact_phone="12"))
    assert "전화번호 형식이 올바르지 않습니다" in response.content.decode()


def test_weak_password_is_refused_by_project_validators_in_korean(client, notices):
    response = client.post(
        reverse("account_signup"), signup_data(notices, password1="abc", password2="abc")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "비밀번호" in html and "자" in html
    assert not User.objects.filter(username="citizen1").exists()


def test_reserved_username_prefix_is_refused(client, notices):
    response = client.post(reverse("account_signup"), signup_data(notices, username="deleted-abc"))
    assert escape("'deleted-'로 시작하는 아이디는 쓸 수 없습니다.") in response.content.decode()


def test_new_notice_version_is_the_one_shown_and_recorded(client, notices):
    old = notices["signup-required"]
    new = ConsentNotice.objects.create(
        kind=old.kind,
        version=2,
        title=old.title,
        required=True,
        purpose="새 목적",
        items=old.items,
        retention=old.retention,
        refusal_consequence=old.refusal_consequence,
        effective_at=timezone.now() - timedelta(minutes=1),
    )
    ConsentNotice.objects.create(  # not yet in force
        kind=old.kind,
        version=3,
        title=old.title,
        required=True,
        purpose="미래 목적",
        items=old.items,
        retention=old.retention,
        refusal_consequence=old.refusal_consequence,
        effective_at=timezone.now() + timedelta(days=1),
    )
    html = client.get(reverse("account_signup")).content.decode()
    assert "새 목적" in html and "미래 목적" not in html
    client.post(reverse("account_signup"), signup_data(notices, **{f"consent_{new.pk}": "on"}))
    assert ConsentRecord.objects.get(user__username="citizen1").notice == new


def test_consent_notice_in_use_cannot_be_edited(notices, django_user_model):
    user = django_user_model.objects.create_user("someone", password=PASSWORD)
    notice = notices["news-optional"]
    ConsentRecord.objects.create(user=user, notice=notice, action=ConsentAction.GRANT)
    form_class = ConsentNoticeViewSet().get_form_class()
    assert issubclass(form_class, ConsentNoticeForm)
    data = {
        "kind": notice.kind,
        "version": notice.version,
        "title": "바꾼 제목",
        "required": "",
        "purpose": notice.purpose,
        "items": notice.items,
        "retention": notice.retention,
        "refusal_consequence": notice.refusal_consequence,
        "effective_at": timezone.now().strftime("%Y-%m-%d %H:%M"),
        "display_order": "1",
    }
    form = form_class(data, instance=notice)
    assert not form.is_valid()
    assert "이미 시민이 동의하거나 철회한 버전은 고칠 수 없습니다." in str(form.errors)
    # a new version must have a higher number
    form = form_class(data)
    assert not form.is_valid()
    assert "새 버전 번호는" in str(form.errors)
    form = form_class({**data, "version": notice.version + 1})
    assert form.is_valid(), form.errors
    # an unused version can still be fixed
    fresh = notices["signup-required"]
    form = form_class({**data, "kind": fresh.kind, "version": fresh.version}, instance=fresh)
    assert form.is_valid(), form.errors


def test_consent_notice_admin_pages(client, superuser, notices):
    client.force_login(superuser)
    index = reverse("wagtailsnippets_privacy_consentnotice:list")
    response = client.get(index)
    assert response.status_code == 200
    assert notices["signup-required"].title in response.content.decode()


def test_withdraw_optional_records_and_required_is_refused(notices, django_user_model):
    from django.core.exceptions import ValidationError

    from madang.privacy.consent_services import consent_answers_record

    user = django_user_model.objects.create_user("someone", password=PASSWORD)
    consent_answers_record(
        acting_user=user,
        user=user,
        shown=list(notices.values()),
        granted_ids=[n.pk for n in notices.values()],
        ip_address="10.0.0.1",
    )
    consent_withdraw(acting_user=user, user=user, kind="news-optional")
    states = {s.kind: s.granted for s in consent_states_for_user(user=user)}
    assert states == {"signup-required": True, "news-optional": False}
    with pytest.raises(ValidationError, match="필수 동의는 철회할 수 없습니다"):
        consent_withdraw(acting_user=user, user=user, kind="signup-required")
    with pytest.raises(ValidationError, match="이미 철회한"):
        consent_withdraw(acting_user=user, user=user, kind="news-optional")
    assert ConsentRecord.objects.filter(user=user, action=ConsentAction.WITHDRAW).count() == 1


def test_required_consent_is_enforced_by_the_service_too(notices, django_user_model):
    from django.core.exceptions import ValidationError

    from madang.privacy.consent_services import consent_answers_record

    user = django_user_model.objects.create_user("someone", password=PASSWORD)
    with pytest.raises(ValidationError, match="필수 동의 항목에 동의해야"):
        consent_answers_record(
            acting_user=user, user=user, shown=list(notices.values()), granted_ids=[]
        )


def test_login_page_in_site_layout_and_sign_in(client, notices):
    client.post(reverse("account_signup"), signup_data(notices))
    client.logout()
    page = client.get(reverse("account_login")).content.decode()
    assert 'id="main-content"' in page and "krds-input" in page and "아이디" in page
    response = client.post(reverse("account_login"), {"login": "citizen1", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
