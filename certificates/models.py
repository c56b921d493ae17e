"""Certificates: one per completed enrolment or attended in-person event, numbered gap-free per
year, rendered to PDF by a worker, verifiable by a code."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from lms.files.storage import private_storage

DEFAULT_BODY = _(
    "Niniejszym zaświadcza się, że\n"
    "{name}\n"
    "ukończył(a) szkolenie „{course}” w wymiarze {hours} godz.,\n"
    "zrealizowane w ramach Pomorskiego Samorządowego Centrum Kompetencji "
    "w zakresie Wsparcia Imigrantów.\n"
    "Data ukończenia: {date}."
)


def certificate_upload_to(instance, filename):
    # An unguessable name: files are served only through the permission-checked download view.
    return f"certificates/{instance.year}/{filename}"


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """How a certificate looks. Administrators manage templates; each course picks one."""

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("pozioma")
        PORTRAIT = "portrait", _("pionowa")

    name = models.CharField(_("nazwa szablonu"), max_length=120, unique=True)
    heading = models.CharField(_("tytuł dokumentu"), max_length=120, default=_("Zaświadczenie"))
    body = models.TextField(
        _("treść"),
        default=DEFAULT_BODY,
        help_text=_(
            "Pola do wstawienia: {name} (imię i nazwisko), {course} (kurs), {hours} (liczba "
            "godzin), {date} (data ukończenia), {number} (numer), {issued} (data wystawienia), "
            "{expires} (ważne do), {place} (miejsce szkolenia stacjonarnego). "
            "Każda linia to osobny akapit."
        ),
    )
    orientation = models.CharField(
        _("orientacja strony"),
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )
    background = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("tło"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_colour = models.CharField(
        _("kolor akcentu"),
        max_length=7,
        default="#0b4f8a",
        help_text=_("Kolor w zapisie szesnastkowym, np. #0b4f8a."),
    )
    is_default = models.BooleanField(
        _("szablon domyślny"),
        default=False,
        help_text=_("Używany przez kursy, które nie wybrały szablonu."),
    )
    # Raised on every change of the template, its logos, signatures or their images (see
    # `certificates.handlers`): workers keep a template per process while its version holds.
    version = models.PositiveIntegerField(_("wersja szablonu"), default=1, editable=False)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("heading"), FieldPanel("body")], heading=_("Treść")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("orientation"), FieldPanel("accent_colour")]),
                FieldPanel("background"),
                FieldPanel("is_default"),
            ],
            heading=_("Wygląd"),
        ),
        InlinePanel("logos", heading=_("Logotypy"), label=_("logotyp"), max_num=4),
        InlinePanel("signatures", heading=_("Podpisy"), label=_("podpis"), max_num=3),
    ]

    class Meta:
        verbose_name = _("szablon zaświadczenia")
        verbose_name_plural = _("szablony zaświadczeń")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificate_template_one_default",
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def default(cls):
        return cls.objects.filter(is_default=True).first() or cls.objects.first()

    # Wagtail's preview: a sample certificate, rendered as the real PDF.
    preview_modes = [("", _("Przykładowe zaświadczenie (PDF)"))]

    def serve_preview(self, request, mode_name):
        from certificates.rendering import render_sample

        response = HttpResponse(render_sample(self), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="podglad-zaswiadczenia.pdf"'
        return response


class CertificateTemplateLogo(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="logos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logotyp"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("image")]


class CertificateSignature(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(_("imię i nazwisko"), max_length=150)
    role = models.CharField(_("funkcja"), max_length=200)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("obraz podpisu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldPanel("image")]


class TrainingEvent(ClusterableModel):
    """An in-person panel or workshop: attendees marked present get certificates too."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs"),
        on_delete=models.PROTECT,
        related_name="training_events",
        help_text=_("Zaświadczenie podaje tytuł i liczbę godzin tego kursu."),
    )
    date = models.DateField(_("data"))
    place = models.CharField(_("miejsce"), max_length=255)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trener"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trainer_name = models.CharField(
        _("trener (spoza platformy)"),
        max_length=200,
        blank=True,
        help_text=_("Gdy trener nie ma konta na platformie."),
    )
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now)

    # The admin form (panels, the person chooser) is `certificates.viewsets.TrainingEventViewSet`.

    class Meta:
        verbose_name = _("szkolenie stacjonarne")
        verbose_name_plural = _("szkolenia stacjonarne")
        ordering = ["-date", "place"]

    def __str__(self):
        return f"{self.course.title} – {self.date:%d.%m.%Y}, {self.place}"


class Attendance(models.Model):
    event = ParentalKey(TrainingEvent, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uczestnik"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    present = models.BooleanField(_("obecny(a)"), default=True)

    class Meta:
        verbose_name = _("obecność")
        verbose_name_plural = _("lista obecności")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="attendance_once_per_event"),
        ]

    def __str__(self):
        return f"{self.user} – {self.event}"


