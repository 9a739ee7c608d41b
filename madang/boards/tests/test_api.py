"""The boards API (/api/v1/boards...): the same services as the web, opaque ids and cursors."""

import pytest
from django.contrib.auth.models import Permission

from madang.accounts.choices import AccountKind, ApiScope
from madang.accounts.models import User
from madang.accounts.services import api_token_create
from madang.boards import moderation, services
from madang.boards.choices import PostStatus
from madang.boards.models import Block, Post
from madang.core.models import AuditLog

pytestmark = pytest.mark.django_db
BASE = "/api/v1/boards"


def bearer(user, *scopes):
    _, raw = api_token_create(acting_user=None, user=user, name="t", scopes=list(scopes))
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def make(board, user, n=0, **kw):
    kw.setdefault("title", f"의견 {n}")
    kw.setdefault("body", f"공원 관리 의견 번호 {n} 입니다 {'가' * (n % 7)} {n * 37}")
    return services.post_create(acting_user=user, board=board, **kw)


@pytest.fixture
def relay(db):
    """A staff integration account (e.g. a kiosk relaying posts) without moderation rights."""
    return User.objects.create_user(
        username="relay", password="x", is_staff=True, kind=AccountKind.STAFF
    )


@pytest.fixture
def many(free_board, citizen, settings):
    settings.BOARD_RATE_LIMIT_PER_ACCOUNT = 1000
    settings.BOARD_RATE_LIMIT_PER_IP = 1000
    free_board.policy_repeated = "publish"
    free_board.save()
    return [make(free_board, citizen, n) for n in range(7)]


def test_schema_lists_every_board_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/boards", "get"),
        ("/api/v1/boards/{slug}/posts", "get"),
        ("/api/v1/boards/{slug}/posts", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}", "get"),
        ("/api/v1/boards/{slug}/posts/{public_id}/comments", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}/reports", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}/comments/{comment_id}/reports", "post"),
        ("/api/v1/boards/moderation/queue", "get"),
        ("/api/v1/boards/{slug}/posts/{public_id}/moderation/hold", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}/moderation/approve", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}/moderation/delete", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}/moderation/restore", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}/comments/{comment_id}/moderation/delete", "post"),
        ("/api/v1/boards/{slug}/posts/{public_id}/moderation/block-author", "post"),
    ]:
        assert method in paths.get(path, {}), (path, method)
    components = schema["components"]["schemas"]
    assert "reason" in components["DeleteIn"]["properties"]
    assert "next_cursor" in components["PostPageOut"]["properties"]


