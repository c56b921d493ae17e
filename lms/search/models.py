"""The site search index: one row per page anyone may read, with its Polish lexemes."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """A live, public page of a registered type (see `lms.search.registry`), as search shows it.

    `vector` holds the lexemes of `lms.search.polish` (lemmas, diacritics folded) with their
    positions, weighted A for the title, B for the summary, C for the body and D for the context
    (a lesson's course). Rows are written by `lms.search.services` only.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("strona"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("rodzaj"), max_length=60)
    kind_slug = models.SlugField(_("rodzaj (w adresie)"), max_length=60)
    area = models.ForeignKey(
        "courses.ThematicArea",
        verbose_name=_("obszar tematyczny"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locale = models.CharField(_("język"), max_length=10, default="pl")
    title = models.CharField(_("tytuł"), max_length=255)
    context = models.CharField(_("kontekst"), max_length=255, blank=True)
    summary = models.TextField(_("streszczenie"), blank=True)
    body = models.TextField(_("treść"), blank=True)
    body_is_public = models.BooleanField(_("fragmenty treści w wynikach"), default=True)
    vector = SearchVectorField()
    indexed_at = models.DateTimeField(_("zaindeksowano"), auto_now=True)

    class Meta:
        verbose_name = _("wpis indeksu wyszukiwania")
        verbose_name_plural = _("indeks wyszukiwania")
        indexes = [
            GinIndex(fields=["vector"], name="search_entry_vector"),
            models.Index(fields=["kind_slug"], name="search_entry_kind"),
        ]

    def __str__(self):
        return self.title
