"""RSS 2.0 and Atom feeds of news and notices, per news index and per category (조례 제5조①1·3).

Each news index (공지사항, 구정소식, 보도자료, 홍보) answers at

* ``<index>/feed/rss/`` and ``<index>/feed/atom/``: every item of the index;
* ``<index>/feed/<category slug>/rss/`` and ``.../atom/``: the items of one category.

They are routes of the index page (`ArticleFeedRoutes`), so each site and language has its own,
the page cache stores them like pages, and publishing an item makes them fresh.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

FEED_ITEMS = 20
FEED_FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


class ArticleFeed(Feed):
    """The latest items of one news index, optionally of one category."""

    def __init__(self, *, index, category=None, fmt: str = "rss"):
        super().__init__()
        self.index = index
        self.category = category
        self.fmt = fmt
        self.feed_type = FEED_FORMATS[fmt]

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        from madang.languages.selectors import institution_name_for_request

        site_name = institution_name_for_request(self.request)
        if self.category is not None:
            return f"{index.title} - {self.category.name} | {site_name}"
        return f"{index.title} | {site_name}"

    # Absolute here: Django would otherwise prefix django.contrib.sites' domain (allauth's Site),
    # not the Wagtail site the reader asked.
    def link(self, index):
        return self.request.build_absolute_uri(index.get_url(self.request))

    def feed_url(self, index):
        return self.request.build_absolute_uri(
            feed_path(index, self.fmt, self.category, request=self.request)
        )

    def description(self, index):
        if self.category is not None:
            return gettext("%(index)s 중 %(category)s 분류의 새 글") % {
                "index": index.title,
                "category": self.category.name,
            }
        return index.intro or gettext("%(index)s의 새 글") % {"index": index.title}

    subtitle = description  # Atom's name for it

    def language(self, index):
        return get_language()

    def items(self, index):
        from .models import NewsPage

        items = (
            NewsPage.objects.live()
            .public()
            .child_of(index)
            .select_related("category", "owner_department")
            .order_by("-published_on", "-first_published_at")
        )
        if self.category is not None:
            items = items.filter(category=self.category)
        return items[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_description(self, item):
        if item.summary:
            return item.summary
        text = " ".join(
            strip_tags(str(block.value.source if hasattr(block.value, "source") else ""))
            for block in item.body
            if block.block_type == "rich_text"
        )
        return Truncator(text.strip()).chars(300)

    def item_pubdate(self, item):
        moment = item.first_published_at
        if moment is not None and timezone.localdate(moment) == item.published_on:
            return moment
        return timezone.make_aware(datetime.combine(item.published_on, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.owner_department.display_name

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []

    def item_guid(self, item):
        return self.item_link(item)


def feed_path(index, fmt: str, category=None, *, request=None) -> str:
    """The path of an index's feed, for links and autodiscovery."""
    base = index.get_url(request) or "/"
    if category is not None:
        return f"{base}feed/{category.slug}/{fmt}/"
    return f"{base}feed/{fmt}/"


class ArticleFeedRoutes(RoutablePageMixin):
    """The feed routes of a news index page (mixed into NewsIndexPage)."""

    @path("feed/<str:fmt>/", name="feed")
    def feed(self, request, fmt):
        return self._feed(request, fmt, None)

    @path("feed/<str:category_slug>/<str:fmt>/", name="category_feed")
    def category_feed(self, request, category_slug, fmt):
        from .models import ArticleCategory

        category = ArticleCategory.objects.filter(slug=category_slug).first()
        if category is None:
            raise Http404
        return self._feed(request, fmt, category)

    def _feed(self, request, fmt, category):
        if fmt not in FEED_FORMATS:
            raise Http404
        response = ArticleFeed(index=self, category=category, fmt=fmt)(request)
        response["Content-Type"] = f"{MIME_TYPES[fmt]}; charset=utf-8"
        return response
