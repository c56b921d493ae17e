"""Trainers author whole courses in Wagtail's page editor: they create drafts in the catalogue,
never publish, never see another trainer's drafts, and go through the administrator's moderation
with Wagtail's own e-mails (in Polish, with the reviewer's comment)."""

import json
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses import services
from courses.models import CoursePage, Enrolment, LessonPage, ThematicArea
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def catalogue(db):
    return factories.catalogue()


@pytest.fixture
def trainer(db):
    return UserFactory(email="trenerka@gmina.example", roles=[Role.TRAINER])


@pytest.fixture
def trainer_client(trainer):
    return client_of(trainer)


@pytest.fixture
def other_trainer(db):
    return UserFactory(email="inny.trener@gmina.example", roles=[Role.TRAINER])


def add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def course_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "summary": f"O czym jest kurs {title}.",
            "objectives": rich_text("<p>Cele.</p>"),
            "thematic_area": ThematicArea.objects.get(slug="zdrowie").pk,
            "duration_hours": "2",
            "level": "basic",
            "enrolment_mode": "open",
            "completion_rule": "lessons_only",
            **extra,
        }
    )


def lesson_form(title, text, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "body": streamfield([("rich_text", rich_text(f"<p>{text}</p>"))]),
            "estimated_minutes": "10",
            "is_required": "on",
            **extra,
        }
    )


def form_errors(response):
    form = response.context and response.context.get("form")
    return (form.errors, form.non_field_errors()) if form else response.status_code


def create_course(client, catalogue, title, **extra):
    response = client.post(add_url(catalogue, CoursePage), course_form(title, **extra))
    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    return CoursePage.objects.get(title=title)


def edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def draft_of(trainer, title="Cudzy szkic"):
    """A draft course of `trainer` (with one draft lesson), made as the editor makes it."""
    course = create_course(client_of(trainer), factories.catalogue(), title)
    client_of(trainer).post(add_url(course, LessonPage), lesson_form("Cudza lekcja", "Tajne."))
    return course, LessonPage.objects.child_of(course).get()


# --- Creating a course -------------------------------------------------------------------------


def test_trainer_creates_a_draft_course_in_the_catalogue_and_becomes_its_trainer(
    trainer, trainer_client, catalogue
):
    course = create_course(trainer_client, catalogue, "Mój nowy kurs", trainers=[])

    assert not course.live
    assert course.owner == trainer
    assert list(course.trainers.all()) == [trainer]
    # The revision the administrator will publish names the trainer too.
    assert course.get_latest_revision().content["trainers"] == [trainer.pk]
    permissions = course.permissions_for_user(trainer)
    assert permissions.can_edit()
    assert not permissions.can_publish()

    response = trainer_client.post(
        add_url(course, LessonPage), lesson_form("Pierwsza lekcja", "Treść lekcji.")
    )
    assert response.status_code == HTTPStatus.FOUND
    lesson = LessonPage.objects.child_of(course).get()
    assert not lesson.live
    assert "Treść lekcji." in str(lesson.get_latest_revision_as_object().body)


def test_trainer_previews_their_lesson_as_a_learner_would(trainer_client, catalogue):
    course = create_course(trainer_client, catalogue, "Kurs z podglądem")
    trainer_client.post(add_url(course, LessonPage), lesson_form("Lekcja A", "Widać mnie."))
    lesson = LessonPage.objects.child_of(course).get()

    response = trainer_client.get(reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]))

    assert response.status_code == HTTPStatus.OK
    assert "Widać mnie." in response.content.decode()


def test_a_trainer_cannot_take_themselves_off_their_course(trainer, trainer_client, catalogue):
    course = create_course(trainer_client, catalogue, "Kurs na stałe")

    edit(trainer_client, course, course_form("Kurs na stałe", slug=course.slug, trainers=[]))

    assert course.get_latest_revision().content["trainers"] == [trainer.pk]
    assert course.permissions_for_user(trainer).can_edit()


