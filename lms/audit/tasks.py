from celery import shared_task

from lms.audit import services


@shared_task(ignore_result=True)
def delete_old_audit_entries() -> int:
    return services.delete_old_entries()
