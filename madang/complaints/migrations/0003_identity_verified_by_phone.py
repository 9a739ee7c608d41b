# Guests verified by phone are recorded as identity_verified_by="phone"; the help text lists
# every value in use.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_handling"),
    ]

    operations = [
        migrations.AlterField(
            model_name="complaint",
            name="identity_verified_by",
            field=models.CharField(
                blank=True,
                help_text=(
                    "account(로그인), email(전자우편 확인), phone(휴대전화 확인), "
                    "staff(직원 입력), open311(연동 시스템)"
                ),
                max_length=16,
                verbose_name="본인 확인 방법",
            ),
        ),
    ]
