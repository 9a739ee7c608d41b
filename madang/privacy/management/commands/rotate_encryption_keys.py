"""Re-encrypt every encrypted column under the current key (조례 제22조②: keys are changed
without losing data).

Put the new key first in FIELD_ENCRYPTION_KEYS and keep the old ones after it, deploy, run this
command, and only then remove the old keys. For each model and encrypted field it walks the rows
in primary-key order, one transaction per batch with the batch's rows locked
(select_for_update), and records the last primary key done in KeyRotationProgress in that same
transaction. Interrupted, it resumes after the last committed batch; run again after finishing,
it scans from the start and skips every value already under the current key, so it is always
safe to repeat. Blind indexes do not change (they use BLIND_INDEX_KEY); after changing that key,
run with --rebuild-blind-indexes.
"""

from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from madang.privacy.crypto import DecryptionError, current_key_id, envelope_key_id
from madang.privacy.fields import BlindIndexField, encrypted_fields
from madang.privacy.models import KeyRotationProgress


def rotatable_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and encrypted_fields(m)
    ]


def rotate_batch(model, field, *, key_id: str, after_pk, batch_size: int, dry_run: bool):
    """Re-encrypt one batch; return (last primary key seen or None when done, Counter)."""
    stats: Counter = Counter()
    qs = model._base_manager.order_by("pk")
    if after_pk is not None:
        qs = qs.filter(pk__gt=after_pk)
    if not dry_run:
        qs = qs.select_for_update()
    rows = list(
        qs.annotate(_envelope=Cast(field.name, models.TextField())).values_list("pk", "_envelope")[
            :batch_size
        ]
    )
    if not rows:
        return None, stats
    for pk, envelope in rows:
        stats["scanned"] += 1
        if envelope is None or envelope == "":
            stats["empty"] += 1
            continue
        try:
            if envelope_key_id(envelope) == key_id:
                stats["current"] += 1
                continue
            plaintext = field.decrypt_envelope(envelope)
        except DecryptionError as exc:
            raise CommandError(
                f"{model._meta.label}.{field.name} pk={pk}: {exc} — nothing in this batch was "
                "changed; fix the key configuration and run again"
            ) from exc
        stats["reencrypted"] += 1
        if not dry_run:
            # update() runs the field's get_db_prep_save, which encrypts under the current key;
            # it touches neither updated_at nor the blind index, which stays valid.
            model._base_manager.filter(pk=pk).update(**{field.name: plaintext})
    return rows[-1][0], stats


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field under the first key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would change, change nothing"
        )
        parser.add_argument(
            "--restart", action="store_true", help="ignore saved progress and scan from the start"
        )
        parser.add_argument(
            "--rebuild-blind-indexes",
            action="store_true",
            help="also recompute every blind index (after BLIND_INDEX_KEY changed)",
        )

    def handle(self, *args, batch_size, dry_run, restart, rebuild_blind_indexes, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        key_id = current_key_id()
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(f"{prefix}current key: {key_id}")
        totals: Counter = Counter()
        for model in rotatable_models():
            for field in encrypted_fields(model):
                stats = self.rotate_column(model, field, key_id, batch_size, dry_run, restart)
                totals.update(stats)
                verb = "to re-encrypt" if dry_run else "re-encrypted"
                self.stdout.write(
                    f"{prefix}{model._meta.label}.{field.name}: scanned {stats['scanned']}, "
                    f"{verb} {stats['reencrypted']}, already current {stats['current']}, "
                    f"empty {stats['empty']}"
                )
        if rebuild_blind_indexes:
            totals["reindexed"] = self.rebuild_blind_indexes(batch_size, dry_run)
            self.stdout.write(f"{prefix}blind indexes changed: {totals['reindexed']}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}done: scanned {totals['scanned']}, "
                f"{'to re-encrypt' if dry_run else 're-encrypted'} {totals['reencrypted']}, "
                f"already current {totals['current']}, empty {totals['empty']}"
            )
        )

    def rotate_column(self, model, field, key_id, batch_size, dry_run, restart) -> Counter:
        label = model._meta.label
        progress = None
        after_pk = None
        if not dry_run:
            progress, _ = KeyRotationProgress.objects.get_or_create(
                key_id=key_id, model_label=label, field_name=field.name
            )
            if restart or progress.finished_at is not None:
                # A finished run is scanned again from the start: the keys may have been
                # reordered since, and skipping current values keeps a full pass cheap.
                progress.last_pk, progress.finished_at = "", None
                progress.save(update_fields=["last_pk", "finished_at", "updated_at"])
            elif progress.last_pk:
                after_pk = model._meta.pk.to_python(progress.last_pk)
                self.stdout.write(f"{label}.{field.name}: resuming after pk {after_pk}")
        totals: Counter = Counter()
        while True:
            with transaction.atomic():
                last, stats = rotate_batch(
                    model,
                    field,
                    key_id=key_id,
                    after_pk=after_pk,
                    batch_size=batch_size,
                    dry_run=dry_run,
                )
                if last is not None and progress is not None:
                    progress.last_pk = str(last)
                    progress.reencrypted += stats["reencrypted"]
                    progress.save(update_fields=["last_pk", "reencrypted", "updated_at"])
            totals.update(stats)
            if last is None:
                break
            after_pk = last
        if progress is not None:
            progress.finished_at = timezone.now()
            progress.save(update_fields=["finished_at", "updated_at"])
        return totals

    def rebuild_blind_indexes(self, batch_size: int, dry_run: bool) -> int:
        changed = 0
        for model in apps.get_models():
            index_fields = [
                f for f in model._meta.local_concrete_fields if isinstance(f, BlindIndexField)
            ]
            if not index_fields or model._meta.proxy or not model._meta.managed:
                continue
            after_pk = None
            while True:
                with transaction.atomic():
                    qs = model._base_manager.order_by("pk")
                    if after_pk is not None:
                        qs = qs.filter(pk__gt=after_pk)
                    if not dry_run:
                        qs = qs.select_for_update()
                    batch = list(qs[:batch_size])
                    for instance in batch:
                        updates = {}
                        for f in index_fields:
                            digest = f.digest(getattr(instance, f.source))
                            if digest != getattr(instance, f.attname):
                                updates[f.attname] = digest
                        if updates:
                            changed += 1
                            if not dry_run:
                                model._base_manager.filter(pk=instance.pk).update(**updates)
                if not batch:
                    break
                after_pk = batch[-1].pk
        return changed
