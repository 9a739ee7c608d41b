"""The daily 중간 통지 job (시행령 제23조)."""

from datetime import time

from django_tasks import task

from madang.core.scheduling import periodic


@periodic(daily_at=time(9, 5))
@task(queue_name="maintenance")
def send_progress_notices() -> int:
    """Tell every citizen whose 민원 has been open 30일 (again every 30일) how it stands."""
    from .clock_services import progress_notices_send

    return progress_notices_send()
