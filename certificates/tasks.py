"""Certificate tasks: take ids, call one function of `issuing` (where the guarantees are stated)."""

from celery import shared_task

from certificates import issuing


@shared_task(bind=True, acks_late=True, max_retries=issuing.MAX_RETRIES, ignore_result=True)
def issue_certificate(self, certificate_id: int) -> str:
    """Render, store and e-mail one certificate; transient failures are retried with backoff,
    after the last retry the certificate is marked failed for an administrator to retry."""
    try:
        return issuing.issue_certificate(certificate_id=certificate_id)
    except issuing.TRANSIENT as error:
        if self.request.retries >= self.max_retries or self.request.is_eager:
            return issuing.mark_failed(
                certificate_id=certificate_id, error=f"{type(error).__name__}: {error}"
            )
        countdown = issuing.retry_delay(self.request.retries)
        issuing.postpone(certificate_id=certificate_id, seconds=countdown)
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(ignore_result=True)
def reconcile_certificates(stale_after_seconds: int | None = None) -> dict:
    """Every minute (CELERY_BEAT_SCHEDULE): queue what was lost or left stale."""
    return issuing.reconcile(stale_after_seconds=stale_after_seconds)


@shared_task(ignore_result=True)
def notify_expiring_certificates(days: int = 30) -> int:
    """Twice a day (CELERY_BEAT_SCHEDULE): remind holders before their certificate expires."""
    return issuing.remind_expiring(days=days)
