"""Full-page cache of public pages for anonymous readers (issue #4 item 14, docs/decisions/0011).

How it works:

* `PageCacheMiddleware` sits right after SecurityMiddleware and WhiteNoise, before sessions,
  authentication and everything else. For a request that could be anonymous (GET or HEAD, no
  session or messages cookie, no Authorization header, not an htmx partial) it fetches, in one
  cache round trip, the current *generation* and the stored entry for (scheme, host, language,
  path, allowed query parameters). A stored entry of the current generation is answered at once:
  no session, user, database or template work.
* On a miss the request goes down the whole chain as usual. The response is stored only when the
  view opted in (`mark_cacheable(request)`: every Wagtail page through the `before_serve_page`
  hook, feeds, sitemap, robots.txt) **and** nothing personal went into it: status 200, no
  signed-in user, no message shown, no CSRF token used, no cookie set, no ``Cache-Control:
  private/no-store``.
* Invalidation bumps the generation (`page_cache_invalidate()`), which makes every stored entry
  stale at once; madang.pages.cache wires it to page publish/unpublish/move/delete and to the
  models that appear on every page. Entries also expire after MADANG_PAGE_CACHE_SECONDS.

Settings: MADANG_PAGE_CACHE_SECONDS (0 turns the cache off), MADANG_PAGE_CACHE_QUERY_PARAMS (the
query parameters a cached page may vary on; any other parameter skips the cache, so random query
strings cannot fill it), MADANG_PAGE_CACHE_VARIANTS (dotted paths of functions `f(request) -> str`
giving a *normalised* value the server renders into every page, such as the reader's text size
and contrast; each value gets its own entry), MADANG_PAGE_CACHE_ALIAS (the Django cache).
"""

from __future__ import annotations

import hashlib
import time
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation
from django.utils.module_loading import import_string

GENERATION_KEY = "madang:pagecache:generation"
ENTRY_PREFIX = "madang:pagecache:entry:"
CACHE_HEADER = "X-Madang-Cache"
_CACHEABLE_ATTR = "_madang_page_cacheable"
_TAGS_ATTR = "_madang_page_cache_tags"
TAG_PREFIX = "madang:pagecache:tag:"
# Headers that belong to one reader's response, never to a stored copy.
_PRIVATE_HEADERS = frozenset({"set-cookie", CACHE_HEADER.lower()})


def _cache():
    return caches[getattr(settings, "MADANG_PAGE_CACHE_ALIAS", "default")]


def cache_seconds() -> int:
    return int(getattr(settings, "MADANG_PAGE_CACHE_SECONDS", 0))


def mark_cacheable(request, *, tags: tuple[str, ...] = ()) -> None:
    """Say that this view's response is the same for every anonymous reader of this URL.

    The middleware still refuses to store it when the response turns out personal (a signed-in
    user, a message, a CSRF token, a cookie). `tags` name what the page shows (for example
    ``"boards:board:free"``): `page_cache_invalidate_tag()` makes just the pages with that tag
    stale, at the cost of one more cache read on a hit. Call it before the view reads what the tags
    stand for: the tags' values are taken now, so a change committed while the page renders
    leaves the stored copy stale rather than wrong."""
    setattr(request, _CACHEABLE_ATTR, True)
    if tags and cache_seconds() > 0:
        setattr(request, _TAGS_ATTR, _tag_versions(_cache(), tags))


def mark_uncacheable(request) -> None:
    """Take back `mark_cacheable` (the view found out the page is not the same for everyone)."""
    setattr(request, _CACHEABLE_ATTR, False)


def page_cache_invalidate() -> None:
    """Make every cached page stale (after publishing, or a change shown on every page).

    A new generation value rather than a counter increment: it works the same on every cache
    backend, also when the key has expired or was evicted."""
    _cache().set(GENERATION_KEY, f"{time.time_ns():x}", None)


def page_cache_invalidate_tag(tag: str) -> None:
    """Make stale only the cached pages marked with `tag` (a new value for the tag's key)."""
    _cache().set(TAG_PREFIX + tag, f"{time.time_ns():x}", None)


