"""제24조 password rules, through `validate_password` and the AUTH_PASSWORD_VALIDATORS."""

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation

from madang.accounts.choices import AccountKind
from madang.accounts.models import User
from madang.accounts.password_validation import (
    PasswordCompositionValidator,
    RepeatedSequentialCharactersValidator,
    is_staff_account,
)


def _staff(**extra) -> User:
    fields = {
        "username": "gildong",
        "first_name": "길동",
        "last_name": "홍",
        "email": "gd.hong@dongjak.go.kr",
        "office_phone": "02-820-5917",
        "kind": AccountKind.STAFF,
        "is_staff": True,
    }
    return User(**{**fields, **extra})


def _citizen(**extra) -> User:
    fields = {
        "username": "minsu",
        "first_name": "민수",
        "last_name": "김",
        "email": "minsu.kim@example.com",
        "kind": AccountKind.CITIZEN,
    }
    return User(**{**fields, **extra})


def _codes(password: str, user) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return {error.code for error in exc.error_list}
    return set()


STAFF_VALID = [
    "Tr0ub4dor&9x",
    "mK7#pW2!zq",
    "9aB$kL2#w",  # exactly 9
    "Ng5*Wr8@Lp",
    "한글Pw#83kz",  # Hangul counts towards length
    "Ab1!Ab1!Ab",  # a repeated pattern is not three identical characters
    "Zx!9mK#4pW",  # z-x then a symbol: not the zxc run
    "Hw8?tNq2&e",
]

STAFF_INVALID = [
    ("Ab1!xY7", "password_too_short"),
    ("Ab1!xY7q", "password_too_short"),  # 8 is enough for citizens, not for staff
    ("Xk#mzqPwLr", "password_missing_character_kinds"),  # no digit
    ("Xk9mzqPwLr7", "password_missing_character_kinds"),  # no special
    ("98#75!46@8", "password_missing_character_kinds"),  # no letter
    ("Abcd#2468k", "password_sequential_characters"),  # abc
    ("Xk9#zyxW7m", "password_sequential_characters"),  # zyx, backwards
    ("Mn4!321pQz", "password_sequential_characters"),  # 321
    ("Pq7!789zR", "password_sequential_characters"),  # 789
    ("Wm8#qwePz5", "password_sequential_characters"),  # qwe, keyboard row
    ("Rt5@ewqK9m", "password_sequential_characters"),  # ewq, keyboard row backwards
    ("Lm2#asdF8k", "password_sequential_characters"),  # asd
    ("Jk3!zxcV7m", "password_sequential_characters"),  # zxc
    ("Hy6!@#Lm9p", "password_sequential_characters"),  # !@# (shifted digit row)
    ("Kp8#890Lmz", "password_sequential_characters"),  # 890 on the keyboard's digit row
    ("Bv5#aaaK9m", "password_repeated_characters"),
    ("Bv5#111Km9", "password_repeated_characters"),
    ("Bv5#AaAK9m", "password_repeated_characters"),  # case-insensitive
    ("Bv5#!!!Km9", "password_repeated_characters"),
    ("Nw7#gildongQ", "password_contains_username"),
    ("Nw7#GILDKq9", "password_contains_username"),  # 4-character piece, any case
    ("Nw7#Dong9xQ", "password_contains_username"),  # "dong" is part of "gildong"
    ("Xq8!gd-hong", "password_contains_username"),  # the e-mail's local part, hyphen ignored
    ("홍길동Xk9#mz", "password_contains_name"),
    ("Xk9#mz길동q", "password_contains_name"),
    ("Xk9#5917mzq", "password_contains_phone"),  # last four digits
    ("Xk9#02-820-5917", "password_contains_phone"),  # whole number, separators ignored
    ("Xk9#8205917z", "password_contains_phone"),  # without the area code
    ("fxzz75$yer", "password_too_common"),
]

CITIZEN_VALID = [
    "mk7wp2qz",  # 8, lower + digit
    "Mk7wp2qz",
    "mkwp!qzx",  # lower + special
    "MKWP7QZX",  # upper + digit
    "mkwpqzxrtb",  # 10 of one kind (KISA 2019)
    "sunflower7",
    "gureumsan7",
    "abcxk7wpq",  # sequences are a staff-only rule
    "bbbxk7wpqz",  # so are repeats
    "Nam산타워3tw",  # Hangul counts towards length
]

