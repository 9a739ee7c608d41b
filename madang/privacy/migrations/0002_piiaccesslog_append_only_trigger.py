"""On PostgreSQL, make the PII access log append-only in the database itself
(안전성 확보조치 기준 제8조②: access records protected against alteration and deletion).

UPDATE is always refused. DELETE is refused unless the retention prune
(madang.privacy.access_log.prune_before) has announced, for its own transaction only, a cutoff
with set_config('madang.pii_prune_before', ..., true), and then only for rows older than that
cutoff. TRUNCATE is not covered: it needs the table owner's privilege, which the application's
database role should not have in production. SQLite relies on the model guards and the hash chain.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION madang_piiaccesslog_append_only() RETURNS trigger AS $$
DECLARE
    cutoff text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        cutoff := current_setting('madang.pii_prune_before', true);
        IF cutoff IS NOT NULL AND cutoff <> '' AND OLD.created_at < cutoff::timestamptz THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'privacy_piiaccesslog is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER privacy_piiaccesslog_append_only
    BEFORE UPDATE OR DELETE ON privacy_piiaccesslog
    FOR EACH ROW EXECUTE FUNCTION madang_piiaccesslog_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS privacy_piiaccesslog_append_only ON privacy_piiaccesslog;
DROP FUNCTION IF EXISTS madang_piiaccesslog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
