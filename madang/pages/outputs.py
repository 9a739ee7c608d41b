"""sitemap.xml and robots.txt of each site (issue #4 item 10; 조례 제5조①: information must be
findable). Both are per host: every Wagtail site (the district, the council, a dong centre) lists
its own pages, in every language the site has, and points crawlers at its own sitemap."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page, Site

from madang.core.cache import mark_cacheable

from .models.easy_read import mark_easy_read

# Paths that hold nothing for a search engine or belong to one person (sign-in, 민원, admin).
ROBOTS_DISALLOW = (
    "/admin/",
    "/accounts/",
    "/complaints/",
    "/page-feedback/",
    "/search/",
    "/api/",
    "/documents/authenticate_with_password/",
)


class MadangSitemap(WagtailSitemap):
    """Wagtail's sitemap, but over the site's root in every locale (the language sites), not
    just the root's own language, and with each page's easy-read address (`…/easy/`) beside
    the page's own."""

    def items(self):
        site = self.get_wagtail_site()
        root = site.root_page
        roots = Page.objects.filter(translation_key=root.translation_key, live=True)
        pages = Page.objects.none()
        for localized_root in roots:
            pages = pages | Page.objects.descendant_of(localized_root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        # Wagtail's own loop, with the easy-read flags of the whole batch read in one query
        # per page type first (the StreamFields are deferred).
        pages = list(self.paginator.page(page).object_list)
        mark_easy_read(pages)
        urls = []
        last_mods = set()
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@require_GET
def sitemap(request):
    mark_cacheable(request)
    return wagtail_sitemap_view(request, sitemaps={"pages": MadangSitemap(request)})


@require_GET
def robots_txt(request):
    mark_cacheable(request)
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    if Site.find_for_request(request) is not None:
        lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
