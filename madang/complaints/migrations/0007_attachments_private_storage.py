"""민원 files move from MEDIA_ROOT (served under MEDIA_URL) to the private
COMPLAINT_ATTACHMENT_ROOT; files already stored are moved with their names unchanged."""

from django.core.files.storage import default_storage
from django.db import migrations, models

import madang.complaints.models


def move_files(apps, schema_editor):
    attachment_model = apps.get_model("complaints", "ComplaintAttachment")
    private = madang.complaints.models.attachment_storage()
    names = attachment_model.objects.exclude(file="").values_list("file", flat=True)
    for name in names.iterator():
        if private.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            saved = private.save(name, handle)
        if saved != name:  # never: the private root had no file of that name
            raise RuntimeError(f"complaint file {name} was stored as {saved}")
        default_storage.delete(name)


def move_back(apps, schema_editor):
    attachment_model = apps.get_model("complaints", "ComplaintAttachment")
    private = madang.complaints.models.attachment_storage()
    names = attachment_model.objects.exclude(file="").values_list("file", flat=True)
    for name in names.iterator():
        if default_storage.exists(name) or not private.exists(name):
            continue
        with private.open(name, "rb") as handle:
            default_storage.save(name, handle)
        private.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_desk_queue_index_with_assignee"),
    ]

    operations = [
        migrations.AlterField(
            model_name="complaintattachment",
            name="file",
            field=models.FileField(
                max_length=300,
                storage=madang.complaints.models.attachment_storage,
                upload_to=madang.complaints.models.attachment_upload_to,
                verbose_name="파일",
            ),
        ),
        migrations.RunPython(move_files, move_back, elidable=True),
    ]
