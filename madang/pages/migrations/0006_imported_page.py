# Pages imported from an old CMS by external id (issue #4 item 12, manage.py import_content).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_page_kogl_type"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportedPage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "external_id",
                    models.CharField(max_length=200, unique=True, verbose_name="외부 식별자"),
                ),
                ("content_hash", models.CharField(max_length=64, verbose_name="내용 해시")),
                (
                    "attachments",
                    models.JSONField(blank=True, default=dict, verbose_name="첨부파일 출처"),
                ),
                (
                    "imported_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="처음 가져온 일시"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="마지막으로 가져온 일시"),
                ),
                (
                    "page",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="페이지",
                    ),
                ),
            ],
            options={"verbose_name": "가져온 페이지", "verbose_name_plural": "가져온 페이지"},
        ),
    ]
