from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "madang.pages"
    label = "pages"
    verbose_name = _("홈페이지")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import cache, tasks  # noqa: F401  (tasks registers the weekly review reminder)

        # Publication happens inside Wagtail (editor, workflow, scheduled publishing); the
        # receiver only hands the page to the service that owns review dates (제7조).
        page_published.connect(_reschedule_review, dispatch_uid="madang.pages.review")
        cache.connect()  # the page cache goes stale on publish (madang.core.cache)


def _reschedule_review(sender, instance, **kwargs):
    from .models import OwnedContentMixin
    from .services import page_review_reschedule

    if isinstance(instance, OwnedContentMixin):
        page_review_reschedule(page=instance)
