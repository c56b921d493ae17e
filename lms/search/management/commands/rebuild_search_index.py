"""Index every live, public page of the registered types again (see lms.search.registry)."""

import time

from django.core.management.base import BaseCommand

from lms.search import services
from lms.search.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the site search index from the live pages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only when the index is empty (a first deployment); start-up scripts use it.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and SearchEntry.objects.exists():
            return
        started = time.monotonic()
        count = services.rebuild_index()
        seconds = time.monotonic() - started
        self.stdout.write(f"Indeks wyszukiwania: {count} stron ({seconds:.1f} s).")
