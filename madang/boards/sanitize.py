"""The safe rich-text subset of a board post, sanitised with nh3 (Ammonia)."""

import html

import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote",
    "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_body(raw: str) -> str:
    """Text with no markup becomes paragraphs; markup is cut down to the safe subset.

    Links get rel="noopener noreferrer nofollow ugc" so a post cannot lend the district's
    reputation to a spammer's site (제8조 제5호).
    """
    raw = (raw or "").strip()
    if "<" not in raw:
        return linebreaks(escape(raw))
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
    ).strip()


def body_to_text(body_html: str) -> str:
    """Plain text of sanitised HTML, for screening, search and e-mails."""
    spaced = body_html.replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    return html.unescape(nh3.clean(spaced, tags=set())).strip()
