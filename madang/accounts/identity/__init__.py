"""본인확인 (identity verification) providers: docs/developers/identity-verification.md.

`get_identity_provider()` returns the configured provider or None; `require_verified_identity`
guards real-name features (조례 제8조 7호 real-name boards)."""

from .base import (
    IdentityProvider,
    IdentityVerificationError,
    VerifiedIdentity,
    get_identity_provider,
)
from .guard import require_verified_identity, session_verified_identity

__all__ = [
    "IdentityProvider",
    "IdentityVerificationError",
    "VerifiedIdentity",
    "get_identity_provider",
    "require_verified_identity",
    "session_verified_identity",
]
