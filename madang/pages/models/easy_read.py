"""Easy-read variants (쉬운 글) of information pages, for people left out of the information
society (정보화 소외계층, 조례 제5조①6).

A page that has one serves it at `<page url>easy/`; both versions link to each other, the
sitemap lists both addresses and the site search indexes the easy text as a document of its own
(filed under `EasyReadVersion`, so a result opens the easy version). The easy version is written
by the owning department (short sentences, one idea per sentence, the words a reader uses), not
produced by a machine.

Page types with one: ContentPage (일반 페이지), LocalInfoPage (지역정보) and
OrganisationChartPage (조직도; its easy version is a route of the routable page).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.url_routing import RouteResult

from ..blocks import ContactCardBlock, ImageBlock, StepGuideBlock

EASY_READ_SEGMENT = "easy"
EASY_READ_FIELD = "easy_read_body"
EASY_READ_BLOCKS = [
    (
        "rich_text",
        blocks.RichTextBlock(
            label=_("본문"), features=["h2", "h3", "bold", "link", "ol", "ul"], icon="pilcrow"
        ),
    ),
    ("image", ImageBlock()),
    ("step_guide", StepGuideBlock()),
    ("contact_card", ContactCardBlock()),
]
# Set by `mark_easy_read` on pages loaded with their StreamFields deferred (the sitemap).
_KNOWN_ATTR = "_madang_has_easy_read"


class EasyReadVersion(models.Model):
    """The easy-read version of a page, as the site search files it (madang.search): its
    documents are keyed by (content type, object id), and the easy version of page N is the
    document (EasyReadVersion, N) beside the page's own (its page type, N).

    No table: nothing is stored here. The model exists for its content type and its name
    ("쉬운 글"), which the search shows as the result's type and offers as a filter."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("쉬운 글")
        verbose_name_plural = _("쉬운 글")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class EasyReadMixin:
    """Adds `easy_read_body` (declared on the model) and the `easy/` sub-address.

    Put before Page in the bases (after RoutablePageMixin, whose page declares its own
    `easy/` route). A child page with the slug `easy` would win over the easy-read address, so
    editors should not use that slug under a page with an easy-read version.
    """

    easy_read_template = "pages/easy_read_page.html"
    # The standard page's search document leaves the easy text out: it has its own document.
    search_exclude_fields = (EASY_READ_FIELD,)
    search_variant_models = ("pages.EasyReadVersion",)

    @property
    def has_easy_read(self) -> bool:
        known = self.__dict__.get(_KNOWN_ATTR)
        if known is not None:
            return known
        return bool(self.easy_read_body)

    @property
    def easy_read_url(self) -> str:
        return f"{self.url}{EASY_READ_SEGMENT}/" if self.url else ""

    def route(self, request, path_components):
        if (
            path_components == [EASY_READ_SEGMENT]
            and self.live
            and not self.get_children().filter(slug=EASY_READ_SEGMENT).exists()
        ):
            if not self.has_easy_read:
                raise Http404
            return RouteResult(self, kwargs={"easy_read": True})
        return super().route(request, path_components)

    def get_template(self, request, *args, easy_read: bool = False, **kwargs):
        if easy_read:
            return self.easy_read_template
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, easy_read: bool = False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["easy_read"] = easy_read
        return context

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if self.has_easy_read and urls:
            urls.append({**urls[0], "location": f"{urls[0]['location']}{EASY_READ_SEGMENT}/"})
        return urls

    def easy_read_text(self) -> str:
        """The easy version as plain text (what the site search indexes)."""
        field = self._meta.get_field(EASY_READ_FIELD)
        parts = field.get_searchable_content(self.easy_read_body)
        return "\n".join(p for p in parts if isinstance(p, str) and not _looks_like_url(p))

    def search_variants(self) -> list[dict]:
        """Further documents of this page for the site search (madang.search.indexing)."""
        if not self.has_easy_read:
            return []
        from django.utils.translation import gettext

        return [
            {
                "model": "pages.EasyReadVersion",
                "title": gettext("%(title)s (쉬운 글)") % {"title": self.title},
                "path": f"{EASY_READ_SEGMENT}/",
                "body": self.easy_read_text(),
            }
        ]


def _looks_like_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "/"))


def mark_easy_read(pages) -> None:
    """Tell pages loaded without their StreamFields whether they have an easy version: one
    query per easy-read page type instead of one per page."""
    by_model = defaultdict(list)
    for page in pages:
        if isinstance(page, EasyReadMixin) and EASY_READ_FIELD in page.get_deferred_fields():
            by_model[type(page)].append(page)
    for model, group in by_model.items():
        filled = {
            pk
            for pk, body in model.objects.filter(pk__in=[p.pk for p in group]).values_list(
                "pk", EASY_READ_FIELD
            )
            if body
        }
        for page in group:
            page.__dict__[_KNOWN_ATTR] = page.pk in filled


def easy_read_field():
    return StreamField(
        EASY_READ_BLOCKS,
        verbose_name=_("쉬운 글"),
        blank=True,
        help_text=_(
            "이 페이지를 쉬운 말로 다시 쓴 글입니다(조례 제5조①6). 짧은 문장, 한 문장에 한 "
            "가지 내용, 어려운 말은 풀어서 적으세요. 적으면 페이지에 '쉬운 글로 보기' 링크가 "
            "생깁니다."
        ),
    )
