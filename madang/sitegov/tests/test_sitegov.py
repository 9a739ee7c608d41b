"""Sub-site requests (조례 제4조②), contractors (제5조②, 제6조③) and the department-by-department
editorial workflow (제7조)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.core.models import AuditLog
from madang.departments.models import Department
from madang.pages.models import ContentPage, HomePage
from madang.sitegov.choices import ContractorState, DecisionRole, SiteRequestStatus
from madang.sitegov.models import ContractorAccess, SiteRequest
from madang.sitegov.selectors import owned_page_edit_refusal
from madang.sitegov.services import (
    contractor_access_save,
    contractor_login_refusal,
    contractors_expire,
    editorial_workflow_ensure,
    site_request_decide,
    site_request_submit,
)

pytestmark = pytest.mark.django_db


def _staff(username, dept_code, **extra):
    return User.objects.create_user(
        username=username,
        password="x",
        is_staff=True,
        kind=AccountKind.STAFF,
        department=Department.objects.get(code=dept_code),
        **extra,
    )


@pytest.fixture
def people(demo_site):
    it = _staff("it-head", "it-policy")
    hp = _staff("hp-head", "public-relations")
    health = _staff("health-staff", "health-center")
    for user in (it, hp, health):
        user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return {"it": it, "homepage": hp, "health": health}


def _submit(people, hostname="health.dongjak.example"):
    dept = Department.objects.get(code="health-center")
    return site_request_submit(
        acting_user=people["health"],
        requesting_department=dept,
        site_name="동작구 보건소",
        hostname=hostname,
        purpose="예방접종 안내",
        operating_department=dept,
    )


def test_site_is_created_only_after_both_departments_agree(people, settings):
    Department.objects.filter(code__in=["it-policy", "public-relations"]).update(
        email="dept@dongjak.example"
    )
    request = _submit(people, hostname="Health.Dongjak.Example")
    assert request.hostname == "health.dongjak.example"
    assert len(mail.outbox) == 0  # after commit only; django_db wraps the test in a transaction
    assert not Site.objects.filter(hostname=request.hostname).exists()

    site_request_decide(
        site_request=request, acting_user=people["it"], role=DecisionRole.IT, approved=True
    )
    request.refresh_from_db()
    assert request.status == SiteRequestStatus.PENDING
    assert not Site.objects.filter(hostname=request.hostname).exists()

    site_request_decide(
        site_request=request,
        acting_user=people["homepage"],
        role=DecisionRole.HOMEPAGE,
        approved=True,
        note="메뉴 구성 협의 완료",
    )
    request.refresh_from_db()
    assert request.status == SiteRequestStatus.CREATED
    site = Site.objects.get(hostname="health.dongjak.example")
    assert request.created_site == site
    assert site.site_name == "동작구 보건소"
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.title == "동작구 보건소"
    assert not home.live  # the operating department fills it before it opens
    actions = list(
        AuditLog.objects.filter(object_type="sitegov.siterequest").values_list("action", flat=True)
    )
    assert actions.count("sitegov.site_request.decide") == 2
    assert "sitegov.site_request.submit" in actions and "sitegov.site.create" in actions


def test_one_person_cannot_decide_for_both_departments(people):
    both = _staff("both", "it-policy")
    request = _submit(people)
    site_request_decide(site_request=request, acting_user=both, role="it", approved=True)
    # Even if the same person also belonged to the homepage department, a second decision by
    # them is refused.
    both.department = Department.objects.get(code="public-relations")
    both.save()
    with pytest.raises(ValidationError, match="서로 다른 사람"):
        site_request_decide(site_request=request, acting_user=both, role="homepage", approved=True)
    assert not Site.objects.filter(hostname=request.hostname).exists()


def test_only_members_of_the_department_decide_for_it(people):
    request = _submit(people)
    with pytest.raises(ValidationError, match="정보화 부서 소속 직원만"):
        site_request_decide(
            site_request=request, acting_user=people["homepage"], role="it", approved=True
        )
    superuser = User.objects.create_superuser("boss", "boss@example.com", "x")
    with pytest.raises(ValidationError):
        site_request_decide(site_request=request, acting_user=superuser, role="it", approved=True)


def test_refusal_needs_a_reason_and_closes_the_request(people):
    request = _submit(people)
    with pytest.raises(ValidationError) as info:
        site_request_decide(
            site_request=request, acting_user=people["it"], role="it", approved=False
        )
    assert "사유" in str(info.value)
    site_request_decide(
        site_request=request,
        acting_user=people["it"],
        role="it",
        approved=False,
        note="중복 사이트",
    )
    request.refresh_from_db()
    assert request.status == SiteRequestStatus.REJECTED
    with pytest.raises(ValidationError, match="이미 처리가 끝난"):
        site_request_decide(
            site_request=request, acting_user=people["homepage"], role="homepage", approved=True
        )


def test_hostname_in_use_or_pending_is_refused(people):
    _submit(people)
    with pytest.raises(ValidationError, match="진행 중"):
        _submit(people)
    with pytest.raises(ValidationError, match="이미 다른 사이트"):
        _submit(people, hostname="localhost")


def test_request_form_keeps_what_was_typed_and_detail_records_decision(client, people):
    client.force_login(people["health"])
    url = reverse("sitegov_site_request_create")
    dept = Department.objects.get(code="health-center").pk
    response = client.post(
        url,
        {
            "requesting_department": dept,
            "operating_department": dept,
            "site_name": "보건소 누리집",
            "hostname": "bad host!",
            "purpose": "건강 강좌 신청을 받습니다",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "영문 소문자" in html and "건강 강좌 신청을 받습니다" in html and "보건소 누리집" in html
    response = client.post(
        url,
        {
            "requesting_department": dept,
            "operating_department": dept,
            "site_name": "보건소 누리집",
            "hostname": "health2.dongjak.example",
            "purpose": "건강 강좌 신청을 받습니다",
        },
    )
    request = SiteRequest.objects.get(hostname="health2.dongjak.example")
    assert response.url == reverse("sitegov_site_request_detail", args=[request.pk])

    client.force_login(people["it"])
    detail = reverse("sitegov_site_request_detail", args=[request.pk])
    assert "결정하기" in client.get(detail).content.decode()
    client.post(detail, {"role": "it", "approved": "1", "note": ""})
    assert request.decisions.get().approved is True
    assert "결정하기" not in client.get(detail).content.decode()  # decided for IT already


def test_contractor_cannot_see_site_requests(client, people):
    contractor = User.objects.create_user(
        "c1", password="x", is_staff=True, kind=AccountKind.CONTRACTOR
    )
    client.force_login(contractor)
    assert client.get(reverse("sitegov_site_requests")).status_code in (302, 403)


# --- Contractors ---------------------------------------------------------------------------


@pytest.fixture
def contractor(people):
    user = User.objects.create_user("agency", password="Agency!2026-pass", kind=AccountKind.STAFF)
    news = Page.objects.get(slug="news")
    today = timezone.localdate()
    access = contractor_access_save(
        acting_user=people["it"],
        user=user,
        company="(주)동작웹",
        contract_name="누리집 유지보수",
        contract_start=today - timedelta(days=30),
        contract_end=today + timedelta(days=100),
        supervising_department=Department.objects.get(code="it-policy"),
        sections=[news],
    )
    return access


def test_contractor_access_grants_add_and_change_on_the_section_only(contractor):
    user = contractor.user
    user.refresh_from_db()
    assert user.kind == AccountKind.CONTRACTOR and user.is_staff
    news = Page.objects.get(slug="news")
    perms = set(
        GroupPagePermission.objects.filter(group=contractor.group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert perms == {(news.pk, "add_page"), (news.pk, "change_page")}
    child = news.get_children().first()
    assert child.permissions_for_user(user).can_edit()
    assert not child.permissions_for_user(user).can_publish()
    other = ContentPage.objects.get(slug="passport")
    assert not other.permissions_for_user(user).can_edit()
    assert AuditLog.objects.filter(action="sitegov.contractor.save").exists()


def test_contract_end_refuses_sign_in_with_an_explanation(client, contractor):
    user = contractor.user
    assert contractor_login_refusal(user) is None
    contractor.contract_end = timezone.localdate() - timedelta(days=1)
    contractor.save()
    reason = contractor_login_refusal(user)
    assert "끝나" in reason and contractor.contract_end.strftime("%Y-%m-%d") in reason
    assert "스마트정보과" in reason  # whom to ask
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "agency", "password": "Agency!2026-pass"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "로그인할 수 없습니다" in html
    assert "_auth_user_id" not in client.session


def test_contractor_signed_in_before_the_end_is_signed_out(client, contractor):
    client.force_login(contractor.user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    ContractorAccess.objects.filter(pk=contractor.pk).update(
        contract_end=timezone.localdate() - timedelta(days=1)
    )
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_login")
    assert "_auth_user_id" not in client.session


def test_contractor_without_access_record_is_refused():
    user = User(username="x", kind=AccountKind.CONTRACTOR)
    user.save()
    assert "등록되어 있지 않아" in contractor_login_refusal(user)
    staff = User.objects.create_user("s", kind=AccountKind.STAFF)
    assert contractor_login_refusal(staff) is None


def test_nightly_job_withdraws_and_restores_permissions(contractor):
    today = timezone.localdate()
    assert contractors_expire(today) == 0
    after_end = contractor.contract_end + timedelta(days=1)
    assert contractors_expire(after_end) == 1
    assert not GroupPagePermission.objects.filter(group=contractor.group).exists()
    assert contractors_expire(after_end) == 0  # idempotent
    assert contractors_expire(today) == 1  # an extended contract gets them back
    assert GroupPagePermission.objects.filter(group=contractor.group).count() == 2


def test_contractor_state_and_report(client, contractor, people):
    today = timezone.localdate()
    assert contractor.state(today) == ContractorState.ACTIVE
    assert contractor.state(contractor.contract_end - timedelta(days=5)) == ContractorState.ENDING
    assert contractor.state(contractor.contract_start - timedelta(days=1)) == (
        ContractorState.NOT_STARTED
    )
    client.force_login(people["it"])
    html = client.get(reverse("sitegov_contractor_report")).content.decode()
    assert "(주)동작웹" in html and "agency" in html and "계약 중" in html
    client.force_login(people["health"])
    response = client.get(reverse("sitegov_contractor_report"))
    assert response.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    assert "(주)동작웹" not in response.content.decode()


def test_contractor_form_validates_and_keeps_input(client, people):
    user = _staff("agency2", "it-policy")
    client.force_login(people["it"])
    response = client.post(
        reverse("sitegov_contractor_create"),
        {
            "user": user.pk,
            "company": "누리웹",
            "contract_name": "유지보수",
            "contract_start": "2026-12-01",
            "contract_end": "2026-11-01",
            "supervising_department": Department.objects.get(code="it-policy").pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "시작일과 같거나 그 뒤" in html and "하나 이상" in html and "누리웹" in html
    assert not ContractorAccess.objects.exists()


# --- Editorial workflow (제7조) -----------------------------------------------------------


def test_workflow_sits_on_the_root_and_names_the_approvers(demo_site, settings):
    workflow = editorial_workflow_ensure()
    assert editorial_workflow_ensure().pk == workflow.pk  # idempotent
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    task = workflow.workflow_tasks.get().task.specific
    assert list(task.groups.values_list("name", flat=True)) == [
        settings.MADANG_EDITORIAL_APPROVERS_GROUP
    ]
    passport = ContentPage.objects.get(slug="passport")
    assert passport.get_workflow() == workflow


def test_department_editor_edits_only_their_departments_pages(client, demo_site):
    editorial_workflow_ensure()
    editor = _staff("cs-editor", "civil-service")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    from madang.accounts.demo import load_staff  # noqa: F401  (Editors has tree permissions)

    own = ContentPage.objects.get(slug="passport")  # 민원여권과
    other = ContentPage.objects.get(slug="bulky-waste")  # 청소행정과
    assert owned_page_edit_refusal(editor, own) is None
    assert "청소행정과" in owned_page_edit_refusal(editor, other)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]), follow=True)
    assert "담당부서는 청소행정과" in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["owner_department"].queryset) == [editor.department]
    assert not own.permissions_for_user(editor).can_publish()  # submits to the workflow


def test_operator_edits_every_page(demo_site):
    operator = _staff("op", "public-relations")
    other = ContentPage.objects.get(slug="bulky-waste")
    assert owned_page_edit_refusal(operator, other) is None
    home = HomePage.objects.first()
    plain = _staff("plain", "parks")
    assert "운영부서만" in owned_page_edit_refusal(plain, home)


def test_owned_page_form_rejects_another_department(demo_site):
    editor = _staff("cs-editor2", "civil-service")
    page = ContentPage.objects.get(slug="passport")
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=editor)
    assert list(form.fields["owner_department"].queryset) == [editor.department]
    form._restricted_department = editor.department
    form.cleaned_data = {"owner_department": Department.objects.get(code="cleaning")}
    with pytest.raises(ValidationError):
        form.clean_owner_department()


def test_contract_dates_in_the_past_and_future(contractor):
    assert contractor.can_sign_in(date(2000, 1, 1)) is False
