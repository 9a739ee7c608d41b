import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.boards.choices import Audience, BoardKind
from madang.boards.models import Board


@pytest.fixture(autouse=True)
def _attachment_root(settings, tmp_path):
    settings.BOARD_ATTACHMENT_ROOT = tmp_path / "board-attachments"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def citizen(db):
    return User.objects.create_user(username="citizen1", password="x", kind=AccountKind.CITIZEN)


@pytest.fixture
def citizen2(db):
    return User.objects.create_user(username="citizen2", password="x", kind=AccountKind.CITIZEN)


@pytest.fixture
def moderator(db):
    user = User.objects.create_user(
        username="mod1", password="x", is_staff=True, kind=AccountKind.STAFF
    )
    user.user_permissions.add(
        Permission.objects.get(codename="change_post", content_type__app_label="boards"),
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
    )
    return User.objects.get(pk=user.pk)


@pytest.fixture
def free_board(db):
    return Board.objects.create(
        name="자유게시판",
        slug="free",
        kind=BoardKind.FREE,
        categories="교통\n환경",
        secret_posts_allowed=True,
    )


@pytest.fixture
def notice_board(db):
    return Board.objects.create(
        name="공지사항",
        slug="notice",
        kind=BoardKind.NOTICE,
        who_may_post=Audience.STAFF,
        comments_enabled=False,
    )
