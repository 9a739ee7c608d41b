from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def author_label(item, board) -> str:
    """How an author is shown: never a citizen's name (personal data), only a masked account
    name, '익명' on anonymous boards, the department for staff."""
    if board.anonymous_display and not item.author.is_staff:
        return _("익명")
    if item.author.is_staff:
        department = getattr(item.author, "department", None)
        return str(department) if department else _("담당자")
    username = item.author.get_username()
    return username[:2] + "***"


@register.filter
def seoul_date(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""
