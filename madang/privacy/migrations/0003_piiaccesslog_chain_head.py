"""Create the single chain-head row the PII access log appends lock on."""

from django.db import migrations


def create_head(apps, schema_editor):
    head_model = apps.get_model("privacy", "PIIAccessLogHead")
    head_model.objects.using(schema_editor.connection.alias).get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_piiaccesslog_append_only_trigger")]

    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
