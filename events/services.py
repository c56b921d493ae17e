"""Registration for events, the waiting list, cancellation, attendance and reminders.

One rule makes the places safe under load: every write that depends on how many places are taken
locks the event's row first (`_locked`, SELECT … FOR UPDATE), counts, and writes in the same
transaction. So registrations of one event are taken one at a time, in the order they reach the
lock, and that order is recorded (`Registration.queue_number`): 50 people asking for the last 10
places at once give exactly 10 places and 40 people waiting, in that order. A cancellation frees
its place and promotes the first person waiting in the same transaction.

E-mails are rendered in the transaction and sent by a worker once it commits (`lms.mail`), each
with the event as an `.ics` attachment.
"""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from certificates import services as certificate_services
from certificates.models import Attendance, Certificate, TrainingEvent
from courses import services as course_services
from events import calendar, emails
from events.models import CalendarFeed, CertificateLink, EventPage, Registration
from events.signals import attendance_confirmed
from lms.mail import email_renderer, queue_emails

# The trainer may tick names (and the QR code works) from this long before the start.
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)
# The QR code works until this long after the end.
CHECK_IN_CLOSES_AFTER = timedelta(hours=1)


class RegistrationError(Exception):
    """A refusal to show the person as it is (Polish)."""


def _locked(event: EventPage) -> EventPage:
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def free_places(event: EventPage) -> int:
    return max(0, event.capacity - Registration.objects.confirmed().filter(event=event).count())


def _next_queue_number(event: EventPage) -> int:
    last = Registration.objects.filter(event=event).aggregate(last=Max("queue_number"))["last"]
    return (last or 0) + 1


# --- Registration ---------------------------------------------------------------------------------


def register(
    *, event: EventPage, user, registered_by=None, notify: bool = True, now=None
) -> Registration:
    """A place for `user` on `event`, or a place on its waiting list when it is full. Someone
    already registered or waiting keeps what they have (the same row is returned); someone who
    cancelled joins again at the end. Refused (RegistrationError) once registration has closed."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(event)
        registration = (
            Registration.objects.select_for_update().filter(event=event, user=user).first()
        )
        if registration is not None and registration.status != Registration.Status.CANCELLED:
            return registration
        if not event.live:
            raise RegistrationError(_("To wydarzenie nie przyjmuje zapisów."))
        if now >= event.registration_closes_at:
            raise RegistrationError(_("Zapisy na to wydarzenie są już zamknięte."))
        if not user.is_active:
            raise RegistrationError(_("To konto jest nieaktywne."))
        confirmed = free_places(event) > 0
        fields = {
            "status": Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
            "queue_number": _next_queue_number(event),
            "registered_by": registered_by,
            "registered_at": now,
            "confirmed_at": now if confirmed else None,
            "cancelled_at": None,
            "reminded_at": None,
        }
        if registration is None:
            registration = Registration.objects.create(event=event, user=user, **fields)
        else:
            for name, value in fields.items():
                setattr(registration, name, value)
            registration.save()
        if notify:
            _notify([registration], "registered" if confirmed else "waiting")
    return registration


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not waiting."""
    if not registration.is_waiting:
        return None
    earlier = Registration.objects.waiting().filter(
        event_id=registration.event_id, queue_number__lt=registration.queue_number
    )
    return earlier.count() + 1


