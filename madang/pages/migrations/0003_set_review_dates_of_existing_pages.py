"""Give pages published before review dates existed their first review date (조례 제7조)."""

import calendar

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def _add_months(day, months):
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def forwards(apps, schema_editor):
    ContentPage = apps.get_model("pages", "ContentPage")
    months = getattr(settings, "MADANG_CONTENT_REVIEW_MONTHS", 6)
    for page in ContentPage.objects.filter(next_review_at__isnull=True, live=True).exclude(
        last_published_at__isnull=True
    ):
        interval = page.review_interval_months or months
        page.next_review_at = _add_months(timezone.localdate(page.last_published_at), interval)
        page.save(update_fields=["next_review_at"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_homepage_page_types_freshness_feedback")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
