"""Page signals → index tasks. Handlers only enqueue, after the publishing transaction commits."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def _on_published(sender, instance, **kwargs):
    from .tasks import search_index_page

    transaction.on_commit(partial(search_index_page.enqueue, instance.pk))


def _on_unpublished(sender, instance, **kwargs):
    from .tasks import search_remove_page

    transaction.on_commit(
        partial(search_remove_page.enqueue, instance.pk, instance.content_type_id)
    )


def _on_moved(sender, instance, **kwargs):
    from .tasks import search_index_subtree

    transaction.on_commit(partial(search_index_subtree.enqueue, instance.pk))


def _on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _on_unpublished(sender, instance)


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="madang_search_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="madang_search_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="madang_search_moved")
    post_delete.connect(_on_deleted, dispatch_uid="madang_search_deleted")
