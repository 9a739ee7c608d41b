"""Verify the PII access log's hash chain (안전성 확보조치 기준 제8조②: access records are kept
safe from alteration). Prints the first broken row and exits non-zero when the chain is broken."""

from django.core.management.base import BaseCommand, CommandError

from madang.privacy.access_log import verify_chain
from madang.privacy.models import PIIAccessLog


class Command(BaseCommand):
    help = "Verify the hash chain of the PII access log; exit non-zero at the first broken row."

    def handle(self, *args, **options):
        result = verify_chain()
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"OK: {result.checked} access records verified; chain head "
                    f"#{result.head_seq} {result.head_hash}"
                )
            )
            self.stdout.write("Record the head hash in the monthly review to anchor the chain.")
            return
        row = PIIAccessLog.objects.filter(seq=result.broken_seq).first()
        if row is not None:
            self.stderr.write(
                f"first broken row: #{row.seq} id={row.pk} {row.created_at.isoformat()} "
                f"{row.actor_repr} {row.action} {row.subject_display}"
            )
        raise CommandError(
            f"PII access log chain is broken at #{result.broken_seq}: {result.message} "
            f"({result.checked} records verified before it)"
        )
