"""A page makes the same number of queries with 1 item as with 20 (issue #4 item 14).

The page cache is off in test settings, so these count what a page costs to render (a cache
miss); test_cache.py shows that a hit costs none."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from madang.departments.models import Department
from madang.pages.models import ArticleCategory, ContentPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def _path(page) -> str:
    """The page's path on its own site (`page.url` is absolute once the demo has sub-sites)."""
    return page.relative_url(page.get_site())


def _queries(client, path: str) -> int:
    client.get(path)  # warm Wagtail's site-root cache, as a running server has it
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx)


def _add_news(index: NewsIndexPage, n: int, *, prefix: str) -> None:
    categories = list(ArticleCategory.objects.all()[:3]) or [None]
    for i in range(n):
        item = NewsPage(
            title=f"{prefix} {i}",
            slug=f"{prefix}-{i}",
            owner_department=index.owner_department,
            category=categories[i % len(categories)],
            pinned=i % 5 == 0,
            body=[{"type": "rich_text", "value": "<p>본문</p>"}],
        )
        index.add_child(instance=item)
        item.save_revision().publish()


def _fresh_news_index(home) -> NewsIndexPage:
    index = NewsIndexPage(
        title="시험 소식",
        slug="query-news",
        kind="news",
        owner_department=Department.objects.first(),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def test_home_page_same_queries_with_1_and_20_news_items(client, home):
    index = NewsIndexPage.objects.get(slug="notices")
    NewsPage.objects.child_of(index).delete()
    _add_news(index, 1, prefix="one")
    with_one = _queries(client, "/")
    _add_news(index, 19, prefix="more")
    assert _queries(client, "/") == with_one


def test_news_list_same_queries_with_1_and_20_items(client, home):
    index = _fresh_news_index(home)
    _add_news(index, 1, prefix="one")
    with_one = _queries(client, _path(index))
    _add_news(index, 19, prefix="more")
    assert _queries(client, _path(index)) == with_one
    assert _queries(client, _path(index) + "?page=2") == with_one


def test_news_item_with_1_and_20_attachments(client, home):
    index = _fresh_news_index(home)
    _add_news(index, 1, prefix="item")
    item = NewsPage.objects.child_of(index).get()
    documents = [_document(n) for n in range(20)]
    item.attachments = [{"type": "document", "value": documents[0].pk}]
    item.save_revision().publish()
    with_one = _queries(client, _path(item))
    item.attachments = [{"type": "document", "value": d.pk} for d in documents]
    item.save_revision().publish()
    assert _queries(client, _path(item)) == with_one


def _document(n: int):
    from django.core.files.base import ContentFile

    document = get_document_model()(title=f"첨부 {n}")
    document.file.save(f"attachment-{n}.txt", ContentFile(b"x"), save=False)
    document.save()
    return document


def _image(n: int):
    image = get_image_model()(title=f"사진 {n}", file=get_test_image_file(f"photo-{n}.png"))
    image.save()
    return image


def _content_body(department, documents, images):
    card = {"type": "contact_card", "value": {"department": department.pk, "note": ""}}
    return [
        *[{"type": "rich_text", "value": f"<p>문단 {i}</p>"} for i in range(len(documents))],
        {"type": "files", "value": {"heading": "첨부파일", "documents": [d.pk for d in documents]}},
        *[
            {"type": "image", "value": {"image": im.pk, "alt": f"사진 {i}", "caption": ""}}
            for i, im in enumerate(images)
        ],
        *[card] * len(documents),
        {
            "type": "accordion",
            "value": {"items": [{"title": f"질문 {i}", "text": "<p>답</p>"} for i in documents]},
        },
    ]


def test_content_page_same_queries_with_1_and_20_of_each_block(client, home):
    page = ContentPage.objects.get(slug="passport")
    department = Department.objects.get(pk=page.owner_department_id)
    documents = [_document(n) for n in range(20)]
    images = [_image(n) for n in range(20)]
    page.body = _content_body(department, documents[:1], images[:1])
    page.save_revision().publish()
    with_one = _queries(client, _path(page))
    page.body = _content_body(department, documents, images)
    page.save_revision().publish()
    html = client.get(_path(page)).content.decode()
    assert html.count("madang-contact-card") == 20
    assert _queries(client, _path(page)) == with_one


def test_section_index_same_queries_with_1_and_20_children(client, home):
    from madang.pages.models import SectionIndexPage

    department = Department.objects.first()
    section = SectionIndexPage(title="시험 섹션", slug="query-section", owner_department=department)
    home.add_child(instance=section)
    section.save_revision().publish()

    def add(n, prefix):
        for i in range(n):
            child = ContentPage(
                title=f"{prefix} {i}",
                slug=f"{prefix}-{i}",
                owner_department=department,
                body=[{"type": "rich_text", "value": "<p>x</p>"}],
            )
            section.add_child(instance=child)
            child.save_revision().publish()

    add(1, "one")
    with_one = _queries(client, _path(section))
    add(19, "more")
    assert _queries(client, _path(section)) == with_one
