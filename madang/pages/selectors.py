"""Reads for the homepage: lists, trees and reports, each with a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from madang.departments.models import Department

from .models import (
    ArticleCategory,
    LocalInfoCategory,
    LocalInfoPage,
    NewsPage,
    PageFeedback,
    Satisfaction,
    SiteFeedback,
    owned_page_models,
)

# Hooks for apps that come later (participation events, media-board disaster alerts): each is a
# callable registered by that app; until then the home blocks render nothing.
_event_source = None
_emergency_alert_source = None


def register_event_source(source) -> None:
    """`source(limit=n)` returns upcoming events (objects with title, url, starts_at)."""
    global _event_source
    _event_source = source


def register_emergency_alert_source(source) -> None:
    """`source()` returns the latest active disaster alert (text, url, level) or None."""
    global _emergency_alert_source
    _emergency_alert_source = source


def event_source():
    return _event_source


def emergency_alert_source():
    return _emergency_alert_source


def _articles(index):
    return (
        NewsPage.objects.live()
        .public()
        .child_of(index)
        .select_related("category")
        .order_by("-pinned", "-published_on", "-first_published_at")
    )


def article_latest(*, index, limit: int) -> list[NewsPage]:
    """The latest `limit` items under a news index, pinned first: one query."""
    return list(_articles(index).only(
        "id", "title", "url_path", "path", "depth", "published_on", "pinned", "category",
        "category__name", "locale_id",
    )[:limit])  # fmt: skip


def article_list(*, index, category_slug: str = ""):
    """Items of a news index (optionally of one category) and the categories to filter by."""
    articles = _articles(index)
    if category_slug:
        articles = articles.filter(category__slug=category_slug)
    categories = ArticleCategory.objects.filter(
        pk__in=NewsPage.objects.live().child_of(index).values("category")
    )
    return articles, list(categories)


def local_info_grouped(*, index) -> list[tuple[str, str, list[LocalInfoPage]]]:
    """Local-information pages grouped by field, in the order of 제5조①2, one query."""
    groups: dict[str, list] = defaultdict(list)
    for page in LocalInfoPage.objects.live().public().child_of(index).order_by("title"):
        groups[page.category].append(page)
    return [(c.value, c.label, groups[c.value]) for c in LocalInfoCategory if groups[c.value]]


@dataclass
class DepartmentNode:
    department: Department
    children: list[DepartmentNode] = field(default_factory=list)


def department_tree() -> list[DepartmentNode]:
    """The active departments as a tree, in their sort order: one query."""
    nodes = {d.pk: DepartmentNode(d) for d in Department.objects.filter(is_active=True)}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.department.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def department_detail(*, code: str):
    """A department, its staff directory (official duties and office phones only) and its
    sub-departments, or None. Staff carry no personal data: name is not shown."""
    department = Department.objects.filter(code=code, is_active=True).first()
    if department is None:
        return None
    fields = ["position", "office_phone"]
    user_model = get_user_model()
    if any(f.name == "duties" for f in user_model._meta.get_fields()):
        fields.append("duties")
    staff = list(
        user_model.objects.filter(department=department, is_active=True, kind="staff")
        .order_by("position", "pk")
        .values(*fields)
    )
    children = list(Department.objects.filter(parent=department, is_active=True))
    return department, staff, children


@dataclass
class OverduePage:
    page: object
    department: Department
    next_review_at: date
    days_overdue: int


def overdue_pages(*, today: date | None = None, department=None) -> list[OverduePage]:
    """Live pages past their review date (제7조), grouped by department, most overdue first.
    One query per owned page type."""
    today = today or timezone.localdate()
    rows = []
    for model in owned_page_models():
        qs = (
            model.objects.live().filter(next_review_at__lt=today).select_related("owner_department")
        )
        if department is not None:
            qs = qs.filter(owner_department=department)
        for page in qs.only(
            "id", "title", "url_path", "path", "depth", "locale_id", "next_review_at",
            "owner_department",
        ):  # fmt: skip
            rows.append(
                OverduePage(
                    page=page,
                    department=page.owner_department,
                    next_review_at=page.next_review_at,
                    days_overdue=(today - page.next_review_at).days,
                )
            )
    rows.sort(key=lambda r: (r.department.sort_order, r.department.name_ko, -r.days_overdue))
    return rows


@dataclass
class DepartmentSatisfaction:
    department: Department | None
    counts: dict[int, int]
    total: int
    average: float | None

    def bars(self):
        """(label, count, percent) for each level, most satisfied first."""
        return [
            (choice.label, self.counts.get(choice.value, 0),
             round(100 * self.counts.get(choice.value, 0) / self.total) if self.total else 0)
            for choice in Satisfaction
        ]  # fmt: skip


def satisfaction_monthly(*, year: int, month: int) -> list[DepartmentSatisfaction]:
    """Page satisfaction answers of one month per department (제3조②): one query."""
    rows = (
        PageFeedback.objects.filter(answered_on__year=year, answered_on__month=month)
        .values("department", "score")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int | None, dict[int, int]] = defaultdict(dict)
    for row in rows:
        counts[row["department"]][row["score"]] = row["n"]
    departments = Department.objects.in_bulk([pk for pk in counts if pk])
    result = []
    for pk, by_score in counts.items():
        total = sum(by_score.values())
        avg = sum(s * n for s, n in by_score.items()) / total if total else None
        result.append(DepartmentSatisfaction(departments.get(pk), by_score, total, round(avg, 2)))
    result.sort(key=lambda r: (r.department is None, r.department and r.department.sort_order))
    return result


def satisfaction_comments(*, year: int, month: int, limit: int = 200):
    return list(
        PageFeedback.objects.filter(answered_on__year=year, answered_on__month=month)
        .exclude(comment="")
        .select_related("department", "page")
        .order_by("-created_at")[:limit]
    )


def site_feedback_recent(*, limit: int = 50):
    return list(SiteFeedback.objects.select_related("department")[:limit])
