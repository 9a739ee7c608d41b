"""Production settings: HTTPS behind nginx, secure cookies, HSTS, no DEBUG.

Every value that would leave the site open is checked at start-up by madang.core.checks
(ids madang.E001–E006), and the app refuses to start while any of them fails.
"""

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list

MADANG_PRODUCTION = True
DEBUG = env_bool("DEBUG", False)
# No default in production: the site's real host names must be listed (check madang.E006).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SESSION_COOKIE_NAME = "__Host-madang_session" if SESSION_COOKIE_SECURE else "madang_session"
CSRF_COOKIE_NAME = "__Host-madang_csrf" if CSRF_COOKIE_SECURE else "madang_csrf"

SILENCED_SYSTEM_CHECKS = [
    # Wagtail's preview pane frames the site inside the admin on the same origin; SAMEORIGIN is
    # the setting Wagtail documents, and clickjacking from other origins is still refused.
    "security.W019",
    # HSTS preloading commits the whole domain (for a district, a go.kr name owned by the
    # government) to HTTPS in browsers' built-in lists; that is the domain owner's decision, so
    # it stays an opt-in (SECURE_HSTS_PRELOAD=true) and its absence is not a warning here.
    "security.W021",
]

LOGGING = {
    **LOGGING,  # noqa: F405
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}
    },
}
