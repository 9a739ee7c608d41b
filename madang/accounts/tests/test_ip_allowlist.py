"""The admin IP allow-list (안전성 확보조치 기준 제6조①)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from madang.accounts.ip_allowlist import allowlist_parse, ip_allowed

NETS = allowlist_parse(["10.20.0.0/16", "192.0.2.7", "2001:db8:abcd::/48"])


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("10.20.3.4", True),
        ("10.21.0.1", False),
        ("192.0.2.7", True),
        ("192.0.2.8", False),
        ("2001:db8:abcd:12::1", True),
        ("2001:db8:abce::1", False),
        ("::ffff:10.20.9.9", True),  # IPv4 seen through a dual-stack socket
        ("::ffff:10.99.9.9", False),
        ("[2001:db8:abcd::5]", True),
        ("2001:db8:abcd::5%eth0", True),
        ("::1", False),
        ("127.0.0.1", False),
        ("not-an-ip", False),
        ("", False),
        (None, False),
    ],
)
def test_addresses(address, allowed):
    assert ip_allowed(address, NETS) is allowed


def test_bad_entry_refuses_to_start():
    with pytest.raises(ImproperlyConfigured, match="ADMIN_IP_ALLOWLIST"):
        allowlist_parse(["10.0.0.0/33"])
    with pytest.raises(ImproperlyConfigured):
        allowlist_parse(["office"])


def test_host_bits_are_tolerated():
    assert ip_allowed("10.1.2.3", allowlist_parse(["10.1.2.99/24"]))


@pytest.fixture
def allow(settings):
    settings.ADMIN_IP_ALLOWLIST = ["10.20.0.0/16", "2001:db8::/32"]
    settings.MADANG_TRUSTED_PROXY_HOPS = 0
    return settings


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("remote_addr", "status"),
    [("10.20.1.1", 200), ("2001:db8::10", 200), ("::ffff:10.20.1.1", 200), ("203.0.113.5", 403),
     ("2001:db9::1", 403), ("::1", 403)],
)  # fmt: skip
def test_admin_sign_in_by_remote_addr(allow, remote_addr, status):
    response = Client(REMOTE_ADDR=remote_addr).get("/admin/login/")
    assert response.status_code == status


@pytest.mark.django_db
def test_refusal_explains_in_korean(allow):
    response = Client(REMOTE_ADDR="203.0.113.5").get("/admin/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "접근이 허용되지 않은 주소입니다" in body
    assert "203.0.113.5" in body and "제6조제1항" in body
    assert '<html lang="ko">' in body


@pytest.mark.django_db
def test_every_admin_path_is_covered_and_the_site_is_not(allow):
    outsider = Client(REMOTE_ADDR="203.0.113.5")
    for path in ["/admin/login/", "/admin/mfa/verify/", "/admin/pages/", "/admin/nonexistent/"]:
        assert outsider.get(path).status_code == 403, path
    assert outsider.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 403
    assert outsider.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_forwarded_for_is_trusted_only_through_configured_proxies(allow):
    spoofed = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.20.1.1")
    assert spoofed.get("/admin/login/").status_code == 403
    allow.MADANG_TRUSTED_PROXY_HOPS = 1
    behind_nginx = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.20.1.1")
    assert behind_nginx.get("/admin/login/").status_code == 200
    outsider = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.20.1.1, 203.0.113.5")
    assert outsider.get("/admin/login/").status_code == 403
    v6 = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8::77")
    assert v6.get("/admin/login/").status_code == 200


@pytest.mark.django_db
def test_empty_list_is_off(settings):
    settings.ADMIN_IP_ALLOWLIST = []
    assert Client(REMOTE_ADDR="203.0.113.5").get("/admin/login/").status_code == 200


def test_setting_comes_from_the_environment():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.ADMIN_IP_ALLOWLIST)"
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "madang.config.settings.test",
            "ADMIN_IP_ALLOWLIST": "10.0.0.0/8, 2001:db8::/32",
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "['10.0.0.0/8', '2001:db8::/32']"
