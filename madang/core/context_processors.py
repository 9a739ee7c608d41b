from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation


def _page_path(slug: str) -> str:
    """The URL of a page directly under the home page, in the active language."""
    try:
        return reverse("wagtail_serve", args=[f"{slug}/"])
    except NoReverseMatch:
        return f"/{slug}/"


def site_chrome(request):
    """Values every page template needs for the KRDS masthead, header and footer.

    No database access here: 404 pages and error paths render with this too.
    """
    sign_in_url = reverse("account_login")
    return {
        "MADANG_DISTRICT_NAME": settings.MADANG_DISTRICT_NAME,
        "MADANG_LANGUAGES": settings.LANGUAGES,
        "MADANG_LANGUAGE": (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0],
        # Citizens sign in through allauth's page (staff use /admin/login/, linked from there).
        "MADANG_SIGN_IN_URL": getattr(settings, "MADANG_SIGN_IN_URL", None) or sign_in_url,
        # In the active language, so an English visitor's header search stays in English.
        "MADANG_SEARCH_URL": reverse("search:index"),
        # Statutory footer pages, kept as ordinary pages under the home page (editors write them).
        "MADANG_PRIVACY_POLICY_URL": _page_path("privacy-policy"),
        "MADANG_COPYRIGHT_POLICY_URL": _page_path("copyright-policy"),
        "MADANG_EMAIL_REFUSAL_URL": _page_path("email-refusal"),
    }
