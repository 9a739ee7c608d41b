"""Password rules of ordinance 제24조, as Django password validators.

제24조 says the homepage's passwords are managed under 「국가 정보보안 기본지침」 (국정원). Its
rule, as far as it is public (KOREAN_RULES.md §2.1), is applied to staff: 9 or more characters
mixing letters, digits and special characters; no ID or personal information; no three repeated
or sequential characters; no reuse of recent passwords. Citizens get the KISA 「패스워드 선택 및
이용 안내서」(2019) rule that 개인정보 안전성 확보조치 기준 해설서 quotes: 8 or more characters of
two kinds, or 10 or more.

Every rule is a validator in AUTH_PASSWORD_VALIDATORS, so `validate_password(password, user)`
applies it wherever Django, Wagtail or allauth check a password. Which rule applies is decided
from `user`; with `user=None` (a sign-up form before the account exists) the citizen rule
applies, because only citizens can sign themselves up — staff accounts are made by an
administrator, who passes the user.
"""

import re
import string

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import AccountKind

SPECIAL_CHARACTERS = frozenset(string.punctuation)
STAFF_KINDS = frozenset({AccountKind.STAFF, AccountKind.CONTRACTOR})


def is_staff_account(user) -> bool:
    """True when the stricter staff rule applies: 직원, 위탁업체, or anyone with admin access."""
    if user is None:
        return False
    return bool(
        getattr(user, "kind", None) in STAFF_KINDS
        or getattr(user, "is_staff", False)
        or getattr(user, "is_superuser", False)
    )


def character_kinds(password: str) -> dict[str, bool]:
    """Which of KISA's four kinds a password uses. Characters outside ASCII (Hangul, say) count
    towards length but are none of the four kinds, since the rule is written for the keyboard's
    upper case, lower case, digits and the 32 ASCII symbols."""
    return {
        "upper": any("A" <= c <= "Z" for c in password),
        "lower": any("a" <= c <= "z" for c in password),
        "digit": any("0" <= c <= "9" for c in password),
        "special": any(c in SPECIAL_CHARACTERS for c in password),
    }


class PasswordCompositionValidator:
    """Length and character kinds, by account kind.

    Staff (국가 정보보안 기본지침): `staff_min_length` (9) or more, with letters, digits and
    special characters. Citizens (KISA 2019): `citizen_min_length` (8) or more with
    `citizen_min_kinds` (2) of upper case, lower case, digits and specials, or
    `citizen_long_length` (10) or more of any kind (all-digit passwords are still refused by
    NumericPasswordValidator).
    """

    def __init__(
        self,
        staff_min_length: int = 9,
        citizen_min_length: int = 8,
        citizen_min_kinds: int = 2,
        citizen_long_length: int = 10,
    ):
        self.staff_min_length = staff_min_length
        self.citizen_min_length = citizen_min_length
        self.citizen_min_kinds = citizen_min_kinds
        self.citizen_long_length = citizen_long_length

    def validate(self, password: str, user=None) -> None:
        if is_staff_account(user):
            self._validate_staff(password)
        else:
            self._validate_citizen(password)

    def _validate_staff(self, password: str) -> None:
        errors = []
        if len(password) < self.staff_min_length:
            errors.append(
                ValidationError(
                    _(
                        "비밀번호가 너무 짧습니다(현재 %(length)d자). 직원 계정의 비밀번호는 "
                        "%(min_length)d자 이상이어야 합니다."
                    ),
                    code="password_too_short",
                    params={"length": len(password), "min_length": self.staff_min_length},
                )
            )
        kinds = character_kinds(password)
        missing = []
        if not (kinds["upper"] or kinds["lower"]):
            missing.append(_("영문자"))
        if not kinds["digit"]:
            missing.append(_("숫자"))
        if not kinds["special"]:
            missing.append(_("특수문자(!@#$ 등)"))
        if missing:
            errors.append(
                ValidationError(
                    _(
                        "직원 계정의 비밀번호에는 영문자, 숫자, 특수문자가 모두 들어가야 합니다. "
                        "%(missing)s을(를) 넣어 주세요."
                    ),
                    code="password_missing_character_kinds",
                    params={"missing": ", ".join(missing)},
                )
            )
        if errors:
            raise ValidationError(errors)

    def _validate_citizen(self, password: str) -> None:
        if len(password) >= self.citizen_long_length:
            return
        if len(password) < self.citizen_min_length:
            raise ValidationError(
                _(
                    "비밀번호가 너무 짧습니다(현재 %(length)d자). %(min_length)d자 이상으로 "
                    "입력해 주세요."
                ),
                code="password_too_short",
                params={"length": len(password), "min_length": self.citizen_min_length},
            )
        if sum(character_kinds(password).values()) < self.citizen_min_kinds:
            raise ValidationError(
                _(
                    "영문 대문자, 영문 소문자, 숫자, 특수문자 중 %(kinds)d가지 이상을 섞거나, "
                    "%(long_length)d자 이상으로 길게 입력해 주세요."
                ),
                code="password_too_few_character_kinds",
                params={"kinds": self.citizen_min_kinds, "long_length": self.citizen_long_length},
            )

    def get_help_text(self) -> str:
        return _(
            "직원 계정: %(staff)d자 이상, 영문자·숫자·특수문자를 모두 포함. "
            "주민 계정: 영문 대문자·소문자·숫자·특수문자 중 %(kinds)d가지 이상으로 %(citizen)d자 "
            "이상, 또는 %(long)d자 이상."
        ) % {
            "staff": self.staff_min_length,
            "kinds": self.citizen_min_kinds,
            "citizen": self.citizen_min_length,
            "long": self.citizen_long_length,
        }


