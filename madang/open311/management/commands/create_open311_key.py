from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from madang.open311.services import open311_client_create


class Command(BaseCommand):
    help = "Make an Open311 client key (needed to POST requests) and print it once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who or what the key is for, e.g. 'neighbourhood app'")

    def handle(self, *args, name, **options):
        try:
            client, raw = open311_client_create(acting_user=None, name=name)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(raw)
        self.stderr.write(
            f"Open311 key {client.key_prefix}… for {client.name!r}; it is not shown again."
        )