def test_a_trainer_never_publishes(trainer_client, catalogue):
    response = trainer_client.post(
        add_url(catalogue, CoursePage), course_form("Kurs od razu", **{"action-publish": "on"})
    )
    course = CoursePage.objects.get(title="Kurs od razu")
    edited = edit(trainer_client, course, course_form("Kurs od razu", slug=course.slug))
    published = edit(
        trainer_client,
        course,
        course_form("Kurs od razu – poprawiony", slug=course.slug, **{"action-publish": "on"}),
    )

    assert response.status_code == HTTPStatus.FOUND
    assert edited.status_code == published.status_code == HTTPStatus.FOUND
    course.refresh_from_db()
    assert not course.live
    assert course.draft_title == "Kurs od razu – poprawiony"  # saved as a draft, nothing more
    assert not CoursePage.objects.live().filter(pk=course.pk).exists()


# --- Other trainers' courses -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:workflow_history",
        "wagtailadmin_pages:usage",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:copy",
        "wagtailadmin_explore",
    ],
)
def test_another_trainers_draft_does_not_exist_for_a_trainer(
    trainer_client, other_trainer, catalogue, url_name
):
    course, lesson = draft_of(other_trainer)

    for page in (course, lesson):
        response = trainer_client.get(reverse(url_name, args=[page.pk]))
        assert response.status_code == HTTPStatus.NOT_FOUND, (url_name, page)


def test_another_trainers_draft_cannot_be_previewed_added_to_or_browsed(
    trainer_client, other_trainer, catalogue
):
    course, lesson = draft_of(other_trainer)
    revision = lesson.get_latest_revision()

    responses = [
        trainer_client.get(
            reverse("wagtailadmin_pages:revisions_view", args=[lesson.pk, revision.pk])
        ),
        trainer_client.post(
            reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk]),
            lesson_form("Podgląd", "x"),
        ),
        trainer_client.post(add_url(course, LessonPage), lesson_form("Wtrącona lekcja", "x")),
        trainer_client.get(reverse("wagtailadmin_choose_page_child", args=[course.pk])),
        trainer_client.get(reverse("wagtailadmin_api:pages:detail", args=[course.pk])),
    ]

    assert [r.status_code for r in responses] == [HTTPStatus.NOT_FOUND] * len(responses)
    assert not LessonPage.objects.filter(title="Wtrącona lekcja").exists()


def test_another_trainers_draft_is_absent_from_listings_search_and_choosers(
    trainer_client, other_trainer, catalogue, django_assert_max_num_queries
):
    draft_of(other_trainer, title="Zakryty szkic")
    published = factories.course(title="Jawny kurs innego trenera")
    mine = create_course(trainer_client, catalogue, "Mój szkic")

    with django_assert_max_num_queries(60):
        listing = trainer_client.get(reverse("wagtailadmin_explore", args=[catalogue.pk]))
    search = trainer_client.get(reverse("wagtailadmin_pages:search"), {"q": "szkic"})
    search_lessons = trainer_client.get(reverse("wagtailadmin_pages:search"), {"q": "Cudza"})
    chooser = trainer_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "szkic"})
    chooser_tree = trainer_client.get(
        reverse("wagtailadmin_choose_page_child", args=[catalogue.pk])
    )
    api = trainer_client.get(
        reverse("wagtailadmin_api:pages:listing"), {"child_of": catalogue.pk, "limit": 20}
    )
    courses_of_type = trainer_client.get(
        reverse("wagtailadmin_pages:type_use", args=["courses", "coursepage"])
    )
    history = trainer_client.get(reverse("wagtailadmin_reports:site_history"))

    for response in (listing, search, chooser, chooser_tree, courses_of_type, history):
        html = response.content.decode()
        assert response.status_code == HTTPStatus.OK
        assert "Zakryty szkic" not in html
    assert "Mój szkic" in listing.content.decode()
    assert "Mój szkic" in courses_of_type.content.decode()
    assert "Jawny kurs innego trenera" in listing.content.decode()  # published: read-only
    assert "Mój szkic" in search.content.decode()
    assert "Cudza lekcja" not in search_lessons.content.decode()
    titles = {item["title"] for item in json.loads(api.content)["items"]}
    assert {mine.title, published.title} <= titles
    assert "Zakryty szkic" not in titles


