"""System check madang.E007: the blind index key (ordinance 제22조②; madang.privacy.crypto).

A missing or malformed key is an error everywhere, because look-ups would fail at the first
save. In production a development or test key, or reusing an encryption key as the index key,
is an error too: the dev and test keys are public, and one key for two purposes means rotating
the encryption keys would silently change every index.
"""

import base64
import binascii

from django.conf import settings
from django.core.checks import Error, Tags, register

from madang.core.keys import KEY_BYTES, KeyConfigError, parse_field_encryption_keys

THROWAWAY_PREFIXES = (b"dev-only", b"test-only")
HINT = (
    "Set BLIND_INDEX_KEY to base64 of 32 random bytes, kept outside the database and apart from "
    'FIELD_ENCRYPTION_KEYS: python -c "import os,base64;'
    'print(base64.b64encode(os.urandom(32)).decode())"'
)


def blind_index_key_errors(*, production: bool) -> list[Error]:
    encoded = getattr(settings, "BLIND_INDEX_KEY", "") or ""
    if not encoded:
        return [Error("BLIND_INDEX_KEY is not set.", hint=HINT, id="madang.E007")]
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return [Error("BLIND_INDEX_KEY is not valid base64.", hint=HINT, id="madang.E007")]
    if len(raw) != KEY_BYTES:
        return [
            Error(
                f"BLIND_INDEX_KEY decodes to {len(raw)} bytes; it must be {KEY_BYTES}.",
                hint=HINT,
                id="madang.E007",
            )
        ]
    if not production:
        return []
    if raw.startswith(THROWAWAY_PREFIXES):
        return [
            Error(
                "BLIND_INDEX_KEY is the development or test key.",
                hint=HINT,
                id="madang.E007",
            )
        ]
    try:
        encryption_keys = parse_field_encryption_keys(settings.FIELD_ENCRYPTION_KEYS)
    except KeyConfigError:
        encryption_keys = {}  # reported as madang.E002
    if raw in encryption_keys.values():
        return [
            Error(
                "BLIND_INDEX_KEY is also one of FIELD_ENCRYPTION_KEYS.",
                hint="Use a separate key, or rotating the encryption keys breaks look-ups. " + HINT,
                id="madang.E007",
            )
        ]
    return []


@register(Tags.security)
def check_blind_index_key(app_configs, **kwargs) -> list[Error]:
    return blind_index_key_errors(production=settings.MADANG_PRODUCTION)
