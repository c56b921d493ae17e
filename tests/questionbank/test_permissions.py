"""Who sees and manages which pools and questions: a trainer their courses' pools and the
thematic-area pools they created, in every listing, chooser, export and object URL; the
administrator everything; coordinators and learners nothing."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.permissions import policy_registry

from courses.questionbank.models import Question, QuestionPool
from tests.admin_access import assert_sent_to_admin_login
from tests.questionbank.world import client_of

pytestmark = pytest.mark.django_db

POOLS = "wagtailsnippets_questionbank_questionpool"
QUESTIONS = "wagtailsnippets_questionbank_question"
POOL_CHOOSER = "wagtailsnippetchoosers_questionbank_questionpool"
QUESTION_CHOOSER = "wagtailsnippetchoosers_questionbank_question"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def names_in(response, *names):
    text = response.content.decode()
    return {name for name in names if name in text}


ALL_POOLS = ("Pula kursu A", "Pula obszaru A", "Pula kursu B", "Pula obszaru B")
ALL_QUESTIONS = ("Pytanie kursu A", "Pytanie obszaru A", "Pytanie kursu B", "Pytanie obszaru B")


def test_trainer_lists_only_their_pools_and_questions(bank):
    pools = bank.a.client.get(reverse(f"{POOLS}:list"))
    questions = bank.a.client.get(reverse(f"{QUESTIONS}:list"))

    assert pools.status_code == HTTPStatus.OK
    assert names_in(pools, *ALL_POOLS) == {"Pula kursu A", "Pula obszaru A"}
    assert names_in(questions, *ALL_QUESTIONS) == {"Pytanie kursu A", "Pytanie obszaru A"}


def test_administrator_lists_every_pool(bank, admin_client):
    pools = admin_client.get(reverse(f"{POOLS}:list"))
    questions = admin_client.get(reverse(f"{QUESTIONS}:list"))

    assert names_in(pools, *ALL_POOLS) == set(ALL_POOLS)
    assert names_in(questions, *ALL_QUESTIONS) == set(ALL_QUESTIONS)


def test_a_trainer_added_to_a_course_sees_its_pool(bank):
    bank.b.course.trainers.add(bank.a.trainer)
    bank.b.course.save()

    pools = bank.a.client.get(reverse(f"{POOLS}:list"))

    # Course B's pool now; trainer B's own thematic-area pool still not.
    assert names_in(pools, *ALL_POOLS) == {"Pula kursu A", "Pula obszaru A", "Pula kursu B"}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (f"{POOLS}:edit", "pool"),
        (f"{POOLS}:edit", "area_pool"),
        (f"{POOLS}:delete", "pool"),
        (f"{POOLS}:delete", "area_pool"),
        (f"{POOLS}:history", "pool"),
        (f"{POOLS}:usage", "pool"),
        (f"{POOLS}:statistics", "pool"),
        (f"{POOLS}:statistics_results", "area_pool"),
        (f"{QUESTIONS}:edit", "question"),
        (f"{QUESTIONS}:edit", "area_question"),
        (f"{QUESTIONS}:copy", "question"),
        (f"{QUESTIONS}:delete", "question"),
        (f"{QUESTIONS}:history", "area_question"),
        (f"{QUESTIONS}:usage", "question"),
        (f"{POOL_CHOOSER}:chosen", "pool"),
        (f"{QUESTION_CHOOSER}:chosen", "question"),
    ],
)
def test_another_trainers_pool_or_question_does_not_exist_for_a_trainer(bank, name, key):
    theirs = getattr(bank.b, key)
    mine = getattr(bank.a, key)

    refused = bank.a.client.get(reverse(name, args=[theirs.pk]))
    allowed = bank.a.client.get(reverse(name, args=[mine.pk]))

    assert refused.status_code == HTTPStatus.NOT_FOUND
    assert allowed.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)  # delete refusal: a redirect


def test_a_trainer_cannot_post_changes_to_another_trainers_objects(bank):
    edit = bank.a.client.post(
        reverse(f"{POOLS}:edit", args=[bank.b.pool.pk]), {"name": "Przejęta", "course": ""}
    )
    delete = bank.a.client.post(reverse(f"{QUESTIONS}:delete", args=[bank.b.area_question.pk]))

    assert (edit.status_code, delete.status_code) == (HTTPStatus.NOT_FOUND, HTTPStatus.NOT_FOUND)
    assert QuestionPool.objects.get(pk=bank.b.pool.pk).name == "Pula kursu B"
    assert Question.objects.filter(pk=bank.b.area_question.pk).exists()


def test_choosers_offer_only_the_trainers_own_pools_and_questions(bank):
    pools = bank.a.client.get(reverse(f"{POOL_CHOOSER}:choose"), **XHR)
    questions = bank.a.client.get(reverse(f"{QUESTION_CHOOSER}:choose_results"), **XHR)
    chosen = bank.a.client.get(reverse(f"{QUESTION_CHOOSER}:chosen", args=[bank.a.question.pk]))

    assert names_in(pools, *ALL_POOLS) == {"Pula kursu A", "Pula obszaru A"}
    assert names_in(questions, *ALL_QUESTIONS) == {"Pytanie kursu A", "Pytanie obszaru A"}
    assert chosen.json()["result"]["string"] == "Pytanie kursu A"


def test_the_question_chooser_filters_by_pool_and_name(bank):
    url = reverse(f"{QUESTION_CHOOSER}:choose_results")

    by_pool = bank.a.client.get(url, {"pool": bank.a.area_pool.pk}, **XHR)
    by_name = bank.a.client.get(url, {"q": "kursu"}, **XHR)
    someone_elses_pool = bank.a.client.get(url, {"pool": bank.b.pool.pk}, **XHR)

    assert names_in(by_pool, *ALL_QUESTIONS) == {"Pytanie obszaru A"}
    assert names_in(by_name, *ALL_QUESTIONS) == {"Pytanie kursu A"}
    # An id of someone else's pool is not a valid choice: the filter is ignored, scope kept.
    assert names_in(someone_elses_pool, *ALL_QUESTIONS) == {"Pytanie kursu A", "Pytanie obszaru A"}


def test_the_pools_export_holds_only_the_trainers_pools(bank):
    response = bank.a.client.get(reverse(f"{POOLS}:list"), {"export": "csv"})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Nazwa", "Kurs", "Obszar tematyczny", "Liczba pytań", "Opis"]
    assert sorted(row[0] for row in rows[1:]) == ["Pula kursu A", "Pula obszaru A"]


def test_listing_filters_offer_only_the_trainers_courses_pools_and_tags(bank):
    pools = bank.a.client.get(reverse(f"{POOLS}:list"))
    questions = bank.a.client.get(reverse(f"{QUESTIONS}:list"))

    assert "Kurs A" in pools.content.decode()
    assert "Kurs B" not in pools.content.decode()
    assert "tag-A" in questions.content.decode()
    assert "tag-B" not in questions.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        f"{POOLS}:list",
        f"{POOLS}:add",
        f"{QUESTIONS}:list",
        f"{QUESTIONS}:add",
        f"{POOL_CHOOSER}:choose",
        f"{QUESTION_CHOOSER}:choose",
    ],
)
def test_coordinators_are_refused_the_bank(bank, coordinator, name):
    client = client_of(coordinator)

    response = client.get(reverse(name))
    ajax = client.get(reverse(name), **XHR)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")
    assert ajax.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize(
    ("name", "key"),
    [(f"{POOLS}:edit", "pool"), (f"{POOLS}:statistics", "pool"), (f"{QUESTIONS}:edit", "question")],
)
def test_coordinators_cannot_open_a_pool_or_a_question(bank, coordinator, name, key):
    response = client_of(coordinator).get(reverse(name, args=[getattr(bank.a, key).pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")


def test_learners_are_sent_to_the_admin_login(bank, learner_client):
    path = reverse(f"{POOLS}:list")

    assert_sent_to_admin_login(learner_client.get(path), path)


def test_the_bank_menu_is_shown_to_trainers_only(bank, coordinator):
    trainer_home = bank.a.client.get(reverse("wagtailadmin_home")).content.decode()
    coordinator_home = client_of(coordinator).get(reverse("wagtailadmin_home")).content.decode()

    # The sidebar is JSON in the page (non-ASCII letters escaped).
    assert "Bank pyta\\u0144" in trainer_home
    assert "Bank pyta" not in coordinator_home


def test_the_permission_policies_answer_per_object(bank, admin_user):
    pools = policy_registry.get_by_type(QuestionPool)
    questions = policy_registry.get_by_type(Question)

    assert pools.user_has_permission_for_instance(bank.a.trainer, "change", bank.a.area_pool)
    assert not pools.user_has_permission_for_instance(bank.a.trainer, "delete", bank.b.pool)
    assert not questions.user_has_permission_for_instance(bank.a.trainer, "change", bank.b.question)
    assert set(pools.users_with_any_permission_for_instance(["change"], bank.a.pool)) == {
        bank.a.trainer,
        admin_user,
    }
    assert set(questions.instances_user_has_permission_for(bank.b.trainer, "change")) == {
        bank.b.question,
        bank.b.area_question,
    }
