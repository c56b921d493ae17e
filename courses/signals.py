"""The events `courses` emits to the rest of the platform.

A completion is announced by the in-transaction Wagtail hook "lms_course_completed" (see
`courses.services._record_completion`), which the certificates app registers.

`course_assigned` is sent after the transaction that assigned a course has committed, with
`assignment_ids` (a list of ints, the new assignments only): the notifications app listens.

`edition_copied` is sent inside the transaction that copied a course as its new edition (see
`courses.editions.create_edition`), with `source` and `edition` (CoursePage), `page_map`
({old page id: new page id}, the course included) and `user`: an app copies there what belongs to
the course outside its pages (question pools); raising rolls the whole edition back.
"""

from django.dispatch import Signal

course_assigned = Signal()
edition_copied = Signal()
