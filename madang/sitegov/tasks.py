"""Periodic jobs of madang.sitegov."""

from datetime import time

from django_tasks import task

from madang.core.scheduling import periodic


@periodic(daily_at=time(0, 10))
@task(queue_name="maintenance")
def expire_contractors() -> int:
    """Nightly, just after midnight: withdraw the permissions of contracts that ended
    yesterday, give them back to contracts that start today (조례 제5조②, 제6조③)."""
    from .services import contractors_expire

    return contractors_expire()
