from django.core.management.base import BaseCommand

from lms.files.services import PUBLIC_PREFIXES, move_private_files


class Command(BaseCommand):
    help = (
        "Move exports, certificate PDFs and import uploads from public media into the private "
        "storage (the migration does it once; safe to run again)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--purge",
            action="store_true",
            help=f"Also delete files left under {', '.join(PUBLIC_PREFIXES)} of public media "
            "that no row names (files of deleted exports and imports).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list what would change.")

    def handle(self, *args, purge, dry_run, **options):
        result = move_private_files(purge=purge, dry_run=dry_run)
        verb = "Would move" if dry_run else "Moved"
        self.stdout.write(f"{verb} {len(result.moved)} files into the private storage.")
        if purge:
            verb = "Would delete" if dry_run else "Deleted"
            self.stdout.write(f"{verb} {len(result.purged)} left-over files from public media.")
        for name in result.missing:
            self.stderr.write(f"Missing (named by a row, found nowhere): {name}")
