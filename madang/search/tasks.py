"""Background tasks that keep the site search index in step with the pages."""

from datetime import time

from django_tasks import task
from wagtail.models import Page

from madang.core.scheduling import periodic

from . import services


@task()
def search_index_page(page_id: int) -> bool:
    """(Re)index a page after it was published; True when it is in the index afterwards."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        services.search_document_remove(object_id=page_id)
        return False
    return services.search_document_index(page=page) is not None


@task()
def search_index_subtree(page_id: int) -> int:
    """Reindex a page and its descendants (after a move: their URLs changed)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    count = 0
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        count += services.search_document_index(page=descendant) is not None
    return count


@task()
def search_remove_page(page_id: int, content_type_id: int | None = None) -> int:
    """Remove an unpublished or deleted page from the index."""
    return services.search_document_remove(content_type_id=content_type_id, object_id=page_id)


@periodic(daily_at=time(4, 10))
@task(queue_name="maintenance")
def rebuild_search_index() -> int:
    """Nightly full rebuild: catches what no signal reports (view restrictions, site changes)."""
    return services.search_index_rebuild()
