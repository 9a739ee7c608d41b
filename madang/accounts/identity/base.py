"""The provider interface. A provider never returns or stores a 주민등록번호 (개인정보 보호법
제24조의2: processing it needs a specific legal basis, and a homepage has none); CI and DI are
turned into keyed HMACs before they leave the provider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from madang.privacy.crypto import blind_index, normalise_text

CI_CONTEXT = "identity.ci"
DI_CONTEXT = "identity.di"


class IdentityVerificationError(Exception):
    """Verification failed, was cancelled, or the gateway answered something unexpected.
    The message is safe to show, in the reader's language (Korean msgids)."""


@dataclass(frozen=True)
class VerifiedIdentity:
    """What Madang keeps from a 본인확인: keyed hashes and an age, never the identifiers."""

    ci_hash: str
    di_hash: str
    birth_year: int | None
    is_adult: bool
    name: str | None = None  # only when the purpose needs it (see NAME_PURPOSES)

    def __repr__(self) -> str:  # never print a name into logs
        return f"VerifiedIdentity(ci_hash={self.ci_hash[:8]}…, birth_year={self.birth_year})"


# Purposes for which the real name is handed over (e.g. a real-name board shows the name).
NAME_PURPOSES = frozenset({"real_name_board"})


def hash_ci(ci: str) -> str:
    return blind_index(normalise_text(ci), context=CI_CONTEXT)


def hash_di(di: str) -> str:
    return blind_index(normalise_text(di), context=DI_CONTEXT) if di else ""


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def verified_identity_from(
    *, ci: str, di: str, birth: date | None, name: str | None, purpose: str, today: date
) -> VerifiedIdentity:
    """Build the result from a provider's raw answer; the raw CI/DI go no further."""
    if not ci:
        raise IdentityVerificationError(_("본인확인 결과에 연계정보(CI)가 없습니다."))
    return VerifiedIdentity(
        ci_hash=hash_ci(ci),
        di_hash=hash_di(di),
        birth_year=birth.year if birth else None,
        is_adult=bool(birth) and age_on(birth, today) >= settings.MADANG_ADULT_AGE,
        name=(name or None) if purpose in NAME_PURPOSES else None,
    )


class IdentityProvider:
    """Base class. `start` returns the URL to send the browser to; the provider then sends the
    browser back to `return_url`, where `complete` reads the result."""

    id = ""
    name = ""

    def start(self, request: HttpRequest, purpose: str, *, return_url: str | None = None) -> str:
        """Begin a verification for `purpose`; returns the URL to redirect the browser to.
        `return_url` defaults to the identity completion view."""
        raise NotImplementedError

    def complete(self, request: HttpRequest) -> VerifiedIdentity:
        raise NotImplementedError


def get_identity_provider() -> IdentityProvider | None:
    path = getattr(settings, "MADANG_IDENTITY_PROVIDER", "")
    return import_string(path)() if path else None
