from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form with an upload size limit (the extension allow-list is a setting)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.MAX_UPLOAD_MB * 1024 * 1024
        if file is not None and getattr(file, "size", 0) > limit:
            raise ValidationError(
                _("Plik jest za duży (%(size)s). Największy dozwolony rozmiar to %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        return file
