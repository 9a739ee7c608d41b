from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable page in the site search's own index (derived data, rebuilt at will).

    Written only by madang.search.services. `title_tokens`/`body_tokens` hold the analysed terms
    (madang.search.analysis); full-text matching over them is database-specific and lives in
    migrations 0002: a generated tsvector column with a GIN index on PostgreSQL, an FTS5 table
    kept in step by triggers on SQLite.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("콘텐츠 유형"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("대상 번호"))
    locale = models.CharField(_("언어"), max_length=16, db_index=True)
    title = models.CharField(_("제목"), max_length=255)
    url = models.CharField(_("주소"), max_length=500)
    body = models.TextField(_("본문"), blank=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("담당부서"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    doc_type = models.CharField(_("문서 유형"), max_length=100, db_index=True)
    published_at = models.DateTimeField(_("게시일"), null=True, blank=True)
    title_tokens = models.TextField(_("제목 색인어"), blank=True)
    body_tokens = models.TextField(_("본문 색인어"), blank=True)
    indexed_at = models.DateTimeField(_("색인 시각"), auto_now=True)

    class Meta:
        verbose_name = _("검색 문서")
        verbose_name_plural = _("검색 문서")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]

    def __str__(self) -> str:
        return self.title