def cancel(*, registration: Registration, notify: bool = True, now=None) -> list[Registration]:
    """Cancel a registration (the person's own, or by their coordinator) until the event's
    cancellation deadline. A freed place goes to the first person waiting, in the same
    transaction (they are e-mailed after it commits). Returns the people promoted."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return []
        if now >= event.cancellation_closes_at:
            raise RegistrationError(
                _(
                    "Termin rezygnacji minął %(date)s. Jeśli nie możesz przyjść, napisz do "
                    "organizatora."
                )
                % {"date": _local(event.cancellation_closes_at)}
            )
        had_place = registration.is_confirmed
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            _notify([registration], "cancelled")
        return _promote(event, notify=notify, now=now) if had_place else []


def fill_places(*, event: EventPage, notify: bool = True) -> list[Registration]:
    """Promote people waiting into places that are free (after an editor raised the capacity).
    Returns those promoted."""
    with transaction.atomic():
        return _promote(_locked(event), notify=notify, now=timezone.now())


def _promote(event: EventPage, *, notify: bool, now) -> list[Registration]:
    """The first people waiting take the free places (the caller holds the event's lock)."""
    if event.has_started(now):
        return []
    free = free_places(event)
    if not free:
        return []
    promoted = list(
        Registration.objects.waiting()
        .filter(event=event)
        .select_for_update()
        .select_related("user")[:free]
    )
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        registration.event = event
    if notify:
        _notify(promoted, "promoted")
    return promoted


def register_staff(*, event: EventPage, people, by) -> dict:
    """A coordinator registers people of their units (the caller checked the scope). Returns how
    many got a place, went to the waiting list, or were already registered."""
    counts = {"confirmed": 0, "waiting": 0, "unchanged": 0}
    for person in people:
        before = Registration.objects.active().filter(event=event, user=person).exists()
        registration = register(event=event, user=person, registered_by=by)
        if before:
            counts["unchanged"] += 1
        elif registration.is_confirmed:
            counts["confirmed"] += 1
        else:
            counts["waiting"] += 1
    return counts


# --- Attendance -------------------------------------------------------------------------------------


def check_in_is_open(event: EventPage, now=None) -> bool:
    """Whether the QR code works now: from shortly before the start to shortly after the end."""
    now = now or timezone.now()
    return event.starts_at - CHECK_IN_OPENS_BEFORE <= now <= event.ends_at + CHECK_IN_CLOSES_AFTER


def confirm_attendance(*, event: EventPage, user, method: str, by=None, now=None) -> Registration:
    """Record that a registered person is present (by the scanned code or the trainer's tick),
    once: their attendance goes to the certificates app when the event has a course, and
    `signals.attendance_confirmed` is sent after commit."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(event)
        if now < event.starts_at - CHECK_IN_OPENS_BEFORE:
            raise RegistrationError(_("Obecność można potwierdzać dopiero w dniu wydarzenia."))
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, user=user, status=Registration.Status.CONFIRMED)
            .first()
        )
        if registration is None:
            raise RegistrationError(
                _(
                    "Nie ma Cię na liście uczestników tego wydarzenia. Zgłoś się do osoby "
                    "prowadzącej."
                )
            )
        if registration.attended_at is not None:
            return registration
        registration.attended_at = now
        registration.check_in_method = method
        registration.checked_in_by = by
        registration.save(update_fields=["attended_at", "check_in_method", "checked_in_by"])
        _record_for_certificate(event, registration.user)
        transaction.on_commit(
            lambda: attendance_confirmed.send(sender=EventPage, event=event, user=user)
        )
    return registration


def withdraw_attendance(*, registration: Registration) -> Registration:
    """Undo a tick given by mistake, unless the presence already earned a certificate."""
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.attended_at is None:
            return registration
        attendance = _certificate_attendance(event, registration.user_id)
        if attendance is not None:
            if Certificate.objects.filter(attendance=attendance).exists():
                raise RegistrationError(
                    _(
                        "%(name)s ma już zaświadczenie za to wydarzenie, więc obecności nie "
                        "można cofnąć. Jeśli to pomyłka, administrator unieważni zaświadczenie."
                    )
                    % {"name": registration.user}
                )
            attendance.delete()
        registration.attended_at = None
        registration.check_in_method = ""
        registration.checked_in_by = None
        registration.save(update_fields=["attended_at", "check_in_method", "checked_in_by"])
    return registration


def _certificate_attendance(event: EventPage, user_id) -> Attendance | None:
    link = CertificateLink.objects.filter(event=event).first()
    if link is None:
        return None
    return Attendance.objects.filter(event_id=link.training_event_id, user_id=user_id).first()


def _record_for_certificate(event: EventPage, user) -> None:
    """Mark the person present at the event's `certificates.TrainingEvent` (created at the first
    check-in) and create their certificate, which the certificates app issues once the event's
    date has come. Events without a course give no certificate."""
    if event.course_id is None:
        return
    training_event = _training_event(event)
    attendance, created = Attendance.objects.get_or_create(
        event=training_event, user=user, defaults={"present": True}
    )
    if not created and not attendance.present:
        attendance.present = True
        attendance.save(update_fields=["present"])
    certificate_services.create_attendance_certificate(attendance=attendance)


def _training_event(event: EventPage) -> TrainingEvent:
    """The certificates app's record of this event (the caller holds the event's lock)."""
    link = CertificateLink.objects.select_related("training_event").filter(event=event).first()
    if link is not None:
        return link.training_event
    training_event = TrainingEvent.objects.create(
        course_id=event.course_id,
        date=timezone.localdate(event.starts_at),
        place=event.place[:255],
        trainer=event.trainers.order_by("pk").first(),
    )
    CertificateLink.objects.create(event=event, training_event=training_event)
    return training_event


# --- Trainers ---------------------------------------------------------------------------------------


def open_calendar_to_trainers(*, index) -> None:
    """Trainers may add events (drafts, published through moderation) to the calendar."""
    course_services.open_catalogue_to_trainers(index=index)


def sync_event_trainers(*, event: EventPage) -> None:
    """The event's trainers may edit it in the admin (publishing stays with administrators)."""
    course_services.sync_page_trainers(page=event, group_name=f"Prowadzący wydarzenie #{event.pk}")


