"""The fixture world of the access matrix: two units, A and B, each with its own people, course,
certificates, exports, imports and in-person events, built once per test module.

Every person whose data must stay inside a scope carries a marker name and e-mail
(`MARKERS`), so the matrix can assert that no response shows them to a viewer outside it. URL
parameters are filled with objects of side B (`Side.B`): the viewers of side A see someone
else's object, the viewers of side B their own.
"""

import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from lms.users.roles import Role
from tests import factories
from tests.factories import OrganisationUnitFactory, UserFactory

# The viewers, in the order the matrix lists them.
ANON = "anonymous"
LEARNER = "learner"
TRAINER_A = "trainer_a"
TRAINER_B = "trainer_b"
COORD_A = "coordinator_a"
COORD_B = "coordinator_b"
ADMIN = "administrator"
VIEWERS = (ANON, LEARNER, TRAINER_A, TRAINER_B, COORD_A, COORD_B, ADMIN)

# Personal data that must only reach viewers in scope: side -> (full name, e-mail).
MARKERS = {
    "A": ("Markerka-A Tajna", "marker-a@a.example"),
    "B": ("Markerka-B Tajna", "marker-b@b.example"),
}

# Which sides' markers each viewer may see (learners of the course a trainer trains, people of
# the units a coordinator coordinates, everyone for the administrator).
SCOPE = {
    ANON: set(),
    LEARNER: set(),
    TRAINER_A: {"A"},
    TRAINER_B: {"B"},
    COORD_A: {"A"},
    COORD_B: {"B"},
    ADMIN: {"A", "B"},
}


def forbidden_markers(viewer: str) -> list[str]:
    """The marker strings `viewer` must never be shown."""
    out = []
    for side, values in MARKERS.items():
        if side not in SCOPE[viewer]:
            out.extend(values)
    return out


@dataclass
class World:
    users: dict = field(default_factory=dict)  # viewer name -> User (no entry for anonymous)
    objects: dict = field(default_factory=dict)  # fixture key -> model instance or value

    def pk(self, key):
        value = self.objects[key]
        return getattr(value, "pk", value)


def _csv(*rows) -> bytes:
    out = io.StringIO()
    for row in rows:
        out.write(";".join(row) + "\r\n")
    return out.getvalue().encode()


