from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "madang.privacy"
    label = "privacy"
    verbose_name = _("개인정보 보호")

    def ready(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        from . import (
            checks,
            tasks,  # noqa: F401  (registers the retention prune)
        )

        if settings.MADANG_PRODUCTION:
            # Like CoreConfig.ready: gunicorn runs no system checks, so refuse to start here.
            errors = checks.blind_index_key_errors(production=True)
            if errors:
                lines = "\n".join(f"  {e.id}: {e.msg} {e.hint or ''}".rstrip() for e in errors)
                raise ImproperlyConfigured(
                    f"Madang refuses to start with unsafe settings:\n{lines}"
                )
