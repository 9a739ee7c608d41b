import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from madang.core.scheduling import enqueue_due_jobs, registered_jobs


class Command(BaseCommand):
    help = (
        "Enqueue Madang's periodic jobs when they are due. Run it continuously beside the "
        "task workers (`manage.py db_worker`), or from cron with --once every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="check once and exit")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between checks")
        parser.add_argument("--list", action="store_true", help="list the registered jobs")

    def handle(self, *args, once, interval, list, **options):
        if list:
            for job in registered_jobs().values():
                when = f"daily at {job.daily_at:%H:%M}" if job.daily_at else f"every {job.every}"
                self.stdout.write(f"{job.name}  {when}")
            return
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running:
            for name in enqueue_due_jobs():
                self.stdout.write(f"enqueued {name}")
            if once:
                break
            time.sleep(interval)
            # A long-lived process must not hold a connection the database has dropped.
            close_old_connections()
