"""What the index holds for a page: generic over every page type.

A page type may define `search_text()` (the body text to index) and `search_department()`
(the Department that owns it); otherwise the text comes from its own StreamField, RichTextField
and text fields (less those named in `search_exclude_fields`), and the department from an
`owner_department` field when it has one.

A page type may also give further documents of its own: `search_variants()` returns dicts
(`model`: "app_label.ModelName" the document is filed under, `title`, `path` appended to the
page's URL, `body` plain text), and `search_variant_models` names every such model. The
easy-read version of a page (madang.pages.models.easy_read) is one: its own title and text, at
`<page url>easy/`, under the type "쉬운 글".
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import datetime

from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

_PAGE_FIELD_NAMES = {f.name for f in Page._meta.get_fields()}


@dataclass
class PageFields:
    locale: str
    title: str
    url: str
    body: str
    department_id: int | None
    doc_type: str
    published_at: datetime | None


def _squeeze(text) -> str:
    return " ".join(str(text).split())


def _html_to_text(value) -> str:
    return _squeeze(html.unescape(strip_tags(str(value))))


def page_text(page) -> str:
    """The indexable body text of a specific page."""
    if callable(getattr(page, "search_text", None)):
        return _squeeze(page.search_text())
    parts: list[str] = []
    excluded = set(getattr(page, "search_exclude_fields", ()))
    for field in page._meta.concrete_fields:
        if field.name in _PAGE_FIELD_NAMES or field.choices or field.name in excluded:
            continue
        value = getattr(page, field.attname, None)
        if not value:
            continue
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            # Already plain text (Wagtail extracts rich text for indexing): no tag stripping,
            # so "a <b" written as text stays as written.
            parts.extend(
                _squeeze(s) for s in field.get_searchable_content(value) if not _looks_like_url(s)
            )
        elif isinstance(field, RichTextField):
            parts.append(_html_to_text(value))
        elif _is_text_field(field):
            parts.append(_squeeze(value))
    if page.search_description:
        parts.append(_squeeze(page.search_description))
    return "\n".join(p for p in parts if p)


def _is_text_field(field) -> bool:
    return isinstance(field, (models.CharField, models.TextField)) and not isinstance(
        field, (models.SlugField, models.URLField, models.EmailField)
    )


def _looks_like_url(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "/"))


def page_department_id(page) -> int | None:
    if callable(getattr(page, "search_department", None)):
        department = page.search_department()
        return department.pk if department else None
    return getattr(page, "owner_department_id", None)


def is_public(page) -> bool:
    """Live, in a site tree (depth > 1) and not behind a view restriction (password, login,
    groups) on the page or an ancestor: only what anyone may read goes into the index."""
    return page.live and page.depth > 1 and not page.get_view_restrictions().exists()


def page_fields(page) -> PageFields | None:
    """The index fields of a page, or None when the page must not be in the index."""
    page = page.specific
    if not is_public(page):
        return None
    # The URL in the page's own language (/en/… for English pages), whatever language the
    # worker or request that indexes it happens to have active.
    with translation.override(page.locale.language_code):
        url = page.get_url()
    if not url:  # not under any site's root
        return None
    return PageFields(
        locale=page.locale.language_code,
        title=page.title,
        url=url,
        body=page_text(page),
        department_id=page_department_id(page),
        doc_type=page._meta.label_lower,
        published_at=page.last_published_at or page.first_published_at,
    )


def variant_fields(page, fields: PageFields) -> list[tuple[type[models.Model], PageFields]]:
    """The further documents of a public page (`search_variants()`), each with the model it is
    filed under; titles are made in the page's own language."""
    page = page.specific
    if not callable(getattr(page, "search_variants", None)):
        return []
    with translation.override(fields.locale):
        variants = page.search_variants()
    return [
        (
            apps.get_model(v["model"]),
            replace(
                fields,
                title=_squeeze(v["title"]),
                url=fields.url + v["path"],
                body="\n".join(_squeeze(line) for line in v["body"].splitlines() if line.strip()),
                doc_type=apps.get_model(v["model"])._meta.label_lower,
            ),
        )
        for v in variants
    ]


def variant_models() -> set[type[models.Model]]:
    """Every model a page type files further documents under."""
    from wagtail.models import get_page_models

    return {
        apps.get_model(label)
        for model in get_page_models()
        for label in getattr(model, "search_variant_models", ())
    }