def _tag_versions(cache, tags) -> dict[str, str]:
    """The current value of each tag, starting the missing ones (as for the generation)."""
    keys = [TAG_PREFIX + tag for tag in tags]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, f"{time.time_ns():x}", None)
            found[key] = cache.get(key)
    return found


def _private_request(request) -> bool:
    """True when the request may carry someone's identity or one-time state."""
    if request.method not in ("GET", "HEAD"):
        return True
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return True
    return bool("HTTP_AUTHORIZATION" in request.META or request.headers.get("HX-Request"))


@lru_cache(maxsize=4)
def _variant_functions(paths: tuple[str, ...]):
    return tuple(import_string(path) for path in paths)


def _variants():
    return _variant_functions(tuple(getattr(settings, "MADANG_PAGE_CACHE_VARIANTS", ())))


def _cache_key(request) -> str | None:
    """The entry key for this request, or None when its query string is not cacheable."""
    query = ""
    if request.META.get("QUERY_STRING"):
        allowed = getattr(settings, "MADANG_PAGE_CACHE_QUERY_PARAMS", ())
        pairs = parse_qsl(request.META["QUERY_STRING"], keep_blank_values=True)
        if any(name not in allowed for name, _ in pairs):
            return None
        query = urlencode(sorted(pairs))
    path = request.path
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    vary = [variant(request) for variant in _variants()]
    try:
        host = request.get_host()
    except DisallowedHost:  # the normal chain answers 400
        return None
    raw = "\n".join([request.scheme, host.lower(), language, path, query, *vary])
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request, response) -> bool:
    if not getattr(request, _CACHEABLE_ATTR, False) or response.status_code != 200:
        return False
    # A cookie set means something personal; this includes the CSRF cookie, which Django's
    # middleware (re)sets whenever a template or view asked for a token.
    if response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a token asked for after the middleware
        return False
    user = getattr(request, "user", None)
    # Only look when something already loaded the user: the request had no session cookie.
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and len(storage))


class PageCacheMiddleware:
    """Serve and store anonymous public pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if seconds <= 0 or _private_request(request):
            return self.get_response(request)
        key = _cache_key(request)
        if key is None:
            return self.get_response(request)
        cache = _cache()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # First request after a flush: start a generation so later hits can be checked.
            page_cache_invalidate()
            generation = cache.get(GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            # A tagged entry (5th item: the tags' values when stored) is fresh while they are.
            tags = [k[len(TAG_PREFIX) :] for k in entry[4]] if len(entry) > 4 else []
            if not tags or _tag_versions(cache, tags) == entry[4]:
                return _response_from(entry, head=request.method == "HEAD")

        response = self.get_response(request)
        if _storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _PRIVATE_HEADERS]
            stored = (generation, response.status_code, headers, response.content)
            tag_values = getattr(request, _TAGS_ATTR, None)
            if tag_values:
                stored = (*stored, tag_values)
            cache.set(key, stored, seconds)
            response[CACHE_HEADER] = "miss"
        return response


def _response_from(entry, *, head: bool) -> HttpResponse:
    _generation, status, headers, content = entry[:4]
    response = HttpResponse(b"" if head else content, status=status)
    for name, value in headers:
        response[name] = value
    if head:
        response["Content-Length"] = str(len(content))
    response[CACHE_HEADER] = "hit"
    return response


def same_origin_post(request) -> bool:
    """True when a POST comes from a page of this site (Origin, else Referer, must match).

    For forms on cached pages, which carry no CSRF token (docs/decisions/0011): browsers send
    Origin with every cross-origin POST ("null" from sandboxed or privacy-stripped contexts), so
    a form on another site is refused. A request with neither header did not come from a
    browser tricked by another site (the attack CSRF protection is about); rate limits deal
    with scripts. CSRF_TRUSTED_ORIGINS count as this site, as in Django's own check."""
    from urllib.parse import urlsplit

    try:
        here = f"{request.scheme}://{request.get_host()}".lower()
    except DisallowedHost:
        return False
    trusted = {here, *(o.lower().rstrip("/") for o in settings.CSRF_TRUSTED_ORIGINS)}
    origin = request.headers.get("Origin")
    if origin is None:
        referer = request.headers.get("Referer")
        if not referer:
            return True
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return origin.lower().rstrip("/") in trusted
