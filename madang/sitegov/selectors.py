"""Reads of madang.sitegov, and the rules deciding who may edit which page (조례 제7조)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from madang.accounts.choices import AccountKind

from .choices import DecisionRole
from .models import ContractorAccess, SiteRequest, SiteRequestDecision


def department_code_for_role(role: str) -> str:
    if role == DecisionRole.IT:
        return settings.MADANG_IT_DEPARTMENT_CODE
    return settings.MADANG_HOMEPAGE_DEPARTMENT_CODE


def user_in_department(user, code: str) -> bool:
    """True if `user` belongs to the department `code` or to one of its sub-departments."""
    department = getattr(user, "department", None)
    seen = set()
    while department is not None and department.pk not in seen:
        if department.code == code:
            return True
        seen.add(department.pk)
        department = department.parent
    return False


def user_decision_roles(user) -> list[str]:
    """The roles (IT, homepage) `user` may decide site requests for."""
    return [r for r in DecisionRole.values if user_in_department(user, department_code_for_role(r))]


def site_requests() -> QuerySet[SiteRequest]:
    return SiteRequest.objects.select_related(
        "requesting_department", "operating_department", "requested_by", "created_site"
    ).prefetch_related(
        Prefetch("decisions", queryset=SiteRequestDecision.objects.select_related("decided_by"))
    )


def contractor_accesses() -> QuerySet[ContractorAccess]:
    return ContractorAccess.objects.select_related(
        "user", "supervising_department"
    ).prefetch_related("sites", "sections")


def is_homepage_operator(user) -> bool:
    """Members of the homepage operating department (and superusers) edit every page."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user_in_department(user, settings.MADANG_HOMEPAGE_DEPARTMENT_CODE):
        return True
    return user.groups.filter(name=settings.MADANG_EDITORIAL_APPROVERS_GROUP).exists()


def owned_page_edit_refusal(user, page) -> str | None:
    """Why `user` may not edit `page` although Wagtail's tree permissions would let them:
    a department editor edits only the pages their department owns (조례 제7조②). None if
    they may. Pages without an owning department (home pages) are the operators' alone."""
    from django.utils.translation import gettext as _

    if is_homepage_operator(user):
        return None
    if getattr(user, "kind", None) == AccountKind.CONTRACTOR:
        return None  # contractors are limited by their sections' page permissions instead
    owner_id = getattr(page, "owner_department_id", None)
    if owner_id is None:
        return _(
            "이 페이지는 누리집 운영부서만 수정할 수 있습니다. 고칠 내용이 있으면 운영부서에 "
            "요청하세요."
        )
    if owner_id == getattr(user, "department_id", None):
        return None
    owner = page.owner_department
    return _(
        "이 페이지의 담당부서는 %(dept)s입니다. 자기 부서의 페이지만 수정할 수 있으니, 고칠 "
        "내용은 %(dept)s에 요청하세요."
    ) % {"dept": owner.name_ko}


def can_manage_contractors(user) -> bool:
    if not user.is_authenticated or getattr(user, "kind", None) == AccountKind.CONTRACTOR:
        return False
    return (
        is_homepage_operator(user)
        or user_in_department(user, settings.MADANG_IT_DEPARTMENT_CODE)
        or user.has_perm("sitegov.change_contractoraccess")
    )
