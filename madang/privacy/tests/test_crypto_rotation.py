"""`manage.py rotate_encryption_keys`: batches, resume after interruption, dry run, idempotence
(조례 제22조②: keys are changed without losing data)."""

import base64
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from madang.accounts.models import User
from madang.privacy.crypto import envelope_key_id
from madang.privacy.management.commands import rotate_encryption_keys as rotate_module
from madang.privacy.models import KeyRotationProgress, PersonalProfile
from madang.privacy.services import personal_profile_update

pytestmark = pytest.mark.django_db(transaction=True)

COLUMNS = ("name", "phone", "email", "address")


def raw_values():
    table = PersonalProfile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name, phone, email, address FROM {table} ORDER BY id")  # noqa: S608
        return {row[0]: dict(zip(COLUMNS, row[1:], strict=True)) for row in cursor.fetchall()}


def key_ids():
    return {
        envelope_key_id(v)
        for row in raw_values().values()
        for v in row.values()
        if v not in ("", None)
    }


@pytest.fixture
def old_profiles(settings):
    """Seven citizens whose data was encrypted under test0 only (before test1 was added)."""
    keys = list(settings.FIELD_ENCRYPTION_KEYS)
    settings.FIELD_ENCRYPTION_KEYS = [keys[1]]
    expected = {}
    for i in range(7):
        user = User.objects.create_user(username=f"c{i}", password="x")
        fields = {
            "name": f"시민{i}",
            "phone": f"010-1000-{i:04d}",
            "email": f"c{i}@example.com",
            "address": "" if i == 3 else f"동작구 {i}번지",
        }
        with transaction.atomic():
            personal_profile_update(acting_user=user, user=user, **fields)
        expected[user.pk] = fields
    settings.FIELD_ENCRYPTION_KEYS = keys  # test1 first again: the rotation target
    assert key_ids() == {"test0"}
    return expected


def profile_pks():
    return sorted(PersonalProfile.objects.values_list("pk", flat=True))


def assert_all_readable(expected):
    for profile in PersonalProfile.objects.all():
        assert {c: getattr(profile, c) for c in COLUMNS} == expected[profile.user_id]
        assert (
            PersonalProfile.objects.blind_filter(phone=expected[profile.user_id]["phone"]).get()
            == profile
        )


def run(*args):
    out = StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out)
    return out.getvalue()


def test_rotation_reencrypts_everything_under_the_current_key(old_profiles):
    before = raw_values()
    output = run("--batch-size", "3")
    assert key_ids() == {"test1"}
    assert_all_readable(old_profiles)
    assert (
        "privacy.PersonalProfile.address: scanned 7, re-encrypted 6, already current 0, empty 1"
        in output
    )
    assert "re-encrypted 27" in output
    after = raw_values()
    assert all(after[pk]["name"] != before[pk]["name"] for pk in before)


def test_rotation_can_drop_the_old_key_afterwards(old_profiles, settings):
    run()
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    assert_all_readable(old_profiles)


def test_dry_run_changes_nothing(old_profiles):
    before = raw_values()
    output = run("--dry-run", "--batch-size", "2")
    assert raw_values() == before
    assert "[dry run] done: scanned 28, to re-encrypt 27, already current 0, empty 1" in output
    assert not KeyRotationProgress.objects.exists()


def test_second_run_skips_values_already_under_the_current_key(old_profiles):
    run()
    after_first = raw_values()
    output = run()
    assert raw_values() == after_first
    assert "done: scanned 28, re-encrypted 0, already current 27, empty 1" in output


def test_interrupted_rotation_resumes_and_loses_nothing(old_profiles, monkeypatch):
    real = rotate_module.rotate_batch
    calls = {"n": 0}

    def failing_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # the second batch of the first column dies half-way
            kwargs["batch_size"] = 1
            real(*args, **kwargs)
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(rotate_module, "rotate_batch", failing_batch)
    with pytest.raises(RuntimeError, match="power cut"):
        run("--batch-size", "3")
    # The first batch committed, the half-done second rolled back, no value is lost.
    progress = KeyRotationProgress.objects.get()
    pks = profile_pks()
    assert progress.last_pk == str(pks[2]) and progress.finished_at is None
    assert_all_readable(old_profiles)
    monkeypatch.setattr(rotate_module, "rotate_batch", real)

    output = run("--batch-size", "3")
    assert f"resuming after pk {pks[2]}" in output
    assert "privacy.PersonalProfile.name: scanned 4, re-encrypted 4" in output
    assert key_ids() == {"test1"}
    assert_all_readable(old_profiles)
    assert all(p.finished_at for p in KeyRotationProgress.objects.all())


def test_a_value_no_key_can_open_stops_the_batch_loudly(old_profiles):
    table = PersonalProfile._meta.db_table
    pk = profile_pks()[4]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET name = %s WHERE id = %s", ["v1:lost:AAAA", pk])  # noqa: S608
    with pytest.raises(CommandError, match=rf"privacy.PersonalProfile.name pk={pk}.*'lost'"):
        run("--batch-size", "3")
    # Batches before the bad one committed; nothing after it was touched.
    assert KeyRotationProgress.objects.get(field_name="name").last_pk == str(profile_pks()[2])


def test_rebuild_blind_indexes_after_changing_the_blind_index_key(old_profiles, settings):
    settings.BLIND_INDEX_KEY = base64.b64encode(b"q" * 32).decode()
    some = next(iter(old_profiles.values()))
    assert not PersonalProfile.objects.blind_filter(phone=some["phone"]).exists()
    output = run("--rebuild-blind-indexes")
    assert "blind indexes changed: 7" in output
    assert_all_readable(old_profiles)
