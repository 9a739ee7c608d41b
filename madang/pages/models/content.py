"""Sections and the standard information page (행정정보, 조례 제5조①1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import CONTENT_BLOCKS
from .easy_read import EasyReadMixin, easy_read_field
from .mixins import OwnedContentMixin

CONTENT_CHILDREN = ["pages.ContentPage", "pages.SectionIndexPage"]


class SectionIndexPage(OwnedContentMixin, Page):
    """A section (대메뉴·중메뉴) that lists its child pages."""

    summary = models.CharField(_("요약"), max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage", "pages.ContentPage"]
    subpage_types = [
        *CONTENT_CHILDREN,
        "pages.NewsIndexPage",
        "pages.LocalInfoIndexPage",
        "pages.OrganisationChartPage",
        "pages.VideoIndexPage",
    ]
    template = "pages/section_index_page.html"

    class Meta:
        verbose_name = _("섹션")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific(defer=True)
        return context


class ContentPage(EasyReadMixin, OwnedContentMixin, Page):
    """The standard information page: administrative or local information (제5조①, 제7조),
    with an optional easy-read version (쉬운 글, 제5조①6)."""

    summary = models.CharField(_("요약"), max_length=300, blank=True)
    body = StreamField(CONTENT_BLOCKS, verbose_name=_("본문"))
    easy_read_body = easy_read_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("easy_read_body"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.HomePage", "pages.ContentPage", "pages.SectionIndexPage"]
    subpage_types = CONTENT_CHILDREN
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("일반 페이지")
