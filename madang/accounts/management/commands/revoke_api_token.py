from django.core.management.base import BaseCommand, CommandError

from madang.accounts.models import ApiToken
from madang.accounts.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke an API token at once, by the prefix shown when it was made (mdg_…)."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="the token's first characters, e.g. mdg_AbC12345")

    def handle(self, *args, prefix, **options):
        tokens = list(
            ApiToken.objects.filter(prefix__startswith=prefix[:12], revoked_at__isnull=True)
        )
        tokens = [t for t in tokens if prefix.startswith(t.prefix) or t.prefix.startswith(prefix)]
        if not tokens:
            raise CommandError(f"no active token starts with {prefix!r}")
        if len(tokens) > 1:
            raise CommandError(
                f"{len(tokens)} active tokens start with {prefix!r}; give more characters"
            )
        token = api_token_revoke(acting_user=None, token=tokens[0])
        self.stdout.write(f"Revoked {token} of {token.user.get_username()}.")
