"""Local information: 생활·산업·문화·교육·관광 (조례 제5조①2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import CONTENT_BLOCKS
from .easy_read import EasyReadMixin, easy_read_field
from .mixins import OwnedContentMixin


class LocalInfoCategory(models.TextChoices):
    LIVING = "living", _("생활")
    INDUSTRY = "industry", _("산업")
    CULTURE = "culture", _("문화")
    EDUCATION = "education", _("교육")
    TOURISM = "tourism", _("관광")


class LocalInfoIndexPage(OwnedContentMixin, Page):
    """지역정보: the local-information pages grouped by the five fields of 제5조①2."""

    intro = models.CharField(_("소개"), max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = ["pages.LocalInfoPage"]
    template = "pages/local_info_index_page.html"

    class Meta:
        verbose_name = _("지역정보 목록")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import local_info_grouped

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = local_info_grouped(index=self)
        return context


class LocalInfoPage(EasyReadMixin, OwnedContentMixin, Page):
    """One piece of local information in one of the five fields, with an optional easy-read
    version (쉬운 글, 제5조①6)."""

    category = models.CharField(_("분야"), max_length=16, choices=LocalInfoCategory.choices)
    summary = models.CharField(_("요약"), max_length=300, blank=True)
    body = StreamField(CONTENT_BLOCKS, verbose_name=_("본문"))
    easy_read_body = easy_read_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("easy_read_body"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.LocalInfoIndexPage"]
    subpage_types = []
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("지역정보")
