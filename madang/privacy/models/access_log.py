from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class PIIAccessAction(models.TextChoices):
    """The tasks 개인정보의 안전성 확보조치 기준 제2조 lists for an access record (수행업무)."""

    VIEW = "view", _("조회")
    UPDATE = "update", _("수정")
    DELETE = "delete", _("삭제")
    DOWNLOAD = "download", _("다운로드")
    EXPORT = "export", _("내보내기")


class PIIAccessLogImmutable(Exception):
    """Raised on any attempt to change or remove an access record outside the retention prune."""


class PIIAccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PIIAccessLogImmutable(_("개인정보 접속기록은 수정할 수 없습니다."))

    def delete(self):
        raise PIIAccessLogImmutable(_("개인정보 접속기록은 삭제할 수 없습니다."))

    def _retention_prune_delete(self) -> int:
        # Only madang.privacy.access_log.prune_before calls this, under the chain-head lock and
        # with the PostgreSQL session variable that the trigger checks.
        return models.QuerySet.delete(self)[0]


class PIIAccessLog(models.Model):
    """One staff access to a citizen's personal data (개인정보의 안전성 확보조치 기준 제8조).

    Records the fields 제2조 requires — account, date and time, place of access (IP), the data
    subject and the task performed — plus the stated reason and the object touched. The subject
    is shown masked (홍*동), never in the clear.

    Kept PII_ACCESS_LOG_RETENTION_DAYS (two years: 제8조① 단서) and protected against tampering
    (제8조②): each row carries the SHA-256 of its canonical content and of the row before
    (a hash chain checked by `manage.py verify_pii_access_log`); the model refuses updates and
    deletes; on PostgreSQL a trigger refuses UPDATE, and DELETE except the retention prune of rows
    older than the cutoff it announces (migration 0002).
    """

    seq = models.PositiveBigIntegerField(_("순번"), unique=True, editable=False)
    created_at = models.DateTimeField(_("접속 일시"), db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("처리자 계정"),
        null=True,
        blank=True,
        # DO_NOTHING without a constraint: deleting an account must not rewrite (or be blocked
        # by) a hashed, append-only row; the id stays as it was recorded.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    actor_repr = models.CharField(_("처리자 계정 표시"), max_length=150)
    ip_address = models.CharField(_("접속지(IP)"), max_length=45, blank=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("정보주체"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    subject_display = models.CharField(_("정보주체 표시(마스킹)"), max_length=150, blank=True)
    action = models.CharField(
        _("수행업무"), max_length=16, choices=PIIAccessAction.choices, db_index=True
    )
    reason = models.CharField(_("사유"), max_length=500, blank=True)
    object_type = models.CharField(_("대상 유형"), max_length=100, blank=True)
    object_id = models.CharField(_("대상 ID"), max_length=64, blank=True)
    prev_hash = models.CharField(_("이전 기록 해시"), max_length=64, editable=False)
    entry_hash = models.CharField(_("기록 해시"), max_length=64, unique=True, editable=False)

    objects = PIIAccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("개인정보 접속기록")
        verbose_name_plural = _("개인정보 접속기록")
        ordering = ["-seq"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["actor", "created_at"], name="privacy_pii_actor_time"),
            models.Index(fields=["subject_user", "created_at"], name="privacy_pii_subject_time"),
        ]

    def __str__(self) -> str:
        return (
            f"#{self.seq} {self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} "
            f"{self.get_action_display()} {self.subject_display}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PIIAccessLogImmutable(_("개인정보 접속기록은 수정할 수 없습니다."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PIIAccessLogImmutable(_("개인정보 접속기록은 삭제할 수 없습니다."))


class PIIAccessLogHead(models.Model):
    """The single row that serialises appends to the access-log chain and remembers where it
    ends and where the retention prune cut it.

    `last_seq`/`last_hash` let verification notice rows removed from the end; `pruned_*` is the
    checkpoint from which the retained rows are verified after old ones were deleted.
    """

    last_seq = models.PositiveBigIntegerField(_("마지막 순번"), default=0)
    last_hash = models.CharField(_("마지막 해시"), max_length=64, default=GENESIS_HASH)
    pruned_through_seq = models.PositiveBigIntegerField(_("파기한 마지막 순번"), default=0)
    pruned_last_hash = models.CharField(
        _("파기한 마지막 기록의 해시"), max_length=64, default=GENESIS_HASH
    )
    pruned_at = models.DateTimeField(_("마지막 파기 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("개인정보 접속기록 체인 상태")
        verbose_name_plural = _("개인정보 접속기록 체인 상태")
        default_permissions = ()

    def __str__(self) -> str:
        return f"head seq={self.last_seq} pruned<={self.pruned_through_seq}"
