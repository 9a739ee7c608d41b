from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogImmutable(_("감사 기록은 수정할 수 없습니다."))

    def delete(self):
        raise AuditLogImmutable(_("감사 기록은 삭제할 수 없습니다."))


class AuditLogImmutable(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditLog(models.Model):
    """One change of state, written by the service that made it in the same transaction.

    Append-only: the model refuses updates and deletes, the admin offers only a read-only list,
    the API only reads, and on PostgreSQL a trigger refuses UPDATE and DELETE outright
    (migration 0002), so not even a raw query can rewrite history (ordinance 제23조).
    """

    created_at = models.DateTimeField(_("일시"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("행위자"),
        null=True,
        blank=True,
        # The row outlives the account: deleting a user must never rewrite history, so no
        # cascade and no SET NULL; actor_repr keeps the name that acted.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    actor_repr = models.CharField(_("행위자 표시"), max_length=255, blank=True)
    action = models.CharField(_("행위"), max_length=100, db_index=True)
    object_type = models.CharField(_("대상 유형"), max_length=100, db_index=True)
    object_id = models.CharField(_("대상 ID"), max_length=64, db_index=True, blank=True)
    object_repr = models.CharField(_("대상 표시"), max_length=255, blank=True)
    changes = models.JSONField(_("변경 내용"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 주소"), null=True, blank=True)

    objects = AuditLogQuerySet.as_manager()
    # Audit rows are never referenced by content; indexing them would queue a task per row.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("감사 기록")
        verbose_name_plural = _("감사 기록")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.object_repr}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogImmutable(_("감사 기록은 수정할 수 없습니다."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogImmutable(_("감사 기록은 삭제할 수 없습니다."))
