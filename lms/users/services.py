"""Writes and exports for people: invitations, personal data (RODO), anonymisation."""

import re
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import registry as log_actions
from wagtail.users.models import UserProfile

from lms.mail import email_renderer, queue_emails, send_templated_email
from lms.users.backends import forget_users
from lms.users.models import Invitation, User, UserManager
from lms.users.roles import Role

INVITATION_SALT = "lms.users.invitation"

# Other apps contribute to "download my data" and to anonymisation through Wagtail hooks:
#   @hooks.register(PERSONAL_DATA_HOOK)  def f(user) -> dict   (a section of the export)
#   @hooks.register(ANONYMISE_HOOK)      def f(user) -> None   (erase what the app holds)
PERSONAL_DATA_HOOK = "lms_personal_data"
ANONYMISE_HOOK = "lms_anonymise_user"


class InvitationError(Exception):
    """The invitation link is invalid, expired or already used."""


@dataclass(frozen=True)
class InvitationToken:
    invitation: Invitation

    @property
    def user(self) -> User:
        return self.invitation.user


def _password_fingerprint(user: User) -> str:
    # Changes as soon as a password is set, so the link works exactly once.
    return signing.Signer(salt=INVITATION_SALT).signature(user.password)[:16]


def make_invitation_token(*, invitation: Invitation) -> str:
    payload = {"i": invitation.pk, "p": _password_fingerprint(invitation.user)}
    return signing.dumps(payload, salt=INVITATION_SALT, compress=True)


def invitation_url(*, invitation: Invitation) -> str:
    token = make_invitation_token(invitation=invitation)
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


@transaction.atomic
def invite_user(
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    unit=None,
    job_title: str = "",
    roles: list[str] | None = None,
    invited_by: User | None = None,
) -> Invitation:
    """Create (or re-invite) an account without a password and e-mail a set-password link."""
    email = UserManager.normalize_email(email)
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "unit": unit,
            "job_title": job_title,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    groups = Group.objects.filter(name__in=roles or [Role.LEARNER])
    user.groups.add(*groups)
    invitation = Invitation.objects.create(user=user, invited_by=invited_by)
    send_templated_email(
        to=[user.email], template="invitation", context=_invitation_context(invitation)
    )
    return invitation


def _invitation_context(invitation: Invitation) -> dict:
    invited_by = invitation.invited_by
    return {
        "name": invitation.user.get_short_name(),
        "url": invitation_url(invitation=invitation),
        "invited_by": invited_by.get_full_name() if invited_by else "",
        "days": settings.INVITATION_MAX_AGE // 86400,
        # Courses assigned with the invitation (an import): named here, in the one e-mail the
        # new person gets, instead of in "course assigned" e-mails they could not act on yet.
        "courses": [
            assignment.course.title
            for assignment in invitation.user.assignments.all()
            if assignment.course.live
        ],
    }


