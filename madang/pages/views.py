"""Public views of the feedback widgets: parse, call one service, render."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from madang.core.cache import same_origin_post
from madang.core.request_context import client_ip_from_request

from .forms import PageFeedbackForm, SiteFeedbackForm
from .services import FeedbackRejected, page_feedback_submit, site_feedback_submit

BROWSER_COOKIE = "madang_bid"
BROWSER_COOKIE_SALT = "madang.pages.browser"
BROWSER_COOKIE_AGE = 60 * 60 * 24 * 365


def _browser_id(request) -> tuple[str, bool]:
    """The signed random browser id from the cookie, or a new one (True when new)."""
    raw = request.get_signed_cookie(BROWSER_COOKIE, default=None, salt=BROWSER_COOKIE_SALT)
    if raw:
        return raw, False
    return secrets.token_urlsafe(24), True


def _set_browser_cookie(response, browser_id: str) -> None:
    response.set_signed_cookie(
        BROWSER_COOKIE,
        browser_id,
        salt=BROWSER_COOKIE_SALT,
        max_age=BROWSER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=False,
    )


@csrf_exempt
@require_POST
def page_feedback(request, page_id: int):
    """ "이 페이지에서 제공하는 정보에 대하여 만족하십니까?" (조례 제3조②): works as a plain form
    (POST, redirect, thank-you message) and with htmx (the widget is swapped in place).

    The form sits on cached pages, so it carries no CSRF token: the Origin (or Referer) check
    and the service's rate limits stand in for it (docs/decisions/0011)."""
    if not same_origin_post(request):
        return HttpResponseForbidden(
            _(
                "다른 누리집에서 보낸 평가는 받지 않습니다. "
                "이 누리집의 페이지에서 다시 평가해 주세요."
            ),
            content_type="text/plain; charset=utf-8",
        )
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    is_htmx = request.headers.get("HX-Request") == "true"
    form = PageFeedbackForm(request.POST)
    browser_id, new_id = _browser_id(request)
    status = 200
    done = False
    error = None
    if form.is_valid():
        try:
            page_feedback_submit(
                page=page,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                browser_id=browser_id,
                ip_address=client_ip_from_request(request),
            )
            done = True
        except FeedbackRejected as exc:
            error = exc.message
            done = exc.code == "duplicate"
            status = 429 if exc.code == "rate" else 200
    if is_htmx or not (done or error):
        response = render(
            request,
            "pages/includes/page_feedback.html" if is_htmx else "pages/page_feedback_form.html",
            {
                "page": page,
                "feedback_form": form,
                "feedback_done": done and not error,
                "feedback_error": error,
            },
            status=status if is_htmx else 400,
        )
    else:
        if error:
            messages.warning(request, error)
        else:
            messages.success(
                request, _("소중한 의견 감사합니다. 더 나은 누리집을 만드는 데 쓰겠습니다.")
            )
        target = page.get_url(request) or "/"
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        response = HttpResponseRedirect(target + "#page-feedback")
    if new_id:
        _set_browser_cookie(response, browser_id)
    return response


def site_feedback_serve(request, *, page):
    """The /feedback/ page: a message to the homepage operating department (제3조②)."""
    form = SiteFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        site_feedback_submit(message=form.cleaned_data["message"], department=page.owner_department)
        messages.success(request, _("의견이 접수되었습니다. 담당부서에서 검토하겠습니다."))
        return HttpResponseRedirect(page.url)
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(
        request, page.get_template(request), context, status=400 if form.errors else 200
    )
