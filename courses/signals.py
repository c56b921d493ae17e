"""The events `courses` emits to the rest of the platform.

A completion is announced by the in-transaction Wagtail hook "lms_course_completed" (see
`courses.services._record_completion`), which the certificates app registers.

`course_assigned` is sent after the transaction that assigned a course has committed, with
`assignment_ids` (a list of ints, the new assignments only): the notifications app listens.
"""

from django.dispatch import Signal

course_assigned = Signal()
