from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from madang.core.models import TimeStampedModel

from ..crypto import normalise_phone
from ..fields import (
    BlindIndexField,
    BlindIndexQuerySet,
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedTextField,
)


def validate_phone_number(value: str) -> None:
    digits = normalise_phone(value)
    if not (digits.startswith("0") and 9 <= len(digits) <= 11):
        raise ValidationError(
            _("전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678"), code="invalid_phone"
        )


class PersonalProfile(TimeStampedModel):
    """A citizen's name and contact details, every one encrypted at rest (조례 제22조②,
    개인정보의 안전성 확보조치 기준 제7조). Phone and e-mail carry blind indexes so staff can find
    a citizen by either without the database ever holding them in the clear.

    Kept apart from User so that the account table holds no personal data, and so that the
    whole profile can be destroyed on withdrawal (개인정보 보호법 제21조) while the account row
    that boards and audit rows point at stays.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자"),
        on_delete=models.CASCADE,
        related_name="personal_profile",
    )
    name = EncryptedCharField(_("이름"), max_length=50, blank=True)
    phone = EncryptedCharField(
        _("전화번호"), max_length=20, blank=True, validators=[validate_phone_number]
    )
    phone_bidx = BlindIndexField(_("전화번호 검색용 색인"), source="phone", normalizer="phone")
    email = EncryptedEmailField(_("전자우편"), blank=True)
    email_bidx = BlindIndexField(_("전자우편 검색용 색인"), source="email", normalizer="email")
    address = EncryptedTextField(_("주소"), blank=True)

    objects = BlindIndexQuerySet.as_manager()

    class Meta:
        verbose_name = _("개인정보")
        verbose_name_plural = _("개인정보")

    def __str__(self) -> str:
        # Never the plaintext: this string ends up in audit rows, logs and admin titles.
        return f"PersonalProfile(user={self.user_id})"
