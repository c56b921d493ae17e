from wagtail import hooks

from certificates import services


@hooks.register("lms_course_completed")
def create_pending_certificate(enrolment):
    """In the transaction that records the completion: the certificate row, number and code."""
    services.create_pending_certificate(enrolment=enrolment)


@hooks.register("lms_personal_data")
def certificates_of(user):
    from certificates.models import Certificate

    return {
        "certificates": [
            {
                "number": c.number,
                "course": c.course_title,
                "hours": str(c.hours),
                "status": c.status,
                "completed_at": c.completed_at.isoformat(),
                "expires_at": c.expires_at.isoformat() if c.expires_at else None,
            }  # fmt: skip
            for c in Certificate.objects.filter(user=user).order_by("year", "sequence")
        ]
    }
