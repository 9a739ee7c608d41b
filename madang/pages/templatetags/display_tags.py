"""`{% display_preference as display %}`: the reader's text size and contrast.

See madang.pages.display."""

from django import template

from ..display import cookie_name, preference_from_request

register = template.Library()


@register.simple_tag(takes_context=True)
def display_preference(context):
    return preference_from_request(context.get("request"))


@register.simple_tag
def display_cookie_name() -> str:
    return cookie_name()
