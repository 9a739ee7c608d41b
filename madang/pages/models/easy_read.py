"""Easy-read variants (쉬운 글) of standard pages, for people left out of the information
society (정보화 소외계층, 조례 제5조①6).

A page that has one serves it at `<page url>easy/`; both versions link to each other. The easy
version is written by the owning department (short sentences, one idea per sentence, the words a
reader uses), not produced by a machine.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.url_routing import RouteResult

from ..blocks import ContactCardBlock, ImageBlock, StepGuideBlock

EASY_READ_SEGMENT = "easy"
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


class EasyReadMixin:
    """Adds `easy_read_body` (declared on the model) and the `easy/` sub-address.

    Put before Page in the bases. A child page with the slug `easy` would win over the easy-read
    address, so editors should not use that slug under a page with an easy-read version.
    """

    easy_read_template = "pages/easy_read_page.html"

    @property
    def has_easy_read(self) -> bool:
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
