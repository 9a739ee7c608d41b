"""`require_verified_identity`: real-name features (조례 제8조 7호 real-name boards) call it
to insist on a fresh 본인확인 in this session."""

from __future__ import annotations

import functools
import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .base import VerifiedIdentity

SESSION_KEY = "madang_identity_verified"


def session_identity_store(request, identity: VerifiedIdentity, *, purpose: str) -> None:
    request.session[SESSION_KEY] = {
        "user_id": request.user.pk if request.user.is_authenticated else None,
        "ci_hash": identity.ci_hash,
        "di_hash": identity.di_hash,
        "birth_year": identity.birth_year,
        "is_adult": identity.is_adult,
        "name": identity.name,
        "purpose": purpose,
        "at": time.time(),
    }


def session_verified_identity(request, *, purpose: str | None = None) -> VerifiedIdentity | None:
    """The identity verified in this session, if still fresh, for this user (and purpose)."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    user_id = request.user.pk if request.user.is_authenticated else None
    if data.get("user_id") != user_id:
        return None
    if time.time() - data.get("at", 0) > settings.MADANG_IDENTITY_MAX_AGE_SECONDS:
        return None
    if purpose is not None and data.get("purpose") != purpose:
        return None
    return VerifiedIdentity(
        ci_hash=data["ci_hash"],
        di_hash=data["di_hash"],
        birth_year=data["birth_year"],
        is_adult=data["is_adult"],
        name=data.get("name"),
    )


def require_verified_identity(view=None, *, purpose: str = "real_name_board"):
    """Decorator: the view runs only after a 본인확인 for `purpose` in this session; otherwise
    the browser is sent through it and back. The view finds the result in
    `request.verified_identity`. Usable as @require_verified_identity or
    @require_verified_identity(purpose="...")."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(request, *args, **kwargs):
            identity = session_verified_identity(request, purpose=purpose)
            if identity is None:
                query = urlencode({"purpose": purpose, "next": request.get_full_path()})
                return redirect(f"{reverse('accounts_identity_start')}?{query}")
            request.verified_identity = identity
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
