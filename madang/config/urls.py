from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from madang.core import views as core_views
from madang.pages import display as pages_display
from madang.pages import media_views as pages_media_views
from madang.pages import outputs as page_outputs

from .api import api

handler404 = "madang.core.views.page_not_found"
handler500 = "madang.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", page_outputs.sitemap, name="sitemap"),
    path("robots.txt", page_outputs.robots_txt, name="robots_txt"),
    path("", include("madang.accounts.urls_mfa")),  # before admin/: /admin/mfa/ and /session/
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "video-captions/<int:caption_id>.vtt",
        pages_media_views.video_caption,
        name="video_caption",
    ),
    path("api/v1/", api.urls),
    path("open311/v2/", include("madang.open311.urls")),  # GeoReport v2, beside the native API
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

if settings.MADANG_BENCH_VIEWS:
    urlpatterns.append(path("__bench__/bare/", core_views.bench_bare))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("madang.accounts.urls")),
    path("complaints/", include("madang.complaints.urls")),
    path("counselling/", include("madang.counselling.urls")),
    path("boards/", include("madang.boards.urls")),
    path("search/", include("madang.search.urls")),
    path("page-feedback/", include("madang.pages.urls")),
    path("display/", pages_display.display_settings, name="display_settings"),
    path("opinion/", include("madang.languages.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
