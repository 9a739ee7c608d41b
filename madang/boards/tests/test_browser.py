"""Boards in a real browser: a citizen's mobile number is masked, a moderator deletes a post for
제8조 제4호, the dated marker stays in the list, the author sees why and how to object; axe on
every board page."""

import re

import pytest
from playwright.sync_api import expect

from madang.accounts.models import User
from madang.boards import services
from madang.boards.demo import load_boards
from madang.boards.models import Board, Post
from madang.testing.browser import assert_no_axe_violations, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _go(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response


def _session_cookie(live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)  # the MFA test plugin marks staff as verified too
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def _sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.context.add_cookies([_session_cookie(live_server, user)])


@pytest.fixture
def boards(demo_site):
    load_boards()
    return Board.objects.get(slug="free"), Board.objects.get(slug="dialogue")


def test_citizen_posts_number_masked_then_moderator_deletes_for_4ho(page, live_server, boards):
    del boards  # loaded for its side effect: the demo boards exist
    citizen = User.objects.create_user(username="browser_citizen", password="x")
    moderator = User.objects.get(username="moderator")
    assert moderator.has_perm("boards.change_post")

    # Anonymous visitors see the list and the ordinance's deletion grounds.
    _go(page, f"{live_server.url}/boards/free/")
    expect(page.locator("h1")).to_have_text("자유게시판")
    assert_no_axe_violations(page)

    _sign_in(page, live_server, citizen)
    _go(page, f"{live_server.url}/boards/free/")
    submit(page, page.get_by_role("link", name="글쓰기"))
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page)

    # A refused post keeps what was typed and says which 호 it breaks.
    page.get_by_label("제목").fill("쓰레기 수거 문의")
    page.get_by_label("내용").fill("씨발 진짜 쓰레기 수거 언제 해 가냐고")
    submit(page, page.get_by_role("button", name="등록"))
    page.wait_for_load_state("networkidle")
    expect(page.locator(".madang-form-errors")).to_contain_text("제8조 제6호")
    expect(page.get_by_label("제목")).to_have_value("쓰레기 수거 문의")
    assert_no_axe_violations(page)

    page.get_by_label("내용").fill("수거 일정을 알려 주세요. 제 연락처는 010-1234-5678 입니다.")
    submit(page, page.get_by_role("button", name="등록"))
    page.wait_for_load_state("networkidle")
    body = page.locator(".madang-post-body")
    expect(body).to_contain_text("010-****-5678")
    expect(body).not_to_contain_text("010-1234-5678")
    assert_no_axe_violations(page)
    post = Post.objects.get(title="쓰레기 수거 문의")
    assert "010-1234-5678" not in post.body

    # The moderator deletes it in the admin for 제8조 제4호.
    _sign_in(page, live_server, moderator)
    _go(page, f"{live_server.url}/admin/boards/moderation/{post.pk}/")
    page.locator("label", has_text=re.compile("^제8조 제4호")).first.click()
    # Wait for the form's navigation to finish: the server has committed by then.
    submit(page, page.get_by_role("button", name="삭제하고 사유 공개"))
    post.refresh_from_db()
    assert post.deleted_reason == 4

    # The marker stays in the list, dated, citing the ordinance.
    _go(page, f"{live_server.url}/boards/free/")
    marker = page.locator(".madang-deleted-marker").first
    expect(marker).to_contain_text("제8조 제4호(특정인을 비방하거나 명예훼손의 우려가 있는 경우)")
    expect(marker).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}에 삭제되었습니다"))
    assert_no_axe_violations(page)

    # The author sees why and how to object, and objects.
    _sign_in(page, live_server, citizen)
    _go(page, f"{live_server.url}/boards/free/{post.public_id}/")
    expect(page.locator(".madang-author-notice")).to_contain_text("제8조 제4호")
    assert_no_axe_violations(page)
    page.get_by_label("이의신청 내용").fill("특정인을 비방한 글이 아닙니다.")
    submit(page, page.get_by_role("button", name="이의신청"))
    page.wait_for_load_state("networkidle")
    assert post.objections.count() == 1


