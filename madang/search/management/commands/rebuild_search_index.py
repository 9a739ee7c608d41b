from django.core.management.base import BaseCommand

from madang.search.analysis import get_analyser
from madang.search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index from every live, public page."

    def handle(self, *args, **options):
        count = search_index_rebuild()
        analyser = get_analyser().name
        self.stdout.write(f"indexed {count} documents (analyser: {analyser})")
