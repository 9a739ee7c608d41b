"""The foreign-language site shown at the foot of that language's pages (조례 제6조③)."""

from django import template
from django.conf import settings
from django.utils import translation

from ..selectors import language_site_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_site(context):
    """The LanguageSite of the active language, or None on Korean pages (no query there, so
    the Korean pages' query budget does not change). One query per request, cached on it."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code == settings.LANGUAGE_CODE:
        return None
    request = context.get("request")
    cached = getattr(request, "_madang_language_site", ()) if request is not None else ()
    if cached and cached[0] == code:
        return cached[1]
    site = language_site_for(language_code=code)
    if request is not None:
        request._madang_language_site = (code, site)
    return site
