"""Demo data of madang.sitegov: the approval workflow, a department editor's limits, a
contractor on the council site, and a sub-site request waiting for its two decisions."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.departments.models import Department

from .choices import SiteRequestStatus
from .models import ContractorAccess, SiteRequest
from .services import approvers_group_name, editorial_workflow_ensure

CONTRACTOR_USERNAME = "webagency"


@transaction.atomic
def load_sitegov() -> list[tuple[str, str]]:
    """Returns (username, password) of accounts made now, for load_demo to print once."""
    from madang.accounts.demo import generate_password

    editorial_workflow_ensure()
    approvers = Group.objects.get(name=approvers_group_name())
    for user in User.objects.filter(username="editor"):
        user.groups.add(approvers)
    created = []
    departments = {d.code: d for d in Department.objects.all()}
    if not User.objects.filter(username=CONTRACTOR_USERNAME).exists():
        user = User(
            username=CONTRACTOR_USERNAME,
            last_name="최",
            first_name="위탁",
            email="support@dongjakweb.example",
            kind=AccountKind.CONTRACTOR,
            is_staff=True,
        )
        password = generate_password(user)
        user.set_password(password)
        user.save()
        created.append((user.username, password))
        site = Site.objects.filter(hostname__startswith="council").first()
        sections = []
        if site is None:
            default = Site.objects.filter(is_default_site=True).first()
            news = (
                Page.objects.child_of(default.root_page).filter(slug="news").first()
                if default
                else None
            )
            sections = [news] if news else []
        today = timezone.localdate()
        access = ContractorAccess.objects.create(
            user=user,
            company="(주)동작웹",
            contract_name=f"{today.year}년 누리집 유지보수",
            contract_start=today.replace(month=1, day=1),
            contract_end=today.replace(month=12, day=31),
            supervising_department=departments["it-policy"],
        )
        if site is not None:
            access.sites.add(site)
        access.sections.add(*sections)
        from .services import _contractor_sync_permissions

        _contractor_sync_permissions(access)
    if not SiteRequest.objects.exists() and "health-center" in departments:
        SiteRequest.objects.create(
            requesting_department=departments["health-center"],
            site_name="동작구 보건소",
            hostname="health.dongjak.localhost",
            purpose=(
                "예방접종, 건강검진, 감염병 정보를 주민에게 알리고 건강 강좌 신청을 받으려 합니다."
            ),
            audience="동작구 주민, 특히 어르신과 영유아 부모",
            operating_department=departments["health-center"],
            planned_launch=timezone.localdate() + timedelta(days=60),
            maintenance_plan=(
                "보건소 건강관리과가 직접 운영하고, 유지보수는 연간 계약으로 위탁합니다."
            ),
            status=SiteRequestStatus.PENDING,
        )
    return created