# --- Personal calendar --------------------------------------------------------------------------


def calendar_feed(*, user) -> CalendarFeed:
    """The person's secret calendar address (created on first use)."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


def renew_calendar_feed(*, user) -> CalendarFeed:
    """A new secret address; the previous one stops working at once."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()}
    )
    return feed


def forget_participant(*, user) -> None:
    """Erasure (GDPR): the person's calendar address goes, their upcoming registrations are
    cancelled (places go to people waiting); past ones stay, detached from a name, for
    statistics."""
    CalendarFeed.objects.filter(user=user).delete()
    upcoming = Registration.objects.active().filter(user=user, event__starts_at__gt=timezone.now())
    for registration in upcoming.select_related("event"):
        with transaction.atomic():
            event = _locked(registration.event)
            Registration.objects.filter(pk=registration.pk).update(
                status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
            )
            _promote(event, notify=True, now=timezone.now())


# --- E-mail -----------------------------------------------------------------------------------------


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _notify(registrations, kind: str) -> None:
    """Queue one e-mail per registration (`kind`: registered, waiting, promoted, cancelled,
    reminder) with the event's `.ics`; sent by a worker after the transaction commits. Each kind
    is worded by an administrator or, without an active template, by `event_notice_*`
    (`events.emails`)."""
    messages = []
    with override("pl"):
        render = email_renderer(emails.template_name(kind), files=emails.FILES)
        for registration in registrations:
            user = registration.user
            if not user.email or not user.is_active or user.anonymised_at is not None:
                continue
            event = registration.event
            context = {
                "kind": kind,
                "user": user,
                "event": event,
                "registration": registration,
                "position": waiting_position(registration),
                "event_url": calendar.absolute_url(event),
                "mine_url": settings.SITE_URL + reverse("events:mine"),
            }
            subject, text, html = render(context)
            message = {"to": [user.email], "subject": subject, "text": text, "html": html}
            if kind != "waiting":
                cancelled = kind == "cancelled"
                ics = calendar.invitation(event, cancelled=cancelled)
                method = "CANCEL" if cancelled else "PUBLISH"
                message["attachments"] = [
                    ["wydarzenie.ics", ics, f"text/calendar; charset=utf-8; method={method}"]
                ]
            messages.append(message)
    queue_emails(messages)


def send_reminders(*, now=None) -> int:
    """E-mail everyone with a place on an event that starts tomorrow, once each (the row is
    locked and marked in the transaction that queues the e-mail; a second run finds it marked).
    Returns how many were queued."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time.min))
    end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min))
    due = Registration.objects.confirmed().filter(
        event__live=True,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
        reminded_at__isnull=True,
        user__is_active=True,
        user__anonymised_at__isnull=True,
    )
    with transaction.atomic():
        # Rows another run holds are skipped (that run reminds them); the lock re-reads
        # `reminded_at`, so a run that committed in between counts.
        registrations = list(
            due.select_for_update(of=("self",), skip_locked=True)
            .select_related("user", "event")
            .order_by("pk")
        )
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(reminded_at=now)
        _notify(registrations, "reminder")
    return len(registrations)