def test_a_trainer_edits_the_copy_of_their_course(trainer, trainer_client, catalogue):
    course = create_course(trainer_client, catalogue, "Kurs oryginalny")

    response = trainer_client.post(
        reverse("wagtailadmin_pages:copy", args=[course.pk]),
        {
            "new_title": "Kurs kopia",
            "new_slug": "kurs-kopia",
            "new_parent_page": catalogue.pk,
            "copy_subpages": "on",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    copy = CoursePage.objects.get(title="Kurs kopia")
    assert not copy.live
    assert copy.permissions_for_user(trainer).can_edit()
    edit_page = trainer_client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk]))
    assert edit_page.status_code == HTTPStatus.OK


def test_another_trainers_published_course_is_read_only(trainer, trainer_client, catalogue):
    course = factories.course(title="Kurs innego trenera")
    lesson = LessonPage.objects.child_of(course).first()

    explore = trainer_client.get(reverse("wagtailadmin_explore", args=[course.pk]))
    refused = [
        trainer_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])),
        trainer_client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])),
        trainer_client.post(add_url(course, LessonPage), lesson_form("Dopisana lekcja", "x")),
        trainer_client.get(reverse("wagtailadmin_pages:history", args=[course.pk])),
    ]

    assert explore.status_code == HTTPStatus.OK
    assert "Lekcja 1" in explore.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) not in explore.content.decode()
    for response in refused:  # Wagtail's "no permission": back to the dashboard, nothing done
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == reverse("wagtailadmin_home")
    assert not LessonPage.objects.filter(title="Dopisana lekcja").exists()
    assert not course.permissions_for_user(trainer).can_delete()


def test_a_trainer_reports_only_on_learners_of_their_own_courses(
    trainer, trainer_client, catalogue
):
    own = factories.course(title="Kurs trenerki", lessons=1, quiz=False)
    own.trainers.add(trainer)
    own.save_revision().publish()
    services.sync_course_trainers(course=own)
    other = factories.course(title="Kurs cudzy", lessons=1, quiz=False)
    mine = UserFactory(last_name="Moja-Kursantka", roles=[Role.LEARNER])
    theirs = UserFactory(last_name="Cudza-Kursantka", roles=[Role.LEARNER])
    services.enrol(user=mine, course=own)
    services.enrol(user=theirs, course=other)
    create_course(trainer_client, catalogue, "Nowy szkic trenerki")  # authoring adds no learners

    report = trainer_client.get(reverse("reports_completion")).content.decode()
    export = trainer_client.get(reverse("reports_completion"), {"export": "csv"})
    csv_text = b"".join(export.streaming_content).decode("utf-8-sig")

    assert "Moja-Kursantka" in report
    assert "Cudza-Kursantka" not in report
    assert "Moja-Kursantka" in csv_text
    assert "Cudza-Kursantka" not in csv_text
    assert Enrolment.objects.count() == 2


# --- Moderation --------------------------------------------------------------------------------


def submitted_course(client, catalogue, title):
    """A trainer's course with a lesson (what the pre-submission checklist asks for), sent to
    moderation."""
    course = create_course(client, catalogue, title)
    client.post(add_url(course, LessonPage), lesson_form("Lekcja kursu", "Treść."))
    edit(client, course, course_form(title, slug=course.slug, **{"action-submit": "on"}))
    course.refresh_from_db()
    assert course.workflow_in_progress
    return course


def workflow_action(client, course, action, comment=""):
    task_state = course.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[course.pk, action, task_state.pk]),
        {"comment": comment},
    )