class CertificateNumberSequence(models.Model):
    """The last number used in a year. Locked with SELECT … FOR UPDATE while a number is taken, so
    numbers are unique and gap-free: a rolled-back transaction returns its number with it."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("licznik numerów zaświadczeń")

    def __str__(self):
        return f"{self.year}: {self.last_value}"


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Certificates `user` may open: their own; all for administrators; a coordinator's
        units (and sub-units) for coordinators."""
        from lms.users.roles import is_administrator

        if not user.is_authenticated:
            return self.none()
        if is_administrator(user):
            return self
        condition = Q(user=user)
        units = list(user.coordinated_units.all())
        if units:
            from lms.organisations.models import OrganisationUnit

            condition |= Q(user__unit__in=OrganisationUnit.objects.within(units))
        return self.filter(condition)


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("w przygotowaniu")
        ISSUED = "issued", _("wystawione")
        FAILED = "failed", _("błąd wystawiania")
        REVOKED = "revoked", _("unieważnione")

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        verbose_name=_("zapis na kurs"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    attendance = models.OneToOneField(
        Attendance,
        verbose_name=_("obecność na szkoleniu stacjonarnym"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("osoba"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("szablon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    year = models.PositiveSmallIntegerField(_("rok"))
    sequence = models.PositiveIntegerField(_("numer w roku"))
    number = models.CharField(_("numer"), max_length=32, unique=True)
    verification_code = models.CharField(_("kod weryfikacyjny"), max_length=24, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Frozen at issue time: later edits to the profile or the course change nothing here.
    holder_name = models.CharField(_("imię i nazwisko"), max_length=300)
    course_title = models.CharField(_("tytuł kursu"), max_length=255)
    hours = models.DecimalField(_("liczba godzin"), max_digits=5, decimal_places=1)
    place = models.CharField(_("miejsce szkolenia"), max_length=255, blank=True)
    completed_at = models.DateTimeField(_("data ukończenia"))
    expires_at = models.DateTimeField(_("ważne do"), null=True, blank=True)
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now)
    issued_at = models.DateTimeField(_("wystawiono"), null=True, blank=True)
    # The current document.
    version = models.PositiveSmallIntegerField(_("wersja dokumentu"), default=0)
    pdf = models.FileField(
        _("plik PDF"), upload_to=certificate_upload_to, storage=private_storage, blank=True
    )
    sha256 = models.CharField(_("skrót SHA-256"), max_length=64, blank=True, db_index=True)
    credential = models.JSONField(_("poświadczenie Open Badges"), null=True, blank=True)
    # The pipeline's bookkeeping.
    # Last queued or taken up by a worker (or when a scheduled retry runs): see `issuing`.
    queued_at = models.DateTimeField(_("zlecono"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("próby"), default=0)
    error = models.TextField(_("błąd"), blank=True)
    emailed_at = models.DateTimeField(_("wysłano e-mail"), null=True, blank=True)
    expiry_notified_at = models.DateTimeField(
        _("powiadomiono o wygaśnięciu"), null=True, blank=True
    )
    # Revocation.
    revoked_at = models.DateTimeField(_("unieważniono"), null=True, blank=True)
    revoked_reason = models.TextField(_("powód unieważnienia"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unieważnił(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("zaświadczenie")
        verbose_name_plural = _("zaświadczenia")
        ordering = ["-year", "-sequence"]
        permissions = [
            ("revoke_certificate", _("Może unieważniać i wystawiać ponownie zaświadczenia")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="certificate_year_sequence"),
            models.CheckConstraint(
                condition=Q(enrolment__isnull=True) | Q(attendance__isnull=True),
                name="certificate_one_source",
            ),
        ]
        indexes = [
            # The reconciliation's query, every minute: unfinished certificates by last touch.
            models.Index(
                fields=["queued_at"],
                condition=Q(status="pending") | Q(status="issued", emailed_at__isnull=True),
                name="certificate_unfinished",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def public_status(self):
        """What the verification page says: valid, expired, revoked or pending."""
        if self.status == self.Status.REVOKED:
            return "revoked"
        if self.status != self.Status.ISSUED:
            return "pending"
        return "expired" if self.is_expired else "valid"

    def pdf_filename(self):
        return f"zaswiadczenie-{self.number.replace('/', '-')}.pdf"

    @staticmethod
    def new_file_name(number: str, version: int) -> str:
        return f"{number.replace('/', '-')}-v{version}-{secrets.token_urlsafe(12)}.pdf"


class CertificateFile(models.Model):
    """A document replaced by a reissue: kept, and still recognised by "check a document"."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="files")
    version = models.PositiveSmallIntegerField(_("wersja"))
    pdf = models.FileField(
        _("plik PDF"), upload_to="certificates/replaced/", storage=private_storage
    )
    sha256 = models.CharField(_("skrót SHA-256"), max_length=64, db_index=True)
    issued_at = models.DateTimeField(_("wystawiono"))
    replaced_at = models.DateTimeField(_("zastąpiono"), default=timezone.now)

    class Meta:
        verbose_name = _("poprzednia wersja zaświadczenia")
        verbose_name_plural = _("poprzednie wersje zaświadczeń")
        ordering = ["certificate", "version"]

    def __str__(self):
        return f"{self.certificate.number} v{self.version}"
