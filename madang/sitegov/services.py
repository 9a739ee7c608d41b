"""Writes of madang.sitegov: sub-site requests and their two decisions (조례 제4조②), contractor
access (제5조②, 제6조③) and the editorial workflow (제7조). Every write leaves an audit row."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from madang.accounts.choices import AccountKind
from madang.core.audit import audit_log_record
from madang.departments.models import Department

from .choices import ContractorState, DecisionRole, SiteRequestStatus
from .models import ContractorAccess, SiteRequest, SiteRequestDecision
from .selectors import department_code_for_role, user_in_department

logger = logging.getLogger(__name__)

SITE_REQUEST_FIELDS = (
    "requesting_department",
    "site_name",
    "hostname",
    "purpose",
    "audience",
    "operating_department",
    "planned_launch",
    "maintenance_plan",
)


def _department_mail(departments, subject: str, body: str) -> None:
    """E-mail each department's 대표 이메일 after the transaction commits."""
    recipients = sorted({d.email for d in departments if d and d.email})
    if not recipients:
        return

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # the request and its audit row stand; the mail is a courtesy
            logger.exception("sitegov: could not e-mail %s", recipients)

    transaction.on_commit(send)


def _role_departments() -> list[Department]:
    codes = [department_code_for_role(role) for role in DecisionRole.values]
    return list(Department.objects.filter(code__in=codes))


def _check_hostname_free(hostname: str, *, exclude_request: SiteRequest | None = None) -> None:
    if Site.objects.filter(hostname=hostname).exists():
        raise ValidationError(
            {
                "hostname": _(
                    "'%(host)s'은(는) 이미 다른 사이트가 쓰고 있습니다. 다른 호스트 이름을 "
                    "적어 주세요."
                )
                % {"host": hostname}
            }
        )
    pending = SiteRequest.objects.filter(hostname=hostname, status=SiteRequestStatus.PENDING)
    if exclude_request is not None:
        pending = pending.exclude(pk=exclude_request.pk)
    if pending.exists():
        raise ValidationError(
            {
                "hostname": _(
                    "'%(host)s'에 대한 협의 요청이 이미 진행 중입니다. 진행 중인 요청을 "
                    "확인해 주세요."
                )
                % {"host": hostname}
            }
        )


@transaction.atomic
def site_request_submit(*, acting_user, **fields) -> SiteRequest:
    """A department asks to build a site; the IT and homepage departments are told."""
    data = {k: v for k, v in fields.items() if k in SITE_REQUEST_FIELDS}
    data["hostname"] = data["hostname"].strip().lower()
    _check_hostname_free(data["hostname"])
    request = SiteRequest(requested_by=acting_user, **data)
    request.full_clean()
    request.save()
    audit_log_record(
        acting_user=acting_user,
        action="sitegov.site_request.submit",
        obj=request,
        changes={"site_name": request.site_name, "hostname": request.hostname},
    )
    _department_mail(
        _role_departments(),
        _("[마당] 홈페이지 구축 협의 요청: %(name)s") % {"name": request.site_name},
        _(
            "%(dept)s에서 '%(name)s'(%(host)s) 홈페이지 구축 협의를 요청했습니다.\n"
            "관리 화면의 '홈페이지 구축 협의'에서 내용을 보고 동의 여부를 결정해 주세요."
        )
        % {
            "dept": request.requesting_department.name_ko,
            "name": request.site_name,
            "host": request.hostname,
        },
    )
    return request


