import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from madang.accounts.models import ApiToken, hash_token
from madang.accounts.selectors import api_token_authenticate
from madang.accounts.services import api_token_create
from madang.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_only_the_hash_is_stored(staff_user):
    token, raw = api_token_create(acting_user=None, user=staff_user, name="n", scopes=["read"])
    row = ApiToken.objects.get(pk=token.pk)
    assert raw.startswith("mdg_") and len(raw) > 40
    assert row.token_hash == hash_token(raw) and raw not in (row.token_hash, row.prefix)
    assert api_token_authenticate(raw=raw) == token
    assert api_token_authenticate(raw=raw + "x") is None
    assert AuditLog.objects.filter(action="api_token.create").count() == 1


def test_unknown_scope_and_citizen_are_refused(staff_user, django_user_model):
    with pytest.raises(ValidationError, match="알 수 없는 권한"):
        api_token_create(acting_user=None, user=staff_user, name="n", scopes=["everything"])
    citizen = django_user_model.objects.create_user(username="c", password="x")
    with pytest.raises(ValidationError, match="직원"):
        api_token_create(acting_user=None, user=citizen, name="n", scopes=["read"])


def test_inactive_user_token_fails(staff_user):
    _, raw = api_token_create(acting_user=None, user=staff_user, name="n", scopes=["read"])
    staff_user.is_active = False
    staff_user.save()
    assert api_token_authenticate(raw=raw) is None


def test_command_prints_token_once(staff_user, capsys):
    call_command("create_api_token", "staff1", "sync", "--scope", "read")
    out = capsys.readouterr().out.strip()
    assert api_token_authenticate(raw=out).name == "sync"


def test_revoke_command(staff_user, capsys):
    _, raw = api_token_create(acting_user=None, user=staff_user, name="sync", scopes=["read"])
    call_command("revoke_api_token", raw[:12])
    assert "Revoked" in capsys.readouterr().out
    assert api_token_authenticate(raw=raw) is None
    assert AuditLog.objects.filter(action="api_token.revoke").count() == 1