def test_submit_reject_with_comment_resubmit_approve(
    trainer, trainer_client, catalogue, admin_user, admin_client
):
    course = create_course(trainer_client, catalogue, "Kurs do moderacji")
    trainer_client.post(add_url(course, LessonPage), lesson_form("Lekcja kursu", "Treść."))
    edit(
        trainer_client,
        course,
        course_form("Kurs do moderacji", slug=course.slug, **{"action-submit": "on"}),
    )
    assert course.workflow_in_progress
    assert course.current_workflow_state.requested_by == trainer
    mail.outbox.clear()

    workflow_action(admin_client, course, "reject", comment="Dodaj test końcowy, proszę.")

    course.refresh_from_db()
    assert course.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not course.live
    (rejection,) = [message for message in mail.outbox if trainer.email in message.to]
    assert "odrzucona" in rejection.subject
    assert "Kurs do moderacji" in rejection.subject
    assert "Dodaj test końcowy, proszę." in rejection.body
    assert "Dodaj test końcowy, proszę." in rejection.alternatives[0].content
    assert ">Centrum Kompetencji</div>" in rejection.alternatives[0].content  # not Wagtail's header
    assert "email-header.jpg" not in rejection.alternatives[0].content
    mail.outbox.clear()

    edit(
        trainer_client,
        course,
        course_form("Kurs do moderacji", slug=course.slug, **{"action-submit": "on"}),
    )
    course.refresh_from_db()
    assert course.workflow_in_progress
    admin_notified = [message for message in mail.outbox if admin_user.email in message.to]
    assert admin_notified  # the administrators hear of the resubmission
    mail.outbox.clear()

    lesson = LessonPage.objects.child_of(course).get()
    edit(
        trainer_client,
        lesson,
        lesson_form("Lekcja kursu", "Dopisane po wysłaniu.", slug=lesson.slug),
    )

    workflow_action(admin_client, course, "approve")

    course.refresh_from_db()
    assert course.live
    assert list(course.trainers.all()) == [trainer]  # the published revision keeps its trainer
    # The course's lesson, a draft until now, goes live with it, as it was when submitted (the
    # edit made after the submission, which the reviewer has not seen, stays a draft).
    lesson = LessonPage.objects.child_of(course).live().get()
    assert "Treść." in str(lesson.body)
    assert lesson.has_unpublished_changes
    assert "Dopisane po wysłaniu." in str(lesson.get_latest_revision_as_object().body)
    (approval,) = [message for message in mail.outbox if trainer.email in message.to]
    assert "została zaakceptowana" in approval.body
    assert CoursePage.objects.live().filter(pk=course.pk).exists()


def test_an_administrator_without_superuser_rights_reviews_a_trainers_draft(
    trainer_client, catalogue
):
    course = submitted_course(trainer_client, catalogue, "Kurs do oceny")
    reviewer = client_of(UserFactory(roles=[Role.ADMINISTRATOR]))

    opened = reviewer.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    workflow_action(reviewer, course, "approve")

    assert opened.status_code == HTTPStatus.OK
    course.refresh_from_db()
    assert course.live


def test_moderation_mail_is_polish_even_when_the_reviewer_works_in_english(
    trainer, trainer_client, catalogue, admin_user, admin_client
):
    course = submitted_course(trainer_client, catalogue, "Kurs po polsku")
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    mail.outbox.clear()

    workflow_action(admin_client, course, "reject", comment="Popraw tytuł.")

    (rejection,) = [message for message in mail.outbox if trainer.email in message.to]
    assert "Strona" in rejection.subject
    assert "Poniższy komentarz" in rejection.body
    assert "Popraw tytuł." in rejection.body


# --- The trainer's dashboard and the demo ------------------------------------------------------


def test_the_trainers_dashboard_lists_their_courses_with_their_state(
    trainer, trainer_client, catalogue, django_assert_max_num_queries
):
    create_course(trainer_client, catalogue, "Kurs w szkicu")
    submitted_course(trainer_client, catalogue, "Kurs czekający")
    published = factories.course(title="Kurs opublikowany")
    published.trainers.add(trainer)
    published.save_revision().publish()
    factories.course(title="Kurs kogoś innego")

    # 49: with the knowledge base's panel and menu item (two queries on a cold cache).
    with django_assert_max_num_queries(49):
        response = trainer_client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    panel = html[html.index('id="my-courses-section"') :]
    assert "Twoje kursy" in html
    for title, state in [
        ("Kurs w szkicu", "szkic"),
        ("Kurs czekający", "w moderacji"),
        ("Kurs opublikowany", "opublikowany"),
    ]:
        row = panel[panel.index(title) :].split("</tr>")[0]
        assert state in row, (title, row)
    assert "Kurs kogoś innego" not in panel
    assert add_url(catalogue, CoursePage) in panel


def test_administrators_and_coordinators_get_no_trainer_panel(admin_client, coordinator_a):
    assert (
        'id="my-courses-section"'
        not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )
    coordinator = client_of(coordinator_a)
    assert (
        'id="my-courses-section"'
        not in coordinator.get(reverse("wagtailadmin_home")).content.decode()
    )
