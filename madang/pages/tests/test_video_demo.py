"""The demo data (issue #4 item 13): a believable Dongjak-gu site, counted."""

import re

import pytest
from wagtail.models import Page, Site

from madang.pages.demo import load_site
from madang.pages.models import (
    ContentPage,
    LiveStreamPage,
    NewsPage,
    VideoIndexPage,
    VideoPage,
)


@pytest.mark.django_db
def test_demo_site_has_what_a_district_homepage_has(client, demo_site):
    home, _home_en = demo_site
    korean = Page.objects.live().descendant_of(home)
    assert korean.count() >= 30
    assert NewsPage.objects.live().descendant_of(home).count() >= 10
    assert VideoIndexPage.objects.child_of(home).live().count() == 1
    video = VideoPage.objects.get(slug="weekly-news")
    assert video.captions.count() == 1 and video.video_file.file_extension == "webm"
    assert LiveStreamPage.objects.live().count() == 2
    korean_pages = ContentPage.objects.live().descendant_of(home)
    easy = [p.slug for p in korean_pages if p.easy_read_body]
    assert sorted(easy) == ["basic-livelihood", "waste"]
    english = Page.objects.live().filter(depth=home.depth, locale__language_code="en")
    assert english.exists()  # the English site (조례 제6조)
    assert Page.objects.live().filter(locale__language_code="en").count() > 1

    # The council and one dong community centre are sites of their own (조례 제4조②).
    for hostname, minimum in [("council.localhost", 4), ("sadang1.localhost", 3)]:
        site = Site.objects.get(hostname=hostname)
        assert site.root_page.specific_class.__name__ == "HomePage"
        assert Page.objects.live().child_of(site.root_page).count() >= minimum
    council = client.get("/about/", HTTP_HOST="council.localhost")
    assert council.status_code == 200
    assert "<title>의회 소개 | 동작구의회</title>" in council.content.decode()

    # Main sections, the video channel and the boards (through 참여마당) are in the menu.
    html = client.get("/").content.decode()
    nav = html[html.index('class="krds-main-menu"') : html.index("</nav>")]
    titles = re.findall(r'class="gnb-main-trigger is-link[^"]*"[^>]*>([^<]+)</a>', nav)
    for title in ["민원 안내", "복지", "안전", "알림마당", "지역정보", "동작TV", "참여마당"]:
        assert title in titles
    participation = client.get("/participation/").content.decode()
    assert 'href="/boards/free/"' in participation and 'href="/boards/dialogue/"' in participation

    # Loading again adds nothing.
    before = Page.objects.count()
    load_site()
    assert Page.objects.count() == before