def test_board_pages_have_no_axe_violations(page, live_server, boards):
    _free, dialogue = boards
    reader = User.objects.create_user(username="browser_reader", password="x")
    post = Post.objects.filter(board=dialogue).first()
    _go(page, f"{live_server.url}/boards/")
    assert_no_axe_violations(page)
    _go(page, f"{live_server.url}/boards/dialogue/")
    expect(page.locator("table")).to_contain_text(post.title)
    assert_no_axe_violations(page)
    _go(page, f"{live_server.url}/boards/dialogue/{post.public_id}/")
    expect(page.locator(".madang-comments")).to_contain_text("소중한 의견 감사합니다")
    assert_no_axe_violations(page)
    _sign_in(page, live_server, reader)
    _go(page, f"{live_server.url}/boards/dialogue/{post.public_id}/")
    assert_no_axe_violations(page)
    submit(page, page.get_by_role("link", name="신고", exact=True))
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page)
    submit(page, page.get_by_role("button", name="신고"))
    page.wait_for_load_state("networkidle")
    expect(page.locator(".form-hint-invalid").first).to_contain_text("신고 사유를 고르세요.")
    assert_no_axe_violations(page)


def test_blocked_citizen_sees_why_and_until(page, live_server, boards):
    from madang.boards.moderation import block_create

    del boards  # loaded for its side effect: the demo boards exist
    citizen = User.objects.create_user(username="browser_blocked", password="x")
    moderator = User.objects.get(username="moderator")
    block_create(acting_user=moderator, user=citizen, reason=8, days=7, note="반복 게시")
    _sign_in(page, live_server, citizen)
    _go(page, f"{live_server.url}/boards/free/write/")
    expect(page.locator(".madang-board-block")).to_contain_text("제8조 제8호")
    expect(page.locator(".madang-board-block")).to_contain_text("까지 게시판 이용이 제한")
    assert_no_axe_violations(page)
    assert services  # the service module is what the page calls


def test_dialogue_post_received_as_complaint_shows_receipt_and_answer(page, live_server, boards):
    from django.utils import timezone

    from madang.complaints.models import ComplaintAnswer

    _free, dialogue = boards
    citizen = User.objects.create_user(username="browser_dialogue", password="x")
    moderator = User.objects.get(username="moderator")
    post = services.post_create(
        acting_user=citizen,
        board=dialogue,
        title="어린이 통학로 보도 설치",
        body="보도가 없어 위험합니다.",
    )
    # The moderator marks it 답변 필요 and receives it as a 민원 in one step.
    _sign_in(page, live_server, moderator)
    _go(page, f"{live_server.url}/admin/boards/moderation/{post.pk}/")
    submit(page, page.get_by_role("button", name="답변 필요: 민원으로 접수 (조례 제11조②)"))
    post.refresh_from_db()
    complaint = post.complaint
    expect(page.locator("body")).to_contain_text(complaint.receipt_number)

    # The author sees the receipt number and the deadline under the post.
    _sign_in(page, live_server, citizen)
    _go(page, f"{live_server.url}/boards/dialogue/{post.public_id}/")
    section = page.locator(".madang-post-complaint")
    expect(section).to_contain_text(complaint.receipt_number)
    expect(section).to_contain_text(timezone.localtime(complaint.due_at).strftime("%Y-%m-%d"))
    assert_no_axe_violations(page)

    # Once answered, every reader sees the answer with department, official and date.
    ComplaintAnswer.objects.create(
        complaint=complaint,
        body="올해 안에 보도를 설치하겠습니다.",
        official_name="김담당",
        department_name="도로과",
        official_contact="02-820-1234",
        answered_at=timezone.now(),
    )
    page.context.clear_cookies()
    _go(page, f"{live_server.url}/boards/dialogue/{post.public_id}/")
    answer = page.locator(".madang-complaint-answer")
    expect(answer).to_contain_text("올해 안에 보도를 설치하겠습니다.")
    expect(answer).to_contain_text("도로과")
    expect(page.locator(".madang-post-complaint")).not_to_contain_text(complaint.receipt_number)
    assert_no_axe_violations(page)
