"""The home page of a site and the institution's identity shown in the header and footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import HOME_BLOCKS


class HomePage(Page):
    """The root page of a site: the district's own, a sub-site's or a language site's."""

    intro = models.CharField(_("소개 문구"), max_length=200, blank=True)
    body = StreamField(HOME_BLOCKS, verbose_name=_("본문 블록"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ContentPage",
        "pages.SectionIndexPage",
        "pages.NewsIndexPage",
        "pages.LocalInfoIndexPage",
        "pages.OrganisationChartPage",
        "pages.SiteFeedbackPage",
        "pages.VideoIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("홈")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """What the header and footer say about the institution, per site."""

    institution_name = models.CharField(_("기관명"), max_length=100, default="동작구청")
    address = models.CharField(
        _("주소"), max_length=200, default="(07058) 서울특별시 동작구 장승배기로 161"
    )
    phone = models.CharField(_("대표 전화"), max_length=40, default="02-820-1114")
    office_hours = models.CharField(
        _("민원실 운영시간"), max_length=100, default="평일 09:00~18:00"
    )
    copyright_holder = models.CharField(_("저작권자"), max_length=100, default="Dongjak-gu Office")
    operator_identifier = RichTextField(
        _("운영기관 식별자"),
        features=["bold", "link"],
        blank=True,
        help_text=_("누리집 하단에 운영기관을 밝히는 문구입니다."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("institution_name"), FieldPanel("address"), FieldPanel("phone")],
            heading=_("기관"),
        ),
        FieldPanel("office_hours"),
        FieldPanel("copyright_holder"),
        FieldPanel("operator_identifier"),
    ]

    class Meta:
        verbose_name = _("기관 정보")
