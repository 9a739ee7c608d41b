"""{% idle_config as idle %}: the idle time-out and warning, for accounts/idle/countdown.html."""

from django import template

from madang.accounts.idle import idle_config as _idle_config

register = template.Library()


@register.simple_tag
def idle_config() -> dict:
    return _idle_config()
