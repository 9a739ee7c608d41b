"""Numbered pages of a board's list that stay fast at any depth (issue #5, item 8).

A board lists pinned notices first, then every listed post (published, hidden by reports,
deleted with its 제8조 marker) newest first. Page N needs rows (N-1)×size…; OFFSET would walk
all the rows before them, and COUNT(*) would walk the whole board, so neither is done on a
large board. Instead each board keeps a *snapshot* in the cache:

* ``total``: how many unpinned listed posts there were, up to and including ``top`` (the
  sort key ``(created_at, id)`` of the newest of them when the snapshot was taken);
* ``anchors``: the sort key of every ANCHOR_STEP-th unpinned post counted **from the oldest**,
  with its position from the bottom.

New posts land above ``top``, so positions counted from the bottom do not move when people
post; the few posts above ``top`` are counted with a short index range scan. A page is then
fetched by seeking to the nearest anchor above it (``(created_at, id) <= anchor``, which the
partial index ``boards_post_listed`` answers directly) and skipping fewer than ANCHOR_STEP
rows. When an existing post enters or leaves the list (approval of a held post, withdrawal,
…), services call :func:`list_membership_changed`, which bumps ``Board.list_version`` in the
transaction and fixes the snapshot's positions after commit; a snapshot of another version is
never used, so a stale cache (several processes with local memory caches) costs one rebuild,
never a wrong page.

Queries per page with a warm snapshot: three (the ids of pinned posts and of posts above
``top``; the page's ids; the page's rows with authors, comment counts and attachment
flags). Rolling the snapshot
forward after ANCHOR_STEP new posts adds one; building it on a cold cache adds two.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.dateparse import parse_datetime

from .choices import LISTED_STATUSES, PostStatus
from .models import Attachment, Board, Post

ANCHOR_STEP = 1000
SNAPSHOT_TIMEOUT = 7 * 24 * 3600
# A build of a 1,000,000-post board takes about 1.5 s idle; the lock outlives a slow one.
BUILD_LOCK_SECONDS = 30
# How long a reader waits for another process's build before answering without it.
BUILD_WAIT_SECONDS = 0.15
LISTED_VALUES = [s.value for s in LISTED_STATUSES]

Key = tuple[dt.datetime, int]


@dataclass
class Snapshot:
    version: int
    total: int = 0
    top: Key | None = None
    anchors: list[tuple[int, Key]] = field(default_factory=list)  # (position from bottom, key)

    def dump(self) -> dict:
        def k(key):
            return None if key is None else [key[0].isoformat(), key[1]]

        return {
            "v": self.version,
            "total": self.total,
            "top": k(self.top),
            "anchors": [[pos, *k(key)] for pos, key in self.anchors],
        }

    @classmethod
    def load(cls, data: dict) -> Snapshot:
        top = data["top"]
        return cls(
            version=data["v"],
            total=data["total"],
            top=None if top is None else (parse_datetime(top[0]), top[1]),
            anchors=[(pos, (parse_datetime(c), i)) for pos, c, i in data["anchors"]],
        )


def _cache_key(board_id: int) -> str:
    return f"boards:listing:{board_id}"


def _unpinned(board_id: int):
    return Post.objects.filter(board_id=board_id, status__in=LISTED_VALUES, is_pinned=False)


def _key_filter(qs, op: str, key: Key):
    """Row-value comparison `(created_at, id) <op> key`, which PostgreSQL and SQLite answer with
    one index range scan (an OR of column comparisons would not)."""
    if op != "<=":
        raise ValueError(op)
    table = connection.ops.quote_name(Post._meta.db_table)
    # Only the model's own table name and a fixed operator are formatted in; values are params.
    return qs.extra(  # noqa: S610
        where=[f"({table}.created_at, {table}.id) {op} (%s, %s)"], params=_key_params(key)
    )


def _key_params(key: Key) -> list:
    # Adapted the way the ORM adapts a DateTimeField (SQLite stores naive UTC text).
    return [connection.ops.adapt_datetimefield_value(key[0]), key[1]]


def _anchor_rows(board_id: int, *, above: Key | None, offset: int) -> tuple[int, Key | None, list]:
    """Number the unpinned listed posts above `above` from the oldest (window function, one
    index-only pass) and keep every ANCHOR_STEP-th, counting on from `offset`."""
    table = connection.ops.quote_name(Post._meta.db_table)
    where = [f"{table}.board_id = %s", f"{table}.is_pinned = %s"]
    params: list = [board_id, False]
    where.append(f"{table}.status IN ({', '.join(['%s'] * len(LISTED_VALUES))})")
    params += LISTED_VALUES
    if above is not None:
        # The scalar bound lets the index scan start at `above`; the row comparison is exact.
        where.append(f"{table}.created_at >= %s")
        where.append(f"({table}.created_at, {table}.id) > (%s, %s)")
        params += [_key_params(above)[0], *_key_params(above)]
    # Only the model's table name and placeholders go into the text; values are params.
    cols = f"{table}.created_at, {table}.id"
    sql = " ".join(
        [
            "SELECT rn, created_at, id, last FROM (SELECT",
            cols,
            ", ROW_NUMBER() OVER (ORDER BY",
            cols,
            ") AS rn, COUNT(*) OVER () AS last FROM",
            table,
            "WHERE",
            " AND ".join(where),
            ") numbered WHERE (rn + %s) %% %s = 0 OR rn = last",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, offset, ANCHOR_STEP])
        rows = cursor.fetchall()
    anchors, count, top = [], 0, None
    for rn, created_at, pk, last in rows:
        if isinstance(created_at, str):  # SQLite returns text from a raw query
            created_at = parse_datetime(created_at)
        if created_at.tzinfo is None:
            created_at = created_at.replace(tzinfo=dt.UTC)
        key = (created_at, pk)
        if (rn + offset) % ANCHOR_STEP == 0:
            anchors.append((offset + rn - 1, key))
        if rn == last:
            count, top = last, key
    return count, top, anchors


def _build(board: Board) -> Snapshot:
    count, top, anchors = _anchor_rows(board.pk, above=None, offset=0)
    return Snapshot(version=board.list_version, total=count, top=top, anchors=anchors)


def _roll_forward(board: Board, snap: Snapshot) -> Snapshot:
    count, top, anchors = _anchor_rows(board.pk, above=snap.top, offset=snap.total)
    if count:
        snap.total += count
        snap.top = top
        snap.anchors += anchors
    return snap


def _lock_key(board_id: int) -> str:
    return f"boards:listing:{board_id}:building"


def _build_and_store(board: Board, *, holds_lock: bool = True) -> Snapshot:
    """Build the snapshot and store it, then release the build lock if this process took it."""
    try:
        snap = _build(board)
        cache.set(_cache_key(board.pk), snap.dump(), SNAPSHOT_TIMEOUT)
    finally:
        if holds_lock:
            cache.delete(_lock_key(board.pk))
    return snap


def snapshot_for(board: Board, *, shallow: bool = False) -> Snapshot | None:
    """The board's snapshot of its current list version.

    When it is missing or stale, this process builds it unless another process already is (a
    cache lock). Then a reader waits at most BUILD_WAIT_SECONDS for that build; if it has not
    landed, a reader of an early page (`shallow`, answered by OFFSET anyway) gets None and the
    caller counts just enough rows, while a reader of a deep page builds it itself (the
    warm_board_lists job makes that rare)."""
    data = cache.get(_cache_key(board.pk))
    if data is not None:
        snap = Snapshot.load(data)
        if snap.version == board.list_version:
            return snap
    if cache.add(_lock_key(board.pk), 1, BUILD_LOCK_SECONDS):
        return _build_and_store(board)
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        data = cache.get(_cache_key(board.pk))
        if data is not None and data["v"] == board.list_version:
            return Snapshot.load(data)
    if shallow:
        return None
    return _build_and_store(board, holds_lock=False)


def warm(board: Board) -> str:
    """Bring the board's snapshot up to date ahead of readers (the warm_board_lists job and
    command): roll a current snapshot forward, or build a missing or stale one. Returns what
    was done: "fresh", "rolled", "built" or "busy" (another process is building it)."""
    data = cache.get(_cache_key(board.pk))
    if data is not None:
        snap = Snapshot.load(data)
        if snap.version == board.list_version:
            before = snap.total
            snap = _roll_forward(board, snap)
            # Set again even when nothing changed: the timeout starts anew.
            cache.set(_cache_key(board.pk), snap.dump(), SNAPSHOT_TIMEOUT)
            return "rolled" if snap.total != before else "fresh"
    if not cache.add(_lock_key(board.pk), 1, BUILD_LOCK_SECONDS):
        return "busy"
    _build_and_store(board)
    return "built"


def warm_active_boards() -> dict[str, str]:
    """Warm every active board's list; {slug: what was done}."""
    return {board.slug: warm(board) for board in Board.objects.filter(is_active=True)}


