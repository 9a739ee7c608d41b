from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJobRun(models.Model):
    """One enqueued time slot of a periodic job; the unique pair stops double enqueueing when
    several scheduler processes run (madang.core.scheduling)."""

    job_name = models.CharField(_("작업"), max_length=200)
    slot = models.DateTimeField(_("예정 시각"))
    enqueued_at = models.DateTimeField(_("등록 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("정기 작업 실행")
        verbose_name_plural = _("정기 작업 실행")
        constraints = [
            models.UniqueConstraint(fields=["job_name", "slot"], name="periodic_job_run_once")
        ]
        ordering = ["-slot"]

    def __str__(self) -> str:
        return f"{self.job_name} @ {self.slot:%Y-%m-%d %H:%M}"
