"""Field-level encryption and blind indexes for citizens' personal data (ordinance 제22조②;
개인정보의 안전성 확보조치 기준 제7조).

Envelope format (version 1), stored as text::

    v1:<key_id>:<base64url(nonce[12] + AES-256-GCM ciphertext and tag)>

- The key id names the FIELD_ENCRYPTION_KEYS entry that encrypted the value, so old values stay
  readable after a new key is put first, and `manage.py rotate_encryption_keys` can tell which
  values still need re-encrypting without decrypting them.
- The associated data binds a value to its table and column ("madang:v1:<table>.<column>"), so a
  ciphertext copied into another column fails to decrypt instead of showing one kind of data
  in the place of another. It does not bind the row (the primary key is unknown before the
  insert), so swapping two citizens' values within one column is not detected by the cipher;
  the audit log and the database's own access controls cover that.
- The plaintext is padded (ISO/IEC 7816-4) to a multiple of 16 bytes before encryption, so the
  stored length tells the length of a name or address only to within 16 bytes.

Blind indexes (exact look-up, e.g. find a citizen by phone number) are HMAC-SHA256 over the
normalised value, keyed by a per-column key derived with HKDF from BLIND_INDEX_KEY. That key is
separate from the encryption keys on purpose: rotating FIELD_ENCRYPTION_KEYS must not change a
single index, or every look-up would break until all rows were rewritten.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
import unicodedata
from collections.abc import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from madang.core.keys import KEY_BYTES, KeyConfigError, parse_field_encryption_keys

ENVELOPE_VERSION = "v1"
NONCE_BYTES = 12
PAD_BLOCK = 16
AAD_PREFIX = b"madang:v1:"
BLIND_INDEX_INFO = b"madang blind index v1|"


class DecryptionError(Exception):
    """A stored value could not be decrypted: unknown key id, wrong column, or tampering.

    Raised loudly rather than returning garbage or None, because a silently empty phone number
    would be saved back over the real one.
    """

    def __init__(self, message: str, *, key_id: str | None = None, context: str = ""):
        self.key_id = key_id
        self.context = context
        super().__init__(message)


class BlindIndexKeyError(ImproperlyConfigured):
    pass


def _keys() -> dict[str, bytes]:
    return _parsed_keys(tuple(settings.FIELD_ENCRYPTION_KEYS))


@functools.cache
def _parsed_keys(entries: tuple[str, ...]) -> dict[str, bytes]:
    try:
        return parse_field_encryption_keys(list(entries))
    except KeyConfigError as exc:
        raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEYS is invalid: {exc}") from exc


def current_key_id() -> str:
    """The id of the key new values are encrypted with: the first configured one."""
    keys = _keys()
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: personal data cannot be encrypted (조례 제22조②)."
        )
    return next(iter(keys))


def column_aad(context: str) -> bytes:
    """Associated data for a column: `context` is "<db_table>.<column>" unless overridden."""
    return AAD_PREFIX + context.encode()


def _pad(data: bytes) -> bytes:
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % PAD_BLOCK)


def _unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise ValueError("bad padding")
    return stripped[:-1]


def encrypt(plaintext: str, *, aad: bytes) -> str:
    """Encrypt `plaintext` under the current key; return the v1 envelope."""
    key_id = current_key_id()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_keys()[key_id]).encrypt(nonce, _pad(plaintext.encode()), aad)
    return f"{ENVELOPE_VERSION}:{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def envelope_key_id(envelope: str) -> str:
    """The key id of an envelope, without decrypting it."""
    version, sep, rest = envelope.partition(":")
    key_id, sep2, _ = rest.partition(":")
    if version != ENVELOPE_VERSION or not sep or not sep2 or not key_id:
        raise DecryptionError("not a Madang v1 encrypted value")
    return key_id


def decrypt(envelope: str, *, aad: bytes, context: str = "") -> str:
    """Decrypt a v1 envelope; raise DecryptionError naming `context` and the key id."""
    where = f" ({context})" if context else ""
    try:
        key_id = envelope_key_id(envelope)
    except DecryptionError:
        raise DecryptionError(
            f"value is not a Madang v1 encrypted value{where}", context=context
        ) from None
    key = _keys().get(key_id)
    if key is None:
        raise DecryptionError(
            f"value was encrypted with key '{key_id}', which is not in FIELD_ENCRYPTION_KEYS"
            f"{where}. Put the old key back (after the current one) until "
            "`manage.py rotate_encryption_keys` has re-encrypted everything.",
            key_id=key_id,
            context=context,
        )
    try:
        raw = base64.urlsafe_b64decode(envelope.split(":", 2)[2].encode())
        if len(raw) < NONCE_BYTES + 16:
            raise ValueError("too short")
        padded = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad)
        return _unpad(padded).decode()
    except (InvalidTag, ValueError, binascii.Error, UnicodeDecodeError):
        raise DecryptionError(
            f"value under key '{key_id}' failed authentication{where}: it was altered, "
            "copied from another column, or the key with this id is not the one that "
            "encrypted it",
            key_id=key_id,
            context=context,
        ) from None


# ---------------------------------------------------------------------------
# Blind indexes


@functools.cache
def _blind_root_key(encoded: str) -> bytes:
    if not encoded:
        raise BlindIndexKeyError(
            "BLIND_INDEX_KEY is not set: personal data cannot be indexed for look-up. "
            "Set it to base64 of 32 random bytes (madang.E007)."
        )
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BlindIndexKeyError("BLIND_INDEX_KEY is not valid base64 (madang.E007)") from exc
    if len(raw) != KEY_BYTES:
        raise BlindIndexKeyError(
            f"BLIND_INDEX_KEY decodes to {len(raw)} bytes; it must be {KEY_BYTES} (madang.E007)"
        )
    return raw


def blind_index_root_key() -> bytes:
    return _blind_root_key(getattr(settings, "BLIND_INDEX_KEY", "") or "")


@functools.cache
def _derived_blind_key(root: bytes, context: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=BLIND_INDEX_INFO + context.encode()
    ).derive(root)


def blind_index(normalised: str, *, context: str) -> str:
    """HMAC-SHA256 (hex) of an already normalised value under the key for `context`.

    Each column has its own derived key, so the same phone number indexed in two tables gives
    two unrelated digests and the indexes cannot be joined without the key.
    """
    key = _derived_blind_key(blind_index_root_key(), context)
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def normalise_email(value: str) -> str:
    return normalise_text(value).lower()


def normalise_phone(value: str) -> str:
    """Digits only; an international +82 prefix becomes the domestic leading 0."""
    text = unicodedata.normalize("NFKC", value).strip()
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    if text.startswith("+82") and digits.startswith("82"):
        digits = digits[2:]
        if not digits.startswith("0"):
            digits = "0" + digits
    return digits


NORMALISERS: dict[str, Callable[[str], str]] = {
    "text": normalise_text,
    "email": normalise_email,
    "phone": normalise_phone,
}


@receiver(setting_changed)
def _forget_cached_keys(*, setting, **kwargs):
    if setting in ("FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY"):
        _parsed_keys.cache_clear()
        _blind_root_key.cache_clear()
        _derived_blind_key.cache_clear()
