"""AES-256-GCM envelopes, associated data, key ids and blind indexes (조례 제22조②)."""

import base64

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import settings as settings_hypothesis
from hypothesis import strategies as st

from madang.privacy import checks, crypto
from madang.privacy.crypto import DecryptionError

AAD = crypto.column_aad("privacy_personalprofile.phone")
OTHER_AAD = crypto.column_aad("privacy_personalprofile.address")
NEW_KEY = "new2:" + base64.b64encode(b"n" * 32).decode()


def test_envelope_names_version_and_current_key_and_round_trips():
    envelope = crypto.encrypt("010-1234-5678", aad=AAD)
    version, key_id, _body = envelope.split(":")
    assert (version, key_id) == ("v1", "test1")
    assert "010" not in envelope
    assert crypto.envelope_key_id(envelope) == "test1"
    assert crypto.decrypt(envelope, aad=AAD) == "010-1234-5678"


def test_same_plaintext_encrypts_differently_each_time():
    assert crypto.encrypt("홍길동", aad=AAD) != crypto.encrypt("홍길동", aad=AAD)


def test_length_is_padded_to_16_bytes():
    short = crypto.encrypt("김", aad=AAD)
    longer = crypto.encrypt("남궁민수", aad=AAD)
    assert len(short) == len(longer)
    assert crypto.decrypt(longer, aad=AAD) == "남궁민수"
    assert crypto.decrypt(crypto.encrypt("", aad=AAD), aad=AAD) == ""


def test_ciphertext_moved_to_another_column_does_not_decrypt():
    envelope = crypto.encrypt("서울시 동작구 장승배기로 161", aad=AAD)
    with pytest.raises(DecryptionError, match=r"test1.*failed authentication"):
        crypto.decrypt(envelope, aad=OTHER_AAD, context="privacy.PersonalProfile.address")


def test_tampered_ciphertext_raises_naming_key_and_context():
    envelope = crypto.encrypt("hong@example.com", aad=AAD)
    body = bytearray(base64.urlsafe_b64decode(envelope.split(":")[2]))
    body[-1] ^= 1
    forged = "v1:test1:" + base64.urlsafe_b64encode(bytes(body)).decode()
    with pytest.raises(DecryptionError) as info:
        crypto.decrypt(forged, aad=AAD, context="privacy.PersonalProfile.email")
    assert info.value.key_id == "test1"
    assert "privacy.PersonalProfile.email" in str(info.value)


def test_old_key_still_decrypts_and_unknown_key_raises(settings):
    test0 = settings.FIELD_ENCRYPTION_KEYS[1]
    settings.FIELD_ENCRYPTION_KEYS = [test0]
    old = crypto.encrypt("value", aad=AAD)
    assert crypto.envelope_key_id(old) == "test0"
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, test0]
    assert crypto.decrypt(old, aad=AAD) == "value"
    assert crypto.envelope_key_id(crypto.encrypt("value", aad=AAD)) == "new2"
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(DecryptionError, match="'test0', which is not in FIELD_ENCRYPTION_KEYS"):
        crypto.decrypt(old, aad=AAD)


@pytest.mark.parametrize("garbage", ["", "plain text", "v2:test1:abc", "v1::abc", "v1:test1:%%%"])
def test_garbage_is_refused_loudly(garbage):
    with pytest.raises(DecryptionError):
        crypto.decrypt(garbage, aad=AAD)


def test_no_keys_refuses_to_encrypt(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="제22조"):
        crypto.encrypt("x", aad=AAD)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010-1234-5678", "01012345678"),
        (" 010 1234 5678 ", "01012345678"),
        ("(010)1234.5678", "01012345678"),
        ("+82 10-1234-5678", "01012345678"),
        ("+82 (0)10-1234-5678", "01012345678"),
        ("０１０－１２３４－５６７８", "01012345678"),
        ("02-820-1234", "028201234"),
    ],
)
def test_phone_normalisation(raw, expected):
    assert crypto.normalise_phone(raw) == expected


def test_email_normalisation():
    assert crypto.normalise_email("  Hong.GilDong@Example.COM ") == "hong.gildong@example.com"


def test_blind_index_is_keyed_per_column_and_stable():
    a = crypto.blind_index("01012345678", context="privacy.personalprofile.phone")
    assert a == crypto.blind_index("01012345678", context="privacy.personalprofile.phone")
    assert a != crypto.blind_index("01012345678", context="complaints.complaint.phone")
    assert len(a) == 64 and "01012345678" not in a


def test_blind_index_does_not_depend_on_the_encryption_keys(settings):
    before = crypto.blind_index("01012345678", context="c")
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert crypto.blind_index("01012345678", context="c") == before
    settings.BLIND_INDEX_KEY = base64.b64encode(b"b" * 32).decode()
    assert crypto.blind_index("01012345678", context="c") != before


@pytest.mark.parametrize(
    "value", ["", "not base64!", base64.b64encode(b"short").decode()], ids=["empty", "b64", "len"]
)
def test_bad_blind_index_key_is_refused(settings, value):
    settings.BLIND_INDEX_KEY = value
    with pytest.raises(ImproperlyConfigured, match=r"madang\.E007"):
        crypto.blind_index("x", context="c")
    assert [e.id for e in checks.blind_index_key_errors(production=False)] == ["madang.E007"]


def test_e007_is_registered_with_django(settings):
    settings.BLIND_INDEX_KEY = ""
    assert "madang.E007" in [e.id for e in run_checks()]


def test_production_refuses_throwaway_or_shared_blind_index_key(settings):
    assert checks.blind_index_key_errors(production=False) == []
    assert [e.id for e in checks.blind_index_key_errors(production=True)] == ["madang.E007"]
    settings.BLIND_INDEX_KEY = base64.b64encode(b"dev-only-blind-index-key-madang!").decode()
    assert [e.id for e in checks.blind_index_key_errors(production=True)] == ["madang.E007"]
    shared = base64.b64encode(b"s" * 32).decode()
    settings.FIELD_ENCRYPTION_KEYS = [f"prod1:{shared}"]
    settings.BLIND_INDEX_KEY = shared
    errors = checks.blind_index_key_errors(production=True)
    assert [e.id for e in errors] == ["madang.E007"] and "also one of" in errors[0].msg
    settings.BLIND_INDEX_KEY = base64.b64encode(b"p" * 32).decode()
    assert checks.blind_index_key_errors(production=True) == []


def test_app_refuses_to_start_in_production_with_a_bad_blind_index_key(settings):
    from django.apps import apps

    settings.MADANG_PRODUCTION = True
    with pytest.raises(ImproperlyConfigured, match=r"madang\.E007"):
        apps.get_app_config("privacy").ready()


@settings_hypothesis(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_round_trips(text):
    envelope = crypto.encrypt(text, aad=AAD)
    assert crypto.decrypt(envelope, aad=AAD) == text
    # The stored length reveals the plaintext length only to within one 16-byte block.
    assert (len(base64.urlsafe_b64decode(envelope.split(":")[2])) - 12 - 16) % 16 == 0
