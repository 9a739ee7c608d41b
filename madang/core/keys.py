"""Parsing FIELD_ENCRYPTION_KEYS: "id:base64key" entries, the first one current."""

import base64
import binascii
import re

KEY_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
KEY_BYTES = 32  # AES-256-GCM


class KeyConfigError(ValueError):
    pass


def parse_field_encryption_keys(entries: list[str]) -> dict[str, bytes]:
    """Return {key_id: key} in configured order; raise KeyConfigError with the reason."""
    keys: dict[str, bytes] = {}
    for entry in entries:
        key_id, sep, encoded = entry.partition(":")
        if not sep or not KEY_ID_RE.match(key_id):
            raise KeyConfigError(
                f"'{key_id}' is not a valid key id: write each key as id:base64key, "
                "the id 1–16 letters, digits, '-' or '_'"
            )
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise KeyConfigError(f"key '{key_id}' is not valid base64") from exc
        if len(raw) != KEY_BYTES:
            raise KeyConfigError(
                f"key '{key_id}' decodes to {len(raw)} bytes; AES-256 needs {KEY_BYTES}. "
                'Make one with: python -c "import os,base64;'
                'print(base64.b64encode(os.urandom(32)).decode())"'
            )
        if key_id in keys:
            raise KeyConfigError(f"key id '{key_id}' appears twice")
        keys[key_id] = raw
    return keys
