from django.core.signals import setting_changed
from django.db.models.signals import post_delete
from django.dispatch import receiver

from lms.files import services
from lms.files.storage import private


def delete_private_files(sender, instance, **kwargs):
    services.delete_files_of(instance)


def connect() -> None:
    """A row deleted (one by one, in bulk or by a cascade) takes its private files with it."""
    for model in {field.model for field in services.private_file_fields()}:
        post_delete.connect(
            delete_private_files, sender=model, dispatch_uid=f"private-files-{model._meta.label}"
        )


@receiver(setting_changed)
def _follow_settings(setting, **kwargs):
    if setting == "STORAGES":
        private.reset()
    if setting == "SENDFILE_BACKEND":
        from django_sendfile.utils import _get_sendfile

        _get_sendfile.cache_clear()


connect()
