"""Periodic jobs of the privacy app."""

from datetime import time

from django_tasks import task

from madang.core.scheduling import periodic


@periodic(daily_at=time(3, 40))
@task(queue_name="maintenance")
def prune_pii_access_log() -> int:
    """Delete PII access records past PII_ACCESS_LOG_RETENTION_DAYS (안전성 확보조치 기준
    제8조①: kept two years, then destroyed without delay under 개인정보 보호법 제21조). Idempotent:
    a second run the same day finds nothing older than the cutoff."""
    from .services import pii_access_log_prune

    return pii_access_log_prune().deleted
