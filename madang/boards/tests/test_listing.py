"""Numbered list pages through cached anchors (madang.boards.listing) must always equal the
plain OFFSET answer, whatever happens to the board, with a fixed number of queries."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from madang.boards import listing, selectors, services
from madang.boards.choices import LISTED_STATUSES, PostStatus
from madang.boards.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_steps(monkeypatch, settings):
    monkeypatch.setattr(listing, "ANCHOR_STEP", 4)
    settings.BOARD_RATE_LIMIT_PER_ACCOUNT = 10_000
    settings.BOARD_RATE_LIMIT_PER_IP = 10_000


def make(board, user, n, **kw):
    return services.post_create(
        acting_user=user,
        board=board,
        title=f"글 {n}",
        body=f"의견 {n} {'나' * (n % 5)} {n * 7919}",
        **kw,
    )


def expected(board, page, per_page):
    rows = Post.objects.filter(board=board, status__in=LISTED_STATUSES).order_by(
        "-is_pinned", "-created_at", "-id"
    )
    ids = list(rows.values_list("id", flat=True))
    return ids[(page - 1) * per_page : page * per_page], len(ids)


def assert_all_pages_match(board, per_page=3):
    board = type(board).objects.get(pk=board.pk)  # as each request reads it
    _, total = expected(board, 1, per_page)
    for page in range(1, max(1, -(-total // per_page)) + 1):
        got = selectors.board_post_page(board=board, page=page, per_page=per_page)
        want, want_total = expected(board, page, per_page)
        assert [p.pk for p in got.posts] == want, f"page {page}"
        assert got.total == want_total


def test_pages_match_offset_through_every_kind_of_change(
    free_board, citizen, moderator, django_capture_on_commit_callbacks
):
    def after_commit(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    free_board.policy_repeated = "publish"
    free_board.save()
    posts = [make(free_board, citizen, n) for n in range(23)]
    make(free_board, moderator, 100, is_pinned=True)
    assert_all_pages_match(free_board)  # builds the snapshot
    # new posts above the snapshot's top, enough to roll it forward
    posts += [make(free_board, citizen, n) for n in range(23, 31)]
    assert_all_pages_match(free_board)
    # an old post leaves the list, another is held then approved, one is deleted for 제8조
    after_commit(lambda: services.post_withdraw(acting_user=citizen, post=posts[3]))
    free_board.refresh_from_db()
    # the snapshot was shifted in place after commit, not dropped
    assert listing.snapshot_for(free_board).version == free_board.list_version
    assert cache.get(listing._cache_key(free_board.pk))["v"] == free_board.list_version
    assert_all_pages_match(free_board)
    after_commit(lambda: services.post_hold(acting_user=moderator, post=posts[10]))
    assert_all_pages_match(free_board)
    held = Post.objects.get(pk=posts[10].pk)
    after_commit(lambda: services.post_approve(acting_user=moderator, post=held))
    assert_all_pages_match(free_board)
    after_commit(
        lambda: services.post_delete_for_reason(acting_user=moderator, post=posts[7], reason=4)
    )
    deleted = Post.objects.get(pk=posts[7].pk)
    after_commit(lambda: services.post_restore(acting_user=moderator, post=deleted))
    assert_all_pages_match(free_board)
    # without the after-commit fix (another process's cache), the version check rebuilds
    services.post_withdraw(acting_user=citizen, post=Post.objects.get(pk=posts[12].pk))
    assert_all_pages_match(free_board)
    # the anchor post itself leaves
    free_board.refresh_from_db()
    snap = listing.snapshot_for(free_board)
    anchor_pk = snap.anchors[0][1][1]
    anchor_post = Post.objects.get(pk=anchor_pk)
    after_commit(lambda: services.post_withdraw(acting_user=citizen, post=anchor_post))
    assert_all_pages_match(free_board)


def test_a_stale_snapshot_of_another_version_is_never_used(free_board, citizen, moderator):
    free_board.policy_repeated = "publish"
    free_board.save()
    posts = [make(free_board, citizen, n) for n in range(12)]
    assert_all_pages_match(free_board)
    stale = cache.get(listing._cache_key(free_board.pk))
    services.post_withdraw(acting_user=citizen, post=posts[2])
    cache.set(listing._cache_key(free_board.pk), stale)  # another process's old copy
    free_board.refresh_from_db()
    assert_all_pages_match(free_board)


def test_empty_board_and_page_past_the_end(free_board):
    page = selectors.board_post_page(board=free_board, page=1)
    assert page.posts == [] and page.total == 0 and page.num_pages == 1
    assert selectors.board_post_page(board=free_board, page=99).number == 1


def test_list_page_queries_do_not_depend_on_depth(
    client, free_board, citizen, django_assert_num_queries, settings
):
    free_board.policy_repeated = "publish"
    free_board.save()
    settings.BOARD_POSTS_PER_PAGE = 2
    for n in range(30):
        make(free_board, citizen, n)
    url = reverse("boards:list", args=[free_board.slug])
    client.get(url)  # warm: site, settings, the list snapshot
    counts = []
    for page in (1, 5, 14):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"page": page})
        assert response.status_code == 200
        counts.append(len(ctx))
    assert len(set(counts)) == 1, counts


def test_held_posts_are_not_listed(free_board, citizen, moderator):
    post = make(free_board, citizen, 1)
    services.post_hold(acting_user=moderator, post=post)
    assert Post.objects.get(pk=post.pk).status == PostStatus.HELD
    assert selectors.board_post_page(board=free_board).total == 0
