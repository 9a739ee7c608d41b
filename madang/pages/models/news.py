"""News, notices, press releases and promotion (알림마당, 조례 제5조①1·3)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from ..blocks import ARTICLE_BLOCKS
from ..feeds import ArticleFeedRoutes
from .mixins import OwnedContentMixin


class ArticleKind(models.TextChoices):
    NOTICE = "notice", _("공지사항")
    NEWS = "news", _("구정소식")
    PRESS = "press", _("보도자료")
    PROMOTION = "promotion", _("홍보")


@register_snippet
class ArticleCategory(models.Model):
    """A category of news items (e.g. 채용, 입찰, 행사), shared by every news index."""

    name = models.CharField(_("분류명"), max_length=50, unique=True)
    slug = models.SlugField(_("주소용 이름"), max_length=50, unique=True, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("소식 분류")
        verbose_name_plural = _("소식 분류")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NewsIndexPage(ArticleFeedRoutes, OwnedContentMixin, Page):
    """A list of news items of one kind: 공지사항, 구정소식, 보도자료 or 홍보, with its RSS and Atom
    feeds (madang.pages.feeds)."""

    kind = models.CharField(_("종류"), max_length=16, choices=ArticleKind.choices)
    intro = models.CharField(_("소개"), max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = ["pages.NewsPage"]
    template = "pages/news_index_page.html"
    per_page = 10

    class Meta:
        verbose_name = _("소식 목록")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from ..selectors import article_list

        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category", "")
        articles, categories = article_list(index=self, category_slug=category)
        paginator = Paginator(articles, self.per_page)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        context["categories"] = categories
        context["current_category"] = category
        return context


class NewsPage(OwnedContentMixin, Page):
    """One news item, notice, press release or promotion."""

    published_on = models.DateField(_("게시일"), default=timezone.localdate)
    category = models.ForeignKey(
        ArticleCategory,
        verbose_name=_("분류"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pinned = models.BooleanField(
        _("상단 고정"), default=False, help_text=_("목록 맨 위에 고정합니다.")
    )
    summary = models.CharField(_("요약"), max_length=300, blank=True)
    body = StreamField(ARTICLE_BLOCKS, verbose_name=_("본문"))
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("파일")))],
        verbose_name=_("첨부파일"),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("category"), FieldPanel("pinned")],
            heading=_("게시 정보"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []
    template = "pages/news_page.html"

    class Meta:
        verbose_name = _("소식")
        indexes = [models.Index(fields=["pinned", "published_on"], name="pages_news_order_idx")]
