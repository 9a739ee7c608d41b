from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class MadangImage(AbstractImage):
    """Wagtail image with the alternative text KWCAG 5.1.1 requires and its licence.

    Swapped in from the first migration because Wagtail cannot change its image model later.
    """

    alt_text = models.CharField(
        _("대체 텍스트"),
        max_length=255,
        blank=True,
        help_text=_("화면낭독기로 읽을 설명입니다(KWCAG 5.1.1). 장식용 이미지라면 비워 두세요."),
    )
    source = models.CharField(_("출처"), max_length=255, blank=True)
    kogl_type = models.PositiveSmallIntegerField(
        _("공공누리 유형"),
        null=True,
        blank=True,
        choices=[(1, _("제1유형")), (2, _("제2유형")), (3, _("제3유형")), (4, _("제4유형"))],
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "source", "kogl_type")

    class Meta(AbstractImage.Meta):
        verbose_name = _("이미지")
        verbose_name_plural = _("이미지")


class MadangRendition(AbstractRendition):
    image = models.ForeignKey(MadangImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class MadangDocument(AbstractDocument):
    """Wagtail document with the 공공누리 type and the owning department's note."""

    description = models.TextField(_("설명"), blank=True)
    kogl_type = models.PositiveSmallIntegerField(
        _("공공누리 유형"),
        null=True,
        blank=True,
        choices=[(1, _("제1유형")), (2, _("제2유형")), (3, _("제3유형")), (4, _("제4유형"))],
    )

    admin_form_fields = (*Document.admin_form_fields, "description", "kogl_type")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("문서")
        verbose_name_plural = _("문서")
