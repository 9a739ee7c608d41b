"""GeoReport v2 output in XML and JSON.

XML: UTF-8 with the declaration, no namespace, the spec's root and item elements
(<services><service>, <service_definition>, <service_requests><request>, <errors><error>,
<discovery>). JSON follows the Spark convention the spec names: a repeated element becomes an
array, so the JSON of <services><service>… is a list of objects.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
FORMATS = ("xml", "json")

# The element name of one item of each list (Spark: <services><service/>…</services>).
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}

# Characters XML 1.0 cannot carry at all (not even escaped).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def w3_datetime(value: datetime | None) -> str | None:
    """ISO 8601 with the UTC offset, in Asia/Seoul: 2026-12-02T10:30:00+09:00."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return _XML_ILLEGAL.sub("", str(value))


def _element(parent: ET.Element, tag: str, value) -> None:
    node = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for key, child in value.items():
            _element(node, key, child)
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[tag]
        for item in value:
            _element(node, item_tag, item)
    else:
        node.text = _text(value)


def to_xml(root: str, value) -> bytes:
    """`value` is a list (of the root's items) or a dict (the root's children)."""
    element = ET.Element(root)
    if isinstance(value, list):
        for item in value:
            _element(element, ITEM_TAGS[root], item)
    else:
        for key, child in value.items():
            _element(element, key, child)
    body = ET.tostring(element, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value))


def to_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=_json_default).encode("utf-8")


def respond(fmt: str, root: str, value, *, status: int = 200) -> HttpResponse:
    """A response in `fmt` (xml unless json was asked for: XML is the required format)."""
    if fmt == "json":
        return HttpResponse(to_json(value), content_type=JSON_TYPE, status=status)
    return HttpResponse(to_xml(root, value), content_type=XML_TYPE, status=status)


def errors_response(fmt: str, status: int, descriptions: list[str]) -> HttpResponse:
    """GeoReport errors: an array of {code, description}; code is the HTTP status."""
    body = [{"code": status, "description": d} for d in descriptions]
    return respond(fmt, "errors", body, status=status)
