"""People: a user who signs in with an e-mail address and belongs to an organisational unit."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email__iexact=self.normalize_email(username))

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A municipal employee, trainer, coordinator or administrator."""

    email = models.EmailField(_("adres e-mail"), unique=True)
    first_name = models.CharField(_("imię"), max_length=150, blank=True)
    last_name = models.CharField(_("nazwisko"), max_length=150, blank=True)
    job_title = models.CharField(_("stanowisko"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        verbose_name=_("jednostka"),
        related_name="members",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    coordinated_units = models.ManyToManyField(
        "organisations.OrganisationUnit",
        verbose_name=_("koordynowane jednostki"),
        related_name="coordinators",
        blank=True,
        help_text=_(
            "Koordynator widzi kursantów tych jednostek i wszystkich jednostek podległych."
        ),
    )
    is_staff = models.BooleanField(
        _("dostęp do panelu Django"),
        default=False,
        help_text=_("Dostęp do technicznego panelu Django (tylko dla obsługi technicznej)."),
    )
    is_active = models.BooleanField(_("aktywny"), default=True)
    date_joined = models.DateTimeField(_("data utworzenia"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("zanonimizowano"), null=True, blank=True, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = self.__class__.objects.normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None

    @staticmethod
    def anonymous_email():
        return f"anonim-{uuid.uuid4().hex}@anonimizacja.invalid"


class Invitation(models.Model):
    """An invitation sent by an administrator; the link in it lets the invitee set a password."""

    user = models.ForeignKey(
        User, verbose_name=_("zaproszony"), related_name="invitations", on_delete=models.CASCADE
    )
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("zapraszający"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("wysłano"), default=timezone.now)
    accepted_at = models.DateTimeField(_("przyjęto"), null=True, blank=True)

    class Meta:
        verbose_name = _("zaproszenie")
        verbose_name_plural = _("zaproszenia")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.user)