CITIZEN_INVALID = [
    ("mk7wp2q", "password_too_short"),
    ("Mk7!", "password_too_short"),
    ("MKWPQZXR", "password_too_few_character_kinds"),  # 8 of one kind
    ("mkwpqzxrt", "password_too_few_character_kinds"),  # 9 of one kind
    ("12345678901", "password_entirely_numeric"),
    ("8264917305", "password_entirely_numeric"),
    ("password12", "password_too_common"),
    ("aaaaaaaaaa", "password_too_common"),
    ("minsu2024!", "password_contains_username"),
    ("Mk7wminsu", "password_contains_username"),
    ("김민수abc123", "password_contains_name"),
]


@pytest.mark.parametrize("password", STAFF_VALID)
def test_staff_valid(password):
    assert _codes(password, _staff()) == set()


@pytest.mark.parametrize(("password", "code"), STAFF_INVALID)
def test_staff_invalid(password, code):
    assert code in _codes(password, _staff())


@pytest.mark.parametrize("password", CITIZEN_VALID)
def test_citizen_valid(password):
    assert _codes(password, _citizen()) == set()


@pytest.mark.parametrize(("password", "code"), CITIZEN_INVALID)
def test_citizen_invalid(password, code):
    assert code in _codes(password, _citizen())


@pytest.mark.parametrize(
    ("password", "valid"),
    [("mk7wp2qz", True), ("mkwpqzxrtb", True), ("mk7wp2q", False), ("MKWPQZXR", False)],
)
def test_no_user_gets_the_citizen_rule(password, valid):
    """A sign-up form validates before the account exists; only citizens sign themselves up."""
    assert (_codes(password, None) == set()) is valid


@pytest.mark.parametrize(
    "user",
    [
        _citizen(kind=AccountKind.CONTRACTOR),
        _citizen(is_staff=True),
        _citizen(is_superuser=True),
        _staff(is_staff=False),
    ],
    ids=["contractor", "is_staff", "is_superuser", "staff-kind"],
)
def test_staff_rule_follows_kind_and_admin_flags(user):
    assert is_staff_account(user)
    assert _codes("mk7wp2q#", _citizen()) == set()
    assert "password_too_short" in _codes("mk7wp2q#", user)
    assert "password_sequential_characters" in _codes("Abc#9kq2Lm", user)


def test_citizen_is_not_staff():
    assert not is_staff_account(_citizen())
    assert not is_staff_account(None)


def test_every_failing_rule_is_reported_at_once():
    codes = _codes("gild111", _staff())
    assert {
        "password_too_short",
        "password_missing_character_kinds",
        "password_contains_username",
        "password_repeated_characters",
    } <= codes


def test_messages_are_korean_and_say_what_to_fix():
    with translation.override("ko"), pytest.raises(ValidationError) as exc:
        validate_password("Abcd2468k", _staff())
    text = " ".join(exc.value.messages)
    assert "특수문자(!@#$ 등)을(를) 넣어 주세요" in text
    assert "연속된 문자나 숫자, 키보드 배열을 3자 이상 쓸 수 없습니다(“Abc”)" in text
    with translation.override("ko"), pytest.raises(ValidationError) as exc:
        validate_password("mk7wp2q", _citizen())
    assert exc.value.messages == ["비밀번호가 너무 짧습니다(현재 7자). 8자 이상으로 입력해 주세요."]


def test_help_texts_are_korean():
    with translation.override("ko"):
        texts = " ".join(password_validators_help_texts())
    assert "직원 계정: 9자 이상, 영문자·숫자·특수문자를 모두 포함" in texts
    assert "10자 이상" in texts
    assert "아이디, 이름, 전화번호, 생년월일" in texts
    assert "최근에 사용한 비밀번호 5개" in texts


def test_options_are_respected():
    validator = PasswordCompositionValidator(staff_min_length=12)
    with pytest.raises(ValidationError, match="12자 이상"):
        validator.validate("Xk9#mz7qPw!", _staff())
    RepeatedSequentialCharactersValidator(run_length=4).validate("Xk9#abcPw!7", _staff())


def test_any_phone_or_birth_field_on_the_user_is_checked(monkeypatch):
    """Fields added later (a citizen's mobile number, a birthday) are found by name."""
    import datetime

    from django.db import models

    class Profiled(User):
        mobile_phone = models.CharField(max_length=20, blank=True)
        birth_date = models.DateField(null=True)

        class Meta:
            app_label = "accounts"
            managed = False

    user = Profiled(
        username="citizen9", kind=AccountKind.CITIZEN, mobile_phone="010-4829-7731",
        birth_date=datetime.date(1988, 3, 14),
    )  # fmt: skip
    assert "password_contains_phone" in _codes("sky48297731", user)
    assert "password_contains_phone" in _codes("sky!7731zq", user)
    assert "password_contains_birthday" in _codes("sky880314!", user)
    assert "password_contains_birthday" in _codes("Sky19880314", user)
    assert _codes("skyline!4q", user) == set()
