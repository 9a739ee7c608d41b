from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyRotationProgress(models.Model):
    """How far `manage.py rotate_encryption_keys` has got with one column for one target key.

    Updated in the same transaction as each batch, so an interrupted run resumes after the last
    committed primary key instead of starting over (조례 제22조②: keys are rotated, data kept).
    """

    key_id = models.CharField(_("대상 키"), max_length=16)
    model_label = models.CharField(_("모델"), max_length=200)
    field_name = models.CharField(_("필드"), max_length=100)
    last_pk = models.CharField(_("마지막 처리 기본키"), max_length=64, blank=True)
    reencrypted = models.PositiveBigIntegerField(_("다시 암호화한 값"), default=0)
    finished_at = models.DateTimeField(_("완료 일시"), null=True, blank=True)
    updated_at = models.DateTimeField(_("갱신 일시"), auto_now=True)

    class Meta:
        verbose_name = _("암호화 키 교체 진행 상황")
        verbose_name_plural = _("암호화 키 교체 진행 상황")
        constraints = [
            models.UniqueConstraint(
                fields=["key_id", "model_label", "field_name"], name="privacy_rotation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key_id} {self.model_label}.{self.field_name} > {self.last_pk or '-'}"
