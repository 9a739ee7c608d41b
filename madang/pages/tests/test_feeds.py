"""Outputs (issue #4 item 10): RSS and Atom per news index and category, autodiscovery, sitemap.xml,
robots.txt, Open Graph meta and the 공공누리 mark at the foot of content pages."""

import xml.etree.ElementTree as ET

import pytest

from madang.pages.models import ArticleCategory, ContentPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _path(page) -> str:
    """The page's path on its own site (`page.url` is absolute once the demo has sub-sites)."""
    return page.relative_url(page.get_site())


@pytest.fixture
def notices(home):
    return NewsIndexPage.objects.get(slug="notices")


def _publish_item(index, *, title, slug, category=None, summary=""):
    item = NewsPage(
        title=title,
        slug=slug,
        owner_department=index.owner_department,
        category=category,
        summary=summary,
        body=[{"type": "rich_text", "value": "<p>본문 <b>내용</b>입니다.</p>"}],
    )
    index.add_child(instance=item)
    item.save_revision().publish()
    return item


def test_rss_lists_the_index_items_newest_first(client, notices):
    item = _publish_item(notices, title="새 공지", slug="new-notice", summary="요약 문장")
    response = client.get(_path(notices) + "feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314  (our own response)
    assert notices.title in channel.findtext("title")
    items = channel.findall("item")
    assert 1 <= len(items) <= 20
    titles = [i.findtext("title") for i in items]
    assert "새 공지" in titles
    first = items[titles.index("새 공지")]
    assert first.findtext("link") == "http://testserver" + _path(item)
    assert first.findtext("description") == "요약 문장"
    other_index_items = NewsPage.objects.live().exclude(path__startswith=notices.path)
    assert not set(titles) & {p.title for p in other_index_items} - {
        p.title for p in notices.get_children()
    }


def test_atom_feed_is_valid_atom(client, notices):
    _publish_item(notices, title="아톰 공지", slug="atom-notice")
    response = client.get(_path(notices) + "feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314  (our own response)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert "아톰 공지" in [e.findtext(f"{ATOM}title") for e in entries]
    entry = entries[0]
    assert entry.find(f"{ATOM}updated") is not None and entry.find(f"{ATOM}id") is not None


def test_category_feed_has_only_that_category(client, notices):
    jobs, _ = ArticleCategory.objects.get_or_create(
        slug="jobs-feed", defaults={"name": "채용(피드 시험)"}
    )
    _publish_item(notices, title="채용 공고", slug="job-1", category=jobs)
    _publish_item(notices, title="다른 공지", slug="other-1")
    body = client.get(_path(notices) + "feed/jobs-feed/rss/").content
    titles = [i.findtext("title") for i in ET.fromstring(body).find("channel").findall("item")]  # noqa: S314  (our own response)
    assert titles == ["채용 공고"]
    assert client.get(_path(notices) + "feed/no-such-category/rss/").status_code == 404
    assert client.get(_path(notices) + "feed/json/").status_code == 404


def test_unpublished_items_leave_the_feed(client, notices):
    item = _publish_item(notices, title="곧 내릴 공지", slug="gone")
    item.unpublish()
    assert "곧 내릴 공지" not in client.get(_path(notices) + "feed/rss/").content.decode()


def test_news_pages_announce_their_feeds(client, notices):
    html = client.get(_path(notices)).content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="{notices.title} RSS" '
        f'href="{_path(notices)}feed/rss/">' in html
    )
    assert f'href="{_path(notices)}feed/atom/"' in html
    item = NewsPage.objects.child_of(notices).live().first()
    assert f'href="{_path(notices)}feed/rss/"' in client.get(_path(item)).content.decode()
    assert (
        "application/rss+xml" not in client.get("/civil-service-guide/passport/").content.decode()
    )


def test_sitemap_lists_live_pages_of_every_language(client, home):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {u.findtext(f"{ns}loc") for u in ET.fromstring(response.content).findall(f"{ns}url")}  # noqa: S314  (our own response)
    passport = ContentPage.objects.get(slug="passport")
    english_home = home.get_translations().get(locale__language_code="en")
    # Wagtail writes each page's full URL on its site's own host name.
    assert {home.get_full_url(), passport.get_full_url(), english_home.get_full_url()} <= urls
    assert len(urls) >= 30
    passport.unpublish()
    assert "/civil-service-guide/passport/" not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text and "Disallow: /accounts/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_open_graph_and_twitter_meta(client, home):
    passport = ContentPage.objects.get(slug="passport")
    html = client.get(_path(passport)).content.decode()
    assert f'<meta property="og:title" content="{passport.title}">' in html
    assert (
        '<meta property="og:url" content="http://testserver/civil-service-guide/passport/">' in html
    )
    assert '<meta property="og:locale" content="ko_KR">' in html
    assert '<meta property="og:type" content="website">' in html
    assert 'property="og:image" content="http://testserver/static/pages/img/og-default.png"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    if passport.summary:
        assert f'<meta property="og:description" content="{passport.summary}">' in html
    english = client.get("/en/").content.decode()
    assert '<meta property="og:locale" content="en_US">' in english
    item = NewsPage.objects.live().first()
    assert '<meta property="og:type" content="article">' in client.get(_path(item)).content.decode()


@pytest.mark.parametrize(("kogl", "words"), [(1, "출처표시"), (4, "변경금지")])
def test_content_page_shows_its_kogl_type_with_mark(client, home, kogl, words):
    passport = ContentPage.objects.get(slug="passport")
    passport.kogl_type = kogl
    passport.save_revision().publish()
    html = client.get(_path(passport)).content.decode()
    assert f'src="/static/pages/img/kogl/type{kogl}.svg"' in html
    assert f'alt="공공누리 제{kogl}유형: ' in html and words in html
    assert f'href="https://www.kogl.or.kr/info/licenseType{kogl}.do"' in html
    assert f"이 페이지의 내용은 공공누리 제{kogl}유형" in html


def test_no_kogl_mark_when_the_district_does_not_hold_the_rights(client, home):
    passport = ContentPage.objects.get(slug="passport")
    passport.kogl_type = None
    passport.save_revision().publish()
    assert "madang-page-kogl" not in client.get(_path(passport)).content.decode()


def test_kogl_marks_are_svg_with_a_title(settings):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "static" / "pages" / "img" / "kogl"
    for n in range(1, 5):
        svg = ET.parse(folder / f"type{n}.svg").getroot()  # noqa: S314  (our own file)
        assert svg.get("role") == "img"
        assert svg.findtext("{http://www.w3.org/2000/svg}title").startswith(f"공공누리 제{n}유형")
