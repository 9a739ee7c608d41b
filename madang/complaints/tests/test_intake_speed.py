"""The intake path stays short: a fixed number of statements, and only the numbering and the
receipt's outbox row between taking the receipt counter's lock and the commit (every statement
there is one that every concurrent intake waits for; bench/bench_complaints.py measures it)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madang.complaints.choices import ComplaintKind, ReplyChannel
from madang.complaints.models import Complaint
from madang.complaints.services import Complainant, complaint_submit

pytestmark = pytest.mark.django_db


def submit(email="", reply_channel=ReplyChannel.WEB):
    return complaint_submit(
        acting_user=None,
        citizen=None,
        kind=ComplaintKind.SUGGESTION,
        title="보도블록 파손",
        body="보도블록이 깨져 있어 보행이 위험합니다.",
        complainant=Complainant(name="홍길동", phone="010-2345-6789", email=email),
        consent_given=True,
        reply_channel=reply_channel,
    )


def statements(ctx):
    return [
        q["sql"]
        for q in ctx.captured_queries
        if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


def under_lock(sqls):
    start = next(i for i, sql in enumerate(sqls) if "complaints_receiptcounter" in sql)
    return sqls[start:]


@pytest.mark.parametrize(
    ("email", "reply_channel", "after_lock"),
    [
        ("", ReplyChannel.WEB, 2),  # counter UPDATE … RETURNING, the 민원's numbering UPDATE
        ("hong@example.com", ReplyChannel.EMAIL, 3),  # + one outbox INSERT
        ("hong@example.com", ReplyChannel.SMS, 4),  # + the SMS row (its own text)
    ],
)
def test_statements_while_the_counter_is_locked(
    email, reply_channel, after_lock, django_capture_on_commit_callbacks
):
    submit()  # the year's counter row exists from here on
    ContentType.objects.get_for_model(Complaint)  # cached per process in production
    with (
        django_capture_on_commit_callbacks(execute=False),
        CaptureQueriesContext(connection) as ctx,
    ):
        submit(email=email, reply_channel=reply_channel)
    locked = under_lock(statements(ctx))
    assert len(locked) == after_lock, "\n".join(locked)
    assert locked[0].upper().startswith("UPDATE") and "RETURNING" in locked[0].upper()


def test_whole_submission_statement_count(django_capture_on_commit_callbacks):
    submit()
    ContentType.objects.get_for_model(Complaint)
    with (
        django_capture_on_commit_callbacks(execute=False),
        CaptureQueriesContext(connection) as ctx,
    ):
        submit(email="hong@example.com", reply_channel=ReplyChannel.EMAIL)
    # INSERT 민원, INSERT audit, routing rules SELECT, counter UPDATE, numbering UPDATE,
    # outbox INSERT.
    assert len(statements(ctx)) <= 6, "\n".join(statements(ctx))
