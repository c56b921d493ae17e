from celery import shared_task

from lms.files import services


@shared_task(ignore_result=True)
def delete_orphans() -> int:
    return len(services.delete_orphans())
