# Merges the video pages (0004) with 공공누리 type and imports (0005, 0006), and gives the video
# pages their 공공누리 type too.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_video_live_stream_easy_read"),
        ("pages", "0006_imported_page"),
    ]

    operations = [
        migrations.AddField(
            model_name="livestreampage",
            name="kogl_type",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "제1유형: 출처표시"),
                    (2, "제2유형: 출처표시, 상업적 이용금지"),
                    (3, "제3유형: 출처표시, 변경금지"),
                    (4, "제4유형: 출처표시, 상업적 이용금지, 변경금지"),
                ],
                default=1,
                help_text="이 페이지의 내용을 누구나 어떤 조건으로 쓸 수 있는지 페이지 하단에 표시합니다(저작권법 제24조의2). 구가 저작권을 갖지 않은 내용이면 비워 두세요.",
                null=True,
                verbose_name="공공누리 유형",
            ),
        ),
        migrations.AddField(
            model_name="videoindexpage",
            name="kogl_type",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "제1유형: 출처표시"),
                    (2, "제2유형: 출처표시, 상업적 이용금지"),
                    (3, "제3유형: 출처표시, 변경금지"),
                    (4, "제4유형: 출처표시, 상업적 이용금지, 변경금지"),
                ],
                default=1,
                help_text="이 페이지의 내용을 누구나 어떤 조건으로 쓸 수 있는지 페이지 하단에 표시합니다(저작권법 제24조의2). 구가 저작권을 갖지 않은 내용이면 비워 두세요.",
                null=True,
                verbose_name="공공누리 유형",
            ),
        ),
        migrations.AddField(
            model_name="videopage",
            name="kogl_type",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "제1유형: 출처표시"),
                    (2, "제2유형: 출처표시, 상업적 이용금지"),
                    (3, "제3유형: 출처표시, 변경금지"),
                    (4, "제4유형: 출처표시, 상업적 이용금지, 변경금지"),
                ],
                default=1,
                help_text="이 페이지의 내용을 누구나 어떤 조건으로 쓸 수 있는지 페이지 하단에 표시합니다(저작권법 제24조의2). 구가 저작권을 갖지 않은 내용이면 비워 두세요.",
                null=True,
                verbose_name="공공누리 유형",
            ),
        ),
    ]
