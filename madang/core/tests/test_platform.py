"""Cross-cutting promises of the platform: demo data, languages, the network block, health."""

import socket

import pytest
from django.core.management import call_command
from pytest_socket import SocketConnectBlockedError
from wagtail.models import Page

from madang.accounts.models import User
from madang.departments.models import Department
from madang.pages.models import ContentPage, HomePage


def test_network_is_blocked_in_tests():
    with pytest.raises(SocketConnectBlockedError), pytest.warns(UserWarning):
        socket.create_connection(("93.184.216.34", 80), timeout=1)


@pytest.mark.django_db
def test_load_demo_is_idempotent(capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    counts = (Department.objects.count(), User.objects.count(), Page.objects.count())
    call_command("load_demo")
    second = capsys.readouterr().out
    assert (Department.objects.count(), User.objects.count(), Page.objects.count()) == counts
    assert "admin" in first and "shown only now" in first
    assert "shown only now" not in second
    # The district's site in Korean, English, Chinese, Japanese and Vietnamese, and the
    # council and 사당1동 sub-sites: one home each, however often the demo is loaded.
    assert HomePage.objects.count() == 7
    assert ContentPage.objects.filter(locale__language_code="ko").count() >= 5
    admin = User.objects.get(username="admin")
    password = next(
        line.split()[1] for line in first.splitlines() if line.strip().startswith("admin ")
    )
    assert admin.check_password(password)


@pytest.mark.django_db
def test_korean_and_english_home(client):
    call_command("load_demo")
    ko = client.get("/")
    en = client.get("/en/")
    assert ko.status_code == en.status_code == 200
    assert '<html lang="ko"' in ko.content.decode()
    assert '<html lang="en"' in en.content.decode()
    assert "Dongjak-gu Office" in en.content.decode()


@pytest.mark.django_db
def test_admin_is_korean(client, superuser):
    client.force_login(superuser)
    body = client.get("/admin/").content.decode()
    assert 'lang="ko"' in body
    assert "대시보드" in body or "페이지" in body


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] is True


def test_madang_app_configs_are_the_ones_that_run_ready():
    from django.apps import apps

    from madang.core.apps import CoreConfig
    from madang.privacy.apps import PrivacyConfig

    assert type(apps.get_app_config("core")) is CoreConfig
    assert type(apps.get_app_config("privacy")) is PrivacyConfig
