"""Demo staff accounts, with passwords generated on first creation and printed once."""

import secrets
import string

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from madang.departments.models import Department

from .choices import AccountKind
from .models import User

# (username, family name, given name, department code, superuser, Wagtail groups)
STAFF = [
    ("admin", "관", "리자", "it-policy", True, []),
    ("editor", "김", "홍보", "public-relations", False, ["Editors"]),
    ("moderator", "이", "정책", "public-relations", False, ["Moderators"]),
    # A department editor: edits only the parking division's pages and submits them for the
    # homepage operating department's approval (조례 제7조).
    ("parking-editor", "박", "주차", "parking", False, ["Editors"]),
]


def generate_password(user: User | None = None) -> str:
    """A 14-character password passing every 제24조 rule for `user` (a staff account)."""
    user = user or User(kind=AccountKind.STAFF, is_staff=True)
    alphabet = string.ascii_letters + string.digits
    specials = "!@#$%^*-_+"
    while True:
        body = [secrets.choice(alphabet) for _ in range(11)]
        body += [secrets.choice(specials), secrets.choice(string.digits)]
        body.insert(secrets.randbelow(len(body)), secrets.choice(string.ascii_lowercase))
        password = "".join(body)
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def load_staff() -> list[tuple[str, str | None]]:
    """Create missing demo staff; returns (username, new password or None if it existed)."""
    results = []
    for username, last, first, dept_code, superuser, groups in STAFF:
        if User.objects.filter(username=username).exists():
            results.append((username, None))
            continue
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
        password = generate_password(user)
        user.set_password(password)
        user.save()
        for name in groups:
            group, created = Group.objects.get_or_create(name=name)
            if created:
                # Wagtail's migrations make these groups with admin access; a database that lost
                # them (a flushed test database, a hand clean-up) gets that access back here.
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label="wagtailadmin", codename="access_admin"
                    )
                )
            user.groups.add(group)
        results.append((username, password))
    return results
