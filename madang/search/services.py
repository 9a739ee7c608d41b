"""Writes to the site search index.

The index is derived data: every row is rebuilt from a published page, which Wagtail has
already recorded in its own log (publish, unpublish, delete). These services therefore leave no
audit row of their own. Only pages anyone may read are indexed; pages behind a view restriction
stay out, so search never discloses what the page itself would not.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page

from .analysis import document_terms_many
from .indexing import page_fields
from .models import SearchDocument


def _document_values(fields, title_tokens: str, body_tokens: str) -> dict:
    return {
        "locale": fields.locale,
        "title": fields.title[:255],
        "url": fields.url[:500],
        "body": fields.body,
        "department_id": fields.department_id,
        "doc_type": fields.doc_type,
        "published_at": fields.published_at,
        "title_tokens": title_tokens,
        "body_tokens": body_tokens,
    }


def search_document_index(*, page: Page) -> SearchDocument | None:
    """(Re)index one page; remove it from the index when it is no longer public."""
    fields = page_fields(page)
    if fields is None:
        search_document_remove(content_type_id=page.content_type_id, object_id=page.pk)
        return None
    title_tokens, body_tokens = document_terms_many([fields.title, fields.body])
    with transaction.atomic():
        document, _ = SearchDocument.objects.update_or_create(
            content_type_id=page.content_type_id,
            object_id=page.pk,
            defaults=_document_values(fields, title_tokens, body_tokens),
        )
    return document


def search_document_remove(*, content_type_id: int | None = None, object_id: int) -> int:
    """Remove an object's document from the index; returns how many rows went."""
    documents = SearchDocument.objects.filter(object_id=object_id)
    if content_type_id is not None:
        documents = documents.filter(content_type_id=content_type_id)
    else:  # any page type: a deleted page's content type may no longer be known
        page_types = ContentType.objects.filter(
            pk__in=Page.objects.values("content_type_id").distinct()
        ).values("pk")
        documents = documents.filter(content_type_id__in=page_types)
    with transaction.atomic():
        return documents.delete()[0]


def search_index_rebuild(*, batch_size: int = 200) -> int:
    """Rebuild the whole index from the live pages; returns the number of documents."""
    page_ct_ids = set(Page.objects.values_list("content_type_id", flat=True).distinct())
    indexed = 0
    seen: set[tuple[int, int]] = set()
    pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    batch: list = []

    def flush():
        nonlocal indexed
        entries = [(p, f) for p in batch if (f := page_fields(p)) is not None]
        texts = [t for _p, f in entries for t in (f.title, f.body)]
        tokens = document_terms_many(texts)
        with transaction.atomic():
            for i, (page, fields) in enumerate(entries):
                SearchDocument.objects.update_or_create(
                    content_type_id=page.content_type_id,
                    object_id=page.pk,
                    defaults=_document_values(fields, tokens[2 * i], tokens[2 * i + 1]),
                )
                seen.add((page.content_type_id, page.pk))
                indexed += 1
        batch.clear()

    for page in pages.iterator(chunk_size=batch_size):
        batch.append(page)
        if len(batch) >= batch_size:
            flush()
    flush()
    stale = [
        pk
        for pk, ct, oid in SearchDocument.objects.filter(content_type_id__in=page_ct_ids)
        .values_list("pk", "content_type_id", "object_id")
        .iterator()
        if (ct, oid) not in seen
    ]
    with transaction.atomic():
        SearchDocument.objects.filter(pk__in=stale).delete()
    return indexed
