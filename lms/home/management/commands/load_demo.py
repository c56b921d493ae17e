"""Load the local demo: a few units below Powiat gdański, the demo accounts, the demo catalogue.

Idempotent: running it again changes nothing. Passwords are for a local demo only.
"""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks

from lms.organisations.models import OrganisationUnit, UnitType
from lms.users.models import User
from lms.users.roles import Role

DEMO_DOMAIN = "centrum-kompetencji.example"
DEMO_HOOK = "lms_load_demo"

# (parent code, name, type, code)
DEMO_UNITS = [
    ("2204", "Gmina Pruszcz Gdański", UnitType.MUNICIPALITY_RURAL, "2204052"),
    ("2204", "Gmina Kolbudy", UnitType.MUNICIPALITY_RURAL, "2204042"),
    ("2204052", "Urząd Gminy Pruszcz Gdański", UnitType.OFFICE, ""),
    (
        "2204052",
        "Gminny Ośrodek Pomocy Społecznej w Pruszczu Gdańskim",
        UnitType.SOCIAL_WELFARE,
        "",
    ),
    ("2204042", "Urząd Gminy Kolbudy", UnitType.OFFICE, ""),
    ("2204", "Powiatowy Urząd Pracy w Pruszczu Gdańskim", UnitType.LABOUR_OFFICE, ""),
]

# (local part, password, first, last, job title, roles, unit name, superuser)
DEMO_ACCOUNTS = [
    (
        "admin",
        "Admin-Demo-2026!",
        "Anna",
        "Kowalska",
        "Administratorka platformy",
        [Role.ADMINISTRATOR],
        "Województwo pomorskie",
        True,
    ),
    (
        "trener",
        "Trener-Demo-2026!",
        "Tomasz",
        "Wiśniewski",
        "Trener, ekspert ds. integracji",
        [Role.TRAINER],
        "Województwo pomorskie",
        False,
    ),
    (
        "koordynator",
        "Koordynator-Demo-2026!",
        "Katarzyna",
        "Nowak",
        "Koordynatorka szkoleń",
        [Role.COORDINATOR],
        "Powiat gdański",
        False,
    ),
    (
        "kursant",
        "Kursant-Demo-2026!",
        "Małgorzata",
        "Żółkiewska-Ślęzak",
        "Inspektorka ds. obsługi mieszkańców",
        [Role.LEARNER],
        "Urząd Gminy Pruszcz Gdański",
        False,
    ),
]


class Command(BaseCommand):
    help = "Load the demo units, accounts and catalogue (idempotent, local demo only)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.load_units()
        accounts = self.load_accounts()
        for loader in hooks.get_hooks(DEMO_HOOK):
            loader(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Konta demonstracyjne (tylko lokalne demo):"))
        for email, password, roles in accounts:
            self.stdout.write(f"  {email:<42} {password:<24} {', '.join(roles)}")

    def load_units(self):
        for parent_code, name, unit_type, code in DEMO_UNITS:
            if OrganisationUnit.objects.filter(name=name).exists():
                continue
            parent = OrganisationUnit.objects.get(code=parent_code)
            parent.add_child(name=name, unit_type=unit_type, code=code)

    def load_accounts(self):
        printed = []
        for local, password, first, last, title, roles, unit_name, superuser in DEMO_ACCOUNTS:
            email = f"{local}@{DEMO_DOMAIN}"
            unit = OrganisationUnit.objects.get(name=unit_name)
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"first_name": first, "last_name": last, "job_title": title, "unit": unit},
            )
            if created:
                user.set_password(password)
                user.is_superuser = superuser
                user.save()
            user.groups.add(*Group.objects.filter(name__in=roles))
            if Role.COORDINATOR in roles:
                user.coordinated_units.add(unit)
            printed.append((email, password, [str(role.label) for role in roles]))
        return printed