@transaction.atomic
def site_request_decide(
    *, site_request: SiteRequest, acting_user, role: str, approved: bool, note: str = ""
) -> SiteRequest:
    """Record one department's decision. When both agreed, the site is created at once.

    Only a member of the department for `role` may decide for it, one person cannot decide
    for both departments, and a refusal needs a reason the requester can act on.
    """
    site_request = SiteRequest.objects.select_for_update().get(pk=site_request.pk)
    if site_request.status != SiteRequestStatus.PENDING:
        raise ValidationError(
            _("이미 처리가 끝난 요청입니다(%(status)s).")
            % {"status": site_request.get_status_display()}
        )
    if role not in DecisionRole.values:
        raise ValidationError(_("알 수 없는 협의 부서입니다."))
    if not user_in_department(acting_user, department_code_for_role(role)):
        raise ValidationError(
            _("%(role)s 소속 직원만 이 결정을 할 수 있습니다.") % {"role": DecisionRole(role).label}
        )
    decisions = {d.role: d for d in site_request.decisions.all()}
    if role in decisions:
        raise ValidationError(
            _("%(role)s의 결정은 이미 기록되었습니다.") % {"role": DecisionRole(role).label}
        )
    if any(d.decided_by_id == acting_user.pk for d in decisions.values()):
        raise ValidationError(
            _(
                "두 부서의 협의는 서로 다른 사람이 결정해야 합니다. 다른 부서의 담당자에게 "
                "결정을 요청하세요."
            )
        )
    note = (note or "").strip()
    if not approved and not note:
        raise ValidationError(
            {"note": _("반려할 때에는 요청 부서가 보완할 수 있도록 사유를 적어 주세요.")}
        )
    decision = SiteRequestDecision.objects.create(
        request=site_request, role=role, approved=approved, note=note, decided_by=acting_user
    )
    decisions[role] = decision
    audit_log_record(
        acting_user=acting_user,
        action="sitegov.site_request.decide",
        obj=site_request,
        changes={"role": role, "approved": approved, "note": note},
    )
    if not approved:
        site_request.status = SiteRequestStatus.REJECTED
        site_request.save(update_fields=["status", "updated_at"])
        outcome = _("반려되었습니다. 사유: %(note)s") % {"note": note}
    elif all(r in decisions and decisions[r].approved for r in DecisionRole.values):
        _check_hostname_free(site_request.hostname, exclude_request=site_request)
        site = _site_create(site_request, acting_user=acting_user)
        site_request.created_site = site
        site_request.status = SiteRequestStatus.CREATED
        site_request.save(update_fields=["status", "created_site", "updated_at"])
        outcome = _("두 부서가 모두 동의하여 사이트가 만들어졌습니다: %(host)s") % {
            "host": site.hostname
        }
    else:
        outcome = _("%(role)s가 동의했습니다. 다른 부서의 결정을 기다립니다.") % {
            "role": DecisionRole(role).label
        }
    _department_mail(
        [site_request.requesting_department],
        _("[마당] 홈페이지 구축 협의 결과: %(name)s") % {"name": site_request.site_name},
        outcome,
    )
    return site_request


def _site_create(site_request: SiteRequest, *, acting_user) -> Site:
    from madang.pages.models import HomePage

    root = Page.get_first_root_node()
    base_slug = slugify(site_request.hostname.split(".")[0]) or "site"
    slug, n = base_slug, 1
    while root.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base_slug}-{n}"
    locale = Locale.get_default() if Locale.objects.exists() else None
    home = HomePage(
        title=site_request.site_name,
        slug=slug,
        intro=site_request.audience[:200],
        live=False,  # the operating department fills it before it goes public
        **({"locale": locale} if locale else {}),
    )
    root.add_child(instance=home)
    home.save_revision(user=acting_user, log_action=True)
    site = Site.objects.create(
        hostname=site_request.hostname,
        port=443 if settings.MADANG_PRODUCTION else 80,
        root_page=home,
        site_name=site_request.site_name,
    )
    audit_log_record(
        acting_user=acting_user,
        action="sitegov.site.create",
        obj=site_request,
        changes={"site_id": site.pk, "hostname": site.hostname, "root_page_id": home.pk},
    )
    return site


