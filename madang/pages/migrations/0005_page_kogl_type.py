# 공공누리 type on every content page (issue #4 item 10); existing pages get 제1유형 (출처표시).

from django.db import migrations, models

MODELS = [
    "contentpage",
    "localinfoindexpage",
    "localinfopage",
    "newsindexpage",
    "newspage",
    "organisationchartpage",
    "sectionindexpage",
    "sitefeedbackpage",
]


def kogl_field():
    return models.PositiveSmallIntegerField(
        blank=True,
        choices=[
            (1, "제1유형: 출처표시"),
            (2, "제2유형: 출처표시, 상업적 이용금지"),
            (3, "제3유형: 출처표시, 변경금지"),
            (4, "제4유형: 출처표시, 상업적 이용금지, 변경금지"),
        ],
        default=1,
        help_text=(
            "이 페이지의 내용을 누구나 어떤 조건으로 쓸 수 있는지 페이지 하단에 표시합니다"
            "(저작권법 제24조의2). 구가 저작권을 갖지 않은 내용이면 비워 두세요."
        ),
        null=True,
        verbose_name="공공누리 유형",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_set_review_dates_of_existing_pages"),
    ]

    operations = [
        migrations.AddField(model_name=name, name="kogl_type", field=kogl_field())
        for name in MODELS
    ]
