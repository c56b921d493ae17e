"""What the events app announces.

`attendance_confirmed` is sent once per person and event, after the transaction that recorded
their presence (a scanned QR code or the trainer's tick) has committed, with `sender=EventPage`,
`event` (the EventPage) and `user`. Other apps (the evaluation survey) listen to it.
"""

from django.dispatch import Signal

attendance_confirmed = Signal()
