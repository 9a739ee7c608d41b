"""Reads for departments."""

from django.db.models import Count, QuerySet

from .models import Department


def department_list(*, active_only: bool = True) -> QuerySet[Department]:
    """Departments in display order, with their parent and member count in the same query."""
    # Explicit order: Django drops Meta.ordering from aggregate (GROUP BY) queries.
    qs = (
        Department.objects.select_related("parent")
        .annotate(member_count=Count("members"))
        .order_by("sort_order", "name_ko", "id")
    )
    if active_only:
        qs = qs.filter(is_active=True)
    return qs


def department_get(*, code: str, active_only: bool = True) -> Department | None:
    return department_list(active_only=active_only).filter(code=code).first()
