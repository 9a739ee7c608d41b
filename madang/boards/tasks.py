"""Periodic board jobs."""

from datetime import time, timedelta

from django_tasks import task

from madang.core.scheduling import periodic


@periodic(daily_at=time(3, 40))
@task(queue_name="maintenance")
def purge_deleted_posts() -> int:
    """Erase deleted posts' text after BOARD_DELETED_RETENTION_DAYS (제8조, 개인정보법 제21조)."""
    from .services import posts_purge_expired

    return posts_purge_expired()


@periodic(every=timedelta(minutes=5))
@task(queue_name="maintenance")
def warm_board_lists() -> dict[str, str]:
    """Keep every active board's list snapshot built and rolled forward, so no reader pays the
    rebuild after the cache lost it (madang.boards.listing; docs/developers/boards.md)."""
    from .listing import warm_active_boards

    return warm_active_boards()