def _normalise(value: str) -> str:
    return re.sub(r"[\s\-._]", "", value).casefold()


def _phone_fragments(value: str) -> set[str]:
    """The parts of a phone number someone might put in a password: the whole number, the
    number without its area or mobile prefix, and the last four digits."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < 4:
        return set()
    fragments = {digits, digits[-4:]}
    groups = re.findall(r"\d+", value)
    if len(groups) >= 2:
        fragments.add("".join(groups[1:]))
    elif len(digits) > 8:
        fragments.add(digits[-8:])
    return {f for f in fragments if len(f) >= 4}


def _date_fragments(value) -> set[str]:
    return {value.strftime("%Y%m%d"), value.strftime("%y%m%d"), value.strftime("%m%d")}


class PersonalInformationValidator:
    """No ID, name, phone number or birthday in the password, compared case-insensitively and
    ignoring spaces, hyphens, dots and underscores (국가 정보보안 기본지침 for staff; KISA 2019
    gives the same advice to citizens, so it applies to every account).

    - ID: any `min_substring` (4) character piece of the username, or of the e-mail's local part;
      an ID shorter than that is refused whole when it has 3 or more characters.
    - Name: the given name, the family name and both orders joined, when 2 or more characters
      (a one-syllable family name such as 김 alone is not refused).
    - Phone: every field whose name contains "phone", "mobile" or "tel" — the whole number, the
      number without its area code, and its last four digits.
    - Birthday: every date field whose name contains "birth", as YYYYMMDD, YYMMDD and MMDD.
    """

    def __init__(self, min_substring: int = 4):
        self.min_substring = min_substring

    def _id_fragments(self, value: str) -> set[str]:
        value = _normalise(value)
        if len(value) < 3:
            return set()
        if len(value) <= self.min_substring:
            return {value}
        n = self.min_substring
        return {value[i : i + n] for i in range(len(value) - n + 1)}

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        candidate = _normalise(password)
        errors = []
        ids = self._id_fragments(user.get_username() or "")
        email = getattr(user, "email", "") or ""
        if "@" in email:
            ids |= self._id_fragments(email.split("@", 1)[0])
        if any(fragment in candidate for fragment in ids):
            errors.append(
                ValidationError(
                    _("비밀번호에 아이디(또는 그 일부 %(n)d자 이상)를 넣을 수 없습니다."),
                    code="password_contains_username",
                    params={"n": self.min_substring},
                )
            )
        first = _normalise(getattr(user, "first_name", "") or "")
        last = _normalise(getattr(user, "last_name", "") or "")
        names = {first, last, last + first, first + last}
        if any(len(name) >= 2 and name in candidate for name in names):
            errors.append(
                ValidationError(
                    _("비밀번호에 이름을 넣을 수 없습니다."), code="password_contains_name"
                )
            )
        phones: set[str] = set()
        birthdays: set[str] = set()
        for field in user._meta.concrete_fields:
            name = field.name.lower()
            value = getattr(user, field.attname, None)
            if not value:
                continue
            if isinstance(field, models.CharField) and any(
                key in name for key in ("phone", "mobile", "tel")
            ):
                phones |= _phone_fragments(str(value))
            elif isinstance(field, models.DateField) and "birth" in name:
                birthdays |= _date_fragments(value)
        if any(fragment in candidate for fragment in phones):
            errors.append(
                ValidationError(
                    _("비밀번호에 전화번호(또는 그 끝 네 자리)를 넣을 수 없습니다."),
                    code="password_contains_phone",
                )
            )
        if any(fragment in candidate for fragment in birthdays):
            errors.append(
                ValidationError(
                    _("비밀번호에 생년월일을 넣을 수 없습니다."), code="password_contains_birthday"
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return _("아이디, 이름, 전화번호, 생년월일이 들어간 비밀번호는 사용할 수 없습니다.")


# Runs of three that count as "sequential": the alphabet, the digits, and the rows of a
# QWERTY keyboard (with the digit row's 8-9-0), each forwards and backwards. Keyboard runs
# (qwe, asd, zxc, !@#) are included because crackers' dictionaries try them first, just as
# they try abc and 123; diagonal and Hangul-keyboard runs are not, to keep the rule explainable.
SEQUENCES = (
    string.ascii_lowercase,
    "0123456789",
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "!@#$%^&*()",
)


def _runs(length: int) -> frozenset[str]:
    runs = set()
    for sequence in SEQUENCES:
        for i in range(len(sequence) - length + 1):
            run = sequence[i : i + length]
            runs.add(run)
            runs.add(run[::-1])
    return frozenset(runs)


class RepeatedSequentialCharactersValidator:
    """No `run_length` (3) identical characters in a row (aaa, 111) and no `run_length`
    sequential characters, forwards or backwards, in the alphabet, digits or a keyboard row
    (abc, cba, 123, 321, qwe, ewq), case-insensitively. Staff only (국가 정보보안 기본지침);
    KISA's citizen rule has no such clause.
    """

    def __init__(self, run_length: int = 3):
        self.run_length = run_length
        self.runs = _runs(run_length)

    def validate(self, password: str, user=None) -> None:
        if not is_staff_account(user):
            return
        lowered = password.casefold()
        n = self.run_length
        windows = [lowered[i : i + n] for i in range(len(lowered) - n + 1)]
        errors = []
        repeated = next((w for w in windows if len(set(w)) == 1), None)
        if repeated:
            errors.append(
                ValidationError(
                    _("같은 문자를 %(n)d번 이상 연달아 쓸 수 없습니다(“%(run)s”)."),
                    code="password_repeated_characters",
                    params={"n": n, "run": password[lowered.index(repeated) :][:n]},
                )
            )
        sequential = next((w for w in windows if w in self.runs), None)
        if sequential:
            errors.append(
                ValidationError(
                    _(
                        "연속된 문자나 숫자, 키보드 배열을 %(n)d자 이상 쓸 수 없습니다"
                        "(“%(run)s”). abc, 321, qwe 같은 배열을 피해 주세요."
                    ),
                    code="password_sequential_characters",
                    params={"n": n, "run": password[lowered.index(sequential) :][:n]},
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return _(
            "직원 계정: 같은 문자를 %(n)d번 이상 연달아 쓰거나 abc, 321, qwe 같은 연속된 "
            "문자·숫자·키보드 배열을 %(n)d자 이상 쓸 수 없습니다."
        ) % {"n": self.run_length}


class PasswordHistoryValidator:
    """No reuse of the last PASSWORD_HISTORY_COUNT passwords, the current one included
    (국가 정보보안 기본지침's "최근 사용한 비밀번호 재사용 금지"; 5 is the usual public-sector
    figure). Staff only; 0 turns the rule off.

    Its `password_changed` hook is how Madang notices every password change: Django calls it from
    `AbstractBaseUser.save()` after `set_password()`, so the Django admin, Wagtail's account page,
    allauth and `createsuperuser` all record history and stamp `password_changed_at` without
    business logic in `save()` or a signal.
    """

    def __init__(self, count: int | None = None):
        self._count = count

    @property
    def count(self) -> int:
        if self._count is not None:
            return self._count
        return getattr(settings, "PASSWORD_HISTORY_COUNT", 5)

    def validate(self, password: str, user=None) -> None:
        if not is_staff_account(user) or self.count <= 0 or user.pk is None:
            return
        from .models import PasswordHistory

        hashes = list(
            PasswordHistory.objects.filter(user_id=user.pk).values_list("password_hash", flat=True)[
                : self.count
            ]
        )
        if user.password:
            hashes.append(user.password)
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(
                _(
                    "최근에 사용한 비밀번호는 다시 쓸 수 없습니다. 최근 %(count)d개와 다른 "
                    "비밀번호를 입력해 주세요."
                ),
                code="password_reused",
                params={"count": self.count},
            )

    def password_changed(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        from .models import PasswordHistory

        now = timezone.now()
        type(user)._default_manager.filter(pk=user.pk).update(password_changed_at=now)
        user.password_changed_at = now
        if not is_staff_account(user) or self.count <= 0:
            return
        PasswordHistory.objects.create(user_id=user.pk, password_hash=user.password, created_at=now)
        stale = PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[
            self.count :
        ]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        if self.count <= 0:
            return ""
        return _("직원 계정: 최근에 사용한 비밀번호 %(count)d개는 다시 쓸 수 없습니다.") % {
            "count": self.count
        }
