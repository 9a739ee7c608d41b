"""Writes to the site search index.

The index is derived data: every row is rebuilt from a published page, which Wagtail has
already recorded in its own log (publish, unpublish, delete). These services therefore leave no
audit row of their own. Only pages anyone may read are indexed; pages behind a view restriction
stay out, so search never discloses what the page itself would not.

A page may bring further documents (its easy-read version, madang.search.indexing
`variant_fields`): they are written, and removed, together with the page's own.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page

from .analysis import document_terms_many
from .indexing import page_fields, variant_fields, variant_models
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


def _variant_type_ids() -> set[int]:
    return {ContentType.objects.get_for_model(m).pk for m in variant_models()}


def _page_documents(page, fields) -> list[tuple[int, object]]:
    """(content type id, fields) of the page's own document and of its further documents."""
    documents = [(page.content_type_id, fields)]
    documents += [
        (ContentType.objects.get_for_model(model).pk, variant)
        for model, variant in variant_fields(page, fields)
    ]
    return documents


def search_document_index(*, page: Page) -> SearchDocument | None:
    """(Re)index one page and its further documents (easy-read version); remove them from the
    index when the page is no longer public. Returns the page's own document."""
    fields = page_fields(page)
    if fields is None:
        search_document_remove(content_type_id=page.content_type_id, object_id=page.pk)
        return None
    documents = _page_documents(page, fields)
    tokens = document_terms_many([t for _ct, f in documents for t in (f.title, f.body)])
    written = []
    with transaction.atomic():
        for i, (content_type_id, entry) in enumerate(documents):
            document, _ = SearchDocument.objects.update_or_create(
                content_type_id=content_type_id,
                object_id=page.pk,
                defaults=_document_values(entry, tokens[2 * i], tokens[2 * i + 1]),
            )
            written.append(document)
        # A further document the page no longer has (its easy version was emptied).
        SearchDocument.objects.filter(
            object_id=page.pk,
            content_type_id__in=_variant_type_ids() - {d.content_type_id for d in written},
        ).delete()
    return written[0]


def search_document_remove(*, content_type_id: int | None = None, object_id: int) -> int:
    """Remove an object's document, and a page's further documents, from the index; returns
    how many rows went."""
    documents = SearchDocument.objects.filter(object_id=object_id)
    variant_types = _variant_type_ids()
    if content_type_id is not None:
        types = {content_type_id}
        if ContentType.objects.get_for_id(content_type_id).model_class() in _page_models():
            types |= variant_types
        documents = documents.filter(content_type_id__in=types)
    else:  # any page type: a deleted page's content type may no longer be known
        page_types = ContentType.objects.filter(
            pk__in=Page.objects.values("content_type_id").distinct()
        ).values_list("pk", flat=True)
        documents = documents.filter(content_type_id__in=[*page_types, *variant_types])
    with transaction.atomic():
        return documents.delete()[0]


def _page_models() -> set:
    from wagtail.models import get_page_models

    return set(get_page_models())


def search_index_rebuild(*, batch_size: int = 200) -> int:
    """Rebuild the whole index from the live pages (and their further documents); returns
    the number of documents."""
    page_ct_ids = set(Page.objects.values_list("content_type_id", flat=True).distinct())
    page_ct_ids |= _variant_type_ids()
    indexed = 0
    seen: set[tuple[int, int]] = set()
    pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    batch: list = []

    def flush():
        nonlocal indexed
        entries = [
            (page.pk, content_type_id, entry)
            for page in batch
            if (fields := page_fields(page)) is not None
            for content_type_id, entry in _page_documents(page, fields)
        ]
        texts = [t for _pk, _ct, f in entries for t in (f.title, f.body)]
        tokens = document_terms_many(texts)
        with transaction.atomic():
            for i, (object_id, content_type_id, fields) in enumerate(entries):
                SearchDocument.objects.update_or_create(
                    content_type_id=content_type_id,
                    object_id=object_id,
                    defaults=_document_values(fields, tokens[2 * i], tokens[2 * i + 1]),
                )
                seen.add((content_type_id, object_id))
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
