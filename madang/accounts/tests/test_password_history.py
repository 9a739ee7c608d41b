"""No reuse of recent passwords, history written by every path that changes a password."""

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.core.management import call_command

from madang.accounts.choices import AccountKind
from madang.accounts.models import PasswordHistory, User
from madang.accounts.password_policy import user_set_password
from madang.core.models import AuditLog

pytestmark = pytest.mark.django_db

FIRST = "Hw8?tNq2&e"
OTHERS = ["Ng5*Wr8@Lp", "mK7#pW2!zq", "Tr0ub4dor&9x", "9aB$kL2#w", "Zx!9mK#4pW", "Pk2@vR7!mt"]


@pytest.fixture
def officer():
    user = User(username="officer7", kind=AccountKind.STAFF, is_staff=True)
    user.set_password(FIRST)
    user.save()
    return user


def test_set_password_and_save_records_the_password(officer):
    rows = list(PasswordHistory.objects.filter(user=officer))
    assert len(rows) == 1 and check_password(FIRST, rows[0].password_hash)
    assert FIRST not in rows[0].password_hash
    officer.refresh_from_db()
    assert officer.password_changed_at is not None


def test_create_user_bypasses_the_hook_but_its_password_is_still_current():
    """UserManager.create_user assigns make_password() without set_password(), so Django runs
    no password_changed hook: no history row and no stamp (expiry then counts from
    date_joined). Reuse of that first password is still refused while it is the current one."""
    user = User.objects.create_user(
        username="officer8", password=FIRST, kind=AccountKind.STAFF, is_staff=True
    )
    assert not PasswordHistory.objects.filter(user=user).exists()
    assert user.password_changed_at is None
    with pytest.raises(ValidationError, match="최근에 사용한"):
        user_set_password(acting_user=None, user=user, raw_password=FIRST)


def test_current_and_recent_passwords_are_refused(officer):
    with pytest.raises(ValidationError) as exc:
        user_set_password(acting_user=officer, user=officer, raw_password=FIRST)
    assert exc.value.error_list[0].code == "password_reused"
    assert "최근에 사용한 비밀번호는 다시 쓸 수 없습니다" in exc.value.messages[0]
    user_set_password(acting_user=officer, user=officer, raw_password=OTHERS[0])
    user_set_password(acting_user=officer, user=officer, raw_password=OTHERS[1])
    for reused in (FIRST, OTHERS[0], OTHERS[1]):
        with pytest.raises(ValidationError, match="최근 5개와 다른"):
            user_set_password(acting_user=officer, user=officer, raw_password=reused)


def test_a_password_may_return_after_count_changes(officer, settings):
    settings.PASSWORD_HISTORY_COUNT = 5
    for password in OTHERS[:4]:
        user_set_password(acting_user=officer, user=officer, raw_password=password)
    with pytest.raises(ValidationError):  # FIRST is the 5th most recent
        user_set_password(acting_user=officer, user=officer, raw_password=FIRST)
    user_set_password(acting_user=officer, user=officer, raw_password=OTHERS[4])
    assert PasswordHistory.objects.filter(user=officer).count() == 5
    user_set_password(acting_user=officer, user=officer, raw_password=FIRST)
    officer.refresh_from_db()
    assert officer.check_password(FIRST)


def test_count_zero_turns_the_rule_off(officer, settings):
    settings.PASSWORD_HISTORY_COUNT = 0
    user_set_password(acting_user=None, user=officer, raw_password=OTHERS[0])
    user_set_password(acting_user=None, user=officer, raw_password=FIRST)


def test_citizens_keep_no_history_and_may_reuse():
    citizen = User.objects.create_user(username="minsu", password="sunflower7")
    assert not PasswordHistory.objects.filter(user=citizen).exists()
    user_set_password(acting_user=citizen, user=citizen, raw_password="sunflower7")
    citizen.refresh_from_db()
    assert citizen.password_changed_at is not None


def test_service_audits_without_the_password(officer):
    user_set_password(acting_user=officer, user=officer, raw_password=OTHERS[0])
    row = AuditLog.objects.get(action="user.password_change")
    assert row.actor == officer and row.changes == {"by_self": True}
    assert OTHERS[0] not in str(row.changes)


def test_service_applies_every_rule(officer):
    with pytest.raises(ValidationError) as exc:
        user_set_password(acting_user=None, user=officer, raw_password="officer7abc")
    codes = {e.code for e in exc.value.error_list}
    assert {"password_contains_username", "password_sequential_characters"} <= codes
    officer.refresh_from_db()
    assert officer.check_password(FIRST)
    assert not AuditLog.objects.filter(action="user.password_change").exists()


def test_django_set_password_form_records_history(officer):
    """The form the Django and Wagtail admins use: validate, set_password, save, hook."""
    form = SetPasswordForm(officer, {"new_password1": FIRST, "new_password2": FIRST})
    assert not form.is_valid()
    assert "최근에 사용한 비밀번호" in str(form.errors)
    form = SetPasswordForm(officer, {"new_password1": OTHERS[2], "new_password2": OTHERS[2]})
    assert form.is_valid(), form.errors
    form.save()
    assert PasswordHistory.objects.filter(user=officer).count() == 2


def test_allauth_change_password_view_records_history(officer, client):
    client.force_login(officer)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": FIRST, "password1": FIRST, "password2": FIRST},
    )
    assert response.status_code == 200
    assert "최근에 사용한 비밀번호" in response.content.decode()
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": FIRST, "password1": OTHERS[3], "password2": OTHERS[3]},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(OTHERS[3])
    assert PasswordHistory.objects.filter(user=officer).count() == 2


def test_changepassword_command_records_history(officer, monkeypatch):
    answers = iter([OTHERS[4], OTHERS[4]])
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: next(answers))
    call_command("changepassword", "officer7")
    assert PasswordHistory.objects.filter(user=officer).count() == 2
