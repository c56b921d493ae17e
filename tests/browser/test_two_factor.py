"""The two-factor set-up a trainer meets after the password, in Chromium, checked with axe-core."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.users.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.mfa.helpers import code_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_trainer_sets_up_the_authenticator_app_on_accessible_pages(
    page, sign_in, assert_accessible, settings
):
    settings.TWO_FACTOR_ENFORCED = True
    trainer = UserFactory(email="trener@gmina.example", roles=[Role.TRAINER])

    sign_in(trainer.email, PASSWORD)
    page.goto("/admin/")

    page.wait_for_url(re.compile(r".*/konto/weryfikacja-dwuetapowa/konfiguracja/.*"))
    assert page.get_by_role("heading", level=1).inner_text() == "Włącz weryfikację dwuetapową"
    assert page.locator("svg.segno").is_visible()
    assert page.get_by_role("button", name="Dodaj klucz dostępu").is_visible()
    assert_accessible(page)

    page.get_by_label("Kod").fill(code_for(TOTPDevice.objects.get(user=trainer), steps=5))
    page.get_by_role("button", name="Potwierdź i włącz").click()
    assert "Ten kod jest nieprawidłowy" in page.locator(".field__errors").inner_text()
    assert_accessible(page)

    TOTPDevice.objects.filter(user=trainer).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )
    page.get_by_label("Kod").fill(code_for(TOTPDevice.objects.get(user=trainer)))
    page.get_by_role("button", name="Potwierdź i włącz").click()

    assert page.locator("#recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("przejdź dalej")).click()
    page.wait_for_url(re.compile(r".*/admin/$"))
