"""Page types of the district homepage: one module per kind of content."""

from .content import ContentPage, SectionIndexPage
from .easy_read import EasyReadMixin, EasyReadVersion
from .feedback import (
    PageFeedback,
    ReviewReminder,
    Satisfaction,
    SiteFeedback,
    SiteFeedbackPage,
)
from .home import HomePage, SiteIdentity
from .imported import ImportedPage
from .local import LocalInfoCategory, LocalInfoIndexPage, LocalInfoPage
from .media import LiveStatus, LiveStreamPage, VideoCaption, VideoIndexPage, VideoPage
from .mixins import OwnedContentMixin, add_months
from .news import ArticleCategory, ArticleKind, NewsIndexPage, NewsPage
from .organisation import OrganisationChartPage

__all__ = [
    "ArticleCategory",
    "ArticleKind",
    "ContentPage",
    "EasyReadMixin",
    "EasyReadVersion",
    "HomePage",
    "ImportedPage",
    "LiveStatus",
    "LiveStreamPage",
    "LocalInfoCategory",
    "LocalInfoIndexPage",
    "LocalInfoPage",
    "NewsIndexPage",
    "NewsPage",
    "OrganisationChartPage",
    "OwnedContentMixin",
    "PageFeedback",
    "ReviewReminder",
    "Satisfaction",
    "SectionIndexPage",
    "SiteFeedback",
    "SiteFeedbackPage",
    "SiteIdentity",
    "VideoCaption",
    "VideoIndexPage",
    "VideoPage",
    "add_months",
    "owned_page_models",
]


def owned_page_models():
    """Every concrete page type that a department owns (제7조)."""
    from django.apps import apps

    return [
        m
        for m in apps.get_app_config("pages").get_models()
        if issubclass(m, OwnedContentMixin) and not m._meta.abstract
    ]
