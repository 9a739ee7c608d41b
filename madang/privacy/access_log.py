"""The PII access log's hash chain: append, verify, prune (개인정보의 안전성 확보조치 기준 제8조).

Every row stores `prev_hash` (the entry_hash of the row before it, or of the last pruned row)
and `entry_hash` = SHA-256 over the canonical JSON of its fields including prev_hash. Appends
take a lock on the single PIIAccessLogHead row (select_for_update on PostgreSQL; SQLite's
IMMEDIATE transactions already serialise writers), so sequence numbers and links never fork.

Retention deletes a prefix of the chain. Before it deletes, the prune verifies that prefix (so
deletion cannot launder tampering) and stores the hash and sequence number of the last deleted
row in the head as a checkpoint; verification then starts from that checkpoint. The head also
holds the last sequence number and hash, so rows cut from the end are noticed too. Someone who
can rewrite the head and every later row can still forge a consistent chain: record the head
hash `verify_pii_access_log` prints somewhere else (the monthly review) to anchor it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone

from .models import PIIAccessLog, PIIAccessLogHead

HASHED_FIELDS = (
    "seq",
    "created_at",
    "actor_id",
    "actor_repr",
    "ip_address",
    "subject_user_id",
    "subject_display",
    "action",
    "reason",
    "object_type",
    "object_id",
    "prev_hash",
)
HEAD_PK = 1


class ChainBroken(Exception):
    def __init__(self, result: VerifyResult):
        self.result = result
        super().__init__(result.message)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    message: str = ""


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(entry: PIIAccessLog) -> bytes:
    """The bytes an entry's hash covers: its recorded fields, sorted keys, no whitespace."""
    data = {}
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        if name == "created_at":
            value = _timestamp(value)
        data[name] = value
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(entry: PIIAccessLog) -> str:
    return hashlib.sha256(canonical_json(entry)).hexdigest()


def _locked_head() -> PIIAccessLogHead:
    # Migration 0003 creates the head; get_or_create covers a database flushed by a test.
    PIIAccessLogHead.objects.get_or_create(pk=HEAD_PK)
    return PIIAccessLogHead.objects.select_for_update().get(pk=HEAD_PK)


def append_entries(entries: Iterable[PIIAccessLog]) -> list[PIIAccessLog]:
    """Chain and insert unsaved entries in order. Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("PII access log entries must be appended inside a transaction")
    head = _locked_head()
    saved = []
    for entry in entries:
        entry.seq = head.last_seq + 1
        entry.created_at = timezone.now()
        entry.prev_hash = head.last_hash
        entry.entry_hash = entry_hash(entry)
        entry.save(force_insert=True)
        head.last_seq, head.last_hash = entry.seq, entry.entry_hash
        saved.append(entry)
    if saved:
        PIIAccessLogHead.objects.filter(pk=HEAD_PK).update(
            last_seq=head.last_seq, last_hash=head.last_hash
        )
    return saved


def verify_chain(*, upto_seq: int | None = None, head: PIIAccessLogHead | None = None):
    """Walk the retained rows from the prune checkpoint; report the first broken one.

    With `upto_seq`, check only the rows up to it (the prune checks what it is about to delete)
    and skip the comparison with the head.
    """
    if head is None:
        head = PIIAccessLogHead.objects.filter(pk=HEAD_PK).first() or PIIAccessLogHead()
    expected_seq = head.pruned_through_seq + 1
    expected_prev = head.pruned_last_hash
    last_seq = upto_seq if upto_seq is not None else head.last_seq
    checked = 0

    def broken(seq, message):
        return VerifyResult(False, checked, head.last_seq, head.last_hash, seq, message)

    rows = PIIAccessLog.objects.filter(seq__lte=last_seq).order_by("seq")
    for row in rows.iterator(chunk_size=2000):
        if row.seq != expected_seq:
            if row.seq < expected_seq:
                return broken(row.seq, f"row #{row.seq} should have been pruned or is duplicated")
            return broken(
                row.seq,
                f"rows #{expected_seq}–#{row.seq - 1} are missing before row #{row.seq}",
            )
        if row.prev_hash != expected_prev:
            return broken(
                row.seq,
                f"row #{row.seq} does not link to the row before it "
                f"(prev_hash {row.prev_hash[:12]}…, expected {expected_prev[:12]}…)",
            )
        actual = entry_hash(row)
        if actual != row.entry_hash:
            return broken(row.seq, f"row #{row.seq} was altered: its content no longer matches")
        expected_prev = row.entry_hash
        expected_seq += 1
        checked += 1
    if upto_seq is None and (expected_seq - 1 != head.last_seq or expected_prev != head.last_hash):
        return broken(
            expected_seq,
            f"the chain ends at #{expected_seq - 1} but the head records #{head.last_seq}: "
            "rows were removed from the end, or the head was altered",
        )
    return VerifyResult(True, checked, head.last_seq, head.last_hash)


@dataclass(frozen=True)
class PruneResult:
    deleted: int
    through_seq: int
    checkpoint_hash: str


def prune_before(cutoff: datetime) -> PruneResult:
    """Delete the prefix of the chain older than `cutoff`, leaving a checkpoint.

    Must run inside a transaction. Raises ChainBroken, deleting nothing, if that prefix does not
    verify: tampering must be investigated, not destroyed with the evidence.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("the PII access log prune must run inside a transaction")
    head = _locked_head()
    first_kept = (
        PIIAccessLog.objects.filter(created_at__gte=cutoff).order_by("seq").values("seq").first()
    )
    through = first_kept["seq"] - 1 if first_kept else head.last_seq
    if through <= head.pruned_through_seq:
        return PruneResult(0, head.pruned_through_seq, head.pruned_last_hash)
    result = verify_chain(upto_seq=through, head=head)
    if not result.ok:
        raise ChainBroken(result)
    last = PIIAccessLog.objects.get(seq=through)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The trigger of migration 0002 lets DELETE through only for rows older than this,
            # and only until this transaction ends.
            cursor.execute(
                "SELECT set_config('madang.pii_prune_before', %s, true)", [cutoff.isoformat()]
            )
    deleted = PIIAccessLog.objects.filter(seq__lte=through)._retention_prune_delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('madang.pii_prune_before', '', true)")
    PIIAccessLogHead.objects.filter(pk=HEAD_PK).update(
        pruned_through_seq=through, pruned_last_hash=last.entry_hash, pruned_at=timezone.now()
    )
    return PruneResult(deleted, through, last.entry_hash)


# ---------------------------------------------------------------------------
# The data subject, shown masked


def mask_name(name: str) -> str:
    """홍길동 → 홍*동, 김철 → 김*, 남궁민수 → 남**수 (first and last character kept)."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def subject_display_for(user) -> str:
    """'홍*동 (#12)': the masked name and the account number, never the plaintext name."""
    if user is None:
        return ""
    from .models import PersonalProfile

    name = ""
    profile = PersonalProfile.objects.filter(user_id=user.pk).only("name").first()
    if profile is not None:
        name = profile.name
    if not name:
        name = f"{user.last_name}{user.first_name}".strip() or user.get_username()
    return f"{mask_name(name)} (#{user.pk})"[:150]
