"""The private storage: where files holding personal data live (exports, certificate PDFs, import
uploads). No URL maps to it; `lms.files.services.serve` hands a file to a viewer a view has
already checked.

Model fields use ``storage=private_storage`` (a callable, so migrations record a reference, not a
path) and get a lazy handle on ``storages["private"]``: a test or deployment that changes
``STORAGES`` or ``PRIVATE_MEDIA_ROOT`` is followed at once."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import LazyObject, cached_property

PRIVATE = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """A directory outside MEDIA_ROOT (``PRIVATE_MEDIA_ROOT`` unless `location` is given) whose
    files have no URL: asking for one is a programming error, not a silent public link."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError(
            "Private files have no URL: serve them through a view (lms.files.services.serve)."
        )


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages[PRIVATE]

    def reset(self):
        from django.utils.functional import empty

        self._wrapped = empty


private = PrivateStorage()


def private_storage():
    """`storage=` of every FileField holding personal data."""
    return private


def is_private(field) -> bool:
    return getattr(field, "_storage_callable", None) is private_storage
