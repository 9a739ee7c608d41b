"""Display preferences: text size and high contrast that persist (조례 제5조①6, KWCAG 2.2 5.4.3).

The choice is kept in one cookie (`settings.MADANG_DISPLAY_PREFERENCE_COOKIE`) and the server
writes it onto `<html>` (`data-text-size`, `data-krds-mode="high-contrast"`), so the setting
holds on the first paint and without JavaScript. A full-page cache must therefore key anonymous
responses on this cookie's value (madang.pages.display.preference_from_request gives the
normalised value to use).

The setting form is a plain form: POST, cookie set, redirect back to the page the reader came
from. It carries no CSRF token because it is reached from cached pages and changes nothing but
how this browser shows the site; a cross-site POST is refused by its Origin header instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

TEXT_SIZES = [
    ("sm", _("작게")),
    ("md", pgettext_lazy("text size", "보통")),
    ("lg", _("조금 크게")),
    ("xlg", _("크게")),
    ("xxlg", _("가장 크게")),
]
CONTRASTS = [
    ("default", _("기본 화면")),
    ("high", _("고대비 화면(검은 바탕에 밝은 글자)")),
]
DEFAULT_TEXT_SIZE = "md"
DEFAULT_CONTRAST = "default"
COOKIE_AGE = 60 * 60 * 24 * 365


def cookie_name() -> str:
    return getattr(settings, "MADANG_DISPLAY_PREFERENCE_COOKIE", "madang_display")


@dataclass(frozen=True)
class DisplayPreference:
    text_size: str = DEFAULT_TEXT_SIZE
    contrast: str = DEFAULT_CONTRAST

    @property
    def high_contrast(self) -> bool:
        return self.contrast == "high"

    @property
    def is_default(self) -> bool:
        return self.text_size == DEFAULT_TEXT_SIZE and self.contrast == DEFAULT_CONTRAST

    def cookie_value(self) -> str:
        """`<size>.<contrast>`, e.g. `lg.high`: short, and legal in a cookie without quoting."""
        return f"{self.text_size}.{self.contrast}"

    @classmethod
    def parse(cls, raw: str | None) -> DisplayPreference:
        """The preference in a cookie value; anything unknown falls back to the default."""
        size, _sep, contrast = (raw or "").partition(".")
        if size not in dict(TEXT_SIZES):
            size = DEFAULT_TEXT_SIZE
        if contrast not in dict(CONTRASTS):
            contrast = DEFAULT_CONTRAST
        return cls(text_size=size, contrast=contrast)


def preference_from_request(request) -> DisplayPreference:
    """The reader's display preference (the default when there is no request or cookie)."""
    if request is None:
        return DisplayPreference()
    return DisplayPreference.parse(request.COOKIES.get(cookie_name()))


class DisplayPreferenceForm(forms.Form):
    text_size = forms.ChoiceField(
        label=_("글자 크기"),
        choices=TEXT_SIZES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("글자 크기를 하나 고르세요."),
            "invalid_choice": _("글자 크기를 목록에서 하나 고르세요."),
        },
    )
    contrast = forms.ChoiceField(
        label=_("화면 대비"),
        choices=CONTRASTS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("화면 대비를 하나 고르세요."),
            "invalid_choice": _("화면 대비를 목록에서 하나 고르세요."),
        },
    )


def _safe_next(request, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _cross_site(request) -> bool:
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return False
    return urlsplit(origin).netloc != request.get_host()


@csrf_exempt
@require_http_methods(["GET", "POST"])
def display_settings(request):
    """화면 설정: choose the text size and contrast; saved in a cookie for a year."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    current = preference_from_request(request)
    if request.method == "POST":
        if _cross_site(request):
            return HttpResponseForbidden()
        if "reset" in request.POST:
            form = None
            chosen = DisplayPreference()
        else:
            form = DisplayPreferenceForm(request.POST)
            chosen = (
                DisplayPreference(
                    text_size=form.cleaned_data["text_size"],
                    contrast=form.cleaned_data["contrast"],
                )
                if form.is_valid()
                else None
            )
        if chosen is not None:
            target = next_url or f"{reverse('display_settings')}?saved=1"
            response = HttpResponseRedirect(target)
            if chosen.is_default:
                response.delete_cookie(cookie_name(), samesite="Lax")
            else:
                response.set_cookie(
                    cookie_name(),
                    chosen.cookie_value(),
                    max_age=COOKIE_AGE,
                    samesite="Lax",
                    secure=request.is_secure(),
                    httponly=False,  # madang.js updates it when the reader uses the header menu
                )
            return response
    else:
        form = DisplayPreferenceForm(
            initial={"text_size": current.text_size, "contrast": current.contrast}
        )
    return render(
        request,
        "pages/display_settings.html",
        {
            "form": form,
            "next_url": next_url,
            "saved": request.GET.get("saved") == "1",
            "current": current,
        },
        status=400 if form is not None and form.errors else 200,
    )
