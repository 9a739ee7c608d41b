"""Demo boards for Dongjak-gu: 자유게시판 (제12조) and 구청장과의 대화방 (제11조), with a few
posts and a staff answer. Safe to run again: boards that exist are left as they are."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from madang.accounts.choices import AccountKind
from madang.accounts.models import User

from . import services
from .choices import Audience, BoardKind
from .models import Board

BOARDS = [
    {
        "slug": "free",
        "name": "자유게시판",
        "kind": BoardKind.FREE,
        "description": "구정과 지역 현안에 대한 의견을 자유롭게 나누는 곳입니다 (조례 제12조).",
        "categories": "교통\n환경\n복지\n문화\n기타",
        "sort_order": 10,
    },
    {
        "slug": "dialogue",
        "name": "구청장과의 대화방",
        "kind": BoardKind.DIALOGUE,
        "description": (
            "구청장에게 직접 의견을 전하는 곳입니다 (조례 제11조). 답변이 필요한 의견은 "
            "「민원 처리에 관한 법률」에 따른 민원에 준하여 처리합니다."
        ),
        "secret_posts_allowed": True,
        "sort_order": 20,
    },
]

CITIZENS = ["demo_citizen1", "demo_citizen2", "demo_citizen3"]

POSTS = {
    "free": [
        (
            "demo_citizen1",
            "교통",
            "노량진역 앞 횡단보도 신호가 너무 짧습니다",
            "노량진역 1번 출구 앞 횡단보도 보행 신호가 짧아서 어르신들이 다 건너시기 전에 "
            "신호가 바뀝니다. 보행 신호 시간을 조금 늘려 주시면 좋겠습니다.",
        ),
        (
            "demo_citizen2",
            "환경",
            "보라매공원 산책로 가로등 요청",
            "보라매공원 동쪽 산책로는 저녁 7시만 지나도 어둡습니다. 가로등을 몇 개 더 설치해 "
            "주실 수 있을까요? 저녁에 운동하는 주민이 많습니다.",
        ),
        (
            "demo_citizen3",
            "문화",
            "동작구립도서관 주말 운영시간 연장 제안",
            "주말에 도서관을 이용하는 학생과 직장인이 많은데 일요일은 오후 5시에 닫습니다. "
            "시험 기간만이라도 운영시간을 늘려 주시면 감사하겠습니다.",
        ),
    ],
    "dialogue": [
        (
            "demo_citizen1",
            "",
            "흑석동 재개발 구역 통학로 안전 대책을 여쭙니다",
            "흑석동 공사 현장 옆을 아이들이 매일 지나다닙니다. 공사 차량 출입 시간에 안전 "
            "요원을 배치하는 등 통학로 안전 대책이 있는지 궁금합니다.",
        ),
        (
            "demo_citizen2",
            "",
            "상도동 골목길 불법 주정차 단속 요청",
            "상도동 골목길에 주말마다 불법 주정차가 많아 소방차가 들어가기 어려워 보입니다. "
            "단속을 강화해 주시기 바랍니다.",
        ),
    ],
}

ANSWER = (
    "소중한 의견 감사합니다. 말씀하신 내용은 담당 부서에 전달하여 검토하겠습니다. "
    "검토 결과는 이 글에 다시 안내해 드리겠습니다."
)


def _citizen(username: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"kind": AccountKind.CITIZEN}
    )
    if created:
        user.set_unusable_password()  # demo authors only; nobody signs in as them
        user.save(update_fields=["password"])
    return user


def _moderator_permissions() -> None:
    group = Group.objects.filter(name="Moderators").first()
    if group is None:
        return
    perms = Permission.objects.filter(
        content_type__app_label="boards", codename__in=["change_post", "view_post"]
    )
    group.permissions.add(*perms)


def load_boards() -> tuple[int, int]:
    """Create the demo boards and posts that are missing; return (created, existing) boards."""
    created = existing = 0
    staff = User.objects.filter(is_staff=True, is_superuser=False).order_by("id").first()
    _moderator_permissions()
    for spec in BOARDS:
        spec = dict(spec)
        slug = spec.pop("slug")
        if Board.objects.filter(slug=slug).exists():
            existing += 1
            continue
        with transaction.atomic():
            board = Board.objects.create(slug=slug, who_may_post=Audience.CITIZENS, **spec)
            for username, category, title, body in POSTS[slug]:
                post = services.post_create(
                    acting_user=_citizen(username),
                    board=board,
                    title=title,
                    body=body,
                    category=category,
                )
                if staff is not None and slug == "dialogue":
                    services.comment_create(acting_user=staff, post=post, body=ANSWER)
        created += 1
    return created, existing
