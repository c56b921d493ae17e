"""Failed sign-ins (Django's `user_login_failed`, sent for every failed password check, also
when axes refuses a locked-out attempt) and failed second factors (`lms.mfa`'s
`two_factor_failed`) go to the audit log with the address they came from."""

from lms.audit.services import Event, record


def record_failed_login(sender, credentials=None, request=None, **kwargs):
    from lms.users.models import User, UserManager

    typed = UserManager.normalize_email((credentials or {}).get("username"))
    account = User.objects.filter(email=typed).first() if typed else None
    record(
        event=Event.LOGIN_FAILED,
        actor=None,
        target=account if account is not None else typed[:255],
        request=request,
    )


def record_failed_2fa(sender, user=None, request=None, method="", **kwargs):
    record(
        event=Event.MFA_FAILED,
        actor=None,
        target=user,
        request=request,
        details={"metoda": method},
    )
