"""공공누리 (KOGL, Korea Open Government License): the four types and what each allows.

저작권법 제24조의2 lets the public freely use works a public body holds the rights to; KOGL marks
say on what terms. The values 1–4 are the same as MadangImage.kogl_type and
MadangDocument.kogl_type (madang.core.models.media).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

TERMS_URL = "https://www.kogl.or.kr/info/licenseType{n}.do"


class KoglType(models.IntegerChoices):
    TYPE_1 = 1, _("제1유형: 출처표시")
    TYPE_2 = 2, _("제2유형: 출처표시, 상업적 이용금지")
    TYPE_3 = 3, _("제3유형: 출처표시, 변경금지")
    TYPE_4 = 4, _("제4유형: 출처표시, 상업적 이용금지, 변경금지")


_TERMS = {
    1: _("출처를 밝히면 상업적으로 이용하거나 바꾸어 이용할 수 있습니다."),
    2: _("출처를 밝히면 이용할 수 있으나 상업적으로 이용할 수는 없습니다."),
    3: _("출처를 밝히면 이용할 수 있으나 내용을 바꿀 수는 없습니다."),
    4: _("출처를 밝히면 이용할 수 있으나 상업적으로 이용하거나 내용을 바꿀 수는 없습니다."),
}


@dataclass(frozen=True)
class KoglMark:
    number: int
    label: str
    terms: str
    image_url: str
    terms_url: str


def kogl_mark(kogl_type: int | None) -> KoglMark | None:
    """What the foot of a page shows for its 공공누리 type (None: no mark)."""
    if kogl_type not in _TERMS:
        return None
    return KoglMark(
        number=kogl_type,
        label=str(KoglType(kogl_type).label),
        terms=str(_TERMS[kogl_type]),
        image_url=static(f"pages/img/kogl/type{kogl_type}.svg"),
        terms_url=TERMS_URL.format(n=kogl_type),
    )
