"""The one event `courses` emits to the rest of the platform.

`course_completed` is sent exactly once per enrolment, after the transaction that recorded the
completion has committed. Receivers get `enrolment_id` (an int): the certificates app listens.
"""

from django.dispatch import Signal

course_completed = Signal()
