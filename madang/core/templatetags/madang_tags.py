"""Template helpers for the site chrome: main menu, breadcrumb and language links.

Each helper reads the page tree of the active locale with a fixed number of queries, however
many pages the menu holds, so that the home page's query count does not grow with the site
(a test pins it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()

# How deep the main menu goes below the home page: 1Depth and 2Depth, as KRDS draws it.
MENU_DEPTH = 2


@dataclass
class MenuItem:
    title: str
    url: str
    active: bool = False
    children: list[MenuItem] = field(default_factory=list)


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    # True when the link leads to this page's own translation, not to that language's home.
    is_translation: bool


def _site(request) -> Site | None:
    if request is None:
        return None
    return Site.find_for_request(request)  # cached on the request by Wagtail


def _localized_root(context) -> Page | None:
    """The home page of the site in the active language (the Korean one when none exists)."""
    request = context.get("request")
    cache = getattr(request, "_madang_chrome", None) if request is not None else None
    if cache is not None and "root" in cache:
        return cache["root"]
    site = _site(request)
    root = None
    if site is not None:
        root = site.root_page
        page = context.get("page")
        if isinstance(page, Page) and page.locale_id != root.locale_id:
            # The page's own ancestor at the root's depth is the root in its locale.
            if page.depth == root.depth:
                root = page
            else:
                root = page.get_ancestors().filter(depth=root.depth).first() or root
        elif not isinstance(page, Page):
            root = root.localized
    if request is not None:
        request._madang_chrome = {**(getattr(request, "_madang_chrome", None) or {}), "root": root}
    return root


def _language_home_url(code: str) -> str:
    with translation.override(code):
        try:
            return reverse("wagtail_serve", args=[""])
        except NoReverseMatch:
            return "/"


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[MenuItem]:
    """The home page's children that are live and shown in menus, with their own such children.

    One query: every menu page down to MENU_DEPTH comes in a single tree-ordered list, which is
    then folded into a tree here (a page whose parent is not in the menu is left out).
    """
    root = _localized_root(context)
    if root is None:
        return []
    request = context.get("request")
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    pages = (
        Page.objects.live()
        .in_menu()
        .descendant_of(root)
        .filter(depth__lte=root.depth + MENU_DEPTH)
        .only("id", "path", "depth", "title", "url_path", "locale_id")
        .order_by("path")
    )
    items: list[MenuItem] = []
    by_path: dict[str, MenuItem] = {}
    for page in pages:
        item = MenuItem(
            title=page.title,
            url=page.get_url(request) or "#",
            active=bool(current_path) and current_path.startswith(page.path),
        )
        if page.depth == root.depth + 1:
            items.append(item)
        else:
            parent = by_path.get(page.path[: -Page.steplen])
            if parent is None:
                continue
            parent.children.append(item)
        by_path[page.path] = item
    return items


@register.simple_tag(takes_context=True)
def breadcrumb(context) -> list[MenuItem]:
    """The current page's ancestors below the home page, then the page itself (not linked)."""
    page = context.get("page")
    root = _localized_root(context)
    if not isinstance(page, Page) or root is None or page.depth <= root.depth:
        return []
    request = context.get("request")
    ancestors = (
        Page.objects.ancestor_of(page)
        .filter(depth__gt=root.depth)
        .only("id", "path", "depth", "title", "url_path", "locale_id")
        .order_by("depth")
    )
    crumbs = [MenuItem(title=p.title, url=p.get_url(request) or "#") for p in ancestors]
    crumbs.append(MenuItem(title=page.title, url=page.get_url(request) or "#", active=True))
    return crumbs


@register.simple_tag(takes_context=True)
def is_home(context) -> bool:
    """Whether the page being shown is the site's home page (in any language)."""
    page = context.get("page")
    root = _localized_root(context)
    return isinstance(page, Page) and root is not None and page.depth <= root.depth


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    root = _localized_root(context)
    request = context.get("request")
    if root is not None:
        url = root.get_url(request)
        if url:
            return url
    return _language_home_url(translation.get_language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per site language: to this page's live translation when there is one, else to
    that language's home page (Wagtail's translation of the site root), else to its URL prefix.
    """
    request = context.get("request")
    cache = getattr(request, "_madang_chrome", None) if request is not None else None
    if cache is not None and "languages" in cache:
        return cache["languages"]
    page = context.get("page")
    active = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    translations: dict[str, Page] = {}
    if isinstance(page, Page) and page.pk:
        for tr in (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .only("id", "path", "depth", "title", "url_path", "locale__language_code")
        ):
            translations[tr.locale.language_code] = tr
    homes: dict[str, Page] = {}
    codes = [code for code, _name in settings.LANGUAGES]
    if any(code not in translations for code in codes):
        site = _site(request)
        if site is not None:
            for tr in (
                Page.objects.live()
                .filter(translation_key=site.root_page.translation_key)
                .select_related("locale")
                .only("id", "path", "depth", "title", "url_path", "locale__language_code")
            ):
                homes[tr.locale.language_code] = tr
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request) if target is not None else None
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url or _language_home_url(code),
                current=code == active,
                is_translation=code in translations,
            )
        )
    if request is not None:
        request._madang_chrome = {**(cache or {}), "languages": links}
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag
def madang_setting(name: str, default: str = "") -> str:
    """A plain setting, for templates rendered without context processors (500.html)."""
    return str(getattr(settings, name, default))
