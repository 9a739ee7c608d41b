"""Encrypted fields, blind indexes and PersonalProfile (조례 제22조②; 안전성 확보조치 기준
제7조)."""

import pytest
from django.core.exceptions import FieldError, ValidationError
from django.db import connection, transaction

from madang.accounts.models import User
from madang.core.models import AuditLog
from madang.privacy.crypto import DecryptionError, envelope_key_id
from madang.privacy.fields import blind_lookup
from madang.privacy.models import PersonalProfile, PIIAccessAction, PIIAccessLog
from madang.privacy.services import personal_profile_update
from madang.privacy.testing import assert_no_plaintext_in_database, find_plaintext_in_database

pytestmark = pytest.mark.django_db

HONG = {
    "name": "홍길동",
    "phone": "010-1234-5678",
    "email": "Hong.GilDong@Example.com",
    "address": "서울특별시 동작구 장승배기로 161 동작구청 3층",
}


@pytest.fixture
def citizen(db):
    return User.objects.create_user(username="citizen1", password="x")


@pytest.fixture
def profile(citizen):
    with transaction.atomic():
        return personal_profile_update(acting_user=citizen, user=citizen, **HONG)


def raw_row(pk):
    table = PersonalProfile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, phone, email, address, phone_bidx, email_bidx FROM {table} "  # noqa: S608
            "WHERE id = %s",
            [pk],
        )
        return dict(
            zip(
                ["name", "phone", "email", "address", "phone_bidx", "email_bidx"],
                cursor.fetchone(),
                strict=True,
            )
        )


def test_raw_columns_hold_envelopes_never_plaintext(profile):
    row = raw_row(profile.pk)
    for name in ("name", "phone", "email", "address"):
        assert row[name].startswith("v1:test1:")
        assert HONG[name] not in row[name]
    assert len(row["phone_bidx"]) == 64 and "5678" not in row["phone_bidx"]


def test_no_plaintext_anywhere_in_the_database(profile, staff_user):
    # Including the audit row the service wrote and the access record of a staff edit.
    with transaction.atomic():
        personal_profile_update(
            acting_user=staff_user, user=profile.user, address="서울특별시 동작구 노량진로 10"
        )
    assert_no_plaintext_in_database(
        [*HONG.values(), "01012345678", "hong.gildong@example.com", "노량진로 10"]
    )


def test_the_scanner_finds_plaintext_when_it_is_there(citizen):
    # Proves the helper is not vacuous: a department's phone is stored in the clear.
    citizen.first_name = "평문이름"
    citizen.save()
    assert find_plaintext_in_database(["평문이름"]) == [
        "accounts_user.first_name contains '평문이름'"
    ]
    with pytest.raises(AssertionError, match=r"accounts_user\.first_name"):
        assert_no_plaintext_in_database(["평문이름"])


def test_scanner_sees_json_escaped_text(citizen):
    with transaction.atomic():
        AuditLog.objects.create(action="x", object_type="y", changes={"leak": "김철수"})
    assert any("core_auditlog.changes" in hit for hit in find_plaintext_in_database(["김철수"]))


def test_values_decrypt_when_read_back(profile):
    fresh = PersonalProfile.objects.get(pk=profile.pk)
    assert (fresh.name, fresh.phone, fresh.email, fresh.address) == (
        HONG["name"],
        HONG["phone"],
        HONG["email"],
        HONG["address"],
    )
    assert list(PersonalProfile.objects.values_list("name", flat=True)) == ["홍길동"]


def test_blind_lookup_finds_by_normalised_phone_and_email(profile, citizen):
    other = User.objects.create_user(username="citizen2", password="x")
    with transaction.atomic():
        personal_profile_update(acting_user=other, user=other, phone="010-9999-0000")
    for phone in ("010-1234-5678", "01012345678", "+82 10 1234 5678"):
        found = PersonalProfile.objects.filter(**blind_lookup(PersonalProfile, "phone", phone))
        assert list(found) == [profile]
    assert list(PersonalProfile.objects.blind_filter(email=" hong.gildong@EXAMPLE.com")) == [
        profile
    ]
    assert not PersonalProfile.objects.blind_filter(phone="010-1234-5679").exists()
    assert not PersonalProfile.objects.blind_filter(phone="").exists()


def test_blind_index_follows_the_value_on_save(profile):
    profile.phone = "010-2222-3333"
    profile.save()
    assert PersonalProfile.objects.blind_filter(phone="01022223333").get() == profile
    assert not PersonalProfile.objects.blind_filter(phone=HONG["phone"]).exists()
    profile.phone = ""
    profile.save()
    assert raw_row(profile.pk)["phone_bidx"] is None


def test_partial_save_must_include_the_blind_index(profile):
    profile.phone = "010-2222-3333"
    with pytest.raises(ValueError, match="phone_bidx"):
        profile.save(update_fields=["phone"])
    profile.save(update_fields=["phone", "phone_bidx"])
    assert PersonalProfile.objects.blind_filter(phone="01022223333").exists()


