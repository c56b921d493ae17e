"""The events `courses` emits to the rest of the platform.

`course_completed` is sent exactly once per enrolment, after the transaction that recorded the
completion has committed. Receivers get `enrolment_id` (an int): the certificates app listens.

`course_assigned` is sent after the transaction that assigned a course has committed, with
`assignment_ids` (a list of ints, the new assignments only): the notifications app listens.
"""

from django.dispatch import Signal

course_completed = Signal()
course_assigned = Signal()
