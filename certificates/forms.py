"""The public verification forms: a code to look up, and a document to check.

A checked document is never stored, not even in a temporary file: `DigestUploadHandler` hashes it
while the request is read and keeps only its SHA-256, its size and its first bytes.

(Administrators' forms are in `admin_forms`.)
"""

import hashlib

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
DOCUMENT_FIELD = "dokument"


class DigestedUpload(UploadedFile):
    """What is left of an uploaded file once it has been hashed: no content, only facts."""

    def __init__(self, *, name, size, content_type, sha256, head):
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.sha256 = sha256
        self.head = head

    @property
    def looks_like_pdf(self) -> bool:
        return self.head.startswith(PDF_MAGIC)

    def open(self, mode=None):
        raise ValueError("A digested upload keeps no content, only its SHA-256.")


class DigestUploadHandler(FileUploadHandler):
    """Hashes the file in `DOCUMENT_FIELD` chunk by chunk as it arrives and keeps none of it: no
    byte reaches memory beyond one chunk, nor a temporary file, nor the storage. Other file fields
    are dropped. A file over `max_bytes` stops the upload (the rest of the body is read and
    discarded) and sets `too_large`. Install it as the request's only handler, before anything
    reads `request.POST` (see `views.check_document`)."""

    def __init__(self, request=None, *, max_bytes=MAX_DOCUMENT_BYTES):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False
        self.digest = None

    def new_file(
        self,
        field_name,
        file_name,
        content_type,
        content_length,
        charset=None,
        content_type_extra=None,
    ):
        super().new_file(field_name, file_name, content_type, content_length, charset)
        self.digest = hashlib.sha256() if field_name == DOCUMENT_FIELD else None
        self.received, self.head = 0, b""

    def receive_data_chunk(self, raw_data, start):
        if self.digest is None:
            return None  # another file field: dropped
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        if len(self.head) < len(PDF_MAGIC):
            self.head = (self.head + raw_data)[: len(PDF_MAGIC)]
        self.digest.update(raw_data)
        return None

    def file_complete(self, file_size):
        if self.digest is None:
            return None
        return DigestedUpload(
            name=self.file_name,
            size=file_size,
            content_type=self.content_type,
            sha256=self.digest.hexdigest(),
            head=self.head,
        )


class VerificationCodeForm(forms.Form):
    kod = forms.CharField(
        label=_("Kod weryfikacyjny"),
        max_length=64,
        help_text=_(
            "16 liter i cyfr z zaświadczenia, np. 7KQ2-M9XD-4HTR-8WBN. Wielkość liter i "
            "myślniki nie mają znaczenia."
        ),
        error_messages={"required": _("Wpisz kod weryfikacyjny z zaświadczenia.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


class DocumentCheckForm(forms.Form):
    """Validates what `DigestUploadHandler` left: a PDF no larger than the limit."""

    dokument = forms.FileField(
        label=_("Plik PDF zaświadczenia"),
        error_messages={
            "required": _("Wybierz plik PDF zaświadczenia."),
            "empty": _("Wybrany plik jest pusty."),
            "invalid": _("Nie udało się odczytać pliku. Wybierz plik PDF zaświadczenia."),
        },
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.fields[DOCUMENT_FIELD].help_text = _(
            "Plik PDF otrzymany z platformy, najwyżej %(size)s. Sprawdzamy go i od razu "
            "zapominamy: nie jest nigdzie zapisywany."
        ) % {"size": filesizeformat(MAX_DOCUMENT_BYTES)}

    def clean_dokument(self):
        document = self.cleaned_data["dokument"]
        if not isinstance(document, DigestedUpload) or not document.looks_like_pdf:
            raise forms.ValidationError(
                _("To nie jest plik PDF. Wybierz plik PDF zaświadczenia."), code="not_pdf"
            )
        return document

    def full_clean(self):
        super().full_clean()
        if self.too_large:
            # Whatever else was said about the field (it is missing), the reason is its size.
            self._errors.pop(DOCUMENT_FIELD, None)
            self.add_error(
                DOCUMENT_FIELD,
                forms.ValidationError(
                    _("Plik jest za duży: zaświadczenie ma najwyżej %(size)s."),
                    code="too_large",
                    params={"size": filesizeformat(MAX_DOCUMENT_BYTES)},
                ),
            )
