from celery import shared_task

from funding import services


@shared_task(ignore_result=True)
def delete_expired_participant_data() -> int:
    return services.delete_expired_participant_data()
