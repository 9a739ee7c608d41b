"""Build or refresh the list snapshot of every active board (or the boards named) so the first
reader after a deploy, a restart or a cache flush does not pay the rebuild (docs/operators)."""

import time

from django.core.management.base import BaseCommand, CommandError

from madang.boards import listing
from madang.boards.models import Board


class Command(BaseCommand):
    help = "Build or refresh the list snapshots of active boards ahead of readers."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these boards (default: every active)")

    def handle(self, *args, slugs, **options):
        boards = Board.objects.filter(is_active=True).order_by("sort_order", "pk")
        if slugs:
            boards = Board.objects.filter(slug__in=slugs).order_by("sort_order", "pk")
            missing = set(slugs) - {b.slug for b in boards}
            if missing:
                raise CommandError(f"no such board: {', '.join(sorted(missing))}")
        for board in boards:
            started = time.monotonic()
            state = listing.warm(board)
            ms = (time.monotonic() - started) * 1000
            self.stdout.write(f"{board.slug}: {state} ({ms:.0f} ms)")
