"""Create the Ed25519 key that signs certificate credentials."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from certificates import signing


class Command(BaseCommand):
    help = (
        "Create an Ed25519 signing key for certificates. Prints CERTIFICATE_SIGNING_KEY=… for the "
        "environment, or with --write stores it in CERTIFICATE_SIGNING_KEY_FILE (mode 600)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--write", action="store_true", help="Write the key to CERTIFICATE_SIGNING_KEY_FILE."
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when a key is already configured (setting or file).",
        )

    def handle(self, *args, write=False, if_missing=False, **options):
        path = Path(settings.CERTIFICATE_SIGNING_KEY_FILE)
        if if_missing and (settings.CERTIFICATE_SIGNING_KEY or path.exists()):
            self.stdout.write("A certificate signing key is already configured.")
            return
        key = signing.generate_key()
        if not write:
            self.stdout.write(f"CERTIFICATE_SIGNING_KEY={key}")
            return
        if path.exists():
            self.stderr.write(f"{path} exists: not overwriting a key that signed certificates.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(key + "\n")
        self.stdout.write(f"Wrote a new certificate signing key to {path}.")
