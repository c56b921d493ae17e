"""The registration gate: before someone registers for (or continues) something, other apps may
send them elsewhere first, e.g. `funding` to the form of an EU-funded project's participant data.

Apps register `gate(request, page) -> HttpResponse | None` on the `lms_registration_gate` Wagtail
hook; the course enrolment (and the events registration) call `registration_gate` with the page
(a course, a lesson or quiz of it, an event). The first response wins; None lets the person on.
"""

from wagtail import hooks

REGISTRATION_GATE_HOOK = "lms_registration_gate"


def registration_gate(request, page):
    for gate in hooks.get_hooks(REGISTRATION_GATE_HOOK):
        response = gate(request, page)
        if response is not None:
            return response
    return None
