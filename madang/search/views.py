from django.shortcuts import render
from django.utils.translation import get_language

from .selectors import QUERY_MAX_LENGTH, search_site


def _int_or_none(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def search_index(request):
    """통합검색: the site search results page (GET ?q=…&type=…&department=…&page=…)."""
    query_text = request.GET.get("q", "")
    doc_type = request.GET.get("type", "").strip()[:100]
    department_id = _int_or_none(request.GET.get("department"))
    locale = (get_language() or "ko").split("-")[0]
    results = search_site(
        query_text=query_text,
        locale=locale,
        doc_type=doc_type,
        department_id=department_id,
        page_number=request.GET.get("page") or 1,
    )
    context = {
        "results": results,
        "query_text": results.query_text,
        "selected_type": doc_type,
        "selected_department": str(department_id or ""),
        "filtered": bool(doc_type or department_id),
        "query_max_length": QUERY_MAX_LENGTH,
    }
    return render(request, "search/index.html", context)
