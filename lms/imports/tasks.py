from celery import shared_task
from django.conf import settings
from django.utils.translation import override

from lms.imports import services
from lms.imports.models import ImportBatch
from lms.users import services as user_services

# Ten thousand rows take well under a minute; the limits leave room for a slow database.
SOFT_TIME_LIMIT = 20 * 60


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=SOFT_TIME_LIMIT + 5 * 60,
)
def validate_batch(batch_id: int) -> str:
    batch = ImportBatch.objects.select_related("owner").filter(pk=batch_id).first()
    return services.validate_batch(batch=batch).status if batch else "missing"


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=SOFT_TIME_LIMIT + 5 * 60,
)
def apply_batch(batch_id: int) -> str:
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    return services.apply_batch(batch=batch).status if batch else "missing"


@shared_task(acks_late=True, ignore_result=True)
def send_invitations(invitation_ids: list[int], language: str | None = None) -> int:
    with override(language or settings.LANGUAGE_CODE):
        return user_services.send_invitation_emails(invitation_ids=invitation_ids)


@shared_task(ignore_result=True)
def delete_old_batches() -> int:
    return services.delete_old_batches()
