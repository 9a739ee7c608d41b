"""The demo's generated staff passwords must pass the staff rules they claim to meet."""

import random

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from madang.accounts import demo
from madang.accounts.choices import AccountKind
from madang.accounts.models import User


def test_two_hundred_generated_passwords_meet_the_staff_rule(monkeypatch):
    # Seeded stand-in for `secrets` so the run is the same every time.
    rng = random.Random(24)
    monkeypatch.setattr(demo.secrets, "choice", rng.choice)
    monkeypatch.setattr(demo.secrets, "randbelow", rng.randrange)
    failures = {}
    for username, last, first, *_rest in demo.STAFF * 67:
        user = User(
            username=username, last_name=last, first_name=first, kind=AccountKind.STAFF,
            is_staff=True, email=f"{username}@dongjak.go.kr",
        )  # fmt: skip
        password = demo.generate_password(user)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            failures[password] = sorted({e.code for e in exc.error_list})
    assert failures == {}