@transaction.atomic
def site_request_withdraw(*, site_request: SiteRequest, acting_user) -> SiteRequest:
    site_request = SiteRequest.objects.select_for_update().get(pk=site_request.pk)
    if site_request.status != SiteRequestStatus.PENDING:
        raise ValidationError(_("진행 중인 요청만 철회할 수 있습니다."))
    site_request.status = SiteRequestStatus.WITHDRAWN
    site_request.save(update_fields=["status", "updated_at"])
    audit_log_record(
        acting_user=acting_user, action="sitegov.site_request.withdraw", obj=site_request
    )
    return site_request


# --- Contractors (조례 제5조②, 제6조③) ------------------------------------------------------

CONTRACTOR_PAGE_PERMISSIONS = ("add_page", "change_page")
CONTRACTOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def _contractor_group(access: ContractorAccess) -> Group:
    name = f"위탁업체: {access.company} ({access.user.get_username()})"[:150]
    group = access.group
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
        access.group = group
        access.save(update_fields=["group", "updated_at"])
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    return group


def _contractor_sync_permissions(access: ContractorAccess, today: date | None = None) -> None:
    """The group grants admin access and add/change (never publish: publishing goes through the
    homepage department's approval) on the named sites' root pages and sections, and only while
    the contract runs."""
    group = _contractor_group(access)
    GroupPagePermission.objects.filter(group=group).delete()
    GroupCollectionPermission.objects.filter(group=group).delete()
    group.permissions.clear()
    if not access.can_sign_in(today):
        return
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    roots = {site.root_page_id for site in access.sites.all()}
    roots |= {page.pk for page in access.sections.all()}
    page_perms = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=CONTRACTOR_PAGE_PERMISSIONS
        )
    )
    for page_id in sorted(roots):
        for perm in page_perms:
            GroupPagePermission.objects.create(group=group, page_id=page_id, permission=perm)
    collection = Collection.get_first_root_node()
    if collection is not None and roots:
        for app_label, codename in CONTRACTOR_COLLECTION_PERMISSIONS:
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                GroupCollectionPermission.objects.create(
                    group=group, collection=collection, permission=perm
                )
    access.user.groups.add(group)


@transaction.atomic
def contractor_access_save(
    *,
    acting_user,
    user,
    company: str,
    contract_name: str,
    contract_start: date,
    contract_end: date,
    supervising_department: Department,
    sites=(),
    sections=(),
    access: ContractorAccess | None = None,
) -> ContractorAccess:
    """Create or change a contractor's access; the account becomes a contractor account."""
    if contract_end < contract_start:
        raise ValidationError(
            {"contract_end": _("계약 종료일은 시작일과 같거나 그 뒤여야 합니다.")}
        )
    if not sites and not sections:
        raise ValidationError(_("맡은 사이트나 메뉴(섹션)를 하나 이상 골라 주세요."))
    if user.is_superuser:
        raise ValidationError(
            {
                "user": _(
                    "최고 관리자 계정은 위탁업체 계정으로 쓸 수 없습니다. 별도 계정을 만드세요."
                )
            }
        )
    existing = ContractorAccess.objects.filter(user=user).first()
    if access is None and existing is not None:
        raise ValidationError({"user": _("이 계정에는 이미 위탁업체 접근 권한이 있습니다.")})
    before = None
    if access is None:
        access = ContractorAccess(user=user)
    else:
        before = {
            "contract_end": access.contract_end.isoformat(),
            "sites": sorted(access.sites.values_list("pk", flat=True)),
            "sections": sorted(access.sections.values_list("pk", flat=True)),
        }
    access.company = company
    access.contract_name = contract_name
    access.contract_start = contract_start
    access.contract_end = contract_end
    access.supervising_department = supervising_department
    access.full_clean(exclude=["user", "group"])
    access.save()
    access.sites.set(sites)
    access.sections.set(sections)
    if user.kind != AccountKind.CONTRACTOR or not user.is_staff:
        user.kind = AccountKind.CONTRACTOR
        user.is_staff = True
        user.save(update_fields=["kind", "is_staff"])
    _contractor_sync_permissions(access)
    audit_log_record(
        acting_user=acting_user,
        action="sitegov.contractor.save",
        obj=access,
        changes={
            "user_id": user.pk,
            "company": company,
            "contract_start": contract_start.isoformat(),
            "contract_end": contract_end.isoformat(),
            "sites": sorted(s.pk for s in sites),
            "sections": sorted(p.pk for p in sections),
            "before": before,
        },
    )
    return access