def _side(world: World, side: str, unit, course, *, trainer, coordinator, admin):
    from certificates.models import Attendance, Certificate, TrainingEvent
    from certificates.tasks import issue_certificate
    from courses import services as course_services
    from courses.models import LessonPage, QuizPage
    from lms.exports.models import Export
    from lms.imports import services as import_services

    name, email = MARKERS[side]
    first, last = name.split()
    person = UserFactory(
        first_name=first, last_name=last, email=email, unit=unit, roles=[Role.LEARNER]
    )
    world.objects[f"person_{side}"] = person

    # Learning records: every lesson done, one failed and one passed quiz attempt.
    enrolment = course_services.enrol(user=person, course=course)
    for lesson in LessonPage.objects.child_of(course):
        course_services.complete_lesson(enrolment=enrolment, lesson=lesson)
    quiz = QuizPage.objects.child_of(course).get()
    failed = course_services.start_attempt(enrolment=enrolment, quiz=quiz)
    course_services.submit_quiz(
        enrolment=enrolment, quiz=quiz, attempt_id=failed.pk, data=factories.wrong_answers(failed)
    )
    passed = course_services.start_attempt(enrolment=enrolment, quiz=quiz)
    course_services.submit_quiz(
        enrolment=enrolment, quiz=quiz, attempt_id=passed.pk, data=factories.correct_answers(passed)
    )
    world.objects[f"enrolment_{side}"] = enrolment
    world.objects[f"attempt_{side}"] = passed

    # Its certificate, issued with a PDF by the task the worker runs.
    certificate = Certificate.objects.get(enrolment=enrolment)
    issue_certificate(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED, certificate.error
    world.objects[f"certificate_{side}"] = certificate

    # An in-person event with the person present (and a certificate from the attendance).
    event = TrainingEvent.objects.create(
        course=course, date=timezone.localdate(), place=f"Sala {side}", trainer=trainer
    )
    Attendance.objects.create(event=event, user=person, present=True)
    world.objects[f"event_{side}"] = event

    # The coordinator's finished export (a file naming the person) and an import batch.
    export = Export.objects.create(
        owner=coordinator,
        kind="completion_report",
        title=f"Raport {side}",
        status=Export.Status.DONE,
        finished_at=timezone.now(),
    )
    export.file.save(f"raport-{side}.csv", ContentFile(_csv(("Imię", "E-mail"), (name, email))))
    world.objects[f"export_{side}"] = export
    upload = ContentFile(
        _csv(
            ("E-mail", "Imię", "Nazwisko", "Kod jednostki", "Stanowisko", "Kursy"),
            (email, first, last, unit.code, "Referentka", course.slug),
        ),
        name=f"pracownicy-{side}.csv",
    )
    world.objects[f"import_{side}"] = import_services.create_batch(
        owner=coordinator, uploaded_file=upload
    )
    world.objects[f"quiz_{side}"] = quiz
    # The course's question pool (its trainer's) with one question, never answered.
    pool = factories.QuestionPoolFactory(
        name=f"Pula kursu {side}", course=course, created_by=trainer
    )
    world.objects[f"pool_{side}"] = pool
    world.objects[f"question_{side}"] = factories.QuestionFactory(
        pool=pool, name=f"Pytanie kursu {side}"
    )
    world.objects[f"lesson_{side}"] = LessonPage.objects.child_of(course).first()


def build_world() -> World:
    """Create everything (inside the caller's transaction)."""
    from django.contrib.auth.models import Group
    from wagtail.documents.models import Document
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, Page, Site, Task, Workflow

    from certificates.models import CertificateTemplate
    from courses.models import ModulePage
    from evaluation.models import Survey
    from lms.home.models import HomePage
    from lms.notifications.models import EmailTemplate, NotificationSettings
    from lms.organisations.models import OrganisationUnit
    from lms.users import services as user_services

    world = World()
    county = OrganisationUnit.objects.get(code="2204")
    unit_a = OrganisationUnitFactory(parent=county, name="Gmina A", code="2204991")
    unit_b = OrganisationUnitFactory(parent=county, name="Gmina B", code="2204992")
    world.objects.update(unit_A=unit_a, unit_B=unit_b)

    users = world.users
    users[ADMIN] = UserFactory(
        first_name="Ada",
        last_name="Administratorka",
        email="admin@pomorskie.example",
        is_superuser=True,
        unit=None,
        roles=[Role.ADMINISTRATOR],
    )
    users[LEARNER] = UserFactory(
        first_name="Ula",
        last_name="Uczennica",
        email="uczennica@a.example",
        unit=unit_a,
        roles=[Role.LEARNER],
    )
    for side, unit in (("A", unit_a), ("B", unit_b)):
        users[f"trainer_{side.lower()}"] = UserFactory(
            first_name="Tomasz",
            last_name=f"Trener-{side}",
            email=f"trener-{side.lower()}@x.example",
            unit=unit,
            roles=[Role.TRAINER],
        )
        coordinator = UserFactory(
            first_name="Kinga",
            last_name=f"Koordynatorka-{side}",
            email=f"koordynator-{side.lower()}@x.example",
            unit=unit,
            roles=[Role.COORDINATOR],
        )
        coordinator.coordinated_units.add(unit)
        users[f"coordinator_{side.lower()}"] = coordinator

    from courses import services as course_services

    for side, unit in (("A", unit_a), ("B", unit_b)):
        course = factories.course(title=f"Kurs {side}", lessons=1, questions=2, max_attempts=5)
        course.trainers.set([users[f"trainer_{side.lower()}"]])
        course.save()
        course_services.sync_course_trainers(course=course)
        world.objects[f"course_{side}"] = course
        _side(
            world,
            side,
            unit,
            course,
            trainer=users[f"trainer_{side.lower()}"],
            coordinator=users[f"coordinator_{side.lower()}"],
            admin=users[ADMIN],
        )

    # An EU-funded project financing course B, with person B's participant data.
    from funding.models import FinancedPage, Participant, Project

    today = timezone.localdate()
    project = Project.objects.create(
        code="FEPM.05.17-IZ.00-0099/25",
        name="Projekt B",
        start_date=today.replace(day=1),
        end_date=today.replace(year=today.year + 1),
    )
    FinancedPage.objects.create(project=project, page=world.objects["course_B"])
    world.objects["project_B"] = project
    world.objects["participant_B"] = Participant.objects.create(
        project=project,
        user=world.objects["person_B"],
        unit=unit_b,
        sex="female",
        age_band="30_54",
        education="isced_5_8",
        disability="refused",
        third_country_national="no",
        foreign_background="no",
        minority="no",
        homeless="no",
        rural_area="no",
        notice_version="2026-1",
        notice_confirmed_at=timezone.now(),
    )

    # An open invitation for a new person of side B (the token itself is never guessable).
    world.objects["invitation_B"] = user_services.invite_user(
        email="zaproszona-b@b.example",
        first_name="Zaproszona",
        last_name="Bez-Hasła",
        unit=unit_b,
        invited_by=users[COORD_B],
    )

    # Shared, non-personal objects of the admin.
    world.objects["image"] = _image(get_test_image_file)
    document = Document(title="Regulamin")
    document.file.save("regulamin.txt", ContentFile(b"Regulamin szkolen."), save=False)
    document.save()
    world.objects["document"] = document
    world.objects["template"] = CertificateTemplate.objects.first() or _template()
    world.objects["email_template"] = EmailTemplate.objects.first()
    world.objects["group"] = Group.objects.get(name=Role.COORDINATOR)
    world.objects["root_page"] = Page.objects.get(depth=1)
    world.objects["page_HomePage"] = HomePage.objects.get()
    world.objects["page_CourseIndexPage"] = factories.catalogue()
    world.objects["page_CoursePage"] = world.objects["course_B"]
    world.objects["page_LessonPage"] = world.objects["lesson_B"]
    world.objects["page_QuizPage"] = world.objects["quiz_B"]
    world.objects["page_ModulePage"] = world.objects["course_B"].add_child(
        instance=ModulePage(title="Moduł B", intro="Wprowadzenie.")
    )
    world.objects["revision"] = world.objects["course_B"].save_revision()
    # The public knowledge base: a standard kept by trainer B, its review overdue.
    world.objects["page_KnowledgeIndexPage"] = factories.knowledge_index()
    world.objects["page_StandardPage"] = factories.standard(
        responsible=users[TRAINER_B],
        last_reviewed_on=timezone.localdate().replace(year=timezone.localdate().year - 2),
    )
    world.objects["site"] = Site.objects.get()
    world.objects["collection"] = Collection.get_first_root_node()
    world.objects["workflow"] = Workflow.objects.first()
    world.objects["task"] = Task.objects.first()
    world.objects["thematic_area"] = world.objects["course_B"].thematic_area
    world.objects["notification_settings"] = NotificationSettings.load()
    world.objects["survey"] = Survey.objects.default()
    _legal_documents(world)
    _events(world)
    return world


def _legal_documents(world: World):
    """The statement in English, the privacy notice's version 1 (read by every viewer, so
    nobody is sent to it) and a draft of version 2."""
    from lms.legal.models import PrivacyAcknowledgement

    world.objects["statement"] = factories.accessibility_statement("en")
    notice = factories.privacy_notice()
    PrivacyAcknowledgement.objects.bulk_create(
        PrivacyAcknowledgement(user=user, notice=notice) for user in world.users.values()
    )
    world.objects["privacy_notice"] = notice
    world.objects["privacy_notice_draft"] = factories.privacy_notice(publish=False)


def _events(world: World) -> None:
    """The calendar and an event run by trainer B, with person B and the learner registered."""
    from events import services as event_services

    world.objects["page_EventIndexPage"] = factories.events_calendar()
    event = factories.event(title="Panel B", trainers=[world.users[TRAINER_B]])
    event_services.sync_event_trainers(event=event)
    for person in (world.objects["person_B"], world.users[LEARNER]):
        event_services.register(event=event, user=person, notify=False)
    world.objects["page_EventPage"] = event


def _image(get_test_image_file):
    from wagtail.images.models import Image

    return Image.objects.create(title="Logo", file=get_test_image_file())


def _template():
    from certificates.models import CertificateTemplate

    return CertificateTemplate.objects.create(
        name="Domyślny", heading="Zaświadczenie", is_default=True
    )
