from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from madang.accounts.choices import ApiScope
from madang.accounts.models import User
from madang.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Issue an API token for a staff account and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. 'open-data sync'")
        parser.add_argument(
            "--scope", action="append", dest="scopes", choices=ApiScope.values, required=True
        )
        parser.add_argument("--days", type=int, default=365, help="validity in days (0: none)")

    def handle(self, *args, username, name, scopes, days, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"no account named {username!r}") from exc
        expires_at = timezone.now() + timedelta(days=days) if days else None
        try:
            token, raw = api_token_create(
                acting_user=None, user=user, name=name, scopes=scopes, expires_at=expires_at
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(raw)
        self.stderr.write(f"Token {token.prefix}… for {username}; it is not shown again.")
