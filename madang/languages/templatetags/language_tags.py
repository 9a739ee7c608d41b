"""The foreign-language site shown at the foot of that language's pages (조례 제6조③), and the
institution's name in the reader's language (<title>, header, footer, og:site_name)."""

from django import template

from ..selectors import institution_name_for_request, language_site_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def language_site(context):
    """The LanguageSite of the active language, or None on Korean pages (no query there, so
    the Korean pages' query budget does not change). One query per request, cached on it."""
    return language_site_for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def institution_name(context):
    """The institution's name for this page: the language site's own name on a foreign-language
    page ("Dongjak-gu Office, Seoul"), else the site's SiteIdentity name ("동작구청")."""
    return institution_name_for_request(context.get("request"))