@dataclass
class ListSlice:
    pinned_ids: list[int]
    unpinned: object  # an unevaluated queryset of ids (a subquery of the rows query), or None
    total: int


def listed_page_ids(board: Board, *, offset: int, limit: int) -> ListSlice:
    """Which listed posts are rows offset…offset+limit in list order, and the list's length.
    One query (pinned posts and posts newer than the snapshot together); the page's ids stay a
    subquery for :func:`listed_rows`."""
    snap = snapshot_for(board, shallow=offset + limit <= ANCHOR_STEP)
    if snap is None:
        return _without_snapshot(board, offset=offset, limit=limit)
    head = Post.objects.filter(board_id=board.pk, status__in=LISTED_VALUES)
    # Pinned posts, and unpinned ones above the snapshot's top: UNION ALL of two index range
    # scans (a row comparison `>` would not end the scan early on the descending index).
    pinned_q = head.filter(is_pinned=True).values_list("id", "is_pinned", "created_at")
    newer_q = head.filter(is_pinned=False)
    if snap.top is not None:
        newer_q = newer_q.filter(created_at__gte=snap.top[0])
    rows = list(pinned_q.union(newer_q.values_list("id", "is_pinned", "created_at"), all=True))
    if snap.top is not None:
        rows = [r for r in rows if r[1] or (r[2], r[0]) > snap.top]
    rows.sort(key=lambda r: (r[1], r[2], r[0]), reverse=True)
    pinned = [pk for pk, is_pinned, _ in rows if is_pinned]
    new_count = len(rows) - len(pinned)
    if new_count >= ANCHOR_STEP:
        snap = _roll_forward(board, snap)
        cache.set(_cache_key(board.pk), snap.dump(), SNAPSHOT_TIMEOUT)
        new_count = 0
    unpinned_total = snap.total + new_count
    total = len(pinned) + unpinned_total

    pinned_ids = pinned[offset : offset + limit]
    want = limit - len(pinned_ids)
    if want <= 0 or offset + len(pinned_ids) >= total:
        return ListSlice(pinned_ids=pinned_ids, unpinned=None, total=total)
    top_offset = max(0, offset - len(pinned))  # position in the unpinned list, from the top
    from_bottom = unpinned_total - 1 - top_offset
    anchor = next(((pos, key) for pos, key in snap.anchors if pos >= from_bottom), None)
    ordered = _unpinned(board.pk).order_by("-created_at", "-id").values_list("id", flat=True)
    if anchor is None or top_offset < ANCHOR_STEP:
        unpinned = ordered[top_offset : top_offset + want]
    else:
        pos, key = anchor
        skip = pos - from_bottom
        unpinned = _key_filter(ordered, "<=", key)[skip : skip + want]
    return ListSlice(pinned_ids=pinned_ids, unpinned=unpinned, total=total)


