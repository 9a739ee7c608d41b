"""The opinion form of each foreign-language site (조례 제6조②): parse, call one service,
render. No sign-in; the receipt number is shown after the redirect."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from madang.core.request_context import client_ip_from_request

from .forms import OpinionForm
from .models import Opinion, foreign_language_choices
from .selectors import language_site_for
from .services import OpinionRejected, opinion_submit

RECEIPT_SESSION_KEY = "madang_opinion_receipt"
RECEIPT_FIELDS = (
    "receipt_number", "language_code", "created_at", "was_masked", "consented_at",
    "department__name_ko", "department__name_en", "department__phone",
)  # fmt: skip


def _foreign_language() -> str:
    """The language of the URL prefix; Korean (no prefix) has no opinion form here: the Korean
    site has its own 누리집 의견 page."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code not in dict(foreign_language_choices()):
        raise Http404
    return code


def opinion_form(request):
    """GET: the form; POST: receive the opinion and redirect to its receipt."""
    code = _foreign_language()
    form = OpinionForm(request.POST or None)
    error = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                opinion = opinion_submit(
                    language_code=code,
                    subject=data["subject"],
                    message=data["message"],
                    name=data["name"],
                    email=data["email"],
                    consent=data["consent"],
                    ip_address=client_ip_from_request(request),
                )
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            except OpinionRejected as exc:
                error = exc.message
                status = 429
            else:
                request.session[RECEIPT_SESSION_KEY] = opinion.receipt_number
                return HttpResponseRedirect(reverse("languages:opinion_receipt"))
        if form.errors:
            status = 400
    return render(
        request,
        "languages/opinion_form.html",
        {
            "form": form,
            "error": error,
            "language_site": language_site_for(language_code=code),
            "retention_days": settings.MADANG_OPINION_CONTACT_RETENTION_DAYS,
        },
        status=status,
    )


def opinion_receipt(request):
    """The receipt of the opinion this browser just sent (only that one: the number is kept in
    the session, so a receipt cannot be looked up by guessing numbers)."""
    code = _foreign_language()
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    opinion = (
        Opinion.objects.select_related("department")
        .filter(receipt_number=receipt, language_code=code)
        .only(*RECEIPT_FIELDS)
        .first()
        if receipt
        else None
    )
    if opinion is None:
        return HttpResponseRedirect(reverse("languages:opinion"))
    return render(
        request,
        "languages/opinion_receipt.html",
        {"opinion": opinion, "language_site": language_site_for(language_code=code)},
    )