def test_empty_values_are_stored_as_empty_not_encrypted(citizen):
    with transaction.atomic():
        profile = personal_profile_update(acting_user=citizen, user=citizen, name="홍길동")
    row = raw_row(profile.pk)
    assert (row["phone"], row["email"], row["address"]) == ("", "", "")
    assert row["phone_bidx"] is None and row["email_bidx"] is None
    assert PersonalProfile.objects.filter(phone="").get() == profile
    assert not PersonalProfile.objects.exclude(phone="").exists()


@pytest.mark.parametrize(
    "lookup",
    [{"phone": "010-1234-5678"}, {"name__icontains": "홍"}, {"email__startswith": "h"}],
)
def test_searching_encrypted_columns_is_refused(profile, lookup):
    with pytest.raises(FieldError, match="encrypted"):
        list(PersonalProfile.objects.filter(**lookup))


def test_plaintext_validation_still_applies(citizen):
    with pytest.raises(ValidationError) as info, transaction.atomic():
        personal_profile_update(
            acting_user=citizen, user=citizen, email="not-an-email", phone="12", name="가" * 51
        )
    assert set(info.value.message_dict) == {"email", "phone", "name"}
    assert "010-1234-5678" in str(info.value.message_dict["phone"])
    assert not PersonalProfile.objects.exists()


def test_encrypted_fields_cannot_be_unique_or_indexed():
    from madang.privacy.fields import EncryptedCharField

    with pytest.raises(TypeError, match="BlindIndexField"):
        EncryptedCharField(max_length=10, unique=True)


def _corrupt(pk, column, value):
    table = PersonalProfile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608


def test_undecryptable_value_raises_naming_model_field_pk_and_key(profile):
    _corrupt(profile.pk, "address", raw_row(profile.pk)["name"])  # moved from another column
    fresh = PersonalProfile.objects.get(pk=profile.pk)
    assert fresh.name == "홍길동"
    with pytest.raises(DecryptionError) as info:
        _ = fresh.address
    message = str(info.value)
    assert "privacy.PersonalProfile.address" in message
    assert f"pk={profile.pk}" in message
    assert info.value.key_id == "test1"
    with pytest.raises(DecryptionError):
        fresh.save()  # never written back as garbage or empty


def test_undecryptable_value_is_loud_through_values_list_too(profile):
    _corrupt(profile.pk, "phone", "v1:gone:AAAA")
    (value,) = PersonalProfile.objects.values_list("phone", flat=True)
    with pytest.raises(DecryptionError, match="'gone'"):
        str(value)
    with pytest.raises(DecryptionError):
        bool(value)


def test_profile_str_never_shows_personal_data(profile):
    assert "홍" not in str(profile) and "010" not in str(profile)


def test_update_audits_changed_field_names_only(profile, citizen):
    with transaction.atomic():
        personal_profile_update(acting_user=citizen, user=citizen, phone="010-7777-8888")
    row = AuditLog.objects.filter(action="privacy.personal_profile.update").get()
    assert row.changes == {"changed_fields": ["phone"]}
    assert row.actor == citizen
    created = AuditLog.objects.get(action="privacy.personal_profile.create")
    assert created.changes == {"changed_fields": ["address", "email", "name", "phone"]}
    assert "홍" not in created.object_repr


def test_unchanged_update_writes_nothing(profile, citizen):
    before = AuditLog.objects.count()
    with transaction.atomic():
        personal_profile_update(acting_user=citizen, user=citizen, name=" 홍길동 ")
    assert AuditLog.objects.count() == before


def test_own_edit_is_not_an_access_record_but_staff_edit_is(profile, citizen, staff_user):
    assert not PIIAccessLog.objects.exists()
    with transaction.atomic():
        personal_profile_update(
            acting_user=staff_user, user=citizen, reason="민원 회신 주소 정정", name="홍길순"
        )
    entry = PIIAccessLog.objects.get()
    assert (entry.action, entry.actor_id, entry.subject_user_id) == (
        PIIAccessAction.UPDATE,
        staff_user.pk,
        citizen.pk,
    )
    assert entry.subject_display == f"홍*순 (#{citizen.pk})"
    assert entry.reason == "민원 회신 주소 정정"
    assert entry.object_type == "privacy.personalprofile"


def test_unknown_fields_are_refused(citizen):
    with pytest.raises(TypeError, match="user"), transaction.atomic():
        personal_profile_update(acting_user=citizen, user=citizen, user_id=3)


def test_key_id_of_stored_values_follows_the_first_key(settings, citizen):
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[::-1]
    with transaction.atomic():
        profile = personal_profile_update(acting_user=citizen, user=citizen, name="홍길동")
    assert envelope_key_id(raw_row(profile.pk)["name"]) == "test0"