def _without_snapshot(board: Board, *, offset: int, limit: int) -> ListSlice:
    """An early page while another process builds the snapshot: OFFSET for the page, and the
    list's length counted only up to ANCHOR_STEP + 1 rows (a bounded index scan), so the pager
    shows at most that many posts' pages until the snapshot lands a moment later."""
    head = Post.objects.filter(board_id=board.pk, status__in=LISTED_VALUES)
    pinned = list(
        head.filter(is_pinned=True).order_by("-created_at", "-id").values_list("id", flat=True)
    )
    ordered = _unpinned(board.pk).order_by("-created_at", "-id").values_list("id", flat=True)
    unpinned_total = ordered[: ANCHOR_STEP + 1].count()
    total = len(pinned) + unpinned_total
    pinned_ids = pinned[offset : offset + limit]
    want = limit - len(pinned_ids)
    if want <= 0 or offset + len(pinned_ids) >= total:
        return ListSlice(pinned_ids=pinned_ids, unpinned=None, total=total)
    top_offset = max(0, offset - len(pinned))
    return ListSlice(
        pinned_ids=pinned_ids, unpinned=ordered[top_offset : top_offset + want], total=total
    )


def listed_rows(chunk: ListSlice) -> list[Post]:
    """The posts of one page, in list order, with what a list row shows: two queries (the
    page's ids, then the rows by primary key; one query with the ids as a subquery OR-ed with
    the pinned ones lets PostgreSQL pick a plan that reads the whole board)."""
    ids = list(chunk.pinned_ids)
    if chunk.unpinned is not None:
        ids += list(chunk.unpinned)
    return list(with_row_details(Post.objects.filter(pk__in=ids)))


