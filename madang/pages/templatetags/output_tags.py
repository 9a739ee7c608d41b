"""Head and foot outputs of a page: Open Graph and Twitter meta, feed autodiscovery links and
the 공공누리 mark (issue #4 item 10)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language, gettext

from ..kogl import kogl_mark

register = template.Library()

# Open Graph wants language_TERRITORY.
OG_LOCALES = {"ko": "ko_KR", "en": "en_US", "zh-hans": "zh_CN", "ja": "ja_JP", "vi": "vi_VN"}


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None and url else url


@register.inclusion_tag("pages/includes/open_graph.html", takes_context=True)
def open_graph(context):
    """og:* and twitter:* for the current page (or a plain website card without a page)."""
    from madang.languages.selectors import institution_name_for_request

    from ..models import NewsPage

    request = context.get("request")
    page = context.get("page")
    # The name in the reader's language ("Dongjak-gu Office, Seoul" on /en/ pages); the
    # project's name when no Wagtail site answers this host (a fresh install before its first
    # site), rather than the page failing.
    site_name = institution_name_for_request(request)
    title = site_name
    description = ""
    url = request.build_absolute_uri(request.path) if request is not None else ""
    kind = "website"
    if page is not None and hasattr(page, "get_url"):
        title = page.seo_title or page.title
        specific = page
        description = (
            page.search_description
            or getattr(specific, "summary", "")
            or getattr(specific, "intro", "")
            or ""
        )
        if not isinstance(description, str):  # a RichTextField intro
            description = ""
        url = _absolute(request, page.get_url(request)) or url
        if isinstance(specific, NewsPage):
            kind = "article"
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "og": {
            "type": kind,
            "title": title,
            "site_name": site_name,
            "description": description,
            "url": url,
            "image": _absolute(request, static("pages/img/og-default.png")),
            "image_alt": gettext("%(site)s 누리집") % {"site": site_name},
            "locale": OG_LOCALES.get(language, language.replace("-", "_")),
        }
    }


@register.simple_tag(takes_context=True)
def feed_links(context) -> list[dict]:
    """RSS and Atom autodiscovery links for a news list or a news item (its list's feeds)."""
    from ..feeds import MIME_TYPES, feed_path
    from ..models import NewsIndexPage, NewsPage

    page = context.get("page")
    request = context.get("request")
    if isinstance(page, NewsPage):
        index = page.get_parent()
    elif isinstance(page, NewsIndexPage):
        index = page
    else:
        return []
    links = []
    for fmt, label in (("rss", "RSS"), ("atom", "Atom")):
        links.append(
            {
                "type": MIME_TYPES[fmt],
                "title": f"{index.title} {label}",
                "href": feed_path(index, fmt, request=request),
                "format": label,
            }
        )
    return links


@register.inclusion_tag("pages/includes/kogl.html")
def kogl_notice(page):
    return {"kogl": kogl_mark(getattr(page, "kogl_type", None))}


@register.simple_tag(takes_context=True)
def feed_url(context, index, fmt: str, category_slug: str = "") -> str:
    """The path of a news index's feed (of one category when `category_slug` is given)."""
    from ..feeds import feed_path

    base = feed_path(index, fmt, request=context.get("request"))
    if category_slug:
        return base.replace(f"feed/{fmt}/", f"feed/{category_slug}/{fmt}/")
    return base
