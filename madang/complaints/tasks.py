"""Periodic jobs of the 전자민원창구."""

from datetime import time

from django_tasks import task

from madang.core.scheduling import periodic


@periodic(daily_at=time(3, 50))
@task(queue_name="maintenance")
def purge_abandoned_drafts() -> int:
    """Delete filing drafts (and their files) nobody confirmed within
    COMPLAINT_DRAFT_RETENTION_DAYS (개인정보 보호법 제21조①). Idempotent."""
    from .services import complaint_drafts_purge_abandoned

    return complaint_drafts_purge_abandoned()