def with_row_details(posts):
    """What a list row shows: author (and department), published comments, attachments."""
    return (
        posts.select_related("author", "author__department")
        .annotate(
            comment_total=Count("comments", filter=Q(comments__status=PostStatus.PUBLISHED)),
            has_files=Exists(Attachment.objects.filter(post=OuterRef("pk"))),
        )
        .order_by("-is_pinned", "-created_at", "-id")
    )


# --- keeping the snapshot right when an existing post enters or leaves the list ------------


def is_listed(status: str) -> bool:
    return status in LISTED_VALUES


def list_membership_changed(*, post: Post, before: str) -> None:
    """Call inside the service's transaction after `post.status` changed from `before`: when
    the post entered or left the list, bump the board's list version now and, after commit,
    shift the snapshot's positions by one above the post (or drop the snapshot)."""
    was, now = is_listed(before), is_listed(post.status)
    if was == now:
        return
    Board.objects.filter(pk=post.board_id).update(list_version=F("list_version") + 1)
    new_version = Board.objects.values_list("list_version", flat=True).get(pk=post.board_id)
    delta = 1 if now else -1
    board_id, key, pinned = post.board_id, (post.created_at, post.pk), post.is_pinned
    transaction.on_commit(
        lambda: _adjust(board_id=board_id, version=new_version, key=key, delta=delta, pinned=pinned)
    )


def _adjust(*, board_id: int, version: int, key: Key, delta: int, pinned: bool) -> None:
    data = cache.get(_cache_key(board_id))
    if data is None:
        return
    snap = Snapshot.load(data)
    if snap.version != version - 1:
        cache.delete(_cache_key(board_id))
        return
    snap.version = version
    if not pinned and snap.top is not None and key <= snap.top:
        snap.total += delta
        anchors = []
        for pos, anchor in snap.anchors:
            if anchor == key:
                continue  # the anchor post itself left; the next anchor still holds
            anchors.append((pos + delta, anchor) if anchor > key else (pos, anchor))
        snap.anchors = anchors
        if delta < 0 and key == snap.top:
            cache.delete(_cache_key(board_id))
            return
    cache.set(_cache_key(board_id), snap.dump(), SNAPSHOT_TIMEOUT)
