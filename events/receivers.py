"""What events listens to: an event published with more places promotes people waiting."""

from django.dispatch import receiver
from wagtail.signals import page_published

from events import services
from events.models import EventPage


@receiver(page_published, sender=EventPage, dispatch_uid="events_fill_places_on_publish")
def fill_places_on_publish(sender, instance, **kwargs):
    """An editor raised the capacity (or published the event again): free places go to the
    people waiting, in order, and they are e-mailed."""
    services.fill_places(event=instance)
