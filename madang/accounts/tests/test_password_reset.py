"""Citizens recover their account with the e-mail address kept encrypted in PersonalProfile."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from madang.accounts.models import User

from .test_signup import EMAIL, PASSWORD, notices, signup_data  # noqa: F401

NEW_PASSWORD = "Saeroun-bimil-2026"


@pytest.fixture
def citizen(notices):  # noqa: F811
    response = Client().post(reverse("account_signup"), signup_data(notices))
    assert response.status_code == 302
    return User.objects.get(username="citizen1")


def test_reset_mail_goes_to_the_profile_address_and_the_link_works(client, citizen):
    assert citizen.email == ""  # allauth never held it
    response = client.post(reverse("account_reset_password"), {"email": EMAIL.upper()})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    link = re.search(r"https?://[^\s]+/password/reset/key/[^\s]+", message.body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert not citizen.check_password(PASSWORD)


def test_unknown_address_reveals_nothing(client, citizen):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302  # same answer as for a known address
    assert all("citizen1" not in m.body for m in mail.outbox)
