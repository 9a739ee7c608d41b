from django.core.management.base import BaseCommand, CommandError

from madang.open311.models import Open311Client
from madang.open311.services import open311_client_deactivate


class Command(BaseCommand):
    help = "Stop an Open311 client key from working (by the prefix create_open311_key printed)."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="the first characters of the key, e.g. o311_AbC1234")

    def handle(self, *args, prefix, **options):
        matches = list(Open311Client.objects.filter(key_prefix__startswith=prefix[:12]))
        matches = [
            c for c in matches if prefix.startswith(c.key_prefix) or c.key_prefix.startswith(prefix)
        ]
        if len(matches) != 1:
            raise CommandError(f"{len(matches)} keys match {prefix!r}; give more characters")
        client = open311_client_deactivate(acting_user=None, client=matches[0])
        self.stdout.write(f"Deactivated {client}")
