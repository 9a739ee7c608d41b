"""What makes a Wagtail page cacheable, and what makes the cached pages stale (madang.core.cache).

Every page Wagtail serves is marked cacheable in `before_serve_page`; the middleware still keeps
anything personal out. The page cache is invalidated (a new generation, every entry at once)

* when a page is published, unpublished, moved or deleted (also by scheduled publishing and
  expiry, which go through the same signals);
* when a model shown on many pages changes: sites, locales, view restrictions, departments (the
  foot of every content page and the organisation chart), images and documents, every site or
  generic setting (header and footer) and every snippet (categories, ...), plus whatever
  MADANG_PAGE_CACHE_INVALIDATING_MODELS names ("app_label.ModelName").

* when the staff directory changes: a staff account is created or deleted, or its department,
  position, office phone, duties, active flag or kind changes (department pages list them).
  Sign-ins and password changes of the same accounts invalidate nothing.

Saving a draft invalidates nothing: readers see only live pages. A live stream's status changes
with the clock; its page and its list are not stored when the status would change before the
entry expires (madang.pages.models.media). Anything not listed here is at most
MADANG_PAGE_CACHE_SECONDS old; QuerySet.update() sends no signal, so bulk changes to staff rows
should call page_cache_invalidate() themselves.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_init, post_save
from wagtail import hooks
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from madang.core.cache import mark_cacheable, page_cache_invalidate

DEFAULT_INVALIDATING_MODELS = (
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "departments.Department",
    "core.MadangImage",
    "core.MadangDocument",
)


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    mark_cacheable(request)


@cache
def _invalidating_models() -> frozenset[type]:
    from wagtail.snippets.models import get_snippet_models

    names = [
        *DEFAULT_INVALIDATING_MODELS,
        *getattr(settings, "MADANG_PAGE_CACHE_INVALIDATING_MODELS", ()),
    ]
    found = {apps.get_model(name) for name in names if _model_exists(name)}
    found.update(
        m for m in apps.get_models() if issubclass(m, BaseSiteSetting | BaseGenericSetting)
    )
    found.update(get_snippet_models())
    return frozenset(found)


def _model_exists(name: str) -> bool:
    try:
        apps.get_model(name)
    except LookupError:
        return False
    return True


def display_variant(request) -> str:
    """The reader's text size and contrast, normalised: pages render them into <html>."""
    from .display import preference_from_request

    return preference_from_request(request).cookie_value()


def _on_page_change(sender, **kwargs):
    page_cache_invalidate()


def _on_model_change(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        # Saving a draft changes nothing readers see; deleting a page does.
        if kwargs.get("signal") is post_delete:
            page_cache_invalidate()
        return
    if kwargs.get("created") and issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        # Wagtail creates a setting with its defaults on first read, while rendering a page:
        # what pages show does not change.
        return
    if sender in _invalidating_models():
        page_cache_invalidate()


# What a department page's staff directory shows of an account (madang.pages.selectors).
DIRECTORY_FIELDS = ("department_id", "position", "office_phone", "duties", "is_active", "kind")
_DIRECTORY_SNAPSHOT = "_madang_directory_snapshot"


def _directory_row(user) -> tuple:
    return tuple(getattr(user, name, None) for name in DIRECTORY_FIELDS)


def _on_user_init(sender, instance, **kwargs):
    # Only when every listed field was loaded: reading a deferred one would cost a query.
    if not instance.get_deferred_fields().intersection(DIRECTORY_FIELDS):
        instance.__dict__[_DIRECTORY_SNAPSHOT] = _directory_row(instance)


def _touches_directory(update_fields) -> bool:
    if update_fields is None:
        return True
    names = set(DIRECTORY_FIELDS) | {f.removesuffix("_id") for f in DIRECTORY_FIELDS}
    return bool(names.intersection(update_fields))


def _on_user_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if not _touches_directory(update_fields):
        return  # a sign-in (last_login), a password change
    before = instance.__dict__.get(_DIRECTORY_SNAPSHOT)
    after = _directory_row(instance)
    instance.__dict__[_DIRECTORY_SNAPSHOT] = after
    if created:
        changed = after[-1] == "staff"
    else:
        # Citizens' accounts are never listed: only a change to or from a staff row counts.
        was_staff = before is None or before[-1] == "staff"
        changed = (before is None or before != after) and (was_staff or after[-1] == "staff")
    if changed:
        page_cache_invalidate()


def _on_user_deleted(sender, instance, **kwargs):
    if getattr(instance, "kind", None) == "staff":
        page_cache_invalidate()


def connect() -> None:
    """Wire invalidation to the signals (called from PagesConfig.ready)."""
    page_published.connect(_on_page_change, dispatch_uid="madang.pagecache.published")
    page_unpublished.connect(_on_page_change, dispatch_uid="madang.pagecache.unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="madang.pagecache.moved")
    post_save.connect(_on_model_change, dispatch_uid="madang.pagecache.saved")
    post_delete.connect(_on_model_change, dispatch_uid="madang.pagecache.deleted")
    user_model = get_user_model()
    post_init.connect(_on_user_init, sender=user_model, dispatch_uid="madang.pagecache.user_init")
    post_save.connect(_on_user_saved, sender=user_model, dispatch_uid="madang.pagecache.user")
    post_delete.connect(
        _on_user_deleted, sender=user_model, dispatch_uid="madang.pagecache.user_deleted"
    )
