from celery import shared_task

from lms.exports import services

# A ZIP of thousands of certificates may take a while: more than the default soft limit.
BUILD_SOFT_TIME_LIMIT = 45 * 60


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=BUILD_SOFT_TIME_LIMIT,
    time_limit=BUILD_SOFT_TIME_LIMIT + 5 * 60,
)
def build_export(export_id: int) -> str:
    return services.build_export(export_id=export_id)


@shared_task(ignore_result=True)
def delete_old_exports() -> int:
    return services.delete_old_exports()
