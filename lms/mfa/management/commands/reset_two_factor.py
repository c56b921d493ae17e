from django.core.management.base import BaseCommand, CommandError

from lms.mfa import services
from lms.users.models import User


class Command(BaseCommand):
    help = (
        "Remove every second factor (authenticator app, recovery codes, passkeys) of one account, "
        "after checking the person's identity: they set up a new one at the next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        removed = services.reset_two_factor(user=user)
        self.stdout.write(f"Removed {removed} second-factor device(s) of {user.email}.")