@transaction.atomic
def invite_users_in_bulk(
    *, people: list[dict], invited_by: User | None = None, roles: list[str] | None = None
) -> list[Invitation]:
    """Create many accounts at once (employee imports) in a few queries: no usable password, the
    given roles (learner by default), one invitation each. `people`: dicts with "email" and
    optionally "first_name", "last_name", "job_title", "unit_id".

    Every address must be new (the caller checks first; a clash raises IntegrityError). Nothing is
    e-mailed here: rendering thousands of e-mails would hold up the request, so the caller hands
    the invitations' ids to `send_invitation_emails` in a worker once the transaction commits.
    """
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                email=UserManager.normalize_email(person["email"]),
                first_name=person.get("first_name", ""),
                last_name=person.get("last_name", ""),
                job_title=person.get("job_title", ""),
                unit_id=person.get("unit_id"),
                password=make_password(None),
                date_joined=now,
            )
            for person in people
        ],
        batch_size=1000,
    )
    memberships = User.groups.through
    groups = list(Group.objects.filter(name__in=roles or [Role.LEARNER]))
    memberships.objects.bulk_create(
        [memberships(user_id=user.pk, group_id=group.pk) for user in users for group in groups],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return Invitation.objects.bulk_create(
        [Invitation(user=user, invited_by=invited_by, created_at=now) for user in users],
        batch_size=1000,
    )


def send_invitation_emails(*, invitation_ids: list[int]) -> int:
    """E-mail the set-password links of invitations made by `invite_users_in_bulk` (in a worker).
    Invitations already accepted, or of people since deactivated, are skipped."""
    invitations = (
        Invitation.objects.filter(
            pk__in=invitation_ids, accepted_at__isnull=True, user__is_active=True
        )
        .select_related("user", "invited_by")
        .prefetch_related("user__assignments__course")
    )
    render = email_renderer("invitation")  # the administrator's wording: one lookup per batch
    messages = []
    for invitation in invitations:
        subject, text, html = render(_invitation_context(invitation))
        messages.append(
            {"to": [invitation.user.email], "subject": subject, "text": text, "html": html}
        )
    queue_emails(messages)
    return len(messages)


def check_invitation_token(*, token: str) -> InvitationToken:
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvitationError("expired") from exc
    except signing.BadSignature as exc:
        raise InvitationError("invalid") from exc
    invitation = Invitation.objects.select_related("user").filter(pk=payload.get("i")).first()
    if (
        invitation is None
        or invitation.accepted_at is not None
        or not invitation.user.is_active
        or payload.get("p") != _password_fingerprint(invitation.user)
    ):
        raise InvitationError("used")
    return InvitationToken(invitation=invitation)


@transaction.atomic
def accept_invitation(*, token: str, password: str) -> User:
    """Set the invitee's password; the link cannot be used again."""
    checked = check_invitation_token(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=checked.invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError("used")
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def export_personal_data(*, user: User) -> dict:
    """Everything the platform holds about the user, as JSON-ready data (RODO art. 15 and 20)."""
    data = {
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": user.job_title,
            "unit": user.unit.name if user.unit else None,
            "unit_code": user.unit.code if user.unit else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "coordinated_units": sorted(user.coordinated_units.values_list("name", flat=True)),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "invitations": [
            {
                "sent_at": inv.created_at.isoformat(),
                "accepted_at": inv.accepted_at.isoformat() if inv.accepted_at else None,
            }
            for inv in user.invitations.all()
        ],
    }
    for provider in hooks.get_hooks(PERSONAL_DATA_HOOK):
        data.update(provider(user))
    return data


def end_sessions(*, user_ids) -> int:
    """Sign these people out everywhere: delete their sessions (database and cache)."""
    wanted = {str(pk) for pk in user_ids}
    if not wanted:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).only(
        "session_key", "session_data"
    )
    for session in sessions.iterator(chunk_size=2000):
        if session.get_decoded().get(SESSION_KEY) in wanted:
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def set_active(*, users, active: bool) -> list[User]:
    """Activate or deactivate people at once (Wagtail's bulk action, the edit form): the cached
    copies are forgotten, and the deactivated are signed out of every session. Returns those
    whose state changed."""
    changed = [user for user in users if user.is_active != active]
    ids = [user.pk for user in changed]
    User.objects.filter(pk__in=ids).update(is_active=active)
    forget_users(ids)
    if not active:
        end_sessions(user_ids=ids)
    for user in changed:
        user.is_active = active
    return changed


@transaction.atomic
def anonymise_user(*, user: User) -> User:
    """Erase every personal field; learning records stay for statistics, detached from a person.
    Other apps erase what they hold through `ANONYMISE_HOOK` first, while the person's e-mail and
    name can still be read from `user` (import files and previews name people by e-mail)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for anonymiser in hooks.get_hooks(ANONYMISE_HOOK):
        anonymiser(user)
    old_email = user.email
    old_names = [name for name in (user.get_full_name(), user.last_name) if len(name) >= 3]
    user.email = User.anonymous_email()
    user.first_name = ""
    user.last_name = ""
    user.job_title = ""
    user.last_login = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.anonymised_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    user.coordinated_units.clear()
    user.invitations.all().delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=old_email).delete()
    # Wagtail's profile keeps an avatar (a file in public media) and preferences.
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    _rewrite_audit_log(user, [old_email, *old_names])
    # Existing sessions end by themselves: the account is inactive and its password hash changed.
    return user


ERASED = "(dane usunięte)"


def _rewrite_audit_log(user: User, traces: list[str]) -> None:
    """Wagtail's history keeps what happened, not to whom: entries about the person's account get
    the anonymised account's label, and their e-mail or name is replaced wherever a label or the
    data of an entry repeats it. Entries of actions the person took keep pointing at the account,
    which now names nobody (nulling it would show them as the system's)."""
    user_type = ContentType.objects.get_for_model(User)
    about_user = Q(content_type=user_type, object_id=str(user.pk))
    mentions = Q()
    for trace in traces:
        mentions |= Q(label__icontains=trace) | Q(data__icontains=trace)
    for model in log_actions.get_log_entry_models():
        keyed_by_object = any(field.name == "object_id" for field in model._meta.fields)
        for entry in model.objects.filter(mentions | about_user if keyed_by_object else mentions):
            if keyed_by_object and (entry.content_type_id, entry.object_id) == (
                user_type.pk,
                str(user.pk),
            ):
                entry.label = str(user)
            entry.label = _erase(entry.label, traces)
            entry.data = _erase(entry.data, traces)
            entry.save(update_fields=["label", "data"])


def _erase(value, traces: list[str]):
    """`value` (a string or JSON data) with every trace replaced, case-insensitively."""
    if isinstance(value, str):
        for trace in traces:
            value = re.sub(re.escape(trace), ERASED, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {key: _erase(item, traces) for key, item in value.items()}
    if isinstance(value, list):
        return [_erase(item, traces) for item in value]
    return value
