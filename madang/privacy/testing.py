"""Test helpers other apps use to prove personal data is stored encrypted (조례 제22조②)."""

from __future__ import annotations

import json

from django.db import connections


def _needles(value: str) -> list[str]:
    # JSONField on SQLite (and json columns) store non-ASCII text \u-escaped; look for both forms.
    escaped = json.dumps(value)[1:-1]
    return [value] if escaped == value else [value, escaped]


def _postgresql_columns(cursor) -> list[tuple[str, str, str]]:
    cursor.execute(
        """
        SELECT c.table_name, c.column_name, c.data_type
        FROM information_schema.columns c
        JOIN information_schema.tables t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
        """
    )
    return [(t, c, "blob" if d == "bytea" else "text") for t, c, d in cursor.fetchall()]


def _sqlite_columns(cursor, connection) -> list[tuple[str, str, str]]:
    columns = []
    for table in connection.introspection.table_names(cursor):
        cursor.execute(f"PRAGMA table_info({connection.ops.quote_name(table)})")
        for _cid, name, declared, *_rest in cursor.fetchall():
            # SQLite stores any type in any column; only integer and real columns can be skipped.
            lowered = (declared or "").lower()
            if any(word in lowered for word in ("int", "real", "bool", "decimal", "numeric")):
                continue
            columns.append((table, name, "blob" if "blob" in lowered else "text"))
    return columns


def _column_query(vendor: str, table: str, column: str, kind: str) -> str:
    # Names come from the database's own catalogue, quoted; values are always parameters.
    if vendor == "postgresql":
        test = f"position(%s IN {column})" if kind == "blob" else f"strpos({column}::text, %s)"
        return f"SELECT 1 FROM {table} WHERE {test} > 0 LIMIT 1"  # noqa: S608
    # instr() on text compares characters; on the column cast to BLOB, UTF-8 bytes.
    return (
        f"SELECT 1 FROM {table} WHERE instr({column}, %s) > 0 "  # noqa: S608
        f"OR instr(CAST({column} AS BLOB), %s) > 0 LIMIT 1"
    )


def find_plaintext_in_database(values: list[str], *, using: str = "default") -> list[str]:
    """Every "table.column" whose stored text or bytes contain one of `values`."""
    connection = connections[using]
    values = [v for v in values if v]
    found: list[str] = []
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = _postgresql_columns(cursor)
        elif connection.vendor == "sqlite":
            columns = _sqlite_columns(cursor, connection)
        else:  # pragma: no cover
            raise NotImplementedError(connection.vendor)
        for table, column, kind in columns:
            sql = _column_query(connection.vendor, qn(table), qn(column), kind)
            for value in values:
                for needle in _needles(value):
                    if connection.vendor == "sqlite":
                        params = [needle, needle.encode()]
                    else:
                        params = [needle.encode() if kind == "blob" else needle]
                    cursor.execute(sql, params)
                    if cursor.fetchone():
                        found.append(f"{table}.{column} contains {value!r}")
    return found


def assert_no_plaintext_in_database(values: list[str], *, using: str = "default") -> None:
    """Fail if any of `values` appears in the clear in any text or binary column of any table.

    Scans every table, not only the one under test: plaintext leaking into an audit row, a
    search index, a task's arguments or a session is as much a breach as an unencrypted column.
    Works on SQLite and PostgreSQL.
    """
    found = find_plaintext_in_database(values, using=using)
    assert not found, "personal data stored in the clear:\n  " + "\n  ".join(found)
