"""Test helpers for the second factor.

Staff need a verified second factor for every /admin/ URL (madang.accounts.mfa_middleware).
`Client.force_login` already skips the password; loaded as a pytest plugin (root conftest's
`pytest_plugins`), this module makes it skip the second factor too, so admin tests keep their
one-line sign-in. Tests of the second factor itself use `force_login_unverified`.
"""

import pytest
from django.test import Client

# Imported lazily below: as a pytest plugin this module loads before Django is set up.
_plain_force_login = Client.force_login


def otp_mark_verified(client, user):
    """Record in the client's session that `user` passed the second factor with an
    authenticator (made and confirmed here if they have none)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def otp_verified_login(client, user):
    """client.force_login(user), second factor passed."""
    _plain_force_login(client, user)
    return otp_mark_verified(client, user)


def force_login_unverified(client, user, backend=None) -> None:
    """Signed in with the password only: what the second-factor middleware sees first."""
    from django_otp import DEVICE_ID_SESSION_KEY

    _plain_force_login(client, user, backend)
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)  # login() keeps it when the user is the same
    session.save()


def _force_login_verified(self, user, backend=None):
    from .mfa import mfa_required_for

    _plain_force_login(self, user, backend)
    if mfa_required_for(user):
        otp_mark_verified(self, user)


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch):
    monkeypatch.setattr(Client, "force_login", _force_login_verified)
