"""Full-text matching over the analysed terms, per database.

PostgreSQL: a stored generated tsvector column (title terms weight A, body terms weight B; the
'simple' configuration because the terms are already analysed) with a GIN index.
SQLite: an external-content FTS5 table over the two term columns, kept in step by triggers.
Other databases get neither; madang.search.selectors then falls back to LIKE.
"""

from django.db import migrations

PG_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (
         setweight(to_tsvector('simple'::regconfig, coalesce(title_tokens, '')), 'A') ||
         setweight(to_tsvector('simple'::regconfig, coalesce(body_tokens, '')), 'B')
       ) STORED""",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_searchdocument_fts USING fts5(
         title_tokens, body_tokens,
         content='search_searchdocument', content_rowid='id',
         tokenize='unicode61 remove_diacritics 0'
       )""",
    """CREATE TRIGGER search_searchdocument_fts_ai AFTER INSERT ON search_searchdocument BEGIN
         INSERT INTO search_searchdocument_fts(rowid, title_tokens, body_tokens)
         VALUES (new.id, new.title_tokens, new.body_tokens);
       END""",
    """CREATE TRIGGER search_searchdocument_fts_ad AFTER DELETE ON search_searchdocument BEGIN
         INSERT INTO search_searchdocument_fts(search_searchdocument_fts, rowid, title_tokens,
                                               body_tokens)
         VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
       END""",
    """CREATE TRIGGER search_searchdocument_fts_au AFTER UPDATE ON search_searchdocument BEGIN
         INSERT INTO search_searchdocument_fts(search_searchdocument_fts, rowid, title_tokens,
                                               body_tokens)
         VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
         INSERT INTO search_searchdocument_fts(rowid, title_tokens, body_tokens)
         VALUES (new.id, new.title_tokens, new.body_tokens);
       END""",
    "INSERT INTO search_searchdocument_fts(search_searchdocument_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchdocument_fts_ai",
    "DROP TRIGGER IF EXISTS search_searchdocument_fts_ad",
    "DROP TRIGGER IF EXISTS search_searchdocument_fts_au",
    "DROP TABLE IF EXISTS search_searchdocument_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
