"""Optional allow-list of addresses that may reach the admin and staff sign-in
(안전성 확보조치 기준 제6조①: restrict access to the 개인정보처리시스템 by IP address).

ADMIN_IP_ALLOWLIST holds CIDRs ("10.20.0.0/16,2001:db8::/32"); empty switches the check off.
The client address comes from madang.core.request_context.client_ip_from_request, which trusts
X-Forwarded-For only for MADANG_TRUSTED_PROXY_HOPS. A malformed entry stops the server from
starting rather than leaving the admin open.
"""

import ipaddress
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseForbidden
from django.template.loader import render_to_string

from madang.core.request_context import client_ip_from_request

logger = logging.getLogger("madang.security")

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
PROTECTED_PREFIXES = ("/admin/",)


def allowlist_parse(entries: Iterable[str]) -> list[IPNetwork]:
    """CIDRs (or single addresses) as networks; raises ImproperlyConfigured on a bad entry."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"ADMIN_IP_ALLOWLIST has an invalid entry {entry!r}: {exc}"
            ) from exc
    return networks


def _address(raw: str | None) -> IPAddress | None:
    if not raw:
        return None
    raw = raw.strip()
    if raw.startswith("[") and "]" in raw:  # "[2001:db8::1]:443" from some proxies
        raw = raw[1 : raw.index("]")]
    raw = raw.split("%", 1)[0]  # drop an IPv6 zone id
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # "::ffff:10.0.0.1" from a dual-stack socket
    return address


def ip_allowed(raw_address: str | None, networks: list[IPNetwork]) -> bool:
    """Whether the address is inside one of `networks`; an unreadable address is not."""
    address = _address(raw_address)
    if address is None:
        return False
    return any(address.version == net.version and address in net for net in networks)


class AdminIPAllowlistMiddleware:
    """Answers 403 with a Korean explanation for /admin/ requests from other addresses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = allowlist_parse(getattr(settings, "ADMIN_IP_ALLOWLIST", []))

    def __call__(self, request):
        if self.networks and request.path_info.startswith(PROTECTED_PREFIXES):
            client_ip = client_ip_from_request(request)
            if not ip_allowed(client_ip, self.networks):
                logger.warning("admin access refused for %s to %s", client_ip, request.path_info)
                return HttpResponseForbidden(
                    render_to_string(
                        "accounts/ip_allowlist/forbidden.html",
                        {"client_ip": client_ip or ""},
                        request=request,
                    )
                )
        return self.get_response(request)