def contractor_login_refusal(user, today: date | None = None) -> str | None:
    """Why a contractor may not sign in now, in words they can act on; None if they may."""
    if getattr(user, "kind", None) != AccountKind.CONTRACTOR:
        return None
    access = ContractorAccess.objects.select_related("supervising_department").filter(user=user)
    access = access.first()
    if access is None:
        return _(
            "이 위탁업체 계정에는 맡은 사이트와 계약 기간이 등록되어 있지 않아 로그인할 수 "
            "없습니다. 계약을 관리하는 부서에 등록을 요청하세요."
        )
    state = access.state(today)
    dept = access.supervising_department
    contact = dept.name_ko + (f", {dept.phone}" if dept.phone else "")
    if state == ContractorState.ENDED:
        return _(
            "위탁 계약(%(contract)s)이 %(end)s에 끝나 이 계정으로 로그인할 수 없습니다. "
            "계약이 연장되었다면 감독 부서(%(contact)s)에 계정 연장을 요청하세요."
        ) % {
            "contract": access.contract_name,
            "end": access.contract_end.strftime("%Y-%m-%d"),
            "contact": contact,
        }
    if state == ContractorState.NOT_STARTED:
        return _(
            "위탁 계약(%(contract)s)은 %(start)s에 시작합니다. 그날부터 로그인할 수 있습니다. "
            "문의: %(contact)s"
        ) % {
            "contract": access.contract_name,
            "start": access.contract_start.strftime("%Y-%m-%d"),
            "contact": contact,
        }
    return None


def contractors_expire(today: date | None = None) -> int:
    """Nightly: withdraw the page and collection permissions of contracts that have ended (the
    sign-in refusal already stops them; this keeps the permission tables honest). Returns how
    many accesses changed."""
    today = today or timezone.localdate()
    changed = 0
    qs = ContractorAccess.objects.select_related("group", "user").filter(group__isnull=False)
    for access in qs:
        has_perms = GroupPagePermission.objects.filter(group=access.group).exists()
        if access.can_sign_in(today) == has_perms:
            continue
        with transaction.atomic():
            _contractor_sync_permissions(access, today)
            audit_log_record(
                acting_user=None,
                action="sitegov.contractor.permissions_sync",
                obj=access,
                changes={"state": access.state(today), "today": today.isoformat()},
            )
        changed += 1
    return changed


# --- Editorial workflow (조례 제7조) ------------------------------------------------------------


def approvers_group_name() -> str:
    return settings.MADANG_EDITORIAL_APPROVERS_GROUP


@transaction.atomic
def editorial_workflow_ensure() -> Workflow | None:
    """Create (or repair) the approval workflow of the homepage operating department and put it
    on the root page, so every page of every site goes through it before publication.

    Department editors ("Editors", Wagtail's group without publish permission) submit; members
    of the approvers group publish. Idempotent: `load_demo` and `setup_editorial` call it.
    """
    root = Page.get_first_root_node()
    if root is None:
        return None  # an empty database (being flushed); the next migrate makes it
    group, _created = Group.objects.get_or_create(name=approvers_group_name())
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
    workflow, _created = Workflow.objects.get_or_create(
        name=settings.MADANG_EDITORIAL_WORKFLOW_NAME, defaults={"active": True}
    )
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=settings.MADANG_EDITORIAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=settings.MADANG_EDITORIAL_TASK_NAME)
    task.groups.add(group)
    if not workflow.workflow_tasks.filter(task=task).exists():
        workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
