"""Public pages of the 민원상담 (조례 제10조): the 자주 묻는 질문 search and the counselling
request. Plain forms, no JavaScript needed."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from madang.core.request_context import client_ip_from_request

from . import selectors, services
from .forms import CounsellingRequestForm, FaqSearchForm
from .models import CounsellingRequest

SESSION_KEY = "counselling_requests"


def index(request):
    form = FaqSearchForm(request.GET or None)
    query, field = "", None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        field = form.cleaned_data["field"]
    results = selectors.faq_search(query=query, field_id=field.pk if field else None)
    return render(
        request,
        "counselling/index.html",
        {
            "form": form,
            "query": query,
            "searched": bool(query or field),
            "results": results,
        },
    )


def faq_detail(request, pk):
    faq = get_object_or_404(selectors.faq_published(), pk=pk)
    services.faq_view_count(faq=faq)
    return render(request, "counselling/faq_detail.html", {"faq": faq})


def _initial(request) -> dict:
    initial = {}
    if request.user.is_authenticated:
        initial["name"] = request.user.get_full_name()
        initial["email"] = request.user.email
    if field := request.GET.get("field", ""):
        initial["field"] = field if field.isdigit() else None
    return initial


@require_http_methods(["GET", "POST"])
def request_form(request):
    form = CounsellingRequestForm(request.POST or None, initial=_initial(request))
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = services.counselling_request_submit(
                citizen=request.user,
                field=data["field"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                question=data["question"],
                preferred_time=data["preferred_time"],
                consent_given=data["consent"],
                ip=client_ip_from_request(request),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                error = " ".join(exc.messages)
        else:
            request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], req.pk]
            return redirect("counselling:done", pk=req.pk)
    return render(
        request,
        "counselling/request.html",
        {
            "form": form,
            "error": error,
            "privacy_notice": services.counselling_privacy_notice(),
        },
        status=429 if error else 200,
    )


def request_done(request, pk):
    if pk not in request.session.get(SESSION_KEY, []):
        raise Http404
    req = get_object_or_404(CounsellingRequest.objects.select_related("field", "counsellor"), pk=pk)
    return render(
        request,
        "counselling/done.html",
        {"req": req, "contact_message": services.contact_message(req)},
    )
