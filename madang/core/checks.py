"""System checks that keep a production server from running open (ordinance 제23조).

They run for `manage.py check` and, because gunicorn runs no checks, again when the app loads
under production settings (CoreConfig.ready). Ids are stable: operators search for them.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from .keys import KeyConfigError, parse_field_encryption_keys

THROWAWAY_PREFIXES = ("dev-only", "test-only", "django-insecure", "change-me")
THROWAWAY_KEY_IDS = ("dev", "test")
MIN_HSTS_SECONDS = 31_536_000


def production_errors() -> list[Error]:
    """Every unsafe production setting, as Django check errors."""
    errors: list[Error] = []
    try:
        secret = settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django itself refuses an empty key on access
        secret = ""
    if len(secret) < 50 or secret.startswith(THROWAWAY_PREFIXES) or len(set(secret)) < 5:
        errors.append(
            Error(
                "SECRET_KEY is missing, too short or a known throwaway value.",
                hint="Set SECRET_KEY to 50 or more random characters, e.g. the output of "
                "python -c 'import secrets; print(secrets.token_urlsafe(64))'.",
                id="madang.E001",
            )
        )
    try:
        keys = parse_field_encryption_keys(settings.FIELD_ENCRYPTION_KEYS)
    except KeyConfigError as exc:
        errors.append(Error(f"FIELD_ENCRYPTION_KEYS is invalid: {exc}.", id="madang.E002"))
    else:
        if not keys:
            errors.append(
                Error(
                    "FIELD_ENCRYPTION_KEYS is empty: citizens' personal data cannot be "
                    "encrypted (ordinance 제22조②).",
                    hint="Set FIELD_ENCRYPTION_KEYS=id:base64key (32 random bytes), kept "
                    "outside the database; see docs/configuration.md.",
                    id="madang.E002",
                )
            )
        elif any(key_id.startswith(THROWAWAY_KEY_IDS) for key_id in keys):
            errors.append(
                Error(
                    "FIELD_ENCRYPTION_KEYS contains a development or test key.",
                    hint="Generate production keys; never reuse the dev or test ones.",
                    id="madang.E002",
                )
            )
    if settings.DEBUG:
        errors.append(
            Error(
                "DEBUG is on: error pages would show settings and citizens' data.",
                hint="Unset DEBUG or set DEBUG=false.",
                id="madang.E003",
            )
        )
    if not (
        settings.SESSION_COOKIE_SECURE
        and settings.CSRF_COOKIE_SECURE
        and settings.SESSION_COOKIE_HTTPONLY
        and settings.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    ):
        errors.append(
            Error(
                "Session and CSRF cookies must be Secure, the session cookie HttpOnly and "
                "SameSite Lax or Strict.",
                hint="Leave SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE at their defaults.",
                id="madang.E004",
            )
        )
    if settings.SECURE_HSTS_SECONDS < MIN_HSTS_SECONDS or not settings.SECURE_SSL_REDIRECT:
        errors.append(
            Error(
                "HTTPS is not enforced: HSTS must last at least one year and HTTP must "
                "redirect to HTTPS.",
                hint=f"Set SECURE_HSTS_SECONDS to {MIN_HSTS_SECONDS} or more and leave "
                "SECURE_SSL_REDIRECT on.",
                id="madang.E005",
            )
        )
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS is empty or contains '*'.",
                hint="List the site's host names, e.g. ALLOWED_HOSTS=www.dongjak.go.kr.",
                id="madang.E006",
            )
        )
    return errors


@register(Tags.security)
def check_production_settings(app_configs, **kwargs) -> list[Error]:
    if not settings.MADANG_PRODUCTION:
        return []
    return production_errors()


@register(Tags.security)
def check_encryption_keys_parse(app_configs, **kwargs) -> list[Error]:
    """Malformed keys are an error everywhere, not only in production."""
    if settings.MADANG_PRODUCTION:
        return []  # reported above with the production wording
    try:
        parse_field_encryption_keys(settings.FIELD_ENCRYPTION_KEYS)
    except KeyConfigError as exc:
        return [Error(f"FIELD_ENCRYPTION_KEYS is invalid: {exc}.", id="madang.E002")]
    return []


def raise_if_unsafe() -> None:
    errors = production_errors()
    if errors:
        lines = "\n".join(f"  {e.id}: {e.msg} {e.hint or ''}".rstrip() for e in errors)
        raise ImproperlyConfigured(f"Madang refuses to start with unsafe settings:\n{lines}")
