"""Pages imported from an old CMS, by their external id (issue #4 item 12)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class ImportedPage(models.Model):
    """Which page a record of `manage.py import_content` became, and what it looked like then.

    `content_hash` lets a re-run skip unchanged records; `attachments` maps each attachment's
    source (URL or path) to the document made from it, so a re-run fetches nothing twice. When
    an editor deletes the page, `page` becomes empty and the record is skipped from then on:
    an import never brings back what an editor removed."""

    external_id = models.CharField(_("외부 식별자"), max_length=200, unique=True)
    page = models.ForeignKey(
        Page,
        verbose_name=_("페이지"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_hash = models.CharField(_("내용 해시"), max_length=64)
    attachments = models.JSONField(_("첨부파일 출처"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("처음 가져온 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("마지막으로 가져온 일시"), auto_now=True)

    class Meta:
        verbose_name = _("가져온 페이지")
        verbose_name_plural = _("가져온 페이지")

    def __str__(self) -> str:
        return self.external_id
