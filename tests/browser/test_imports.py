"""The staff import in Chromium: a coordinator uploads a cp1250 file exported from a Polish
office, reads the preview, confirms, and the pages pass axe-core."""

import pytest

from courses.models import Assignment
from lms.users.models import User
from lms.users.roles import Role
from tests import factories
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_coordinator_imports_a_cp1250_file(
    page, sign_in, units, assert_accessible, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    gmina_a = units[0]
    gmina_a.code = "2204011"
    gmina_a.save(update_fields=["code"])
    course = factories.course(title="Obsługa cudzoziemców", lessons=1, quiz=False, mode="assigned")
    coordinator = UserFactory(
        email="koordynatorka@a.example", unit=gmina_a, roles=[Role.COORDINATOR]
    )
    coordinator.coordinated_units.add(gmina_a)
    sign_in(coordinator.email, PASSWORD)
    upload = tmp_path / "pracownicy.csv"
    upload.write_bytes(
        "E-mail;Imię;Nazwisko;Kod jednostki;Stanowisko;Kursy\r\n"
        "lucja@a.example;Łucja;Żółkiewska-Ślęzak;2204011;Referentka;Obsługa cudzoziemców\r\n".encode(
            "cp1250"
        )
    )

    page.goto("/admin/import-pracownikow/")
    assert_accessible(page)
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="Wczytaj i pokaż podgląd").click()

    page.get_by_text("Żółkiewska-Ślęzak").first.wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Zatwierdź import").click()
    page.wait_for_load_state()

    person = User.objects.get(email="lucja@a.example")
    assert (person.first_name, person.last_name) == ("Łucja", "Żółkiewska-Ślęzak")
    assert Assignment.objects.filter(user=person, course=course).exists()
