"""Template helpers of the citizen's 민원 page (complaints/detail.html), which two views render
(`views.complaint_detail` and `handling.citizen_views.supplement_reply`)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from madang.privacy.masking import mask_personal_data

from ..handling.citizen_views import upload_limits

register = template.Library()


@register.simple_tag(takes_context=True)
def citizen_files(context, complaint) -> list[dict]:
    """The 민원's files for its citizen: name, size, when, whether sent with a 보완, and a
    download link for the signed-in account that filed it. A guest (link in a notice) sees
    the names masked and no link (ADR 0013: the link may be forwarded, the computer shared)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    owner = bool(user is not None and user.is_authenticated and complaint.citizen_id == user.pk)
    files = []
    for attachment in complaint.attachments.order_by("created_at", "pk"):
        files.append(
            {
                "name": attachment.original_name
                if owner
                else mask_personal_data(attachment.original_name),
                "size": attachment.size,
                "at": attachment.created_at,
                "supplement": attachment.is_supplement,
                "url": reverse(
                    "complaints:attachment", args=[complaint.receipt_number, attachment.pk]
                )
                if owner
                else "",
            }
        )
    return files


@register.simple_tag
def supplement_upload_limits() -> dict:
    return upload_limits()
