"""Reads of the foreign-language homepages: each language's site, the translation status of
Korean pages, and the opinions staff look through."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from wagtail.models import Locale, Page, Site

from .choices import TranslationState
from .models import LanguageSite, Opinion, foreign_language_choices


def language_site_for(*, language_code: str) -> LanguageSite | None:
    """The operating department and foot text of one language's site, or None."""
    return (
        LanguageSite.objects.select_related("operating_department")
        .filter(language_code=language_code)
        .first()
    )


_REQUEST_CACHE_ATTR = "_madang_language_site"


def language_site_for_request(request) -> LanguageSite | None:
    """The LanguageSite of the active language, or None in Korean (without a query). At most
    one query per request and language: the header, footer, <title> and Open Graph tags share
    it through an attribute of the request."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code == settings.LANGUAGE_CODE:
        return None
    cached = getattr(request, _REQUEST_CACHE_ATTR, ()) if request is not None else ()
    if cached and cached[0] == code:
        return cached[1]
    site = language_site_for(language_code=code)
    if request is not None:
        setattr(request, _REQUEST_CACHE_ATTR, (code, site))
    return site


def institution_name_for_request(request) -> str:
    """The institution's name in the reader's language (조례 제6조): the language site's
    `institution_name` on a foreign-language page when it is filled in, else the name in the
    Wagtail site's SiteIdentity (the district, the council, a dong centre), else
    WAGTAIL_SITE_NAME when no Wagtail site answers the host."""
    from madang.pages.models import SiteIdentity

    site = language_site_for_request(request)
    if site is not None and site.institution_name:
        return site.institution_name
    if request is None or Site.find_for_request(request) is None:
        return settings.WAGTAIL_SITE_NAME
    return SiteIdentity.for_request(request).institution_name


@dataclass
class LanguageStatus:
    language_code: str
    state: str
    page_id: int | None = None
    last_published_at: datetime | None = None

    @property
    def label(self) -> str:
        return TranslationState(self.state).label


@dataclass
class PageTranslationRow:
    page_id: int
    title: str
    url_path: str
    last_published_at: datetime | None
    statuses: list[LanguageStatus] = field(default_factory=list)

    def state_for(self, language_code: str) -> str:
        return next(s.state for s in self.statuses if s.language_code == language_code)


@dataclass
class TranslationReport:
    languages: list[tuple[str, str]]
    missing_locales: list[tuple[str, str]]
    rows: list[PageTranslationRow]
    totals: dict[str, dict[str, int]]


def _state(source_published: datetime | None, translation: dict | None) -> str:
    """missing: no live translation of its own (an alias only mirrors the Korean text);
    outdated: the Korean page was published again after its translation last was;
    current: otherwise."""
    if translation is None or not translation["live"] or translation["alias_of_id"]:
        return TranslationState.MISSING
    published = translation["last_published_at"]
    if source_published and (published is None or source_published > published):
        return TranslationState.OUTDATED
    return TranslationState.CURRENT


def translation_report(
    *, language_code: str | None = None, state: str | None = None
) -> TranslationReport:
    """Every live Korean page (below the tree root) with, for each enabled foreign language,
    whether its translation is missing, outdated or current.

    Two queries however many pages and languages: the Korean pages, then every page in the
    foreign locales that shares their translation keys. `language_code` and `state` narrow the
    rows (a row is kept when that language, or any language, is in that state); the totals
    always count every page."""
    languages = foreign_language_choices()
    locales = {
        loc.language_code: loc.pk
        for loc in Locale.objects.filter(language_code__in=[c for c, _ in languages])
    }
    missing_locales = [(c, n) for c, n in languages if c not in locales]
    try:
        korean = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    except Locale.DoesNotExist:
        return TranslationReport(languages, missing_locales, [], {})
    sources = list(
        Page.objects.live()
        .filter(locale=korean, depth__gt=1, alias_of__isnull=True)
        .order_by("path")
        .values("id", "title", "url_path", "translation_key", "last_published_at")
    )
    locale_codes = {pk: code for code, pk in locales.items()}
    found: dict[tuple, dict] = {}
    for tr in Page.objects.filter(
        translation_key__in=[s["translation_key"] for s in sources],
        locale_id__in=locale_codes,
    ).values("id", "translation_key", "locale_id", "live", "alias_of_id", "last_published_at"):
        found[(tr["translation_key"], locale_codes[tr["locale_id"]])] = tr
    totals = {code: {s.value: 0 for s in TranslationState} for code, _ in languages}
    rows = []
    for source in sources:
        row = PageTranslationRow(
            page_id=source["id"],
            title=source["title"],
            url_path=source["url_path"],
            last_published_at=source["last_published_at"],
        )
        for code, _name in languages:
            tr = found.get((source["translation_key"], code))
            st = _state(source["last_published_at"], tr)
            totals[code][st] += 1
            row.statuses.append(
                LanguageStatus(
                    language_code=code,
                    state=st,
                    page_id=tr["id"] if tr else None,
                    last_published_at=tr["last_published_at"] if tr else None,
                )
            )
        if state:
            codes = [language_code] if language_code else [c for c, _ in languages]
            if not any(row.state_for(c) == state for c in codes):
                continue
        rows.append(row)
    return TranslationReport(languages, missing_locales, rows, totals)


def opinion_list(*, language_code: str | None = None, status: str | None = None) -> QuerySet:
    """Opinions newest first, with their department, for the staff list."""
    qs = Opinion.objects.select_related("department", "answered_by").defer("name", "email")
    if language_code:
        qs = qs.filter(language_code=language_code)
    if status:
        qs = qs.filter(status=status)
    return qs
