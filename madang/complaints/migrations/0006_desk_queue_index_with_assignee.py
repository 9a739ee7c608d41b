"""The staff desk's department queue counts from one index alone (PostgreSQL only).

`(department_id, status, due_at) INCLUDE (assigned_to_id)`: the chip counts of a department
queue, "미배정" (`assigned_to IS NULL`) included, become an index-only scan instead of visiting
the wide heap rows of a large department (docs/performance.md, "Complaint desk queue"). The
contract's `complaint_dept_status_due` stays as it is.

Raw SQL rather than `AddIndex` so the model state is unchanged (the model's Meta belongs to the
handling contract; SQLite has no INCLUDE, and the development database is small).
"""

from django.db import migrations

INDEX = "complaint_dept_status_due_inc_assignee"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "complaints_complaint" '
        '("department_id", "status", "due_at") INCLUDE ("assigned_to_id")'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_merge_20261202_1540")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