def test_list_pages_with_an_opaque_cursor(client, free_board, many, django_assert_max_num_queries):
    first = client.get(f"{BASE}/free/posts?limit=3").json()
    assert [i["title"] for i in first["items"]] == ["의견 6", "의견 5", "의견 4"]
    assert all(len(i["id"]) == 12 and not i["id"].isdigit() for i in first["items"])
    cursor = first["next_cursor"]
    assert cursor and "의견" not in cursor and str(many[3].pk) != cursor
    with django_assert_max_num_queries(4):  # board, cursor post, page ids, rows
        second = client.get(f"{BASE}/free/posts", {"limit": 3, "cursor": cursor}).json()
    assert [i["title"] for i in second["items"]] == ["의견 3", "의견 2", "의견 1"]
    last = client.get(f"{BASE}/free/posts", {"limit": 3, "cursor": second["next_cursor"]}).json()
    assert [i["title"] for i in last["items"]] == ["의견 0"] and last["next_cursor"] is None
    bad = client.get(f"{BASE}/free/posts", {"cursor": "forged"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_cursor"


def test_list_query_count_is_fixed(client, free_board, many, django_assert_num_queries):
    with django_assert_num_queries(3):  # board, page ids, rows (authors, counts joined)
        client.get(f"{BASE}/free/posts?limit=50")


def test_deleted_post_shows_the_marker_in_list_and_read(client, free_board, citizen, moderator):
    post = make(free_board, citizen, 1, title="지울 글")
    services.post_delete_for_reason(acting_user=moderator, post=post, reason=4)
    item = client.get(f"{BASE}/free/posts").json()["items"][0]
    assert item["status"] == "deleted" and item["title"] is None and item["author"] is None
    assert "제8조 제4호" in item["marker"]
    read = client.get(f"{BASE}/free/posts/{post.public_id}").json()
    assert read["body"] is None and "제8조 제4호" in read["marker"]


def test_secret_post_only_for_author_and_staff(client, free_board, citizen, citizen2, moderator):
    post = make(free_board, citizen, 1, title="비밀 의견", is_secret=True)
    url = f"{BASE}/free/posts/{post.public_id}"
    assert client.get(url).status_code == 404
    assert client.get(f"{BASE}/free/posts").json()["items"][0]["title"] is None
    client.force_login(citizen2)
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    assert client.get(url).json()["title"] == "비밀 의견"
    client.force_login(moderator)
    assert client.get(url).json()["body"]


def test_citizen_session_posts_through_the_service(client, free_board, citizen):
    client.force_login(citizen)
    response = client.post(
        f"{BASE}/free/posts",
        {"title": "연락 주세요", "body": "<p>제 번호는 010-1234-5678 입니다</p>"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert "010-1234-5678" not in body["body"] and body["status"] == "published"
    post = Post.objects.get(public_id=body["id"])
    assert post.author == citizen
    assert AuditLog.objects.filter(action="boards.post_create", object_id=str(post.pk)).exists()


def test_session_write_needs_csrf(free_board, citizen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(
        f"{BASE}/free/posts", {"title": "a", "body": "b"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert not Post.objects.exists()


def test_screening_refusal_is_a_korean_422(client, free_board, citizen):
    client.force_login(citizen)
    response = client.post(
        f"{BASE}/free/posts",
        {"title": "화가 납니다", "body": "이런 시1발 정말"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "refused_by_screening" and "제8조 제6호" in body["message"]


def test_blocked_and_rate_limited_writers(client, free_board, citizen, moderator, settings):
    client.force_login(citizen)
    settings.BOARD_RATE_LIMIT_PER_ACCOUNT = 1
    payload = {"title": "첫 글", "body": "주차 문제 의견입니다"}
    ok = client.post(f"{BASE}/free/posts", payload, content_type="application/json")
    assert ok.status_code == 201
    again = client.post(
        f"{BASE}/free/posts",
        {"title": "두 번째", "body": "공원 가로등 고장 신고합니다"},
        content_type="application/json",
    )
    assert again.status_code == 429 and again.json()["code"] == "rate_limited"
    moderation.block_create(acting_user=moderator, user=citizen, reason=6, days=3)
    blocked = client.post(
        f"{BASE}/free/posts",
        {"title": "세 번째", "body": "도서관 휴관일 문의"},
        content_type="application/json",
    )
    assert blocked.status_code == 403 and blocked.json()["code"] == "blocked"
    assert "까지 게시판 이용이 제한" in blocked.json()["message"]


def test_token_needs_the_write_scope(client, free_board, relay):
    payload = {"title": "안내", "body": "행사 안내입니다"}
    wrong = client.post(
        f"{BASE}/free/posts", payload, content_type="application/json", **bearer(relay)
    )
    assert wrong.status_code == 403 and wrong.json()["code"] == "insufficient_scope"
    right = client.post(
        f"{BASE}/free/posts",
        payload,
        content_type="application/json",
        **bearer(relay, ApiScope.BOARDS_WRITE),
    )
    assert right.status_code == 201
    assert Post.objects.get().author == relay
    anonymous = client.post(f"{BASE}/free/posts", payload, content_type="application/json")
    assert anonymous.status_code == 401


def test_comment_and_report(client, free_board, citizen, citizen2, settings):
    settings.BOARD_REPORT_HIDE_THRESHOLD = 1
    post = make(free_board, citizen, 1)
    client.force_login(citizen2)
    comment = client.post(
        f"{BASE}/free/posts/{post.public_id}/comments",
        {"body": "좋은 의견입니다"},
        content_type="application/json",
    )
    assert comment.status_code == 201 and comment.json()["body"] == "좋은 의견입니다"
    report = client.post(
        f"{BASE}/free/posts/{post.public_id}/reports",
        {"reason": 5, "details": "광고 같아요"},
        content_type="application/json",
    )
    assert report.status_code == 201 and report.json() == {"received": True, "hidden": True}
    twice = client.post(
        f"{BASE}/free/posts/{post.public_id}/reports",
        {"reason": 5},
        content_type="application/json",
    )
    assert twice.status_code == 422 and "이미 신고한 글" in twice.json()["message"]
    bad = client.post(
        f"{BASE}/free/posts/{post.public_id}/reports",
        {"reason": 10},
        content_type="application/json",
    )
    assert bad.status_code == 422
    client.force_login(citizen)
    cid = comment.json()["id"]
    comment_report = client.post(
        f"{BASE}/free/posts/{post.public_id}/comments/{cid}/reports",
        {"reason": 6},
        content_type="application/json",
    )
    assert comment_report.status_code == 201


@pytest.fixture
def moderator_headers(moderator):
    return bearer(moderator, ApiScope.BOARDS_MODERATE)


def test_moderation_needs_scope_and_permission(client, free_board, citizen, relay):
    post = make(free_board, citizen, 1)
    url = f"{BASE}/free/posts/{post.public_id}/moderation/delete"
    no_perm = client.post(
        url,
        {"reason": 4},
        content_type="application/json",
        **bearer(relay, ApiScope.BOARDS_MODERATE),
    )
    assert no_perm.status_code == 403
    client.force_login(citizen)
    assert client.post(url, {"reason": 4}, content_type="application/json").status_code == 401
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_moderator_holds_deletes_restores_and_blocks(
    client, free_board, citizen, moderator_headers
):
    post = make(free_board, citizen, 1, title="검토할 글")
    base = f"{BASE}/free/posts/{post.public_id}/moderation"
    held = client.post(f"{base}/hold", {"note": "확인 필요"}, content_type="application/json",
                       **moderator_headers)  # fmt: skip
    assert held.status_code == 200 and held.json()["status"] == "held"
    assert client.get(f"{BASE}/free/posts").json()["items"] == []
    queue = client.get(f"{BASE}/moderation/queue?tab=held", **moderator_headers).json()
    assert [q["id"] for q in queue] == [post.public_id]
    no_note = client.post(f"{base}/delete", {"reason": 9}, content_type="application/json",
                          **moderator_headers)  # fmt: skip
    assert no_note.status_code == 422 and "제9호" in no_note.json()["message"]
    deleted = client.post(f"{base}/delete", {"reason": 4}, content_type="application/json",
                          **moderator_headers)  # fmt: skip
    assert deleted.status_code == 200 and "제8조 제4호" in deleted.json()["marker"]
    assert client.get(f"{BASE}/free/posts").json()["items"][0]["status"] == "deleted"
    restored = client.post(f"{base}/restore", **moderator_headers)
    assert restored.json()["status"] == "published"
    block = client.post(
        f"{base}/block-author",
        {"reason": 5, "days": 7, "note": "광고 반복"},
        content_type="application/json",
        **moderator_headers,
    )
    assert block.status_code == 201 and "제8조 제5호" in block.json()["message"]
    assert Block.objects.get().user == citizen
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {"boards.post_hold", "boards.post_delete_for_reason", "boards.post_restore",
            "boards.block_create"} <= actions  # fmt: skip


def test_moderator_deletes_a_comment(client, free_board, citizen, citizen2, moderator_headers):
    post = make(free_board, citizen, 1)
    comment = services.comment_create(acting_user=citizen2, post=post, body="댓글입니다")
    url = f"{BASE}/free/posts/{post.public_id}/comments/{comment.public_id}/moderation/delete"
    response = client.post(url, {"reason": 6}, content_type="application/json",
                           **moderator_headers)  # fmt: skip
    assert response.status_code == 200 and response.json()["status"] == "deleted"
    read = client.get(f"{BASE}/free/posts/{post.public_id}").json()
    assert read["comments"][0]["body"] is None and "제8조 제6호" in read["comments"][0]["marker"]


def test_moderator_session_works_too(client, free_board, citizen, moderator):
    post = make(free_board, citizen, 1)
    client.force_login(moderator)
    response = client.post(
        f"{BASE}/free/posts/{post.public_id}/moderation/hold", {}, content_type="application/json"
    )
    assert response.status_code == 200


def test_moderator_permission_is_required_not_just_staff(client, free_board, citizen, relay):
    relay.user_permissions.add(
        Permission.objects.get(codename="change_post", content_type__app_label="boards")
    )
    relay = User.objects.get(pk=relay.pk)
    post = make(free_board, citizen, 1)
    response = client.post(
        f"{BASE}/free/posts/{post.public_id}/moderation/hold",
        {},
        content_type="application/json",
        **bearer(relay, ApiScope.BOARDS_MODERATE),
    )
    assert response.status_code == 200
