"""Who is acting and from where, for the request being handled.

Services record the IP address in their audit rows without every caller passing the request
around; the middleware sets it, tasks and commands leave it empty.
"""

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

_client_ip: ContextVar[str | None] = ContextVar("madang_client_ip", default=None)


def client_ip_from_request(request: HttpRequest) -> str | None:
    """The client's address, trusting X-Forwarded-For only for the configured proxy hops."""
    hops = getattr(settings, "MADANG_TRUSTED_PROXY_HOPS", 0)
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None


def current_client_ip() -> str | None:
    return _client_ip.get()


def set_client_ip(ip: str | None):
    return _client_ip.set(ip)


def reset_client_ip(token) -> None:
    _client_ip.reset(token)
