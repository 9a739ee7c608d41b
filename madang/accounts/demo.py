"""Demo staff accounts, with passwords generated on first creation and printed once."""

import secrets
import string

from django.contrib.auth.models import Group

from madang.departments.models import Department

from .choices import AccountKind
from .models import User

# (username, family name, given name, department code, superuser, Wagtail groups)
STAFF = [
    ("admin", "관", "리자", "it-policy", True, []),
    ("editor", "김", "홍보", "public-relations", False, ["Editors"]),
    ("moderator", "이", "정책", "public-relations", False, ["Moderators"]),
]


def generate_password() -> str:
    """A 14-character password meeting the staff rule (letters, digits and specials, 제24조)."""
    alphabet = string.ascii_letters + string.digits
    specials = "!@#$%^*-_+"
    while True:
        body = [secrets.choice(alphabet) for _ in range(11)]
        body += [secrets.choice(specials), secrets.choice(string.digits)]
        body.insert(secrets.randbelow(len(body)), secrets.choice(string.ascii_lowercase))
        password = "".join(body)
        if any(c.isalpha() for c in password) and not any(
            password[i] == password[i + 1] == password[i + 2] for i in range(len(password) - 2)
        ):
            return password


def load_staff() -> list[tuple[str, str | None]]:
    """Create missing demo staff; returns (username, new password or None if it existed)."""
    results = []
    for username, last, first, dept_code, superuser, groups in STAFF:
        if User.objects.filter(username=username).exists():
            results.append((username, None))
            continue
        password = generate_password()
        user = User(
            username=username,
            last_name=last,
            first_name=first,
            email=f"{username}@dongjak.go.kr",
            kind=AccountKind.STAFF,
            is_staff=True,
            is_superuser=superuser,
            department=Department.objects.filter(code=dept_code).first(),
        )
        user.set_password(password)
        user.save()
        for name in groups:
            group, _ = Group.objects.get_or_create(name=name)
            user.groups.add(group)
        results.append((username, password))
    return results
