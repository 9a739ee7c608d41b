from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteGovConfig(AppConfig):
    """Running the district's websites: sub-site requests (조례 제4조②), contractors' access
    (제5조②, 제6조③) and the department-by-department editorial workflow (제7조)."""

    name = "madang.sitegov"
    label = "sitegov"
    verbose_name = _("누리집 운영 관리")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import tasks  # noqa: F401  (registers the nightly contractor job)

        # After every migrate (and flush), the approval workflow exists and sits on the root
        # page: a new install, a restored database and a flushed test database all have it.
        post_migrate.connect(_ensure_workflow, sender=self)


def _ensure_workflow(sender, app_config=None, using="default", **kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for label in ("wagtailcore", "wagtailadmin"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    from .services import editorial_workflow_ensure

    editorial_workflow_ensure()
